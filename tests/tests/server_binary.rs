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

/// Every endpoint `pde_api::endpoints` declares (which is what the clients send) is routed with
/// its method, and only with it: another method on its path is "method not allowed".
#[tokio::test]
async fn every_declared_endpoint_is_routed_with_its_method_only() {
    let server = TestServer::start(Backend::Sqlite).await;
    let client = PdeClient::new(&server.base_url);
    let mut declared: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (method, path) in pde_api::endpoints::ALL {
        declared.entry(path).or_default().push(method.as_str());
    }
    for (path, methods) in &declared {
        // Each `{…}` parameter filled with something of the right shape or not: only the
        // routing is looked at.
        let mut filled = String::new();
        let mut in_parameter = false;
        for c in path.chars() {
            match c {
                '{' => in_parameter = true,
                '}' => {
                    in_parameter = false;
                    filled.push('0');
                }
                _ if !in_parameter => filled.push(c),
                _ => {}
            }
        }
        for method in ["GET", "POST", "PUT", "DELETE"] {
            let status = client
                .http()
                .request(
                    reqwest::Method::from_bytes(method.as_bytes()).expect("method"),
                    client.url(&filled),
                )
                .send()
                .await
                .expect("answer")
                .status()
                .as_u16();
            if methods.contains(&method) {
                assert_ne!(status, 405, "{method} {path} is declared but not routed");
            } else {
                assert_eq!(status, 405, "{method} {path} is routed but not declared");
            }
        }
    }
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

/// Starts the server on its own data and secrets for a moment: `Ok(())` if it came up (it is
/// stopped again), else what it said on standard error.
fn start_briefly(server: &TestServer) -> Result<(), String> {
    use std::io::BufRead;
    let mut child = server
        .command()
        .arg("--listen")
        .arg("127.0.0.1:0")
        // No metrics address: the first line said is then the public one.
        .arg("--metrics-listen")
        .arg("")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    // The first line is the address once serving; end of output means it stopped.
    let _ = std::io::BufReader::new(stdout).read_line(&mut line);
    if line.starts_with("pde-server listening on") {
        let _ = child.kill();
        let _ = child.wait();
        return Ok(());
    }
    let output = child.wait_with_output().expect("output");
    assert!(!output.status.success());
    Err(String::from_utf8_lossy(&output.stderr).into_owned())
}

/// The server never makes its own OPAQUE setup: with the secrets file missing, or holding another
/// setup than the one the database was made with (say, two servers started on one database, each
/// with its own), it refuses to start and says what to do, instead of answering every holder
/// "wrong secret". `init-secrets` makes a setup once and keeps it afterwards.
#[tokio::test]
async fn a_missing_or_foreign_server_setup_stops_the_server() {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let mut server = TestServer::start(backend).await;
        let client = PdeClient::new(&server.base_url);
        let wallet = client
            .create_wallet(pde_tests::CreateWallet {
                secret: "correct horse battery staple",
                test_wallet: true,
                ..Default::default()
            })
            .await
            .expect("wallet");
        server.stop();
        let setup = server.secrets_dir().join("opaque-server-setup.bin");
        let original = std::fs::read(&setup).expect("setup");
        server.init_secrets();
        assert_eq!(std::fs::read(&setup).expect("setup"), original, "kept");

        std::fs::remove_file(&setup).expect("remove");
        let said = start_briefly(&server).expect_err("no setup");
        assert!(
            said.contains("no OPAQUE server setup") && said.contains("init-secrets"),
            "{said}"
        );
        assert!(!setup.exists(), "the server made no setup of its own");

        server.init_secrets();
        assert_ne!(std::fs::read(&setup).expect("setup"), original);
        let said = start_briefly(&server).expect_err("another setup");
        assert!(
            said.contains("not the one this database was made with"),
            "{said}"
        );

        std::fs::remove_file(&setup).expect("remove");
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&setup)
            .and_then(|mut f| f.write_all(&original))
            .expect("restore the backup");
        server.start_again();
        PdeClient::new(&server.base_url)
            .login(&wallet.number, "correct horse battery staple")
            .await
            .expect("the restored setup opens the wallet");
    }
}

/// Over HTTPS (the default) the session cookie is `__Host-pde_session`, `Secure`, on path `/`,
/// and every answer carries HSTS; plain-HTTP development (`--insecure-cookies`) has neither. The
/// token works when sent back, and a request carrying two session cookies is refused.
#[tokio::test]
async fn session_cookies_are_host_bound_and_secure() {
    const SECRET: &str = "correct horse battery staple";
    for insecure in [false, true] {
        let mut server = TestServer::start(Backend::Sqlite).await;
        server.insecure_cookies = insecure;
        server.restart();
        let client = PdeClient::new(&server.base_url);
        let wallet = client
            .create_wallet(pde_tests::CreateWallet {
                secret: SECRET,
                test_wallet: true,
                ..Default::default()
            })
            .await
            .expect("wallet");
        let response = client
            .login_answer_raw(&wallet.number, SECRET)
            .await
            .expect("finish");
        let http = reqwest::Client::new();
        assert_eq!(response.status(), 200);
        let hsts = response
            .headers()
            .get("strict-transport-security")
            .map(|v| v.to_str().expect("ascii").to_owned());
        let set_cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .expect("a session cookie")
            .to_owned();
        let attributes: Vec<&str> = set_cookie.split("; ").collect();
        if insecure {
            assert!(set_cookie.starts_with("pde_session="), "{set_cookie}");
            assert!(!attributes.contains(&"Secure"), "{set_cookie}");
            assert!(attributes.contains(&"Path=/api"), "{set_cookie}");
            assert_eq!(hsts, None);
        } else {
            assert!(
                set_cookie.starts_with("__Host-pde_session="),
                "{set_cookie}"
            );
            assert!(attributes.contains(&"Secure"), "{set_cookie}");
            assert!(attributes.contains(&"Path=/"), "{set_cookie}");
            assert!(!set_cookie.contains("Domain"), "{set_cookie}");
            assert_eq!(hsts.as_deref(), Some("max-age=63072000"));
        }
        assert!(attributes.contains(&"HttpOnly") && attributes.contains(&"SameSite=Strict"));
        let pair = attributes[0];
        let (_, token) = pair.split_once('=').expect("name=value");
        let other_name = if insecure {
            "__Host-pde_session"
        } else {
            "pde_session"
        };
        for (cookie, status) in [
            (pair.to_owned(), 200),
            (format!("{pair}; {pair}"), 400),
            (format!("{pair}; {other_name}={token}"), 400),
            (format!("{other_name}={token}"), 401),
        ] {
            let response = http
                .get(client.url("/documents"))
                .header("cookie", &cookie)
                .send()
                .await
                .expect("request");
            assert_eq!(response.status(), status, "insecure={insecure}: {cookie}");
        }
    }
}

/// The sockets a process has open (entries of `/proc/<pid>/fd` that are sockets).
fn open_sockets(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| std::fs::read_link(e.path()).ok())
                .filter(|target| target.to_string_lossy().starts_with("socket:"))
                .count()
        })
        .unwrap_or(0)
}

/// Clients that open connections and send nothing, half a request head, or half a body can't hold
/// the server: at most `--max-connections` are served at once (the others wait in the system's
/// queue, using none of the server's open files), a head must arrive within
/// `--header-timeout-seconds`, a body may not pause longer than `--body-timeout-seconds`, and a
/// normal client gets through meanwhile.
#[tokio::test]
async fn stalled_clients_cannot_hold_the_server() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    const MAX: usize = 8;
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            "--header-timeout-seconds",
            "1",
            "--body-timeout-seconds",
            "1",
            "--max-connections",
            "8",
        ],
    )
    .await;
    let pid = server.pid().expect("running");
    let idle_sockets = open_sockets(pid);
    let address = server.base_url.trim_start_matches("http://").to_owned();
    // 3 × MAX clients: silent, half a head, half a body.
    let mut stalled = Vec::new();
    for i in 0..3 * MAX {
        let mut socket = tokio::net::TcpStream::connect(&address)
            .await
            .expect("connect");
        match i % 3 {
            0 => {}
            1 => socket
                .write_all(b"GET /api/v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .await
                .expect("half a head"),
            _ => socket
                .write_all(
                    b"POST /api/v1/sessions/start HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                      Content-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"login\":",
                )
                .await
                .expect("half a body"),
        }
        stalled.push(socket);
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let held = open_sockets(pid) - idle_sockets;
    assert!(held <= MAX, "{held} connections held at once (limit {MAX})");

    // Every stalled client is let go (the bound only keeps a broken server from hanging the
    // test; the timeouts are 1 s).
    for (i, socket) in stalled.iter_mut().enumerate() {
        let mut answer = Vec::new();
        let read = tokio::time::timeout(
            std::time::Duration::from_secs(60),
            socket.read_to_end(&mut answer),
        )
        .await;
        assert!(
            matches!(read, Ok(Ok(_)) | Ok(Err(_))),
            "stalled client {i} still held"
        );
        if i % 3 == 2 {
            // The half body is refused with a clear error, not left hanging.
            let text = String::from_utf8_lossy(&answer);
            assert!(text.starts_with("HTTP/1.1 4"), "client {i}: {text}");
        }
    }
    // A normal client is served.
    let info = reqwest::Client::new()
        .get(format!("{}/api/v1/info", server.base_url))
        .timeout(std::time::Duration::from_secs(60))
        .send()
        .await
        .expect("served");
    assert_eq!(info.status(), 200);
}

/// An address whose parts don't parse (a part number that is not a number) answers the same JSON
/// error as every other failure, not a bare text.
#[tokio::test]
async fn malformed_addresses_answer_json_errors() {
    let server = TestServer::start(Backend::Sqlite).await;
    let client = PdeClient::new(&server.base_url);
    client
        .create_wallet(pde_tests::CreateWallet {
            secret: "correct horse battery staple",
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect("wallet");
    for (method, path) in [
        (reqwest::Method::PUT, "/uploads/x/parts/-1"),
        (reqwest::Method::PUT, "/uploads/x/parts/99999999999"),
        (reqwest::Method::PUT, "/grants/x/documents/first"),
    ] {
        let response = client
            .http()
            .request(method, client.url(path))
            .body(vec![0u8; 4])
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 400, "{path}");
        assert_eq!(
            response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/json"),
            "{path}"
        );
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["error"]["code"], "malformed_request", "{path}");
    }
}

/// The OpenAPI document matches the server: schemathesis (installed by `cargo xtask test`,
/// found through `PDE_SCHEMATHESIS`) makes requests from it, valid and invalid, a bounded number
/// per operation with a fixed seed, and checks that no answer is a 5xx and that every answer's
/// status, content type, headers and body are the documented ones, and that requests the
/// document rules out are refused. Only "every request the document allows is accepted" is not
/// checked: a well-formed OPAQUE message or token in base64 is still refused when it is not a
/// real one.
#[tokio::test]
async fn the_openapi_document_matches_the_server() {
    let Some(st) = std::env::var_os("PDE_SCHEMATHESIS") else {
        eprintln!("skipped: PDE_SCHEMATHESIS is not set (cargo xtask test sets it)");
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let url = format!("{}/api/v1/openapi.json", server.base_url);
    // schemathesis keeps a cache (failures to replay first) in `.schemathesis/` of its working
    // directory: a fresh one each run, so that every run is the same run.
    let scratch = tempfile::tempdir().expect("scratch directory");
    let workdir = scratch.path().to_owned();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(st)
            .current_dir(workdir)
            .args([
                "run",
                &url,
                "--max-examples",
                "25",
                "--seed",
                "20261204",
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,\
                 response_headers_conformance,response_schema_conformance,\
                 negative_data_rejection",
                "--no-color",
            ])
            .output()
    })
    .await
    .expect("join")
    .expect("run schemathesis");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "schemathesis found answers that do not match the document:\n{printed}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Every operation of the document was tried.
    let figure = |label: &str| {
        printed
            .lines()
            .find_map(|line| line.trim().strip_prefix(label))
            .map(|rest| rest.trim().to_owned())
    };
    let selected = figure("Selected:").expect("a summary");
    let tested = figure("Tested:").expect("a summary");
    assert_eq!(
        selected.split('/').next_back(),
        Some(tested.as_str()),
        "{printed}"
    );
}

/// Metrics on an address of their own (loopback): requests counted by route template, method
/// and status, a request to no route as `(no route)` — never a path as sent or an id — with
/// their durations, the sweeper's work and the storage used; readiness with its reason there.
/// The public address serves none of it.
#[tokio::test]
async fn metrics_count_route_templates_never_paths_on_their_own_address() {
    let server = TestServer::start(Backend::Sqlite).await;
    assert!(
        server.metrics_url.starts_with("http://127.0.0.1:"),
        "{}",
        server.metrics_url
    );
    let http = reqwest::Client::new();
    let status = |path: String| {
        let http = http.clone();
        async move {
            http.get(path)
                .send()
                .await
                .expect("request")
                .status()
                .as_u16()
        }
    };
    let base = &server.base_url;
    let document_id = "5f1e2d3c4b5a69788796a5b4c3d2e1f0";
    assert_eq!(status(format!("{base}/api/v1/info")).await, 200);
    assert_eq!(
        status(format!("{base}/api/v1/documents/{document_id}/content")).await,
        401
    );
    assert_eq!(status(format!("{base}/no/such/page-7f3a9c")).await, 404);
    assert_eq!(status(format!("{base}/metrics")).await, 404, "not public");

    // The first sweep runs at start: its figures are there once it is over.
    let mut text = String::new();
    for _ in 0..100 {
        text = http
            .get(format!("{}/metrics", server.metrics_url))
            .send()
            .await
            .expect("metrics")
            .text()
            .await
            .expect("text");
        if text.contains("pde_sweeps_total") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let counted = |route: &str, status: &str| {
        text.lines().any(|line| {
            line.starts_with("pde_http_requests_total{")
                && line.contains(&format!("route=\"{route}\""))
                && line.contains(&format!("status=\"{status}\""))
        })
    };
    assert!(counted("/api/v1/info", "200"), "{text}");
    assert!(
        counted("/api/v1/documents/{document_id}/content", "401"),
        "{text}"
    );
    assert!(counted("(no route)", "404"), "{text}");
    for sent in [document_id, "page-7f3a9c", "127.0.0.1"] {
        assert!(!text.contains(sent), "{sent} is in the metrics:\n{text}");
    }
    for name in [
        "pde_http_request_duration_seconds_bucket",
        "pde_sweeps_total",
        "pde_storage_used_bytes",
    ] {
        assert!(text.contains(name), "no {name}:\n{text}");
    }
    let ready = http
        .get(format!("{}/ready", server.metrics_url))
        .send()
        .await
        .expect("ready");
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.expect("text"), "ready");
}
