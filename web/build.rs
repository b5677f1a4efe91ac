//! Turns `locales/*.ftl` into the app's catalogue:
//! - every file becomes a language (adding a language is adding one file);
//! - `fr.ftl` is the reference: every other file must define exactly its messages, and every
//!   file must parse without errors, or the build fails;
//! - each message id becomes a constant in `keys`, so a key the code uses but no file defines is
//!   a compile error, not a blank on screen;
//! - the default language is built into the bundle; every other file is served beside it and
//!   fetched when chosen, checked against the SHA-256 written here (Subresource Integrity).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use fluent_syntax::ast::{Entry, PatternElement};
use sha2::{Digest, Sha256};

const REFERENCE: &str = "fr";
/// The order of the language menu for Brussels; any other file follows, by code.
const FIRST: &[&str] = &["fr", "nl", "en", "ar"];

/// What the build needs of one `.ftl` file, read and parsed once.
struct Locale {
    /// Every message id.
    ids: BTreeSet<String>,
    /// The language's name in itself (`language-name`).
    name: String,
    /// Written right to left (`language-direction = rtl`).
    rtl: bool,
    /// `sha256-…` of the file, as the browser checks it.
    integrity: String,
}

fn read_locale(path: &Path) -> Locale {
    let source = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
    let mut ids = BTreeSet::new();
    // The name and direction are shown by the language menu before any file is fetched: plain
    // text only.
    let plain = |id: &str, message: &fluent_syntax::ast::Message<&str>| match message
        .value
        .as_ref()
        .map(|p| p.elements.as_slice())
    {
        Some([PatternElement::TextElement { value }]) => value.trim().to_owned(),
        _ => panic!("{}: `{id}` must be plain text", path.display()),
    };
    let (mut name, mut direction) = (None, None);
    for entry in &resource.body {
        match entry {
            Entry::Message(message) if !ids.insert(message.id.name.to_owned()) => {
                panic!("{}: `{}` is defined twice", path.display(), message.id.name);
            }
            Entry::Message(message) if message.id.name == "language-name" => {
                name = Some(plain("language-name", message));
            }
            Entry::Message(message) if message.id.name == "language-direction" => {
                direction = Some(plain("language-direction", message));
            }
            Entry::Junk { content } => panic!("{}: cannot parse `{content}`", path.display()),
            _ => {}
        }
    }
    let name = name.unwrap_or_else(|| panic!("{}: `language-name` is missing", path.display()));
    let rtl = match direction.as_deref() {
        Some("ltr") => false,
        Some("rtl") => true,
        _ => panic!("{}: language-direction must be ltr or rtl", path.display()),
    };
    let digest = Sha256::digest(source.as_bytes());
    Locale {
        ids,
        name,
        rtl,
        integrity: format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(digest)
        ),
    }
}

fn const_name(id: &str) -> String {
    id.replace('-', "_").to_uppercase()
}

fn main() {
    let dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir")).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("locales directory")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
        .map(|path| {
            let code = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("file name")
                .to_owned();
            (code, path)
        })
        .collect();
    // The reference (default) language first, then Brussels' order, then the others by code.
    files.sort_by_key(|(code, _)| {
        let rank = FIRST.iter().position(|c| c == code).unwrap_or(FIRST.len());
        (code != REFERENCE, rank, code.clone())
    });
    assert!(
        files.first().is_some_and(|(code, _)| code == REFERENCE),
        "locales/{REFERENCE}.ftl (the reference) is missing"
    );

    let locales: Vec<Locale> = files
        .iter()
        .map(|(_, path)| {
            println!("cargo:rerun-if-changed={}", path.display());
            read_locale(path)
        })
        .collect();
    let reference = &locales[0].ids;
    for ((code, _), locale) in files.iter().zip(&locales) {
        let missing: Vec<_> = reference.difference(&locale.ids).collect();
        let extra: Vec<_> = locale.ids.difference(reference).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "locales/{code}.ftl differs from {REFERENCE}.ftl: missing {missing:?}, not in the reference {extra:?}"
        );
    }

    let mut out = String::from(
        "/// Every language of the interface, the default first.\npub static LOCALES: &[LocaleInfo] = &[\n",
    );
    for ((code, _), locale) in files.iter().zip(&locales) {
        writeln!(
            out,
            "    LocaleInfo {{ code: {code:?}, name: {:?}, rtl: {}, integrity: {:?} }},",
            locale.name, locale.rtl, locale.integrity,
        )
        .expect("write");
    }
    writeln!(
        out,
        "];\n\n/// The default language's messages, built in.\npub static DEFAULT_SOURCE: &str = include_str!({:?});\n",
        files[0].1.display().to_string()
    )
    .expect("write");
    out.push_str(
        "/// Every language's messages (native builds: tests and tools; the page fetches them).\n\
         #[cfg(not(target_arch = \"wasm32\"))]\npub static ALL_SOURCES: &[(&str, &str)] = &[\n",
    );
    for (code, path) in &files {
        writeln!(
            out,
            "    ({code:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("write");
    }
    out.push_str(
        "];\n\n/// Every message id, as a constant.\n#[allow(dead_code)]\npub mod keys {\n",
    );
    for id in reference {
        writeln!(out, "    pub const {}: &str = {id:?};", const_name(id)).expect("write");
    }
    out.push_str(
        "}\n\n/// Every message id.\n#[allow(dead_code)]\npub static ALL_KEYS: &[&str] = &[\n",
    );
    for id in reference {
        writeln!(out, "    {id:?},").expect("write");
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var("OUT_DIR").expect("out dir")).join("catalogue.rs");
    std::fs::write(target, out).expect("write catalogue");
}
