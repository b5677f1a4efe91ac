//! The page as served: its policy and integrity hashes, weak parameters refused, the
//! browser's language and Arabic right to left.

use super::*;

fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// A server that answers a registration with Argon2 parameters below the minimum (here, the
/// cheap test parameters, as a malicious server would send to weaken new credentials): the web
/// bundle refuses them, says so, and sends nothing more.
#[tokio::test]
async fn the_page_refuses_weak_parameters_from_the_server() {
    let (Some(_), Some(chromium)) = (web_dist(), chromium()) else {
        return;
    };
    let server = TestServer::start_with(Backend::Sqlite, &["--test-weak-registrations"]).await;
    let browser = Browser::start(&chromium, "fr-BE").await;
    let b = &browser;
    open_app_at(b, &server, "/", "fr").await;
    b.click("#start-create").await;
    for field in ["#secret", "#secret-repeat"] {
        b.type_into(field, "sept vaches blanches").await;
    }
    b.click("#create-submit").await;
    b.wait_for("[role='alert']").await;
    let requests = b.sent_requests().await;
    assert!(requests
        .iter()
        .any(|r| r.url.ends_with("/api/v1/wallets/register/start")));
    assert!(
        !requests
            .iter()
            .any(|r| r.url.ends_with("/api/v1/wallets/register/finish")),
        "no credential was made with the weak parameters"
    );
    assert!(b.client.find(Locator::Css("#wallet-number")).await.is_err());
    browser.close().await;
}

async fn get(server: &TestServer, path: &str) -> reqwest::Response {
    reqwest::get(format!("{}{path}", server.base_url))
        .await
        .expect("request")
}

#[tokio::test]
async fn the_page_is_served_with_its_policy_and_integrity_hashes() {
    if web_dist().is_none() {
        return;
    }
    let server = TestServer::start(Backend::Sqlite).await;
    let page = get(&server, "/").await;
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .expect("csp")
        .to_owned();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    assert_eq!(page.headers()["cache-control"], "no-store");
    let html = page.text().await.expect("html");
    assert!(!html.contains("<script>"), "no inline script");

    // Every integrity attribute matches the file the server serves.
    let boot = get(&server, "/boot.js").await.bytes().await.expect("boot");
    let glue = get(&server, "/pde_web.js")
        .await
        .bytes()
        .await
        .expect("glue");
    let style = get(&server, "/style.css").await.bytes().await.expect("css");
    let wasm = get(&server, "/pde_web_bg.wasm").await;
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    let wasm = wasm.bytes().await.expect("wasm");
    // The modules loaded on demand (web/qr, web/qr-reader, web/manage, web/pdf): glue and
    // WebAssembly both hashed in boot.js, neither preloaded by the page.
    let mut on_demand = Vec::new();
    for module in ["pde_qr", "pde_qr_reader", "pde_manage", "pde_pdf"] {
        for (file, kind) in [
            (format!("{module}.js"), "text/javascript; charset=utf-8"),
            (format!("{module}_bg.wasm"), "application/wasm"),
        ] {
            let response = get(&server, &format!("/{file}")).await;
            assert_eq!(response.headers()["content-type"], kind, "{file}");
            on_demand.push((file, response.bytes().await.expect("module")));
        }
    }
    for (name, bytes) in [
        ("boot.js", &boot),
        ("pde_web.js", &glue),
        ("style.css", &style),
    ] {
        assert!(
            html.contains(&sri(bytes)),
            "index.html lacks the hash of {name}"
        );
    }
    assert!(!html.contains("pde_qr") && !html.contains("pde_manage") && !html.contains("pde_pdf"));
    assert!(
        String::from_utf8_lossy(&boot).contains(&sri(&wasm)),
        "boot.js lacks the hash of pde_web_bg.wasm"
    );
    for (name, bytes) in &on_demand {
        assert!(
            String::from_utf8_lossy(&boot).contains(&sri(bytes)),
            "boot.js lacks the hash of {name}"
        );
    }
    // The vault worker runs the module the page checked; it fetches no WebAssembly itself.
    let vault = get(&server, "/vault.js").await.text().await.expect("vault");
    assert!(
        !vault.contains("pde_web_bg.wasm") && !vault.contains("pde_grant_page_bg.wasm"),
        "{vault}"
    );

    // A grant link gets its own page (web/grant-page), pinned the same way, under the same
    // policy; its module is less than two thirds of the holders' bundle (no OPAQUE, Argon2 or
    // photo code).
    let grant_page = get(&server, "/g/0123456789abcdef0123456789abcdef").await;
    assert_eq!(grant_page.status(), 200);
    assert_eq!(
        grant_page.headers()["content-security-policy"],
        csp.as_str()
    );
    assert_eq!(grant_page.headers()["cache-control"], "no-store");
    let grant_html = grant_page.text().await.expect("grant page");
    assert!(!grant_html.contains("<script>") && grant_html != html);
    let grant_boot = get(&server, "/grant-page.js")
        .await
        .bytes()
        .await
        .expect("boot");
    let grant_glue = get(&server, "/pde_grant_page.js")
        .await
        .bytes()
        .await
        .expect("grant glue");
    let grant_wasm = get(&server, "/pde_grant_page_bg.wasm").await;
    assert_eq!(grant_wasm.headers()["content-type"], "application/wasm");
    let grant_wasm = grant_wasm.bytes().await.expect("grant wasm");
    for (name, bytes) in [
        ("grant-page.js", &grant_boot),
        ("pde_grant_page.js", &grant_glue),
        ("pde_grant_page_bg.wasm", &grant_wasm),
        ("style.css", &style),
    ] {
        assert!(
            grant_html.contains(&sri(bytes)),
            "the grant page lacks the hash of {name}"
        );
    }
    assert!(String::from_utf8_lossy(&grant_boot).contains(&sri(&grant_wasm)));
    assert!(
        grant_wasm.len() * 3 < wasm.len() * 2,
        "the grant page's module ({} bytes) is not much smaller than the holders' ({})",
        grant_wasm.len(),
        wasm.len()
    );

    // The bundle goes out compressed to a browser that takes it, with the same headers, and
    // decodes to the very bytes the hashes are of; without `Accept-Encoding`, as it is.
    let client = reqwest::Client::new();
    for (path, identity) in [("/pde_web_bg.wasm", &wasm), ("/pde_web.js", &glue)] {
        for (accept, coding) in [
            ("gzip, deflate, br, zstd", "br"),
            ("gzip;q=1, br;q=0", "gzip"),
        ] {
            let response = client
                .get(format!("{}{path}", server.base_url))
                .header("accept-encoding", accept)
                .send()
                .await
                .expect("request");
            let headers = response.headers().clone();
            assert_eq!(headers["content-encoding"], coding, "{path} {accept}");
            assert_eq!(headers["vary"], "accept-encoding");
            assert_eq!(headers["cache-control"], "no-store");
            assert!(headers.contains_key("content-security-policy"));
            let body = response.bytes().await.expect("body");
            assert!(
                body.len() * 2 < identity.len(),
                "{path} {coding}: {}",
                body.len()
            );
            assert_eq!(&decode(coding, &body), identity, "{path} {coding}");
        }
    }
    let plain = get(&server, "/pde_web_bg.wasm").await;
    assert!(!plain.headers().contains_key("content-encoding"));
    assert_eq!(get(&server, "/pde_web_bg.wasm.br").await.status(), 404);

    // A language file is served as text with the same headers; one that isn't there is not.
    let dutch = get(&server, "/nl.ftl").await;
    assert_eq!(dutch.status(), 200);
    assert_eq!(dutch.headers()["content-type"], "text/plain; charset=utf-8");
    assert_eq!(dutch.headers()["cache-control"], "no-store");
    assert!(dutch.headers().contains_key("content-security-policy"));
    assert!(dutch
        .text()
        .await
        .expect("dutch")
        .contains("language-name = Nederlands"));
    assert_eq!(get(&server, "/xx.ftl").await.status(), 404);

    // Only the bundle's files are served.
    assert_eq!(get(&server, "/Cargo.toml").await.status(), 404);
    assert_eq!(get(&server, "/..%2FCargo.toml").await.status(), 404);
}

#[tokio::test]
async fn the_app_speaks_the_browsers_language_and_arabic_is_right_to_left() {
    let (Some(_), Some(chromium)) = (web_dist(), chromium()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let url = format!("{}/", server.base_url);
    for (accept, lang, dir, title) in [
        ("fr-BE,fr", "fr", "ltr", "Choisissez votre langue"),
        ("ar", "ar", "rtl", "اختر لغتك"),
        ("nl-BE", "nl", "ltr", "Kies uw taal"),
        // A language PDE doesn't have falls back to French.
        ("de-DE", "fr", "ltr", "Choisissez votre langue"),
    ] {
        let browser = Browser::start(&chromium, accept).await;
        browser.client.goto(&url).await.expect("open");
        browser.wait_for("button[data-lang='fr']").await;
        browser.wait_for_text(title).await;
        let root = browser
            .eval("return [document.documentElement.lang, document.documentElement.dir]")
            .await;
        assert_eq!(root, serde_json::json!([lang, dir]), "{accept}");
        if accept.starts_with("fr") {
            // The browser got the WebAssembly compressed (the page is no-store: every visit
            // downloads it again) and decoded it to the module the page checked and runs.
            let sizes = browser
                .eval(
                    "const e = performance.getEntriesByType('resource')\
                       .find(r => r.name.endsWith('/pde_web_bg.wasm'));\
                     return e ? [e.encodedBodySize, e.decodedBodySize] : null",
                )
                .await;
            let (encoded, decoded) = (sizes[0].as_u64(), sizes[1].as_u64());
            assert!(
                matches!((encoded, decoded), (Some(e), Some(d)) if e > 0 && e * 2 < d),
                "{sizes}"
            );
        }
        browser.close().await;
    }
}

/// The management screens are a module of their own: nothing of it is fetched until one of its
/// screens is opened, and a module that does not match the hash in `boot.js` is refused — the
/// holder sees that it could not be loaded and a way back, and none of its screen is drawn.
#[tokio::test]
async fn the_management_module_loads_on_demand_and_only_as_hashed() {
    let (Some(dist), Some(chromium)) = (web_dist(), chromium()) else {
        return;
    };
    // A copy of the bundle whose management module is altered by one byte (served as is:
    // without its compressed copies).
    let altered = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(&dist).expect("dist").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // The console's bundle (`admin/`) is not the holders'.
        if name.starts_with("pde_manage_bg.wasm.") || entry.path().is_dir() {
            continue;
        }
        std::fs::copy(entry.path(), altered.path().join(&name)).expect("copy");
    }
    let module = altered.path().join("pde_manage_bg.wasm");
    let mut bytes = std::fs::read(&module).expect("module");
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&module, bytes).expect("alter");

    for (web_dir, intact) in [(dist.clone(), true), (altered.path().to_path_buf(), false)] {
        let web_dir = web_dir.to_string_lossy().into_owned();
        let server = TestServer::start_with(Backend::Sqlite, &["--web-dir", &web_dir]).await;
        let browser = Browser::start(&chromium, "fr").await;
        let b = &browser;
        create_wallet_in_page(b, &server, "fr", "sept vaches blanches").await;
        let fetched_module = |requests: &[pde_tests::browser::SentRequest]| {
            requests.iter().any(|r| r.url.contains("/pde_manage"))
        };
        assert!(
            !fetched_module(&b.sent_requests().await),
            "the management module was fetched before it was needed"
        );
        b.click("#wallet-security").await;
        if intact {
            b.wait_for("#security-end-others").await;
        } else {
            b.wait_for("[role='alert']").await;
            b.wait_for_text("Pas de connexion").await;
            assert!(
                b.client
                    .find(Locator::Css("#security-end-others"))
                    .await
                    .is_err(),
                "an altered module drew its screen"
            );
            b.click("main .button.link").await;
            b.wait_for("#wallet-security").await;
        }
        assert!(fetched_module(&b.sent_requests().await));
        browser.close().await;
    }
}
