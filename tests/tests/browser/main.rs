//! The web app in a real browser (Debian's headless Chromium through ChromeDriver), and the page
//! as served: its security headers and integrity hashes.
//!
//! Needs the bundle (`cargo xtask web`) and Chromium (`PDE_CHROMIUM`); `cargo xtask test` builds
//! and installs both and sets `PDE_REQUIRE_BROWSER`, so there these tests cannot skip.

use base64::Engine as _;
use fantoccini::Locator;
use pde_tests::browser::{axe_script, chromium, gps_marker, jpeg_with_gps, web_dist, Browser};
use pde_tests::{Backend, CreateWallet, PdeClient, TestServer};
use serde_json::json;
use sha2::{Digest, Sha384};
use std::time::Duration;

/// A body sent with `Content-Encoding: coding`, decoded.
fn decode(coding: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match coding {
        "br" => brotli::BrotliDecompress(&mut &body[..], &mut out).expect("brotli"),
        "gzip" => {
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(body), &mut out)
                .expect("gzip");
        }
        other => panic!("unexpected coding {other}"),
    }
    out
}

/// `count` test wallets with the secret `secret`, made through pde-client (no page): each one's
/// client (its session open) and the wallet.
async fn new_wallets(
    server: &TestServer,
    count: usize,
    secret: &str,
) -> Vec<(PdeClient, pde_tests::OpenWallet)> {
    let mut made = Vec::new();
    for _ in 0..count {
        let client = PdeClient::new(&server.base_url);
        let wallet = client
            .create_wallet(CreateWallet {
                secret,
                pseudonym: None,
                invite_code: None,
                test_wallet: true,
            })
            .await
            .expect("wallet");
        made.push((client, wallet));
    }
    made
}

/// Opens the app, picks `lang`, creates a wallet with the passphrase `secret`, and goes on
/// past the number and the recovery sheet to the (empty) wallet. Returns the wallet number.
async fn create_wallet_in_page(
    b: &Browser,
    server: &TestServer,
    lang: &str,
    secret: &str,
) -> String {
    create_wallet_at(b, server, "/", lang, secret).await
}

/// Adds the files at `paths` (one per line) to the open wallet as a person does: picks them,
/// then answers "which paper is it?" with the kind `category` (its wire name, e.g. `identity`).
async fn add_files(b: &Browser, paths: &str, category: &str) {
    b.wait_for("#file-input")
        .await
        .send_keys(paths)
        .await
        .expect("pick");
    b.click(&format!("#what-is-it .kind[data-category='{category}']"))
        .await;
}

/// The panic key: Escape twice, quickly, wherever the focus is.
async fn press_panic_key(b: &Browser) {
    b.press("\u{e00c}\u{e00c}").await;
}

/// Opens the app at `path` and picks language `lang` on its first screen.
async fn open_app_at(b: &Browser, server: &TestServer, path: &str, lang: &str) {
    b.client
        .goto(&format!("{}{path}", server.base_url))
        .await
        .expect("open");
    b.click(&format!("button[data-lang='{lang}']")).await;
}

/// The same, from the app at `path` (e.g. in kiosk mode).
async fn create_wallet_at(
    b: &Browser,
    server: &TestServer,
    path: &str,
    lang: &str,
    secret: &str,
) -> String {
    open_app_at(b, server, path, lang).await;
    b.click("#start-create").await;
    for field in ["#secret", "#secret-repeat"] {
        b.type_into(field, secret).await;
    }
    b.click("#create-submit").await;
    let number = b
        .wait_for("#wallet-number")
        .await
        .text()
        .await
        .expect("number");
    for button in ["#recovery-kept", "#created-continue"] {
        b.click(button).await;
    }
    number
}

/// Screenshot `<lang>-<nn>-<screen>.png`, then axe-core's serious and critical violations.
async fn shot(b: &Browser, axe: &str, lang: &str, step: &mut u32, screen: &str) -> Vec<String> {
    *step += 1;
    let name = format!("{lang}-{step:02}-{screen}");
    b.screenshot(&name).await;
    b.axe_violations(axe)
        .await
        .into_iter()
        .map(|v| format!("{name}: {v}"))
        .collect()
}

/// The screen shown now, again in Arabic (right to left) on a phone's width (390 px):
/// screenshot `ar-phone-<screen>.png` and axe-core's violations; then back to `lang` at the
/// usual width.
async fn shot_in_arabic_on_a_phone(
    b: &Browser,
    axe: &str,
    lang: &str,
    screen: &str,
) -> Vec<String> {
    shot_in_arabic_on_a_phone_at(b, axe, lang, screen, None).await
}

/// [`shot_in_arabic_on_a_phone`], the element `css` scrolled into view first (when given).
async fn shot_in_arabic_on_a_phone_at(
    b: &Browser,
    axe: &str,
    lang: &str,
    screen: &str,
    css: Option<&str>,
) -> Vec<String> {
    b.set_window_size(390, 844).await;
    b.pick_in_language_menu("ar").await;
    b.wait_for("html[lang='ar'][dir='rtl']").await;
    if let Some(css) = css {
        b.eval(&format!(
            "document.querySelector({css:?}).scrollIntoView({{ block: 'center' }}); return true;"
        ))
        .await;
    }
    let name = format!("ar-phone-{screen}");
    b.screenshot(&name).await;
    let problems = b
        .axe_violations(axe)
        .await
        .into_iter()
        .map(|v| format!("{name}: {v}"))
        .collect();
    b.pick_in_language_menu(lang).await;
    b.wait_for(&format!("html[lang='{lang}']")).await;
    b.set_window_size(1280, 900).await;
    problems
}

/// In the holder's page (on the wallet screen): shares the documents named `names` for an
/// hour, with `pin` and at most `max_openings`, labelled `label`, with the holder's notes when
/// `include_notes`; returns the link, back on the wallet screen.
async fn share_in_page(
    b: &Browser,
    names: &[&str],
    pin: Option<&str>,
    max_openings: Option<u32>,
    label: &str,
    include_notes: bool,
) -> String {
    b.wait_for("#wallet-share")
        .await
        .click()
        .await
        .expect("share");
    b.wait_for(".share-doc").await;
    for name in names {
        let clicked = b
            .eval(&format!(
                "const label = [...document.querySelectorAll('label.option')]
                    .find(l => l.textContent.includes({name:?}));
                 if (!label) return false;
                 label.querySelector('input').click(); return true;"
            ))
            .await;
        assert_eq!(clicked, serde_json::json!(true), "no document {name}");
    }
    b.wait_for("#expiry-hour")
        .await
        .click()
        .await
        .expect("an hour");
    if let Some(pin) = pin {
        b.wait_for("#share-with-pin")
            .await
            .click()
            .await
            .expect("pin option");
        b.wait_for("#share-pin")
            .await
            .send_keys(pin)
            .await
            .expect("pin");
    }
    if let Some(max) = max_openings {
        b.wait_for("#share-limited")
            .await
            .click()
            .await
            .expect("limit");
        let field = b.wait_for("#share-openings").await;
        field.clear().await.expect("clear");
        field.send_keys(&max.to_string()).await.expect("max");
    }
    if include_notes {
        b.wait_for("#share-include-notes")
            .await
            .click()
            .await
            .expect("notes");
    }
    b.wait_for("#share-label")
        .await
        .send_keys(label)
        .await
        .expect("label");
    b.wait_for("#share-submit")
        .await
        .click()
        .await
        .expect("submit");
    let link = b
        .wait_for("#share-link")
        .await
        .prop("value")
        .await
        .expect("link")
        .expect("a link");
    if let Some(pin) = pin {
        let shown = b
            .wait_for("#share-pin-shown")
            .await
            .text()
            .await
            .expect("pin");
        assert_eq!(shown, pin, "the PIN to tell aloud");
    }
    b.wait_for("#share-done").await.click().await.expect("done");
    b.wait_for("#wallet-share").await;
    link
}

/// Clicks the shown document's download button and returns the file's name and bytes.
async fn download_shown(b: &Browser) -> (String, Vec<u8>) {
    b.wait_for("#download")
        .await
        .click()
        .await
        .expect("download");
    b.wait_for_download().await
}

/// Opens the document card named `name` once it is listed (up to 30 s).
async fn open_card(b: &Browser, name: &str) {
    let started = std::time::Instant::now();
    loop {
        let clicked = b
            .eval(&format!(
                "const card = [...document.querySelectorAll('.doc-card button')]
                    .find(c => c.textContent.includes({name:?}));
                 if (!card) return false;
                 card.click(); return true;"
            ))
            .await;
        if clicked == serde_json::json!(true) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no card for {name}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The page's whole markup (attributes included), to look for a document's name.
async fn markup(b: &Browser) -> String {
    b.eval("return document.documentElement.outerHTML;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Waits for the page a kiosk lock loads, and checks the session was ended on the server.
async fn wait_for_kiosk_end(b: &Browser, logouts_before: usize) -> usize {
    wait_for_kiosk_end_at(b, logouts_before, "kiosk=1&kiosk-idle=12").await
}

/// [`wait_for_kiosk_end`] for a page opened with the address's `query`.
async fn wait_for_kiosk_end_at(b: &Browser, logouts_before: usize, query: &str) -> usize {
    // The end page after the lock button; the neutral page after the panic key or idleness.
    b.wait_for("#ended-list, #neutral-start").await;
    let logouts = b
        .sent_requests()
        .await
        .iter()
        .filter(|r| r.method == "POST" && r.url.ends_with("/api/v1/sessions/logout"))
        .count();
    assert!(
        logouts > logouts_before,
        "the lock ended the session on the server"
    );
    // The fresh page's address no longer says it ended (a reload starts over).
    let address = b.client.current_url().await.expect("url");
    assert_eq!(address.query(), Some(query), "{address}");
    logouts
}

/// The page after the panic key or an idle lock in kiosk mode says nothing of what was open:
/// a neutral title, no top bar, no word of PDE, a wallet or documents, nothing announced, no
/// icon fetched, no lock button; a small "start".
async fn assert_neutral_page(b: &Browser) {
    b.wait_for("#neutral-start").await;
    assert_eq!(b.client.title().await.expect("title"), "Nouvel onglet");
    let text = b.body_text().await;
    assert_eq!(text.trim(), "Commencer", "only the way to start: {text}");
    for hidden in [
        "#lock",
        "header",
        "[role=status]",
        "[role=alert]",
        "[aria-live]",
    ] {
        assert!(
            b.client.find(Locator::Css(hidden)).await.is_err(),
            "{hidden} on the neutral page"
        );
    }
    assert_eq!(
        b.eval("return document.querySelector('link[rel=icon]').getAttribute('href')")
            .await,
        json!("data:,"),
        "no icon is fetched from the server"
    );
}

/// A PDF of one page saying "DECISION" (enough for a viewer to draw it).
fn one_page_pdf() -> Vec<u8> {
    let objects = [
        "<</Type/Catalog/Pages 2 0 R>>".to_owned(),
        "<</Type/Pages/Kids[3 0 R]/Count 1>>".to_owned(),
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R\
         /Resources<</Font<</F1 5 0 R>>>>>>"
            .to_owned(),
        {
            let text = "BT /F1 24 Tf 40 100 Td (DECISION) Tj ET";
            format!("<</Length {}>>stream\n{text}\nendstream", text.len())
        },
        "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj{object}endobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

mod admin;
mod announcements;
mod bundle;
mod dates;
mod export;
mod feedback;
mod hidden;
mod holder;
mod kiosk;
mod pdf;
mod recovery;
mod restore;
mod security;
mod sharing;
mod statistics;
mod transparency;
