//! `pde-precompress <dir>`: beside each file of the built web bundle that compresses, writes
//! `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, best). pde-server sends one of them to
//! a browser that accepts it. The page is `no-store`, so every visit downloads the whole bundle
//! again: compressing it once, at build time, beats compressing it on every request.
//!
//! Run by `cargo xtask web` (xtask itself stays std-only, to build fast on a fresh machine).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The bundle's kinds of files: text and WebAssembly, all of which compress.
const EXTENSIONS: &[&str] = &["html", "js", "css", "wasm", "ftl"];

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: pde-precompress <web bundle directory>");
        return ExitCode::from(2);
    };
    match precompress_dir(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pde-precompress: {}: {error}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn precompress_dir(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let wanted = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| EXTENSIONS.contains(&ext));
        if wanted && path.is_file() {
            precompress_file(&path)?;
        }
    }
    Ok(())
}

fn precompress_file(path: &Path) -> std::io::Result<()> {
    let raw = std::fs::read(path)?;
    write_if_smaller(&sibling(path, "br"), &brotli(&raw)?, raw.len())?;
    write_if_smaller(&sibling(path, "gz"), &gzip(&raw)?, raw.len())
}

/// `pde_web_bg.wasm` → `pde_web_bg.wasm.br`.
fn sibling(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// Writes the compressed copy, or removes a stale one when compressing doesn't pay (the server
/// then sends the file as it is).
fn write_if_smaller(path: &Path, compressed: &[u8], raw_len: usize) -> std::io::Result<()> {
    if compressed.len() < raw_len {
        std::fs::write(path, compressed)
    } else {
        match std::fs::remove_file(path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }
}

fn brotli(raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        // A 4 MiB window: larger than the whole bundle, and within what every browser decodes.
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params)?;
    Ok(out)
}

fn gzip(raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(raw)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn writes_copies_that_decode_to_the_file_and_skips_what_does_not_compress() {
        let dir = std::env::temp_dir().join(format!("pde-precompress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let text = "bonjour le porte-documents ".repeat(200);
        std::fs::write(dir.join("fr.ftl"), &text).expect("write");
        // Two bytes never shrink: no copy, and a stale copy is removed.
        std::fs::write(dir.join("tiny.js"), "{}").expect("write");
        std::fs::write(dir.join("tiny.js.br"), "stale").expect("write");
        std::fs::write(dir.join("notes.txt"), &text).expect("write");

        precompress_dir(&dir).expect("precompress");

        let mut from_br = Vec::new();
        brotli::BrotliDecompress(
            &mut &std::fs::read(dir.join("fr.ftl.br")).expect("br")[..],
            &mut from_br,
        )
        .expect("brotli decodes");
        assert_eq!(from_br, text.as_bytes());
        let mut from_gz = Vec::new();
        flate2::read::GzDecoder::new(&std::fs::read(dir.join("fr.ftl.gz")).expect("gz")[..])
            .read_to_end(&mut from_gz)
            .expect("gzip decodes");
        assert_eq!(from_gz, text.as_bytes());
        assert!(!dir.join("tiny.js.br").exists());
        assert!(!dir.join("tiny.js.gz").exists());
        assert!(
            !dir.join("notes.txt.br").exists(),
            "only the bundle's kinds of files"
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
