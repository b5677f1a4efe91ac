//! Kiosk mode on a public computer: nothing left behind, locks on idle, on a hidden tab, behind
//! a file picker.

use super::*;

/// What the origin keeps in the browser: each storage API's count, and the cookies with
/// whether any has an expiry (a persistent cookie).
async fn stored_in_browser(b: &Browser) -> serde_json::Value {
    b.client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             (async () => {
               const databases = indexedDB.databases ? (await indexedDB.databases()).length : 0;
               const caches_ = await caches.keys();
               const workers = navigator.serviceWorker
                 ? (await navigator.serviceWorker.getRegistrations()).length : 0;
               return { local: localStorage.length, session: sessionStorage.length,
                        indexed_db: databases, cache_storage: caches_.length,
                        service_workers: workers };
             })().then(done, e => done({ error: String(e) }));",
            vec![],
        )
        .await
        .expect("storage check")
}

fn assert_nothing_stored(stored: &serde_json::Value, when: &str) {
    for api in [
        "local",
        "session",
        "indexed_db",
        "cache_storage",
        "service_workers",
    ] {
        assert_eq!(stored[api], serde_json::json!(0), "{api} {when}: {stored}");
    }
}

async fn unlock_in_page(b: &Browser, number: &str, secret: &str) {
    // The end page after the lock button, the neutral page after the panic key or idleness.
    b.wait_for("#ended-again, #neutral-start")
        .await
        .click()
        .await
        .expect("again");
    b.wait_for("button[data-lang='fr']")
        .await
        .click()
        .await
        .expect("fr");
    b.wait_for("#start-open").await.click().await.expect("open");
    b.wait_for("#login")
        .await
        .send_keys(number)
        .await
        .expect("number");
    b.wait_for("#secret")
        .await
        .send_keys(secret)
        .await
        .expect("secret");
    b.wait_for("#unlock-submit")
        .await
        .click()
        .await
        .expect("unlock");
}

/// A browser (French, Belgium) on the server's `path`, as the kiosk launcher opens PDE.
async fn open_in_kiosk_mode(
    chromium: &std::path::Path,
    server: &TestServer,
    path: &str,
) -> Browser {
    let browser = Browser::start(chromium, "fr-BE").await;
    browser
        .client
        .goto(&format!("{}{path}", server.base_url))
        .await
        .expect("open");
    browser.wait_for("#kiosk-is-on").await;
    browser
}

#[tokio::test]
async fn kiosk_mode_leaves_nothing_behind_and_locks_itself() {
    let (Some(_), Some(chromium)) = (web_dist(), chromium()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    // The launcher opens PDE in kiosk mode; the test shortens the idle lock to 12 seconds.
    let browser = open_in_kiosk_mode(&chromium, &server, "/?kiosk=1&kiosk-idle=12").await;
    let b = &browser;
    let secret = "kiosque du centre de jour";
    b.wait_for("#kiosk-badge").await;
    let number = create_wallet_at(b, &server, "/?kiosk=1&kiosk-idle=12", "fr", secret).await;

    // Add, view (no plaintext download offered until turned on), share.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("carte-kiosque.jpg");
    std::fs::write(&path, jpeg_with_gps(800, 600, 1)).expect("photo");
    add_files(b, &path.display().to_string(), "other").await;
    b.wait_for_text("carte-kiosque.jpg").await;
    b.wait_for(".doc-card button")
        .await
        .click()
        .await
        .expect("view");
    b.wait_for("#viewer-image").await;
    b.wait_for("#downloads-on").await;
    assert!(
        b.client.find(Locator::Css("#download")).await.is_err(),
        "no plaintext download in kiosk mode until the holder turns it on"
    );
    b.wait_for("#print").await.click().await.expect("print");
    b.wait_for("#print-warning").await;
    b.back_to_wallet().await;
    // A PDF shows in the browser's viewer with the viewer's own save and print hidden.
    let pdf = dir.path().join("attestation-kiosque.pdf");
    std::fs::write(&pdf, one_page_pdf()).expect("pdf");
    add_files(b, &pdf.display().to_string(), "other").await;
    open_card(b, "attestation-kiosque.pdf").await;
    let frame = b.wait_for("#viewer-frame").await;
    let src = frame.attr("src").await.expect("src").unwrap_or_default();
    assert!(
        src.starts_with("blob:") && src.ends_with("#toolbar=0"),
        "{src}"
    );
    b.wait_for_pdf_frame().await;
    b.back_to_wallet().await;
    share_in_page(b, &["carte-kiosque.jpg"], None, None, "CPAS", false).await;
    // Taking everything away is a download too: not before the holder turns downloads on.
    b.click("#wallet-security").await;
    b.click("#security-export").await;
    b.wait_for("#export-downloads-off").await;
    assert!(!b
        .wait_for("#export-start")
        .await
        .is_enabled()
        .await
        .expect("enabled"));
    b.click("#export-downloads-on").await;
    b.click("#export-downloads-yes").await;
    b.wait_for("#export-start:enabled").await;
    b.click("button.link").await;
    b.wait_for("#security-export").await;
    b.click("button.link").await;
    b.wait_for("#wallet-security").await;
    // During the session: nothing stored, and the session cookie has no expiry.
    assert_nothing_stored(&stored_in_browser(b).await, "during the session");
    let cookies = b.all_cookies().await;
    assert!(!cookies.is_empty(), "the session cookie");
    for cookie in &cookies {
        assert_eq!(
            cookie["session"],
            serde_json::json!(true),
            "a cookie that outlives the session: {cookie}"
        );
    }

    // The lock button: keys gone, worker ended, a fresh page that says what was wiped.
    b.wait_for("#lock").await.click().await.expect("lock");
    let logouts = wait_for_kiosk_end(b, 0).await;
    assert!(!markup(b).await.contains("carte-kiosque"));
    assert_nothing_stored(&stored_in_browser(b).await, "after the lock");
    let cookies = b.all_cookies().await;
    assert!(
        cookies.is_empty(),
        "no cookie after the session: {cookies:?}"
    );
    b.screenshot("fr-kiosk-ended").await;
    assert!(
        b.client.find(Locator::Css("#lock")).await.is_err(),
        "no lock button for a session already over"
    );

    // The idle lock: open again, show the document, touch nothing.
    unlock_in_page(b, &number, secret).await;
    open_card(b, "carte-kiosque.jpg").await;
    b.wait_for("#viewer-image").await;
    assert!(markup(b).await.contains("carte-kiosque"));
    b.wait_for("#idle-countdown").await;
    b.screenshot("fr-kiosk-countdown").await;
    let logouts = wait_for_kiosk_end(b, logouts).await;
    assert!(
        !markup(b).await.contains("carte-kiosque"),
        "no document name after the idle lock"
    );
    assert_neutral_page(b).await;
    b.screenshot("fr-kiosk-neutral").await;

    // The panic key: Escape twice.
    unlock_in_page(b, &number, secret).await;
    b.wait_for_text("carte-kiosque.jpg").await;
    press_panic_key(b).await;
    let logouts = wait_for_kiosk_end(b, logouts).await;
    assert!(!markup(b).await.contains("carte-kiosque"));
    assert_neutral_page(b).await;

    // Prepare a meeting: lock until later; the grant still opens, the wallet does not.
    unlock_in_page(b, &number, secret).await;
    b.wait_for("#wallet-meeting")
        .await
        .click()
        .await
        .expect("meeting");
    b.wait_for("#meeting-secret")
        .await
        .send_keys(secret)
        .await
        .expect("secret");
    b.wait_for("#meeting-lock")
        .await
        .click()
        .await
        .expect("lock");
    b.wait_for("#meeting-confirm-text").await;
    // Confirmed twice: "yes" stays disabled until the holder says they understood.
    assert_eq!(
        b.wait_for("#meeting-lock-yes")
            .await
            .prop("disabled")
            .await
            .expect("prop")
            .as_deref(),
        Some("true")
    );
    b.wait_for("#meeting-understood")
        .await
        .click()
        .await
        .expect("understood");
    b.wait_for("#meeting-lock-yes")
        .await
        .click()
        .await
        .expect("yes");
    b.wait_for("#time-locked-until").await;
    b.wait_for("#time-locked-done")
        .await
        .click()
        .await
        .expect("done");
    wait_for_kiosk_end(b, logouts).await;
    unlock_in_page(b, &number, secret).await;
    b.wait_for_text("Personne ne peut ouvrir ce porte-documents avant le")
        .await;
    assert!(!markup(b).await.contains("carte-kiosque"));
    browser.close().await;
}

/// In kiosk mode a tab left hidden (someone switched tabs and walked away) locks after its
/// grace of 10 seconds; a short look at another tab does not.
#[tokio::test]
async fn kiosk_locks_a_tab_left_hidden() {
    let (Some(_), Some(chromium)) = (web_dist(), chromium()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    // A long idle lock (2 minutes): within this test only the hidden tab can lock.
    let path = "/?kiosk=1&kiosk-idle=120";
    let browser = open_in_kiosk_mode(&chromium, &server, path).await;
    let b = &browser;
    create_wallet_at(b, &server, path, "fr", "le banc près du canal").await;
    b.wait_for("#wallet-hidden").await;
    // The vault worker ran the page's own WebAssembly: one download per page load, not two.
    let requests = b.sent_requests().await;
    let count = |file: &str| {
        requests
            .iter()
            .filter(|r| r.method == "GET" && r.url.ends_with(file))
            .count()
    };
    assert!(count("/boot.js") >= 1);
    assert_eq!(count("/pde_web_bg.wasm"), count("/boot.js"));

    let hidden = b.hide_page().await;
    assert_eq!(
        b.eval("return document.visibilityState;").await,
        json!("hidden")
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    b.show_page(hidden).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        b.eval("return document.visibilityState;").await,
        json!("visible")
    );
    assert!(
        b.client.find(Locator::Css("#wallet-hidden")).await.is_ok(),
        "a short look at another tab keeps the wallet open"
    );

    let hidden = b.hide_page().await;
    tokio::time::sleep(Duration::from_secs(13)).await;
    b.show_page(hidden).await;
    wait_for_kiosk_end_at(b, 0, "kiosk=1&kiosk-idle=120").await;
    browser.close().await;
}

/// In kiosk mode an open file picker keeps the wallet open only for a while: someone who walks
/// away from an open picker leaves a wallet that locks when the picker's time (the idle time
/// here, 12 s; at most 2 minutes) is up. (Headless Chromium shows no dialog: the click on the
/// file field is what the page sees, as when a dialog opens.)
#[tokio::test]
async fn kiosk_locks_behind_a_file_picker_left_open() {
    let (Some(_), Some(chromium)) = (web_dist(), chromium()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let path = "/?kiosk=1&kiosk-idle=12";
    let browser = open_in_kiosk_mode(&chromium, &server, path).await;
    let b = &browser;
    create_wallet_at(b, &server, path, "fr", "le banc près du canal").await;
    b.wait_for("#wallet-hidden").await;
    b.eval(
        "document.querySelector('#file-input')\
           .dispatchEvent(new MouseEvent('click', {bubbles: true})); return true;",
    )
    .await;
    // A few seconds with the picker open: still open.
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert!(
        b.client.find(Locator::Css("#wallet-hidden")).await.is_ok(),
        "the picker keeps the wallet open for a while"
    );
    wait_for_kiosk_end_at(b, 0, "kiosk=1&kiosk-idle=12").await;
    browser.close().await;
}
