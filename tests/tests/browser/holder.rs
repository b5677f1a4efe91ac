//! The holder's own wallet: the whole flow, every screen in four languages (axe-core,
//! screenshots), documents shown by their type, a session that ends.

use super::*;

/// A 32×16 PNG, left half opaque blue, right half transparent, with a `tEXt` chunk holding
/// `text` (the kind of thing a screenshot tool writes).
fn png_with_text(text: &[u8]) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(32, 16, |x, _| {
        if x < 16 {
            image::Rgba([0, 0, 255, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    let mut body = b"tEXtComment\0".to_vec();
    body.extend_from_slice(text);
    let mut chunk = ((body.len() - 4) as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(&body);
    chunk.extend_from_slice(&crc32fast::hash(&body).to_be_bytes());
    // After the signature (8) and the IHDR chunk (25).
    png.splice(33..33, chunk);
    png
}

/// The whole flow in French: create → add a phone photo with EXIF GPS tags → the list shows it
/// → view → download it and check no EXIF/GPS survived (and the orientation was applied) →
/// rename → lock → a wrong secret is refused → unlock → recover with the recovery sheet and a
/// new secret (the old one stops working) → switch to Arabic without losing the session →
/// delete.
#[tokio::test]
async fn holder_flow_create_add_photo_view_download_rename_lock_unlock_delete() {
    let (Some(_), Some(chromium)) = (web_dist(), chromium()) else {
        return;
    };
    let server = TestServer::start_with(Backend::Sqlite, &["--sweep-interval-seconds", "1"]).await;
    let browser = Browser::start(&chromium, "fr-BE").await;
    let b = &browser;
    b.client
        .goto(&format!("{}/", server.base_url))
        .await
        .expect("open");

    // Language, then create.
    b.wait_for("button[data-lang='fr']")
        .await
        .click()
        .await
        .expect("fr");
    b.wait_for("#start-create")
        .await
        .click()
        .await
        .expect("create");
    b.screenshot("fr-create").await;
    let secret = "quatre chats gris";
    b.wait_for("#secret")
        .await
        .send_keys(secret)
        .await
        .expect("secret");
    b.wait_for("#secret-repeat")
        .await
        .send_keys(secret)
        .await
        .expect("repeat");
    b.wait_for("#create-submit")
        .await
        .click()
        .await
        .expect("submit");

    // The number and the recovery sheet.
    let number = b
        .wait_for("#wallet-number")
        .await
        .text()
        .await
        .expect("number");
    assert!(
        pde_api::wallet_number::looks_like_wallet_number(&number),
        "{number}"
    );
    let recovery = b.wait_for("#recovery-key").await.text().await.expect("key");
    assert!(recovery.split_whitespace().count() >= 7, "{recovery}");
    // As a person types it from the sheet (a newline would press Enter).
    let recovery = recovery.split_whitespace().collect::<Vec<_>>().join(" ");
    b.wait_for(".qr svg").await;
    b.screenshot("fr-created").await;
    b.wait_for("#recovery-kept")
        .await
        .click()
        .await
        .expect("kept");
    b.wait_for("#created-continue")
        .await
        .click()
        .await
        .expect("continue");
    b.wait_for_text("Aucun document").await;
    b.screenshot("fr-wallet-empty").await;

    // A phone photo with GPS tags, taken sideways (orientation 6).
    let photo = jpeg_with_gps(3000, 2000, 6);
    assert!(photo.windows(6).any(|w| w == b"Exif\0\0"));
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("photo-carte.jpg");
    std::fs::write(&path, &photo).expect("photo");
    add_files(b, &path.display().to_string(), "other").await;
    b.wait_for_text("Ajouté.").await;
    b.wait_for_text("photo-carte.jpg").await;
    b.wait_for(".doc-card img.thumb").await;
    b.wait_for_text("1 document").await;
    b.screenshot("fr-wallet-one").await;

    // View, then download.
    b.wait_for(".doc-card button")
        .await
        .click()
        .await
        .expect("card");
    b.wait_for("#viewer-image").await;
    let natural = b
        .eval(
            "const i = document.querySelector('#viewer-image'); \
             return [i.complete, i.naturalWidth, i.naturalHeight];",
        )
        .await;
    assert_eq!(
        natural,
        serde_json::json!([true, 1600, 2400]),
        "rotated and scaled"
    );
    b.screenshot("fr-document").await;
    b.wait_for("#download")
        .await
        .click()
        .await
        .expect("download");
    let (name, downloaded) = b.wait_for_download().await;
    assert_eq!(name, "photo-carte.jpg");
    assert!(downloaded.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
    assert!(
        !downloaded.windows(6).any(|w| w == b"Exif\0\0"),
        "EXIF survived"
    );
    assert!(
        !downloaded
            .windows(gps_marker().len())
            .any(|w| w == gps_marker()),
        "the GPS position survived"
    );
    let decoded = image::load_from_memory(&downloaded).expect("decode");
    assert_eq!((decoded.width(), decoded.height()), (1600, 2400));
    let top = decoded.to_rgb8().get_pixel(800, 100).0;
    assert!(top[0] > 150 && top[2] < 100, "red must be on top: {top:?}");

    // Rename.
    let name_field = b.wait_for("#doc-name").await;
    name_field.clear().await.expect("clear");
    name_field
        .send_keys("Carte d'identité")
        .await
        .expect("name");
    b.wait_for("#save").await.click().await.expect("save");
    b.wait_for_text("C'est enregistré.").await;
    b.back_to_wallet().await;
    b.wait_for_text("Carte d'identité").await;

    // Lock; a wrong secret is refused; the right one opens the wallet again.
    b.wait_for("#lock").await.click().await.expect("lock");
    b.wait_for_text("Le porte-documents est verrouillé.").await;
    b.screenshot("fr-unlock").await;
    b.wait_for("#login")
        .await
        .send_keys(&number)
        .await
        .expect("login");
    b.wait_for("#secret")
        .await
        .send_keys("pas le bon secret")
        .await
        .expect("wrong");
    b.wait_for("#unlock-submit")
        .await
        .click()
        .await
        .expect("submit");
    b.wait_for_text("Numéro ou secret faux").await;
    let field = b.wait_for("#secret").await;
    field.clear().await.expect("clear");
    field.send_keys(secret).await.expect("secret");
    b.wait_for("#unlock-submit")
        .await
        .click()
        .await
        .expect("submit");
    b.wait_for_text("Carte d'identité").await;

    // A forgotten secret: the recovery sheet opens the wallet and sets a new secret; the old
    // secret stops working.
    b.wait_for("#lock").await.click().await.expect("lock");
    b.wait_for("#forgot").await.click().await.expect("forgot");
    b.wait_for("#recover-login")
        .await
        .send_keys(&number)
        .await
        .expect("login");
    b.wait_for("#recovery-key-input")
        .await
        .send_keys(&recovery)
        .await
        .expect("recovery key");
    let new_secret = "neuf lapins bleus";
    b.wait_for("#new-secret")
        .await
        .send_keys(new_secret)
        .await
        .expect("new");
    b.wait_for("#new-secret-repeat")
        .await
        .send_keys(new_secret)
        .await
        .expect("repeat");
    b.screenshot("fr-recover").await;
    b.wait_for("#recover-submit")
        .await
        .click()
        .await
        .expect("recover");
    b.wait_for_text("Carte d'identité").await;
    b.wait_for("#lock").await.click().await.expect("lock");
    b.wait_for("#login")
        .await
        .send_keys(&number)
        .await
        .expect("login");
    b.wait_for("#secret")
        .await
        .send_keys(secret)
        .await
        .expect("old secret");
    b.wait_for("#unlock-submit")
        .await
        .click()
        .await
        .expect("submit");
    b.wait_for_text("Numéro ou secret faux").await;
    let field = b.wait_for("#secret").await;
    field.clear().await.expect("clear");
    field.send_keys(new_secret).await.expect("new secret");
    b.wait_for("#unlock-submit")
        .await
        .click()
        .await
        .expect("submit");
    b.wait_for_text("Carte d'identité").await;

    // Only the default language is built in: another is fetched when chosen, once. If it
    // can't be had, the page says so and stays as it was (the page's `fetch` is made to fail
    // for a moment: the vault worker has its own).
    let language_files = "return performance.getEntriesByType('resource')
        .map(e => new URL(e.name).pathname).filter(p => p.endsWith('.ftl'))";
    // (The browser keeps 250 entries by default: fewer so far means none was dropped.)
    assert_eq!(
        b.eval(
            "const seen = performance.getEntriesByType('resource').length;
             performance.setResourceTimingBufferSize(100000);
             return seen < 250;"
        )
        .await,
        serde_json::json!(true)
    );
    assert_eq!(b.eval(language_files).await, serde_json::json!([]));
    b.eval(
        "window.pdeFetch = window.fetch;
         window.fetch = () => Promise.reject(new TypeError('offline'));
         return true;",
    )
    .await;
    b.pick_in_language_menu("nl").await;
    b.wait_for("#language-unavailable").await;
    assert_eq!(
        b.eval("return [document.documentElement.lang, document.getElementById('language-select').value]")
            .await,
        serde_json::json!(["fr", "fr"])
    );
    b.eval("window.fetch = window.pdeFetch; return true;").await;

    // Arabic: right to left, same session, same documents.
    b.pick_in_language_menu("ar").await;
    b.wait_for_text("وثائقي").await;
    assert_eq!(
        b.eval("return document.documentElement.dir").await,
        serde_json::json!("rtl")
    );
    b.wait_for_text("Carte d'identité").await;
    b.screenshot("ar-wallet").await;
    assert_eq!(
        b.eval("return document.getElementById('language-unavailable') === null")
            .await,
        serde_json::json!(true)
    );
    assert_eq!(b.eval(language_files).await, serde_json::json!(["/ar.ftl"]));

    // Delete (with confirmation).
    b.wait_for(".doc-card button")
        .await
        .click()
        .await
        .expect("card");
    b.wait_for("#delete").await.click().await.expect("delete");
    b.wait_for("#delete-yes").await.click().await.expect("yes");
    b.wait_for_text("لا توجد وثائق").await;
    browser.close().await;
    // The blob leaves the server too, once its grace period (for a backup running meanwhile)
    // is over.
    server.advance_clock(24 * 3600 + 1).await;
    let documents = server.data_dir().join("blobs").join("documents");
    let mut left = usize::MAX;
    for _ in 0..100 {
        left = std::fs::read_dir(&documents).map_or(0, |d| d.count());
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(left, 0, "blobs left in {}", documents.display());
}

/// Every screen in the four languages: a screenshot for people to look at
/// (`target/browser-artifacts/<lang>-<nn>-<screen>.png`) and axe-core's WCAG 2.2 A/AA rules,
/// with no serious or critical violation allowed.
#[tokio::test]
async fn every_screen_in_four_languages_passes_axe_and_is_photographed() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let dir = tempfile::tempdir().expect("dir");
    let photo_path = dir.path().join("attestation.jpg");
    std::fs::write(&photo_path, jpeg_with_gps(400, 300, 1)).expect("photo");
    let mut problems = Vec::new();

    for lang in ["fr", "nl", "en", "ar"] {
        let browser = Browser::start(&chromium, lang).await;
        let b = &browser;
        let mut step = 0;
        b.client
            .goto(&format!("{}/", server.base_url))
            .await
            .expect("open");
        b.wait_for("button[data-lang='fr']").await;
        if lang == "fr" {
            // The check can fail: a button with no name is a critical violation.
            b.eval(
                "const e = document.createElement('button'); e.id = 'axe-canary'; \
                 document.querySelector('main').appendChild(e); return true;",
            )
            .await;
            let found = b.axe_violations(&axe).await;
            assert!(
                found
                    .iter()
                    .any(|v| v.contains("button-name") && v.contains("axe-canary")),
                "axe-core did not report a nameless button: {found:?}"
            );
            b.eval("document.getElementById('axe-canary').remove(); return true;")
                .await;
        }
        problems.extend(shot(b, &axe, lang, &mut step, "language").await);

        let choose = format!("button[data-lang='{lang}']");
        b.wait_for(&choose).await.click().await.expect("language");
        b.wait_for("#start-create").await;
        problems.extend(shot(b, &axe, lang, &mut step, "start").await);

        b.wait_for("#start-create")
            .await
            .click()
            .await
            .expect("create");
        b.wait_for("#kind-pin").await.click().await.expect("pin");
        b.wait_for("#kind-pseudonym")
            .await
            .click()
            .await
            .expect("pseudonym");
        b.wait_for("#pseudonym").await;
        b.wait_for(".warning").await;
        problems.extend(shot(b, &axe, lang, &mut step, "create").await);

        b.wait_for("#kind-number")
            .await
            .click()
            .await
            .expect("number");
        b.wait_for("#kind-passphrase")
            .await
            .click()
            .await
            .expect("passphrase");
        let secret = "sept vaches blanches";
        b.wait_for("#secret")
            .await
            .send_keys(secret)
            .await
            .expect("secret");
        b.wait_for("#secret-repeat")
            .await
            .send_keys("not the same")
            .await
            .expect("repeat");
        b.wait_for("#create-submit")
            .await
            .click()
            .await
            .expect("submit");
        b.wait_for(".alert").await;
        problems.extend(shot(b, &axe, lang, &mut step, "create-error").await);

        let repeat = b.wait_for("#secret-repeat").await;
        repeat.clear().await.expect("clear");
        repeat.send_keys(secret).await.expect("repeat");
        b.wait_for("#create-submit")
            .await
            .click()
            .await
            .expect("submit");
        let number = b
            .wait_for("#wallet-number")
            .await
            .text()
            .await
            .expect("number");
        b.wait_for(".qr svg").await;
        problems.extend(shot(b, &axe, lang, &mut step, "created").await);

        b.wait_for("#recovery-kept")
            .await
            .click()
            .await
            .expect("kept");
        b.wait_for("#created-continue")
            .await
            .click()
            .await
            .expect("go");
        b.wait_for("#file-input").await;
        problems.extend(shot(b, &axe, lang, &mut step, "wallet-empty").await);

        add_files(b, &photo_path.display().to_string(), "other").await;
        b.wait_for(".doc-card img.thumb").await;
        problems.extend(shot(b, &axe, lang, &mut step, "wallet").await);

        b.wait_for(".doc-card button")
            .await
            .click()
            .await
            .expect("card");
        b.wait_for("#viewer-image").await;
        problems.extend(shot(b, &axe, lang, &mut step, "document").await);

        b.wait_for("#delete").await.click().await.expect("delete");
        b.wait_for("#delete-no").await;
        problems.extend(shot(b, &axe, lang, &mut step, "delete-confirm").await);
        b.wait_for("#delete-no").await.click().await.expect("keep");

        // Sharing: the form, the link ready (PIN, QR code, slip), the list of shares.
        b.back_to_wallet().await;
        b.wait_for("#wallet-share")
            .await
            .click()
            .await
            .expect("share");
        b.wait_for(".share-doc").await;
        b.wait_for("#share-with-pin")
            .await
            .click()
            .await
            .expect("pin option");
        b.wait_for("#share-pin").await;
        problems.extend(shot(b, &axe, lang, &mut step, "share").await);
        b.wait_for(".share-doc")
            .await
            .click()
            .await
            .expect("choose");
        b.wait_for("#share-pin")
            .await
            .send_keys("4826")
            .await
            .expect("pin");
        b.wait_for("#share-submit")
            .await
            .click()
            .await
            .expect("submit");
        b.wait_for("#share-slip .qr svg").await;
        problems.extend(shot(b, &axe, lang, &mut step, "share-ready").await);
        b.wait_for("#share-to-grants")
            .await
            .click()
            .await
            .expect("grants");
        b.wait_for(".grant").await;
        problems.extend(shot(b, &axe, lang, &mut step, "grants").await);

        // Preparing a meeting, up to the second confirmation (not confirmed here).
        b.back_to_wallet().await;
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
        problems.extend(shot(b, &axe, lang, &mut step, "meeting").await);
        b.wait_for("#meeting-lock-no")
            .await
            .click()
            .await
            .expect("no");
        b.wait_for("button.link").await.click().await.expect("back");
        b.wait_for("#wallet-hidden")
            .await
            .click()
            .await
            .expect("hidden");
        b.wait_for("#hidden-secret").await;
        problems.extend(shot(b, &axe, lang, &mut step, "hidden").await);
        b.wait_for("button.link").await.click().await.expect("back");
        b.wait_for("#wallet-hidden").await;

        // Security: a session on another device is ended from here; this one stays open.
        b.wait_for("#wallet-security")
            .await
            .click()
            .await
            .expect("security");
        b.wait_for("#security-end-others").await;
        let elsewhere = PdeClient::new(&server.base_url);
        if lang == "fr" {
            elsewhere
                .login(&number, secret)
                .await
                .expect("another device");
            assert!(elsewhere.list_raw().await.is_ok());
        }
        b.wait_for("#security-end-others")
            .await
            .click()
            .await
            .expect("end the others");
        b.wait_for("#security-end-others-done").await;
        problems.extend(shot(b, &axe, lang, &mut step, "security").await);
        if lang == "fr" {
            let ended = elsewhere.list_raw().await.expect_err("ended elsewhere");
            assert_eq!(ended.code(), Some(pde_api::ErrorCode::NotSignedIn));
        }
        b.wait_for("button.link").await.click().await.expect("back");
        b.wait_for("#wallet-hidden").await;

        b.wait_for("#lock").await.click().await.expect("lock");
        b.wait_for("#unlock-submit").await;
        problems.extend(shot(b, &axe, lang, &mut step, "unlock").await);

        b.wait_for("#login")
            .await
            .send_keys(&number)
            .await
            .expect("login");
        b.wait_for("#secret")
            .await
            .send_keys("wrong secret")
            .await
            .expect("s");
        b.wait_for("#unlock-submit")
            .await
            .click()
            .await
            .expect("submit");
        b.wait_for(".alert").await;
        problems.extend(shot(b, &axe, lang, &mut step, "unlock-error").await);

        // Kiosk mode: the first screen, the countdown before the idle lock, the neutral page, the
        // end page.
        b.client
            .goto(&format!("{}/?kiosk=1&kiosk-idle=12", server.base_url))
            .await
            .expect("kiosk");
        b.wait_for("#kiosk-is-on").await;
        problems.extend(shot(b, &axe, lang, &mut step, "kiosk-language").await);
        b.wait_for(&choose).await.click().await.expect("language");
        b.wait_for("#idle-countdown").await;
        problems.extend(shot(b, &axe, lang, &mut step, "kiosk-countdown").await);
        // After the idle lock, the neutral page; after the lock button, the end page.
        b.wait_for("#neutral-start").await;
        b.wait_for(&format!("html[lang='{lang}']")).await;
        problems.extend(shot(b, &axe, lang, &mut step, "kiosk-neutral").await);
        b.click("#neutral-start").await;
        b.wait_for(&choose).await.click().await.expect("language");
        b.click("#lock").await;
        b.wait_for("#ended-list").await;
        b.wait_for(&format!("html[lang='{lang}']")).await;
        problems.extend(shot(b, &axe, lang, &mut step, "kiosk-ended").await);
        browser.close().await;
    }
    assert!(
        problems.is_empty(),
        "accessibility:\n{}",
        problems.join("\n")
    );
}

/// Files that are not photos: a PDF is shown in the browser's viewer, a file that claims to be HTML
/// can only be downloaded (it never runs as PDE's page), and a file over the limit gets a plain
/// message while the wallet keeps what it had.
#[tokio::test]
async fn pdfs_show_in_the_viewer_html_is_download_only_and_limits_are_explained() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server =
        TestServer::start_with(Backend::Sqlite, &["--max-document-bytes", "1048576"]).await;
    let browser = Browser::start(&chromium, "en").await;
    let b = &browser;
    create_wallet_in_page(b, &server, "en", "green apples falling").await;

    let dir = tempfile::tempdir().expect("dir");
    let pdf = dir.path().join("decision.pdf");
    std::fs::write(&pdf, one_page_pdf()).expect("pdf");
    // Starts like a PDF, is HTML: shown as a PDF (or not at all), never run.
    let trick = dir.path().join("trick.pdf");
    std::fs::write(&trick, b"%PDF-1.4\n<script>document.title='pwned'</script>").expect("trick");
    let html = dir.path().join("page.html");
    std::fs::write(&html, b"<script>document.title='pwned'</script>").expect("html");
    let big = dir.path().join("big.bin");
    std::fs::write(&big, vec![7u8; 2 * 1024 * 1024]).expect("big");

    let three = format!("{}\n{}\n{}", pdf.display(), html.display(), trick.display());
    add_files(b, &three, "other").await;
    b.wait_for_text("decision.pdf").await;
    b.wait_for_text("page.html").await;
    b.wait_for_text("3 documents").await;

    // Too large: a plain message, nothing else changes.
    add_files(b, &big.display().to_string(), "other").await;
    b.wait_for_text("This file is too large. Maximum: 1 MB.")
        .await;
    b.wait_for_text("3 documents").await;

    // A screenshot (PNG with transparency and a text chunk) is stored as a JPEG on white,
    // without the text; a file that only looks like a JPEG is refused in plain words.
    let png = dir.path().join("releve-banque.png");
    std::fs::write(&png, png_with_text(b"ChezMoi50.8503N")).expect("png");
    add_files(b, &png.display().to_string(), "other").await;
    b.wait_for_text("releve-banque.jpg").await;
    b.wait_for_text("4 documents").await;
    let fake = dir.path().join("fake.jpg");
    let mut fake_bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    fake_bytes.extend_from_slice(&[0x42; 5000]);
    std::fs::write(&fake, fake_bytes).expect("fake");
    add_files(b, &fake.display().to_string(), "other").await;
    b.wait_for_text("This picture cannot be read.").await;
    b.wait_for_text("4 documents").await;
    // An iPhone's HEIC photo can't be decoded here, so it can't be cleaned: it is kept as it
    // is, download-only, saved as .heic, with a warning that it may show where it was taken.
    let heic = dir.path().join("iphone.heic");
    let mut heic_bytes = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic_bytes.extend_from_slice(&[0x17; 3000]);
    std::fs::write(&heic, &heic_bytes).expect("heic");
    add_files(b, &heic.display().to_string(), "other").await;
    b.wait_for_text("5 documents").await;

    // The PDFs open in the browser's PDF viewer (a sandboxed frame would only show Chromium's
    // error page); the screenshot is an image whose download is a JPEG without the text.
    let cards = b
        .client
        .find_all(Locator::Css(".doc-card button"))
        .await
        .expect("cards");
    let mut opened_pdf = false;
    let mut opened_trick = false;
    let mut opened_html = false;
    let mut opened_png = false;
    let mut opened_heic = false;
    for index in 0..cards.len() {
        let cards = b
            .client
            .find_all(Locator::Css(".doc-card button"))
            .await
            .expect("cards");
        let text = cards[index].text().await.expect("text");
        cards[index].click().await.expect("open card");
        if text.contains("iphone.heic") {
            b.wait_for("#photo-not-cleaned").await;
            b.wait_for_text("It may still show where and when it was taken")
                .await;
            let problems = shot_in_arabic_on_a_phone(b, &axe, "en", "photo-not-cleaned").await;
            assert!(problems.is_empty(), "{problems:#?}");
            assert!(b.client.find(Locator::Css("#viewer-image")).await.is_err());
            let (name, downloaded) = download_shown(b).await;
            assert_eq!(
                (name.as_str(), downloaded),
                ("iphone.heic", heic_bytes.clone())
            );
            opened_heic = true;
        } else if text.contains("releve-banque.jpg") {
            b.wait_for("#viewer-image").await;
            b.wait_for("#download")
                .await
                .click()
                .await
                .expect("download");
            let (name, downloaded) = b.wait_for_download().await;
            assert_eq!(name, "releve-banque.jpg");
            assert!(downloaded.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
            assert!(
                !downloaded.windows(8).any(|w| w == b"ChezMoi5"),
                "text kept"
            );
            let decoded = image::load_from_memory(&downloaded)
                .expect("decode")
                .to_rgb8();
            let (opaque, transparent) = (decoded.get_pixel(4, 8).0, decoded.get_pixel(28, 8).0);
            assert!(opaque[2] > 200 && opaque[0] < 60, "blue half: {opaque:?}");
            assert!(
                transparent.iter().all(|&c| c > 230),
                "on white: {transparent:?}"
            );
            opened_png = true;
        } else if text.contains(".pdf") {
            b.wait_for("#viewer-frame").await;
            b.wait_for_pdf_frame().await;
            if text.contains("decision.pdf") {
                // Time for the viewer to draw the page (for the picture only).
                tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
                b.screenshot("en-document-pdf").await;
                opened_pdf = true;
            } else {
                opened_trick = true;
            }
        } else {
            b.wait_for_text("This file cannot be shown here").await;
            assert!(b.client.find(Locator::Css("#viewer-frame")).await.is_err());
            assert!(b.client.find(Locator::Css("#viewer-image")).await.is_err());
            b.wait_for("#download").await;
            opened_html = true;
        }
        assert_ne!(b.client.title().await.expect("title"), "pwned");
        b.back_to_wallet().await;
    }
    assert!(opened_pdf && opened_trick && opened_html && opened_png && opened_heic);
    browser.close().await;
}

/// An expired session (the server's clock moved past the session's life) sends the holder
/// back to the unlock screen with the wallet number filled in; once the wallet is open again,
/// a document's unsaved changes are still there, and a file picked while the session had ended
/// is added. A deliberate lock keeps nothing.
#[tokio::test]
async fn an_expired_session_returns_to_unlock_and_keeps_the_work() {
    let (Some(_), Some(chromium)) = (web_dist(), chromium()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let browser = Browser::start(&chromium, "en").await;
    let b = &browser;
    let secret = "quiet river stones";
    create_wallet_in_page(b, &server, "en", secret).await;

    let dir = tempfile::tempdir().expect("dir");
    let pdf = dir.path().join("certificate.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%%EOF\n").expect("pdf");
    add_files(b, &pdf.display().to_string(), "other").await;
    b.wait_for_text("1 document").await;
    let number = b
        .eval("return document.querySelector('.who').textContent")
        .await;
    let number = number.as_str().expect("wallet number").trim().to_owned();

    // Start editing, then the session ends before saving.
    b.wait_for(".doc-card button")
        .await
        .click()
        .await
        .expect("card");
    let name = b.wait_for("#doc-name").await;
    name.clear().await.expect("clear");
    name.send_keys("Medical certificate").await.expect("type");
    b.wait_for("#doc-note")
        .await
        .send_keys("for the CPAS")
        .await
        .expect("note");
    server.advance_clock(2 * 24 * 3600).await;
    b.wait_for("#save").await.click().await.expect("save");
    b.wait_for_text("Your session has ended").await;
    let login = b.wait_for("#login").await;
    assert_eq!(login.prop("value").await.expect("value"), Some(number));
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
    // Back on the document, the changes as typed.
    let name = b.wait_for("#doc-name").await;
    assert_eq!(
        name.prop("value").await.expect("value").as_deref(),
        Some("Medical certificate")
    );
    let note = b.wait_for("#doc-note").await;
    assert_eq!(
        note.prop("value").await.expect("value").as_deref(),
        Some("for the CPAS")
    );
    b.wait_for("#save").await.click().await.expect("save");
    b.wait_for_text("Saved.").await;
    b.back_to_wallet().await;
    b.wait_for_text("Medical certificate").await;

    // A file picked after the session ended is added once the wallet is open again.
    server.advance_clock(2 * 24 * 3600).await;
    let second = dir.path().join("decision.pdf");
    std::fs::write(&second, b"%PDF-1.4\n% decision\n%%EOF\n").expect("pdf");
    add_files(b, &second.display().to_string(), "other").await;
    b.wait_for_text("Your session has ended").await;
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
    b.wait_for_text("decision.pdf").await;
    b.wait_for_text("2 documents").await;

    // A deliberate lock forgets the wallet number and any unsaved change.
    b.wait_for_text("Medical certificate").await;
    b.wait_for("#lock").await.click().await.expect("lock");
    let login = b.wait_for("#login").await;
    assert_eq!(
        login.prop("value").await.expect("value").as_deref(),
        Some("")
    );
    browser.close().await;
}

/// A person using only the keyboard (Tab, Enter, Space, typing) makes a wallet and adds a
/// first document, seeing where the focus is at every step: the language, "create", the
/// passphrase twice, the recovery sheet's box and "continue" (Enter), the file button
/// (its label shows the focus; the file itself comes from the system's picker, which WebDriver
/// stands in for), the question "which paper is it?" (the focus goes there) and the document.
#[tokio::test]
async fn a_wallet_and_its_first_document_with_the_keyboard_alone() {
    let (Some(_), Some(chromium)) = (web_dist(), chromium()) else {
        return;
    };
    let enter = "\u{e007}";
    let server = TestServer::start(Backend::Sqlite).await;
    let browser = Browser::start(&chromium, "fr").await;
    let b = &browser;
    b.client
        .goto(&format!("{}/", server.base_url))
        .await
        .expect("open");
    b.wait_for("button[data-lang='fr']").await;
    b.tab_to("button[data-lang='fr']").await;
    b.press(enter).await;
    b.wait_for("#start-create").await;
    b.tab_to("#start-create").await;
    b.press(enter).await;
    b.wait_for("#secret").await;
    b.tab_to("#secret").await;
    b.press("sept vaches blanches").await;
    b.tab_to("#secret-repeat").await;
    b.press("sept vaches blanches").await;
    b.press(enter).await;
    b.wait_for("#recovery-kept").await;
    let next = b.wait_for("#created-continue").await;
    assert!(!next.is_enabled().await.expect("enabled"));
    // Enter ticks the box (Space, as for any box, too).
    b.tab_to("#recovery-kept").await;
    b.press(enter).await;
    assert_eq!(
        b.eval("return document.getElementById('recovery-kept').checked")
            .await,
        json!(true)
    );
    b.tab_to("#created-continue").await;
    b.press(enter).await;

    // The wallet: the file button shows the focus; the picked file is asked about.
    b.wait_for("#file-input").await;
    b.tab_to("#file-input").await;
    let dir = tempfile::tempdir().expect("dir");
    let card = dir.path().join("carte-identite.jpg");
    std::fs::write(&card, jpeg_with_gps(640, 400, 1)).expect("photo");
    b.client
        .active_element()
        .await
        .expect("focus")
        .send_keys(&card.display().to_string())
        .await
        .expect("the picker's file");
    b.wait_for("#what-is-it").await;
    b.tab_to("#what-is-it .kind[data-category='identity']")
        .await;
    b.press(enter).await;
    b.wait_for_text("1 document").await;
    b.wait_for(".doc-card img.thumb").await;
    b.tab_to(".doc-card .card-button").await;
    b.press(enter).await;
    b.wait_for("#viewer-image").await;
    b.wait_for_text("carte-identite.jpg").await;
    browser.close().await;
}

/// The pages `pdf` has (Chromium's PDFs write each page's dictionary as `/Type /Page`).
fn pdf_pages(pdf: &[u8]) -> usize {
    pdf.windows(11)
        .enumerate()
        .filter(|(at, w)| *w == b"/Type /Page" && pdf.get(at + 11) != Some(&b's'))
        .count()
}

/// The wallet's card and its recovery key never come out on one sheet of paper: each has its
/// own print button, whose job (printed to PDF by Chromium) is one page with only its own text;
/// printed together from the browser's menu, they are two pages, the key starting the second.
/// Later, "my card" shows and prints the card again, never the key.
#[tokio::test]
async fn the_card_and_the_recovery_key_print_apart() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let browser = Browser::start(&chromium, "fr").await;
    let b = &browser;
    open_app_at(b, &server, "/", "fr").await;
    b.click("#start-create").await;
    for field in ["#secret", "#secret-repeat"] {
        b.type_into(field, "sept vaches blanches").await;
    }
    b.click("#create-submit").await;
    b.wait_for("#print-card").await;
    b.wait_for("#print-sheet").await;
    b.wait_for(".recovery-sheet .qr svg").await;
    let number = b
        .wait_for("#wallet-number")
        .await
        .text()
        .await
        .expect("number");
    let key: Vec<String> = serde_json::from_value(
        b.eval("return [...document.querySelectorAll('#recovery-key li')].map(l => l.textContent)")
            .await,
    )
    .expect("key groups");
    assert!(!key.is_empty());

    let mut devtools = b.devtools().await;
    devtools
        .call("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await;
    // What each print job shows (`data-print`, as its button sets it), and its pages.
    for (part, pages) in [(Some("card"), 1), (Some("sheet"), 1), (None, 2)] {
        let set = match part {
            Some(part) => format!("document.documentElement.dataset.print = {part:?}"),
            None => "delete document.documentElement.dataset.print".to_owned(),
        };
        b.eval(&format!("{set}; return true;")).await;
        let printed = b.eval("return document.body.innerText").await;
        let printed = printed.as_str().expect("text");
        let shows_number = printed.contains(number.trim());
        let shows_key = key.iter().all(|group| printed.contains(group.as_str()));
        match part {
            Some("card") => assert!(shows_number && !shows_key, "{printed}"),
            Some(_) => assert!(!shows_number && shows_key, "{printed}"),
            None => assert!(shows_number && shows_key, "{printed}"),
        }
        let pdf = devtools.call("Page.printToPDF", json!({})).await;
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(pdf["data"].as_str().expect("PDF"))
            .expect("base64");
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(pdf_pages(&pdf), pages, "{part:?}");
    }
    drop(devtools);
    b.eval("delete document.documentElement.dataset.print; return true;")
        .await;

    // Later, from the wallet, "my card" shows the card again, and prints it alone; the key is
    // never shown again.
    b.click("#recovery-kept").await;
    b.click("#created-continue").await;
    b.click("#wallet-card").await;
    b.wait_for("#print-card").await;
    let shown = b.body_text().await;
    assert!(shown.contains(number.trim()));
    assert!(!key.iter().any(|group| shown.contains(group.as_str())));
    let mut problems = Vec::new();
    let mut step = 0;
    problems.extend(shot(b, &axe, "fr", &mut step, "my-card").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "my-card").await);
    let mut devtools = b.devtools().await;
    b.eval("document.documentElement.dataset.print = 'card'; return true;")
        .await;
    let pdf = devtools.call("Page.printToPDF", json!({})).await;
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(pdf["data"].as_str().expect("PDF"))
        .expect("base64");
    assert_eq!(pdf_pages(&pdf), 1);
    drop(devtools);
    assert!(problems.is_empty(), "{problems:#?}");
    browser.close().await;
}
