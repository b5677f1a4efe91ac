//! Looks for a canary in everything the server wrote: raw bytes, hex, and base64 at every
//! alignment.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use base64::Engine;

/// The encodings of `canary` to look for. For base64, a canary starting at any offset modulo 3
/// encodes to one of three strings once the characters touched by its neighbours are dropped.
pub fn encodings(canary: &[u8]) -> Vec<Vec<u8>> {
    let mut needles = vec![
        canary.to_vec(),
        hex::encode(canary).into_bytes(),
        hex::encode_upper(canary).into_bytes(),
    ];
    for engine in [&STANDARD, &URL_SAFE] {
        for offset in 0..3 {
            let mut shifted = vec![0u8; offset];
            shifted.extend_from_slice(canary);
            let encoded = engine.encode(&shifted);
            // Characters fully determined by the canary's bytes only.
            let first = (offset * 4).div_ceil(3);
            let last = ((offset + canary.len()) * 4) / 3;
            if last > first + 8 {
                needles.push(encoded.as_bytes()[first..last].to_vec());
            }
        }
    }
    needles
}

/// Every file under `root`, recursively.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// Where (name of the place) a canary encoding was found, if anywhere.
pub fn find_canary(haystack: &[u8], canary: &[u8]) -> Option<String> {
    encodings(canary).into_iter().find_map(|needle| {
        haystack
            .windows(needle.len())
            .position(|window| window == needle.as_slice())
            .map(|at| format!("{} at byte {at}", String::from_utf8_lossy(&needle)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_encoding_at_every_alignment() {
        let canary = b"pde-canary-0123456789abcdef";
        for prefix in 0..3 {
            let mut data = vec![b'x'; prefix];
            data.extend_from_slice(canary);
            data.extend_from_slice(b"yy");
            for encoded in [
                STANDARD.encode(&data),
                URL_SAFE.encode(&data),
                hex::encode(&data),
            ] {
                let haystack = format!("junk {encoded} junk");
                assert!(
                    find_canary(haystack.as_bytes(), canary).is_some(),
                    "{prefix} {encoded}"
                );
            }
        }
        assert!(find_canary(b"nothing here", canary).is_none());
    }
}
