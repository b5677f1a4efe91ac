//! Properties of the server binary itself: the shipped build has no test clock, every answer
//! carries the security headers, the OpenAPI document is served, the defaults are documented.

use pde_tests::harness::server_binary;
use pde_tests::{Backend, PdeClient, TestServer};

#[tokio::test]
async fn the_shipped_binary_cannot_move_its_clock() {
    let plain = server_binary(false);
    let server = TestServer::start_binary(Backend::Sqlite, &[], plain.clone()).await;
    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/test/clock", server.base_url))
        .json(&serde_json::json!({ "seconds": 3600 }))
        .send()
        .await
        .expect("request");
    assert_eq!(
        response.status(),
        404,
        "the route must not exist without the test-clock feature"
    );
    let bytes = std::fs::read(&plain).expect("binary");
    let route = b"/test/clock";
    assert!(
        !bytes.windows(route.len()).any(|w| w == route),
        "the shipped binary contains the test clock route"
    );
    // The same check finds it in the test build, so it can fail.
    let test_build = std::fs::read(server_binary(true)).expect("test binary");
    assert!(test_build.windows(route.len()).any(|w| w == route));
}

#[tokio::test]
async fn every_answer_has_the_security_headers() {
    let server = TestServer::start(Backend::Sqlite).await;
    let client = PdeClient::new(&server.base_url);
    for path in ["/info", "/nowhere", "/documents"] {
        let response = client
            .http()
            .get(client.url(path))
            .send()
            .await
            .expect("request");
        let headers = response.headers();
        for (name, expected) in [
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "no-referrer"),
            ("cache-control", "no-store"),
            ("x-frame-options", "DENY"),
        ] {
            assert_eq!(
                headers.get(name).and_then(|v| v.to_str().ok()),
                Some(expected),
                "{path} {name}"
            );
        }
        let csp = headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
}

#[tokio::test]
async fn openapi_document_lists_the_routes() {
    let server = TestServer::start(Backend::Sqlite).await;
    let client = PdeClient::new(&server.base_url);
    let document: serde_json::Value = client
        .http()
        .get(client.url("/openapi.json"))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert!(document["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.")));
    let paths = document["paths"].as_object().expect("paths");
    for path in [
        "/api/v1/wallets/register/start",
        "/api/v1/wallets/recover/start",
        "/api/v1/wallets/recover/finish",
        "/api/v1/sessions/start",
        "/api/v1/uploads/{upload_id}/parts/{part}",
        "/api/v1/documents/{document_id}/content",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
}

#[test]
fn default_config_prints_documented_defaults() {
    let output = std::process::Command::new(server_binary(false))
        .arg("default-config")
        .output()
        .expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.contains("PDE_LISTEN=127.0.0.1:8080"));
    assert!(text.contains("PDE_DATA_DIR=./data"));
    assert!(text.contains("PDE_MAX_DOCUMENT_BYTES=26214400"));
}

#[tokio::test]
async fn secrets_stay_out_of_the_data_directory() {
    let server = TestServer::start(Backend::Sqlite).await;
    let setup = server.secrets_dir().join("opaque-server-setup.bin");
    let metadata = std::fs::metadata(&setup).expect("OPRF seed file in the secrets directory");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(metadata.permissions().mode() & 0o777, 0o600);
    let seed = std::fs::read(&setup).expect("read");
    for file in pde_tests::scan::files_under(&server.data_dir()) {
        let bytes = std::fs::read(&file).expect("read");
        assert!(
            !bytes
                .windows(32)
                .any(|w| seed.windows(32).next() == Some(w)),
            "{}",
            file.display()
        );
    }
    // Pointing the secrets inside the data directory is refused with a clear message.
    let output = std::process::Command::new(server_binary(false))
        .arg("--data-dir")
        .arg(server.data_dir())
        .arg("--secrets-dir")
        .arg(server.data_dir().join("secrets"))
        .arg("--listen")
        .arg("127.0.0.1:0")
        .output()
        .expect("runs");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("must not be inside the data directory")
    );
}
