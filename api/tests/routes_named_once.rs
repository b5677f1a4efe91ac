//! Each route's path is written once, in `pde_api::routes`: the server, the web vault and the
//! native client take it from there. This test reads their sources and fails on any string
//! literal that spells a route (or the tail of one after a parameter, as in
//! `format!("{upload}/commit")`).

use std::path::{Path, PathBuf};

/// A template with every `{…}` written as `{}`.
fn normalised(text: &str) -> String {
    let mut out = String::new();
    let mut in_braces = false;
    for c in text.chars() {
        match c {
            '{' if !in_braces => {
                in_braces = true;
                out.push_str("{}");
            }
            '}' if in_braces => in_braces = false,
            _ if in_braces => {}
            _ => out.push(c),
        }
    }
    out
}

/// What a literal may not be: each route (with or without the API's prefix), and each of its tails that starts at a parameter and
/// still names a fixed segment.
fn forbidden() -> Vec<String> {
    let mut spelled = Vec::new();
    let admin = pde_api::routes::admin::ALL
        .iter()
        .map(|route| (route, "/admin-api/v1"));
    for (route, prefix) in pde_api::routes::ALL
        .iter()
        .map(|route| (route, pde_api::API_PREFIX))
        .chain(admin)
    {
        let route = normalised(route);
        for (at, _) in route.match_indices("{}") {
            let tail = &route[at..];
            if tail
                .trim_start_matches("{}")
                .chars()
                .any(|c| c.is_ascii_alphabetic())
            {
                spelled.push(tail.to_owned());
            }
        }
        spelled.push(format!("{prefix}{route}"));
        spelled.push(route);
    }
    spelled
}

/// The string literals of a Rust source (plain `"…"` ones; escapes kept as written).
fn literals(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = source.chars().peekable();
    let mut current: Option<String> = None;
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        match (&mut current, c) {
            (None, '/') if chars.peek() == Some(&'/') => {
                // A comment: skip to the end of the line.
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            (None, '"') if previous != '\'' => current = Some(String::new()),
            (Some(text), '\\') => {
                text.push('\\');
                if let Some(next) = chars.next() {
                    text.push(next);
                }
            }
            (Some(_), '"') => found.extend(current.take()),
            (Some(text), c) => text.push(c),
            (None, _) => {}
        }
        previous = c;
    }
    found
}

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

#[test]
fn no_source_but_the_routes_module_spells_a_route() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in [
        "server/src",
        "web/src",
        "web/client/src",
        "web/admin/src",
        "tests/src",
        "xtask/src",
        "api/src",
    ] {
        rust_files(&root.join(dir), &mut files);
    }
    let forbidden = forbidden();
    let mut offences = Vec::new();
    for file in &files {
        if file.ends_with("api/src/routes.rs") {
            continue;
        }
        let source = std::fs::read_to_string(file).expect("read");
        for literal in literals(&source) {
            let literal = normalised(&literal);
            if forbidden.contains(&literal) {
                offences.push(format!("{}: \"{literal}\"", file.display()));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "route paths written outside pde_api::routes:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_looks_for() {
    let forbidden = forbidden();
    let source = r#"let a = format!("/uploads/{id}/parts/{part}"); // "/grants"
        let b = format!("{base}/commit"); let c = "/d/"; let d = '"';"#;
    let spelled: Vec<String> = literals(source)
        .iter()
        .map(|l| normalised(l))
        .filter(|l| forbidden.contains(l))
        .collect();
    assert_eq!(spelled, ["/uploads/{}/parts/{}", "{}/commit"]);
}
