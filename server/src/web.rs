//! Serves the web app (`web/dist`, built by `cargo xtask web` / `serve` / `test`): embedded in
//! release builds, read from the directory in debug builds. Only the bundle's known files and its
//! language files are served, each with the app's Content-Security-Policy, and compressed (the
//! brotli or gzip copy the build wrote beside it) when the browser accepts it.

use std::borrow::Cow;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use rust_embed::Embed;

use crate::state::AppState;

#[derive(Embed)]
#[folder = "../web/dist/"]
#[allow_missing = true]
struct Bundle;

/// The page's policy: its own scripts and WebAssembly only (no inline script, no `eval`),
/// decrypted documents shown from `blob:` URLs (images; PDFs in a frame), requests
/// to this server only, never framed.
pub const APP_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; worker-src 'self'; \
    frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";

/// The files of the bundle and their types.
const FILES: &[(&str, &str)] = &[
    ("index.html", "text/html; charset=utf-8"),
    ("boot.js", "text/javascript; charset=utf-8"),
    ("vault.js", "text/javascript; charset=utf-8"),
    ("pde_web.js", "text/javascript; charset=utf-8"),
    ("pde_web_bg.wasm", "application/wasm"),
    ("pde_qr.js", "text/javascript; charset=utf-8"),
    ("pde_qr_bg.wasm", "application/wasm"),
    ("pde_manage.js", "text/javascript; charset=utf-8"),
    ("pde_manage_bg.wasm", "application/wasm"),
    ("pde_qr_reader.js", "text/javascript; charset=utf-8"),
    ("pde_qr_reader_bg.wasm", "application/wasm"),
    ("pde_pdf.js", "text/javascript; charset=utf-8"),
    ("pde_pdf_bg.wasm", "application/wasm"),
    ("grant-page.html", "text/html; charset=utf-8"),
    ("grant-page.js", "text/javascript; charset=utf-8"),
    ("pde_grant_page.js", "text/javascript; charset=utf-8"),
    ("pde_grant_page_bg.wasm", "application/wasm"),
    ("style.css", "text/css; charset=utf-8"),
];

/// `/`, the worker's page of a deposit link (`/d/{id}`, the same app) or of a grant link
/// (`/g/{id}`, a small bundle of its own: web/grant-page), which read the link's fragment (the
/// browser never sends it), and the bundle's files. Loading a link counts nothing: a link
/// preview bot gets the page, not an opening.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(page))
        .route("/g/{grant_id}", get(grant_page))
        .route("/d/{deposit_id}", get(page))
        .route(
            crate::transparency::TRANSPARENCY_PATH,
            get(crate::transparency::page),
        )
        .route(
            "/{file}",
            get(
                |State(state): State<AppState>, headers: HeaderMap, Path(file): Path<String>| async move {
                    serve(&state, &headers, &file).await
                },
            ),
        )
}

async fn page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    serve(&state, &headers, "index.html").await
}

async fn grant_page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    serve(&state, &headers, "grant-page.html").await
}

/// The administration console's bundle (`web/admin`, built into `web/dist/admin/`): served on
/// the console's own origin only, never on the holders'.
const ADMIN_FILES: &[(&str, &str)] = &[
    ("index.html", "text/html; charset=utf-8"),
    ("admin.js", "text/javascript; charset=utf-8"),
    ("pde_admin.js", "text/javascript; charset=utf-8"),
    ("pde_admin_bg.wasm", "application/wasm"),
    ("admin.css", "text/css; charset=utf-8"),
];

/// Which bundle a file is served from, and with which policy.
struct Site {
    /// Folder of the bundle within `web/dist`.
    folder: &'static str,
    files: &'static [(&'static str, &'static str)],
    csp: &'static str,
    /// Whether it has language files beside it.
    languages: bool,
}

const HOLDERS: Site = Site {
    folder: "",
    files: FILES,
    csp: APP_CSP,
    languages: true,
};

const CONSOLE: Site = Site {
    folder: "admin/",
    files: ADMIN_FILES,
    csp: crate::admin::ADMIN_CSP,
    languages: false,
};

/// The console's page (`/`, whatever the fragment carries) and its files.
pub fn admin_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/",
            get(|State(state): State<AppState>, headers: HeaderMap| async move {
                serve_from(&CONSOLE, &state, &headers, "index.html").await
            }),
        )
        .route(
            "/{file}",
            get(
                |State(state): State<AppState>, headers: HeaderMap, Path(file): Path<String>| async move {
                    serve_from(&CONSOLE, &state, &headers, &file).await
                },
            ),
        )
}

/// The compressed copies the build writes beside each file (`pde-precompress`), best first.
const ENCODINGS: &[(&str, &str)] = &[("br", ".br"), ("gzip", ".gz")];

/// Whether `Accept-Encoding` (RFC 9110 §12.5.3) takes `coding`: named with a weight above zero,
/// or not named and covered by `*`.
fn accepts(accept_encoding: &str, coding: &str) -> bool {
    let mut any = false;
    for element in accept_encoding.split(',') {
        let mut parts = element.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let weight = parts
            .filter_map(|param| {
                let (key, value) = param.split_once('=')?;
                key.trim()
                    .eq_ignore_ascii_case("q")
                    .then(|| value.trim().parse::<f32>().ok())?
            })
            .next()
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            return weight > 0.0;
        }
        if name == "*" {
            any = weight > 0.0;
        }
    }
    any
}

async fn read_file(state: &AppState, name: &str) -> Option<Bytes> {
    // `--web-dir` (development, benchmarks) wins over the copy built into the binary.
    match &state.settings.web_dir {
        Some(dir) => tokio::fs::read(dir.join(name)).await.ok().map(Bytes::from),
        // Built in (release): sent from the binary's own bytes, not copied for each request.
        None => Bundle::get(name).map(|file| match file.data {
            Cow::Borrowed(data) => Bytes::from_static(data),
            Cow::Owned(data) => Bytes::from(data),
        }),
    }
}

/// The compressed copy of `name` that `Accept-Encoding` takes (best first) with its coding, or
/// the file as it is.
async fn read_encoded(
    state: &AppState,
    name: &str,
    accept_encoding: &str,
) -> Option<(Bytes, Option<&'static str>)> {
    for (coding, suffix) in ENCODINGS {
        if accepts(accept_encoding, coding) {
            if let Some(data) = read_file(state, &format!("{name}{suffix}")).await {
                return Some((data, Some(*coding)));
            }
        }
    }
    read_file(state, name).await.map(|data| (data, None))
}

/// A language file of the bundle (`nl.ftl`), fetched by the page when that language is chosen
/// (the page checks its hash). Only a plain lowercase name: never a path.
fn is_language_file(name: &str) -> bool {
    name.strip_suffix(".ftl").is_some_and(|code| {
        (2..=16).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
    })
}

async fn serve(state: &AppState, request: &HeaderMap, name: &str) -> Response {
    serve_from(&HOLDERS, state, request, name).await
}

async fn serve_from(site: &Site, state: &AppState, request: &HeaderMap, name: &str) -> Response {
    let known = site
        .files
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(known, content_type)| (*known, *content_type))
        .or_else(|| {
            (site.languages && is_language_file(name))
                .then_some((name, "text/plain; charset=utf-8"))
        });
    let Some((name, content_type)) = known else {
        return crate::error::ApiError::NoRoute.into_response();
    };
    let path = format!("{}{name}", site.folder);
    let accept_encoding = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let Some((data, coding)) = read_encoded(state, &path, accept_encoding).await else {
        if is_language_file(name) {
            // A language the app doesn't have: nothing is missing from the build.
            return crate::error::ApiError::NoRoute.into_response();
        }
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "The web app is not built. Run `cargo xtask serve` (or `cargo xtask web`).\n",
        )
            .into_response();
    };
    let mut response = data.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(coding) = coding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(site.csp),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::{accepts, is_language_file};

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        let chromium = "gzip, deflate, br, zstd";
        assert!(accepts(chromium, "br"));
        assert!(accepts(chromium, "gzip"));
        assert!(!accepts("gzip, deflate", "br"));
        assert!(!accepts("", "gzip"), "no header: the file as it is");
        assert!(!accepts("identity", "gzip"));
        assert!(!accepts("br;q=0, gzip", "br"), "q=0 refuses");
        assert!(accepts("br;q=0, gzip", "gzip"));
        assert!(
            accepts("BR ; Q=0.5", "br"),
            "names and parameters ignore case"
        );
        assert!(accepts("*", "br"));
        assert!(!accepts("*;q=0", "gzip"));
        assert!(!accepts("br;q=0, *", "br"), "a named refusal beats *");
        assert!(accepts("gzip;q=0, *;q=0.1", "br"));
        assert!(!accepts("brotli, xgzip", "br"), "whole names only");
    }

    #[test]
    fn only_plain_language_names_are_served_as_language_files() {
        for good in ["nl.ftl", "ar.ftl", "pt-br.ftl"] {
            assert!(is_language_file(good), "{good}");
        }
        for bad in [
            ".ftl",
            "x.ftl",
            "../fr.ftl",
            "NL.ftl",
            "nl.ftl.bak",
            "a/b.ftl",
            "nl",
        ] {
            assert!(!is_language_file(bad), "{bad}");
        }
    }
}
