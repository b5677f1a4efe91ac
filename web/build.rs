//! Turns `locales/*.ftl` into the app's catalogue:
//! - every file becomes a language (adding a language is adding one file);
//! - `fr.ftl` is the reference: every other file must define exactly its messages, and every
//!   file must parse without errors, or the build fails;
//! - each message id becomes a constant in `keys`, so a key the code uses but no file defines is
//!   a compile error, not a blank on screen.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::Entry;

const REFERENCE: &str = "fr";
/// The order of the language menu for Brussels; any other file follows, by code.
const FIRST: &[&str] = &["fr", "nl", "en", "ar"];

fn message_ids(path: &Path) -> BTreeSet<String> {
    let source = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
    let mut ids = BTreeSet::new();
    for entry in resource.body {
        match entry {
            Entry::Message(message) if !ids.insert(message.id.name.to_owned()) => {
                panic!("{}: `{}` is defined twice", path.display(), message.id.name);
            }
            Entry::Junk { content } => panic!("{}: cannot parse `{content}`", path.display()),
            _ => {}
        }
    }
    ids
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

    let reference = message_ids(&files[0].1);
    for (code, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let ids = message_ids(path);
        let missing: Vec<_> = reference.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&reference).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "locales/{code}.ftl differs from {REFERENCE}.ftl: missing {missing:?}, not in the reference {extra:?}"
        );
    }

    let mut out =
        String::from("/// Every language: (code, Fluent source). The first is the default.\n");
    out.push_str("pub static LOCALES: &[(&str, &str)] = &[\n");
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
    for id in &reference {
        writeln!(out, "    pub const {}: &str = {id:?};", const_name(id)).expect("write");
    }
    out.push_str(
        "}\n\n/// Every message id.\n#[allow(dead_code)]\npub static ALL_KEYS: &[&str] = &[\n",
    );
    for id in &reference {
        writeln!(out, "    {id:?},").expect("write");
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var("OUT_DIR").expect("out dir")).join("catalogue.rs");
    std::fs::write(target, out).expect("write catalogue");
}
