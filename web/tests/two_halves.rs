//! The web crate has two halves: the page (`src/page/`, what the person sees) and the vault
//! (`src/vault/`, the worker that holds the keys). They talk only through `protocol` messages;
//! the shared modules (`protocol`, `api`, `i18n`) belong to neither. This test reads the
//! sources and fails on any path from one half into the other.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `source` names module `other` of the crate.
fn names_module(source: &str, other: &str) -> bool {
    source.contains(&format!("crate::{other}"))
}

/// Every file under `half` that names a module of one of `others`.
fn crossings(half: &str, others: &[&str]) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join(half), &mut files);
    assert!(!files.is_empty(), "no sources under src/{half}");
    let mut found = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("read");
        for other in others {
            if names_module(&source, other) {
                found.push(format!("{} names crate::{other}", file.display()));
            }
        }
    }
    found
}

#[test]
fn the_page_and_the_vault_meet_only_through_the_protocol() {
    let mut found = crossings("page", &["vault"]);
    found.extend(crossings("vault", &["page"]));
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_shared_modules_belong_to_neither_half() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for shared in ["protocol.rs", "api.rs", "i18n.rs"] {
        let source = std::fs::read_to_string(src.join(shared)).expect("read");
        for half in ["page", "vault"] {
            assert!(!names_module(&source, half), "{shared} names crate::{half}");
        }
    }
}

#[test]
fn the_check_sees_a_crossing() {
    assert!(names_module("use crate::vault::OpenKey;", "vault"));
    assert!(names_module("crate::page::state::tr(keys::SAVE)", "page"));
    assert!(!names_module("use crate::protocol::Command;", "vault"));
}
