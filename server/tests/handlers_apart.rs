//! Handlers never call into one another: what two resources share lives in `service`. This test
//! reads the server's sources and fails when a handler module names a sibling, or when anything
//! but the router and the OpenAPI document names a handler module.

use std::path::{Path, PathBuf};

fn handler_modules(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".rs")
                .filter(|stem| *stem != "mod")
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

/// Code without its comments (a doc comment may name a sibling).
fn code_of(source: &str) -> String {
    source
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Where `code` (the file `relative` under `src/`) names a handler module it should not.
fn crossings_in(relative: &str, code: &str, handlers: &[String]) -> Vec<String> {
    if matches!(relative, "router.rs" | "openapi.rs") {
        return Vec::new();
    }
    let in_handlers = relative.starts_with("handlers/");
    handlers
        .iter()
        .filter(|module| relative != format!("handlers/{module}.rs"))
        .filter(|module| {
            let paths = if in_handlers {
                vec![
                    format!("super::{module}::"),
                    format!("super::{module};"),
                    format!("super::{{{module}"),
                ]
            } else {
                vec![format!("handlers::{module}")]
            };
            paths.iter().any(|p| code.contains(p.as_str()))
        })
        .map(|module| format!("{relative} names handlers::{module}"))
        .collect()
}

#[test]
fn handlers_only_share_through_the_service_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let handlers = handler_modules(&src.join("handlers"));
    assert!(
        handlers.len() >= 8,
        "handler modules not found: {handlers:?}"
    );
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut crossings = Vec::new();
    for file in &files {
        let code = code_of(&std::fs::read_to_string(file).unwrap_or_default());
        let relative = file.strip_prefix(&src).unwrap_or(file).to_string_lossy();
        crossings.extend(crossings_in(&relative, &code, &handlers));
    }
    assert!(crossings.is_empty(), "{crossings:#?}");
}

#[test]
fn the_check_sees_a_crossing_and_ignores_comments() {
    let handlers = vec!["grants".to_owned(), "uploads".to_owned()];
    let code = code_of("use super::uploads::store_part; // not super::grants:: here");
    assert_eq!(
        crossings_in("handlers/deposits.rs", &code, &handlers),
        ["handlers/deposits.rs names handlers::uploads"]
    );
    let code = code_of("crate::handlers::grants::purge(state).await?;");
    assert_eq!(crossings_in("sweeper.rs", &code, &handlers).len(), 1);
    assert!(crossings_in("router.rs", &code, &handlers).is_empty());
}
