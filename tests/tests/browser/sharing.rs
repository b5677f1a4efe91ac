//! Links between two browsers: a grant a worker opens, a deposit link a worker sends through.

use super::*;

/// Whole runs of digits in `text`: a PIN is looked for as a run, never inside a token.
fn digit_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .collect()
}

/// Opens the link in the worker's page and types `pin` (if asked), then presses "open".
async fn worker_opens(w: &Browser, link: &str, pin: Option<&str>) {
    w.client.goto(link).await.expect("open link");
    if let Some(pin) = pin {
        let field = w.wait_for("#shared-pin").await;
        field.clear().await.expect("clear");
        field.send_keys(pin).await.expect("pin");
    }
    w.wait_for("#shared-open")
        .await
        .click()
        .await
        .expect("open");
}

fn files_under(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                files_under(&path)
            } else {
                1
            }
        })
        .sum()
}

/// Grant links between two browsers (two profiles: the holder's and the worker's). The holder
/// shares one of two documents with a PIN; the worker's page (which follows the holder's
/// language) removes the secret from the address bar, counts a wrong PIN, then shows exactly
/// the shared document; the holder sees the opening. Five wrong PINs burn a link; a revoked
/// link stops at once; a one-time link opens once; after the expiry (test clock) the link says
/// "expired" and the grants' ciphertext leaves the blob store. Through it all, the DevTools
/// protocol sees every request both browsers sent: no link secret in any URL, header or body,
/// and no PIN as any field.
#[tokio::test]
async fn grant_links_share_open_expire_between_two_browsers() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start_with(
        Backend::Sqlite,
        &[
            "--sweep-interval-seconds",
            "1",
            // Deleted blobs go at the first sweep (their grace period has its own test).
            "--blob-deletion-grace-seconds",
            "0",
        ],
    )
    .await;
    let holder = Browser::start(&chromium, "fr").await;
    let h = &holder;
    create_wallet_in_page(h, &server, "fr", "sept vaches blanches").await;
    let dir = tempfile::tempdir().expect("dir");
    let shared_pdf = b"%PDF-1.4\n% decision du CPAS\n%%EOF\n".to_vec();
    for (name, content) in [
        ("decision-cpas.pdf", shared_pdf.clone()),
        (
            "dossier-medical.pdf",
            b"%PDF-1.4\n% private\n%%EOF\n".to_vec(),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("file");
        add_files(h, &path.display().to_string(), "other").await;
        h.wait_for_text(name).await;
    }
    h.wait_for_text("2 documents").await;
    let documents_dir = server.data_dir().join("blobs/documents");
    let blobs_before = files_under(&documents_dir);

    // A private note on the document to share: it stays in the wallet unless the holder
    // chooses to include notes (D below).
    let note = "pour mon assistante seulement";
    let opened = h
        .eval(
            "const card = [...document.querySelectorAll('.doc-card button')]
                .find(b => b.textContent.includes('decision-cpas.pdf'));
             if (!card) return false; card.click(); return true;",
        )
        .await;
    assert_eq!(opened, serde_json::json!(true));
    h.wait_for("#doc-note")
        .await
        .send_keys(note)
        .await
        .expect("note");
    h.wait_for("#save").await.click().await.expect("save");
    h.wait_for_text("C'est enregistré.").await;
    h.back_to_wallet().await;

    // A: one document, a PIN, an hour.
    let pin = "7391";
    let link_a = share_in_page(
        h,
        &["decision-cpas.pdf"],
        Some(pin),
        None,
        "CPAS Anderlecht",
        false,
    )
    .await;
    assert!(
        link_a.starts_with(&format!("{}/g/", server.base_url)) && link_a.ends_with(".fr"),
        "{link_a}"
    );
    assert!(files_under(&documents_dir) > blobs_before);

    // The worker's browser prefers English; the page follows the holder's French.
    let worker = Browser::start(&chromium, "en").await;
    let w = &worker;
    w.client.goto(&link_a).await.expect("open link");
    w.wait_for("#shared-pin").await;
    assert_eq!(
        w.eval("return location.href").await,
        serde_json::json!(link_a.split('#').next().expect("path")),
        "the secret must leave the address bar"
    );
    assert_eq!(
        w.eval("return document.documentElement.lang").await,
        serde_json::json!("fr")
    );
    let mut problems = Vec::new();
    let mut step = 0;
    problems.extend(shot(w, &axe, "fr", &mut step, "worker-pin").await);
    w.wait_for("#shared-pin")
        .await
        .send_keys("1111")
        .await
        .expect("wrong pin");
    w.wait_for("#shared-open")
        .await
        .click()
        .await
        .expect("open");
    w.wait_for_text("Code PIN faux. Encore 4 essais.").await;
    problems.extend(shot(w, &axe, "fr", &mut step, "worker-wrong-pin").await);
    w.wait_for("#shared-pin")
        .await
        .send_keys(pin)
        .await
        .expect("pin");
    w.wait_for("#shared-open")
        .await
        .click()
        .await
        .expect("open");
    w.wait_for("#shared-documents").await;
    w.wait_for_text("decision-cpas.pdf").await;
    w.wait_for_text("Disponible jusqu'au").await;
    let shown = w
        .eval("return document.querySelectorAll('.shared-doc').length")
        .await;
    assert_eq!(shown, serde_json::json!(1), "only the shared document");
    assert!(!w.body_text().await.contains("dossier-medical"));
    assert!(
        !w.body_text().await.contains(note),
        "a private note was shared"
    );
    w.wait_for(".shared-view")
        .await
        .click()
        .await
        .expect("view");
    w.wait_for(".shared-doc .pdf-frame").await;
    w.wait_for_pdf_frame().await;
    problems.extend(shot(w, &axe, "fr", &mut step, "worker-documents").await);
    // Enter rather than a pointer click: the PDF viewer's frame, just loaded, can take the
    // pointer (see `Browser::back_to_wallet`).
    w.wait_for(".shared-download")
        .await
        .send_keys("\u{e007}")
        .await
        .expect("download");
    let (name, bytes) = w.wait_for_download().await;
    assert_eq!(name, "decision-cpas.pdf");
    assert_eq!(bytes, shared_pdf);
    // The worker's page and its vault ran the grant page's own small bundle, never the holders'.
    let fetched: Vec<String> = w.sent_requests().await.into_iter().map(|r| r.url).collect();
    assert!(
        fetched
            .iter()
            .any(|u| u.ends_with("/pde_grant_page_bg.wasm"))
            && !fetched
                .iter()
                .any(|u| u.ends_with("/pde_web_bg.wasm") || u.ends_with("/pde_web.js")),
        "{fetched:?}"
    );
    // The documents in the other languages, with the switch.
    for lang in ["nl", "en", "ar"] {
        w.pick_in_language_menu(lang).await;
        w.wait_for(&format!("html[lang='{lang}']")).await;
        problems.extend(shot(w, &axe, lang, &mut step, "worker-documents").await);
    }
    // Reloaded, the page no longer has the secret: it says so plainly.
    w.client.refresh().await.expect("reload");
    w.wait_for("#shared-problem").await;
    // Without the fragment, the page no longer knows the holder's language either.
    w.wait_for_text("This link is not complete").await;

    // The holder sees the opening and its time.
    h.wait_for("#wallet-grants")
        .await
        .click()
        .await
        .expect("shares");
    h.wait_for_text("CPAS Anderlecht").await;
    h.wait_for_text("Ouvert 1 fois").await;
    h.wait_for_text("Actif").await;
    h.back_to_wallet().await;

    // B: five wrong PINs burn it.
    let link_b = share_in_page(h, &["dossier-medical.pdf"], Some("2468"), None, "B", false).await;
    w.client.goto(&link_b).await.expect("open b");
    for left in (1..=4).rev() {
        let field = w.wait_for("#shared-pin").await;
        field.clear().await.expect("clear");
        field.send_keys("1357").await.expect("wrong");
        w.wait_for("#shared-open")
            .await
            .click()
            .await
            .expect("open");
        let expected = if left == 1 {
            "Encore 1 essai".to_owned()
        } else {
            format!("Encore {left} essais")
        };
        w.wait_for_text(&expected).await;
    }
    let field = w.wait_for("#shared-pin").await;
    field.clear().await.expect("clear");
    field.send_keys("1357").await.expect("wrong");
    w.wait_for("#shared-open")
        .await
        .click()
        .await
        .expect("open");
    w.wait_for("#shared-problem").await;
    w.wait_for_text("Trop de codes PIN faux").await;
    // The right PIN can't bring it back.
    w.client.goto("about:blank").await.expect("blank");
    w.client.goto(&link_b).await.expect("open b again");
    w.wait_for("#shared-problem").await;
    w.wait_for_text("Trop de codes PIN faux").await;
    // The worker's problem pages in four languages.
    for lang in ["fr", "nl", "en", "ar"] {
        w.pick_in_language_menu(lang).await;
        w.wait_for(&format!("html[lang='{lang}']")).await;
        problems.extend(shot(w, &axe, lang, &mut step, "worker-burned").await);
    }

    // C: revoked by the holder, refused at once.
    let link_c = share_in_page(h, &["decision-cpas.pdf"], None, None, "C", false).await;
    h.wait_for("#wallet-grants")
        .await
        .click()
        .await
        .expect("shares");
    h.wait_for_text("Mes partages").await;
    // The heading shows before the list has loaded: look for the card until it is there.
    let started = std::time::Instant::now();
    while h
        .eval(
            "const card = [...document.querySelectorAll('.grant')]
                .find(c => c.querySelector('h2')?.textContent.trim() === 'C');
             if (!card) return false;
             card.querySelector('.grant-revoke').click(); return true;",
        )
        .await
        != serde_json::json!(true)
    {
        assert!(started.elapsed() < Duration::from_secs(30), "no card C");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    h.wait_for(".grant-revoke-yes")
        .await
        .click()
        .await
        .expect("revoke");
    h.wait_for("li.grant[data-state='revoked']").await;
    w.client.goto(&link_c).await.expect("open c");
    w.wait_for("#shared-problem").await;
    w.wait_for_text("arrêté par la personne").await;
    h.back_to_wallet().await;

    // D: opens once.
    let link_d = share_in_page(h, &["decision-cpas.pdf"], None, Some(1), "D", true).await;
    worker_opens(w, &link_d, None).await;
    w.wait_for("#shared-documents").await;
    // D was shared with the holder's notes.
    w.wait_for_text(note).await;
    // A fresh load, as from the message again (the same address with only another fragment
    // would not reload the page).
    w.client.goto("about:blank").await.expect("blank");
    w.client.goto(&link_d).await.expect("open d again");
    w.wait_for("#shared-problem").await;
    w.wait_for_text("autant de fois que permis").await;

    // After the hour (the server's test clock), A says "expired", and every dead grant's
    // ciphertext leaves the blob store (the sweeper runs every second here).
    server.advance_clock(2 * 3600).await;
    w.client.goto(&link_a).await.expect("open a");
    w.wait_for("#shared-problem").await;
    w.wait_for_text("Ce lien a expiré").await;
    problems.extend(shot(w, &axe, "fr", &mut step, "worker-expired").await);
    let started = std::time::Instant::now();
    while files_under(&documents_dir) != blobs_before {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "grant ciphertext left in the blob store"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    // What both browsers sent, as DevTools saw it.
    let links = [&link_a, &link_b, &link_c, &link_d];
    let secrets: Vec<String> = links
        .iter()
        .map(|l| {
            let fragment = l.split('#').nth(1).expect("fragment");
            fragment.split('.').next().expect("secret").to_owned()
        })
        .collect();
    let mut sent = holder.sent_requests().await;
    let worker_sent = worker.sent_requests().await;
    let grant_a = link_a
        .split("/g/")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .expect("grant id");
    assert!(
        worker_sent.iter().any(|r| r.method == "POST"
            && r.url.ends_with(&format!("/api/v1/shared/{grant_a}/open"))
            && r.body
                .as_deref()
                .is_some_and(|b| b.contains("access_token"))),
        "the capture must see the worker's opening request with its body"
    );
    sent.extend(worker_sent);
    assert!(sent.len() > 20, "too few requests captured: {}", sent.len());
    for request in &sent {
        for field in request.fields() {
            for secret in &secrets {
                assert!(
                    !field.contains(secret.as_str()),
                    "a link secret was sent: {request:?}"
                );
            }
        }
        for word in request.typed_words() {
            for pin in [pin, "2468", "1357", "1111"] {
                assert!(
                    !digit_runs(&word).contains(&pin),
                    "a PIN was sent as `{word}` in {request:?}"
                );
            }
        }
    }
    assert!(
        problems.is_empty(),
        "accessibility:\n{}",
        problems.join("\n")
    );
    holder.close().await;
    worker.close().await;
}

/// A deposit link between two browsers: the holder makes it; the worker's page (no account,
/// the holder's language, the secret gone from the address bar) sends a phone photo with GPS
/// tags, cleaned and sealed in the worker's browser; the worker sees nothing of the wallet; the
/// holder finds it marked received and opens it, without any GPS tag. The link's secret never
/// appears in a request either browser sent.
#[tokio::test]
async fn deposit_links_let_a_worker_drop_a_document_into_the_wallet() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let holder = Browser::start(&chromium, "fr").await;
    let h = &holder;
    create_wallet_in_page(h, &server, "fr", "sept vaches blanches").await;
    let number = h
        .eval("return document.querySelector('.who').textContent")
        .await
        .as_str()
        .expect("number")
        .trim()
        .to_owned();
    h.wait_for("#wallet-receive")
        .await
        .click()
        .await
        .expect("receive");
    h.wait_for("#deposit-label")
        .await
        .send_keys("CPAS Anderlecht")
        .await
        .expect("label");
    let files = h.wait_for("#deposit-files").await;
    files.clear().await.expect("clear");
    files.send_keys("4").await.expect("files");
    let mut problems = Vec::new();
    let mut step = 0;
    problems.extend(shot(h, &axe, "fr", &mut step, "receive").await);
    h.wait_for("#deposit-submit")
        .await
        .click()
        .await
        .expect("submit");
    let link = h
        .wait_for("#share-link")
        .await
        .prop("value")
        .await
        .expect("link")
        .expect("a link");
    assert!(link.contains("/d/") && link.ends_with(".fr"), "{link}");
    // To paste in a message, as a grant link is.
    h.wait_for("#deposit-copy").await;
    h.wait_for("#deposit-slip .qr svg").await;
    problems.extend(shot(h, &axe, "fr", &mut step, "deposit-ready").await);

    let worker = Browser::start(&chromium, "en").await;
    let w = &worker;
    w.client.goto(&link).await.expect("open link");
    w.wait_for("#drop-input").await;
    assert_eq!(
        w.eval("return location.href").await,
        serde_json::json!(link.split('#').next().expect("path"))
    );
    w.wait_for_text("Déposer des documents").await;
    problems.extend(shot(w, &axe, "fr", &mut step, "drop").await);
    let dir = tempfile::tempdir().expect("dir");
    let photo = dir.path().join("attestation.jpg");
    std::fs::write(&photo, jpeg_with_gps(800, 600, 1)).expect("photo");
    w.wait_for("#drop-input")
        .await
        .send_keys(&photo.display().to_string())
        .await
        .expect("pick");
    w.wait_for("li.upload[data-done='true']").await;
    w.wait_for_text("Envoyé.").await;
    problems.extend(shot(w, &axe, "fr", &mut step, "drop-sent").await);
    // A WebP picture (made by this browser's own encoder) and a program that calls itself a
    // PDF: the picture is re-encoded like any photo; the program keeps its bytes, not its name.
    let webp = w
        .eval(
            "const canvas = new OffscreenCanvas(320, 200);
             const context = canvas.getContext('2d');
             context.fillStyle = '#2a6'; context.fillRect(0, 0, 320, 200);
             const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 });
             return [...new Uint8Array(await blob.arrayBuffer())];",
        )
        .await;
    let webp: Vec<u8> = serde_json::from_value(webp).expect("bytes");
    assert!(
        webp.starts_with(b"RIFF") && &webp[8..12] == b"WEBP",
        "a WebP"
    );
    let scan = dir.path().join("scan.webp");
    std::fs::write(&scan, &webp).expect("webp");
    let program = dir.path().join("attestation.pdf.exe");
    std::fs::write(&program, b"MZ\x90\0 not really a PDF").expect("program");
    let statement = dir.path().join("releve.pdf");
    // A PDF whose properties name someone: they are gone before it is sealed.
    let statement_title = "Releve de compte de Jean Dupont";
    std::fs::write(
        &statement,
        pde_pdf::sample("RELEVE", statement_title, "Banque", false),
    )
    .expect("pdf");
    w.wait_for("#drop-input")
        .await
        .send_keys(&format!(
            "{}\n{}\n{}",
            scan.display(),
            program.display(),
            statement.display()
        ))
        .await
        .expect("pick");
    let started = std::time::Instant::now();
    while w
        .eval("return document.querySelectorAll(\"li.upload[data-done='true']\").length")
        .await
        != serde_json::json!(4)
    {
        assert!(started.elapsed() < Duration::from_secs(30), "not sent");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Nothing of the wallet reaches the worker's page.
    let seen = w.body_text().await;
    assert!(!seen.contains(&number), "the wallet number leaked: {seen}");
    for lang in ["nl", "en", "ar"] {
        w.pick_in_language_menu(lang).await;
        w.wait_for(&format!("html[lang='{lang}']")).await;
        problems.extend(shot(w, &axe, lang, &mut step, "drop-sent").await);
    }

    // The holder: one received, marked so, opened in the safe viewer, no GPS left.
    h.wait_for("#deposit-done")
        .await
        .click()
        .await
        .expect("back");
    h.wait_for_text("4 reçu(s) sur 4").await;
    problems.extend(shot(h, &axe, "fr", &mut step, "deposits").await);
    h.back_to_wallet().await;
    h.wait_for_text("Reçu").await;
    open_card(h, "attestation.jpg").await;
    h.wait_for("#document-received").await;
    // With the label of the link it came through.
    h.wait_for_text("CPAS Anderlecht").await;
    h.wait_for("#viewer-image").await;
    problems.extend(shot(h, &axe, "fr", &mut step, "received-document").await);
    let (_, bytes) = download_shown(h).await;
    assert!(bytes.starts_with(&[0xFF, 0xD8]), "a JPEG");
    assert!(
        !bytes
            .windows(gps_marker().len())
            .any(|window| window == gps_marker()),
        "GPS tags survived the drop"
    );
    // The WebP arrived as a JPEG, shown as a picture.
    h.back_to_wallet().await;
    open_card(h, "scan.jpg").await;
    h.wait_for("#viewer-image").await;
    let (name, bytes) = download_shown(h).await;
    assert_eq!(name, "scan.jpg");
    assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
    // The program: download only, under a name no double click runs.
    back_and_open_unshown(h, "attestation.pdf.exe", "#document-received").await;
    let (name, bytes) = download_shown(h).await;
    assert_eq!(name, "attestation.pdf.exe.bin");
    assert!(bytes.starts_with(b"MZ"));
    // A received PDF: someone else made it, so the browser's viewer (a frame of PDE's origin)
    // opens it only once the holder asks.
    back_and_open_unshown(h, "releve.pdf", "#received-pdf-warning").await;
    assert!(h.client.find(Locator::Css("#print")).await.is_err());
    problems.extend(shot(h, &axe, "fr", &mut step, "received-pdf").await);
    problems.extend(shot_in_arabic_on_a_phone(h, &axe, "fr", "received-pdf").await);
    h.click("#show-received-pdf").await;
    h.wait_for_pdf_frame().await;

    // The server writes a record of its own for one of the holder's documents (sealed to the
    // public key, as it can): the page shows the card as damaged, never the server's words.
    let native = pde_tests::PdeClient::new(&server.base_url);
    let opened = native
        .login(&number, "sept vaches blanches")
        .await
        .expect("login");
    let listed = native.list(&opened).await.expect("list");
    let received = listed
        .iter()
        .find(|d| d.metadata.name == "releve.pdf")
        .expect("the statement");
    let stored = native
        .download_received(&opened, &received.id)
        .await
        .expect("the statement's content");
    assert!(stored.starts_with(b"%PDF-"));
    assert!(
        !stored
            .windows(statement_title.len())
            .any(|w| w == statement_title.as_bytes()),
        "the PDF's Title survived the deposit"
    );
    let mine = native
        .upload(
            &opened,
            "mine.pdf",
            "application/pdf",
            pde_crypto::metadata::Category::Other,
            b"%PDF-1.4",
        )
        .await
        .expect("upload");
    let mut forged = native.list(&opened).await.expect("list");
    forged.retain(|d| d.id == mine);
    let mut record = forged.pop().expect("mine").metadata;
    record.name = "forged-by-the-server".into();
    let record = pde_crypto::metadata::seal_metadata(&opened.key.recipient(), &mine, &record)
        .expect("sealed");
    native
        .put_metadata_raw(&mine, record)
        .await
        .expect("stored");
    h.back_to_wallet().await;
    h.wait_for_text("Document abîmé").await;
    assert!(
        !markup(h).await.contains("forged-by-the-server"),
        "the server's words were shown"
    );
    h.eval(
        "[...document.querySelectorAll('.doc-card')]
            .find(c => c.textContent.includes('Document abîmé')).scrollIntoView()",
    )
    .await;
    problems.extend(shot(h, &axe, "fr", &mut step, "damaged-record").await);
    // Its content still opens (its tag holds), so the holder loses nothing and can name it again.
    open_card(h, "Document abîmé").await;
    h.wait_for("#download").await;

    let secret = link
        .split('#')
        .nth(1)
        .and_then(|f| f.split('.').next())
        .expect("secret")
        .to_owned();
    let mut sent = holder.sent_requests().await;
    let worker_sent = worker.sent_requests().await;
    assert!(
        worker_sent
            .iter()
            .any(|r| r.method == "POST" && r.url.contains("/api/v1/drop/")),
        "the capture must see the worker's requests"
    );
    sent.extend(worker_sent);
    for request in &sent {
        for field in request.fields() {
            assert!(
                !field.contains(&secret),
                "the link secret was sent: {request:?}"
            );
        }
    }
    assert!(
        problems.is_empty(),
        "accessibility:\n{}",
        problems.join("\n")
    );
    holder.close().await;
    worker.close().await;
}

/// From a document back to the wallet, then opens the card named `name`: its page shows
/// `marker` and nothing of the content (no picture, no frame).
async fn back_and_open_unshown(b: &Browser, name: &str, marker: &str) {
    b.back_to_wallet().await;
    open_card(b, name).await;
    b.wait_for(marker).await;
    assert!(
        b.eval("return document.querySelector('#viewer-image, iframe') === null")
            .await
            == serde_json::json!(true),
        "{name} was shown"
    );
}

/// The message `id` of `web/locales/<lang>.ftl` (a one-line message).
fn message(lang: &str, id: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../web/locales")
        .join(format!("{lang}.ftl"));
    let text = std::fs::read_to_string(&path).expect("a language file");
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{id} = ")))
        .unwrap_or_else(|| panic!("{id} in {lang}.ftl"))
        .to_owned()
}

/// A social worker is told the rules on both kinds of link, in each of the four languages: PDE
/// and its documents are never mandatory; on a grant's page also that the documents serve what
/// was agreed, are not forwarded, and that downloads are deleted once no longer needed.
#[tokio::test]
async fn the_worker_is_told_the_rules_in_four_languages() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let holder = PdeClient::new(&server.base_url);
    let wallet = holder
        .create_wallet(CreateWallet {
            secret: "sept vaches blanches",
            ..Default::default()
        })
        .await
        .expect("wallet");
    let shown: [(&str, &str, &[u8]); 1] = [("cpas.pdf", "application/pdf", b"%PDF-1.4 decision")];
    let grant = holder
        .share(&wallet, &shown, None, 3600, None)
        .await
        .expect("share");
    let deposit = holder
        .create_deposit(&wallet, "CPAS", 3600, 1)
        .await
        .expect("deposit link");
    let browser = Browser::start(&chromium, "fr").await;
    let b = &browser;
    let mut problems = Vec::new();
    for (url, ids) in [
        (
            format!(
                "{}/g/{}#{}",
                server.base_url,
                grant.grant_id.as_str(),
                grant.fragment.as_str()
            ),
            &[
                "worker-rules-optional",
                "worker-rules-purpose",
                "worker-rules-delete",
            ][..],
        ),
        (
            format!(
                "{}/d/{}#{}",
                server.base_url,
                deposit.deposit_id.as_str(),
                deposit.fragment.as_str()
            ),
            &["worker-rules-optional"][..],
        ),
    ] {
        b.client.goto(&url).await.expect("open the link");
        for lang in ["fr", "nl", "en", "ar"] {
            b.pick_in_language_menu(lang).await;
            b.wait_for(&format!("html[lang='{lang}']")).await;
            let shown = b
                .wait_for("#worker-rules")
                .await
                .text()
                .await
                .expect("text")
                .replace(['\u{2068}', '\u{2069}'], "");
            for id in ids {
                assert!(
                    shown.contains(&message(lang, id)),
                    "{url}: {id} in {lang}: {shown}"
                );
            }
            if ids.len() == 1 {
                assert!(!shown.contains(&message(lang, "worker-rules-delete")));
            }
        }
        let kind = if ids.len() == 1 { "deposit" } else { "grant" };
        b.screenshot(&format!("ar-worker-rules-{kind}")).await;
        problems.extend(
            b.axe_violations(&axe)
                .await
                .into_iter()
                .map(|v| format!("{kind}: {v}")),
        );
    }
    assert!(
        problems.is_empty(),
        "accessibility:\n{}",
        problems.join("\n")
    );
    browser.close().await;
}
