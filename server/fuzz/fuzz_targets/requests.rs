//! The server's parsing of the requests that carry parts and tokens: upload and deposit parts,
//! grant and deposit access tokens, their JSON bodies, path parts and `Authorization` headers.
//! The router runs in-process on a SQLite database in a temporary directory; whatever the bytes,
//! the answer must not be a 5xx (and nothing may panic).
#![no_main]

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Method, Request};
use clap::Parser;
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    settings: pde_server::settings::Settings,
}

struct World {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        // Kept for the whole run (the process ends with the fuzzer).
        let dir = tempfile::tempdir().expect("temporary directory").keep();
        let (data, secrets) = (dir.join("data"), dir.join("secrets"));
        pde_server::secrets::init_server_setup(&secrets, &data).expect("server setup");
        let cli = Cli::parse_from([
            "fuzz".as_ref(),
            "--data-dir".as_ref(),
            data.as_os_str(),
            "--secrets-dir".as_ref(),
            secrets.as_os_str(),
        ]);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let state = runtime
            .block_on(pde_server::build_state(cli.settings, None))
            .unwrap_or_else(|e| panic!("state: {e}"));
        World {
            runtime,
            router: pde_server::router::router(state),
        }
    })
}

/// A path segment from any bytes: everything but unreserved characters percent-encoded.
fn segment(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let mut fields = rest.splitn(5, |&b| b == 0xFF);
    let mut next = || fields.next().unwrap_or_default();
    let (a, b, c, auth, body) = (
        segment(next()),
        segment(next()),
        segment(next()),
        next().to_vec(),
        next().to_vec(),
    );
    let (method, path) = match kind % 8 {
        0 => (Method::PUT, format!("/api/v1/uploads/{a}/parts/{b}")),
        1 => (
            Method::PUT,
            format!("/api/v1/drop/{a}/uploads/{b}/parts/{c}"),
        ),
        2 => (Method::POST, format!("/api/v1/drop/{a}/uploads/{b}/commit")),
        3 => (Method::POST, format!("/api/v1/shared/{a}/open")),
        4 => (Method::POST, format!("/api/v1/shared/{a}/status")),
        5 => (Method::GET, format!("/api/v1/shared/{a}/documents/{b}")),
        6 => (Method::POST, format!("/api/v1/drop/{a}/uploads")),
        _ => (Method::POST, "/api/v1/sessions/start".to_owned()),
    };
    let mut request = Request::builder().method(method).uri(&path);
    if !auth.is_empty() {
        let mut bearer = b"Bearer ".to_vec();
        bearer.extend_from_slice(&auth);
        request = request
            .header("authorization", bearer)
            .header("cookie", auth.clone());
    }
    let content_type = if kind % 8 <= 1 {
        "application/octet-stream"
    } else {
        "application/json"
    };
    let Ok(request) = request
        .header("content-type", content_type)
        .body(Body::from(body))
    else {
        // Header bytes the http crate refuses never reach a server.
        return;
    };
    let world = world();
    let response = world
        .runtime
        .block_on(world.router.clone().oneshot(request))
        .unwrap_or_else(|never| match never {});
    assert!(
        !response.status().is_server_error(),
        "{path}: {}",
        response.status()
    );
});
