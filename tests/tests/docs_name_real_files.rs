//! Every source file the documentation names exists: README.md, docs/ and the kiosk operator's
//! guide point readers (and reviewers) at files, and a file moved without its mention leaves a
//! claim nobody can check. Every test the documentation names exists too.

use std::path::{Path, PathBuf};

/// Extensions of the files a document may name.
const NAMED_KINDS: &[&str] = &["rs", "md", "toml", "js", "css", "html", "sh", "sql", "ftl"];

/// The inline `code spans` of a Markdown text.
fn code_spans(markdown: &str) -> Vec<String> {
    // Fence lines (```) would throw the pairing of the inline spans off.
    let text: String = markdown
        .lines()
        .filter(|line| !line.trim_start().starts_with("```"))
        .collect::<Vec<_>>()
        .join("\n");
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The `code spans` of a Markdown text that look like a path to a file in the repository (a
/// slash, a known extension, no spaces or URL parts).
fn named_paths(markdown: &str) -> Vec<String> {
    code_spans(markdown)
        .into_iter()
        .filter(|span| {
            span.contains('/')
                && !span.starts_with('/')
                && !span.contains("://")
                && !span.contains(char::is_whitespace)
                && !span.contains(['*', '<', '{', '…'])
                && span
                    .rsplit_once('.')
                    .is_some_and(|(_, ext)| NAMED_KINDS.contains(&ext))
        })
        .collect()
}

fn documents(root: &Path) -> Vec<PathBuf> {
    let mut found = vec![root.join("README.md")];
    for dir in ["docs", "kiosk-profile"] {
        for entry in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn every_file_the_documentation_names_exists() {
    let root = workspace_root();
    let (checked, missing) = each_named(&root, named_paths, |document, named| {
        let here = document.parent().unwrap_or(&root);
        root.join(named).exists() || here.join(named).exists()
    });
    assert!(
        checked >= 10,
        "only {checked} file names found: is the scan broken?"
    );
    assert!(missing.is_empty(), "named but missing: {missing:#?}");
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

/// Goes through what `find` names in each document; how many, and those `exists` doesn't find
/// (`document: name`).
fn each_named(
    root: &Path,
    find: fn(&str) -> Vec<String>,
    exists: impl Fn(&Path, &str) -> bool,
) -> (usize, Vec<String>) {
    let mut missing = Vec::new();
    let mut checked = 0;
    for document in documents(root) {
        let text = std::fs::read_to_string(&document).unwrap_or_default();
        for named in find(&text) {
            checked += 1;
            if !exists(&document, &named) {
                let shown = document.strip_prefix(root).unwrap_or(&document);
                missing.push(format!("{}: {named}", shown.display()));
            }
        }
    }
    (checked, missing)
}

/// The `code spans` of a Markdown text that look like a test's or a function's name (lower case,
/// three underscores or more, optionally with its module path): the documentation points at
/// the test that shows each claim, and a test renamed without its mention leaves a claim bare.
fn named_functions(markdown: &str) -> Vec<String> {
    code_spans(markdown)
        .into_iter()
        .filter_map(|span| span.rsplit("::").next().map(str::to_owned))
        .filter(|name| {
            name.matches('_').count() >= 3
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .collect()
}

/// Every Rust source of the workspace, outside build outputs.
fn rust_sources(dir: &Path, found: &mut String) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                rust_sources(&path, found);
            }
        } else if name.ends_with(".rs") {
            found.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            found.push('\n');
        }
    }
}

#[test]
fn every_test_the_documentation_names_exists() {
    let root = workspace_root();
    let mut sources = String::new();
    rust_sources(&root, &mut sources);
    let (checked, missing) = each_named(&root, named_functions, |_, name| {
        // A function (a test) of that name, or a name the code uses as it is (a metric's).
        sources.contains(&format!("fn {name}("))
            || sources.contains(&format!("fn {name}<"))
            || sources.contains(&format!("\"{name}\""))
    });
    assert!(
        checked >= 50,
        "only {checked} test names found: is the scan broken?"
    );
    assert!(missing.is_empty(), "named but missing: {missing:#?}");
}

#[test]
fn the_name_scan_finds_tests_and_leaves_other_code_alone() {
    let text = "`a_wallet_is_made_here`, `store::tests::each_row_is_kept_once`, `pde-server`, \
                `--retention-months`, `wallet_id`, `cargo xtask test`";
    assert_eq!(
        named_functions(text),
        ["a_wallet_is_made_here", "each_row_is_kept_once"]
    );
}

#[test]
fn the_scan_finds_paths_and_leaves_other_code_alone() {
    let text = "see `web/src/vault/sharing.rs`, `cargo xtask test`, `/api/v1/openapi.json`, \
                `a/b.rs` and `https://x.org/a.rs`";
    assert_eq!(named_paths(text), ["web/src/vault/sharing.rs", "a/b.rs"]);
}

/// The holders' "who sees what" screen says, in short sentences, what docs/SECURITY.md shows:
/// each of its sentences (`who-…-sees`, `who-…-not` in the reference language) is listed in
/// SECURITY.md's "Who can see what" section with what backs it.
#[test]
fn every_sentence_of_the_who_sees_what_screen_is_backed_here() {
    let root = workspace_root();
    let security = std::fs::read_to_string(root.join("docs").join("SECURITY.md")).expect("read");
    let section = security
        .split("## Who can see what")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("SECURITY.md has a \"Who can see what\" section");
    let reference = std::fs::read_to_string(
        root.join("web")
            .join("manage")
            .join("locales")
            .join("fr.ftl"),
    )
    .expect("read web/manage/locales/fr.ftl");
    let sentences: Vec<&str> = reference
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.trim()))
        .filter(|id| id.starts_with("who-") && (id.ends_with("-sees") || id.ends_with("-not")))
        .filter(|id| !matches!(*id, "who-sees" | "who-not"))
        .collect();
    assert_eq!(sentences.len(), 12, "six onlookers, two sentences each");
    let unbacked: Vec<_> = sentences
        .iter()
        .filter(|id| !section.contains(&format!("`{id}`")))
        .collect();
    assert!(
        unbacked.is_empty(),
        "not backed in SECURITY.md: {unbacked:?}"
    );
}
