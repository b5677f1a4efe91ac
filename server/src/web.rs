//! Serves the web app (`web/dist`, built by `cargo xtask web` / `serve` / `test`): embedded in
//! release builds, read from the directory in debug builds. Only the bundle's known files and its
//! language files are served, each with the app's Content-Security-Policy.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
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
    ("style.css", "text/css; charset=utf-8"),
];

/// `/`, the worker's page of a grant or deposit link (`/g/{id}`, `/d/{id}`, the same app: it reads the link's
/// fragment, which the browser never sends) and the bundle's files. Loading a link counts
/// nothing: a link preview bot gets the page, not an opening.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/",
            get(|State(state): State<AppState>| async move { serve(&state, "index.html").await }),
        )
        .route(
            "/g/{grant_id}",
            get(|State(state): State<AppState>| async move { serve(&state, "index.html").await }),
        )
        .route(
            "/d/{deposit_id}",
            get(|State(state): State<AppState>| async move { serve(&state, "index.html").await }),
        )
        .route(
            "/{file}",
            get(
                |State(state): State<AppState>, Path(file): Path<String>| async move {
                    serve(&state, &file).await
                },
            ),
        )
}

/// A language file of the bundle (`nl.ftl`), fetched by the page when that language is chosen
/// (the page checks its hash). Only a plain lowercase name: never a path.
fn is_language_file(name: &str) -> bool {
    name.strip_suffix(".ftl").is_some_and(|code| {
        (2..=16).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
    })
}

async fn serve(state: &AppState, name: &str) -> Response {
    let known = FILES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(known, content_type)| (*known, *content_type))
        .or_else(|| is_language_file(name).then_some((name, "text/plain; charset=utf-8")));
    let Some((name, content_type)) = known else {
        return crate::error::ApiError::NoRoute.into_response();
    };
    // `--web-dir` (development, benchmarks) wins over the copy built into the binary.
    let data = match &state.settings.web_dir {
        Some(dir) => tokio::fs::read(dir.join(name)).await.ok(),
        None => Bundle::get(name).map(|file| file.data.into_owned()),
    };
    let Some(data) = data else {
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
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(APP_CSP),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::is_language_file;

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
