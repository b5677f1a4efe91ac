//! "Take my documents with me" in a real browser: the ZIP (as downloads, and written to disk
//! through the File System Access API), the locked archive and its import into a new wallet.

use std::collections::BTreeMap;
use std::io::Read as _;

use pde_crypto::metadata::Category;

use super::*;

/// The holder's secret in these tests.
const SECRET: &str = "sept vaches blanches";

/// What a holder keeps, as their wallet holds it: names a ZIP must not trust, a photo, a
/// document of no known type, and one received through a deposit link.
struct Kept {
    /// Entry name expected in the ZIP → the original bytes.
    expected: BTreeMap<String, Vec<u8>>,
}

async fn keep_documents(server: &TestServer, number: &str, secret: &str) -> Kept {
    let holder = PdeClient::new(&server.base_url);
    let wallet = holder.login(number, secret).await.expect("login");
    let pdf = b"%PDF-1.7\n% a residence permit\n".repeat(50);
    let photo = jpeg_with_gps(320, 240, 1);
    let unknown: Vec<u8> = (0..5000u32).map(|i| (i * 31 % 251) as u8).collect();
    let letter = b"%PDF-1.4\n% a CPAS decision\n".to_vec();
    for (name, mime, category, content) in [
        (
            "../../etc/passwd",
            "application/pdf",
            Category::Residence,
            &pdf,
        ),
        ("Carte d'identité", "image/jpeg", Category::Identity, &photo),
        ("CON", "application/octet-stream", Category::Other, &unknown),
    ] {
        holder
            .upload(&wallet, name, mime, category, content)
            .await
            .expect("upload");
    }
    let link = holder
        .create_deposit(&wallet, "CPAS Anderlecht", 3600, 3)
        .await
        .expect("deposit link");
    PdeClient::new(&server.base_url)
        .deposit(&link, "lettre\u{7}.pdf", "application/pdf", &letter)
        .await
        .expect("deposit");
    Kept {
        expected: BTreeMap::from([
            ("_.._etc_passwd.pdf".to_owned(), pdf),
            ("Carte d'identité.jpg".to_owned(), photo),
            ("_CON.bin".to_owned(), unknown),
            ("lettre_.pdf".to_owned(), letter),
        ]),
    }
}

/// A new wallet made in the page, its documents kept, and the export screen open: the wallet's
/// number and what it keeps.
async fn on_the_export_screen(b: &Browser, server: &TestServer) -> (String, Kept) {
    let number = create_wallet_in_page(b, server, "fr", SECRET).await;
    let kept = keep_documents(server, &number, SECRET).await;
    b.click("#wallet-security").await;
    b.click("#security-export").await;
    (number, kept)
}

/// Every entry of a ZIP, by name.
fn entries(zip: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a ZIP");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("read");
            (file.name().to_owned(), content)
        })
        .collect()
}

fn check_zip(zip: &[u8], kept: &Kept) {
    let mut entries = entries(zip);
    // Fluent's marks that isolate right-to-left text around what it fills in are left out.
    let read_me = String::from_utf8(entries.remove("index.txt").expect("index.txt"))
        .expect("text")
        .replace(['\u{2068}', '\u{2069}'], "");
    let index: serde_json::Value =
        serde_json::from_slice(&entries.remove("pde-index.json").expect("index")).expect("json");
    assert_eq!(
        entries.keys().collect::<Vec<_>>(),
        kept.expected.keys().collect::<Vec<_>>(),
        "every document, under a safe name"
    );
    for (name, content) in &entries {
        assert!(
            *content == kept.expected[name],
            "{name} is not the original byte for byte"
        );
    }
    for said in [
        "../../etc/passwd",
        "Carte d'identité",
        "Reçu par un lien, expéditeur non vérifié : CPAS Anderlecht",
        "Ce que le serveur garde",
        "Lien de réception « CPAS Anderlecht »",
        "documents reçus : 1",
    ] {
        assert!(
            read_me.contains(said),
            "the index says {said:?}:\n{read_me}"
        );
    }
    assert_eq!(index["documents"].as_array().map(Vec::len), Some(4));
}

/// A holder takes everything as a ZIP: first where the browser cannot write a file as it goes
/// (a download), then through the File System Access API (a real file, in the page's private
/// file system standing in for the file the holder picks). Both hold every document byte for
/// byte under names any system can take, and the index says what each is and what the server
/// holds.
#[tokio::test]
async fn taking_everything_as_a_zip_gives_the_originals_under_safe_names() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let browser = Browser::start(&chromium, "fr").await;
    let b = &browser;
    let (_, kept) = on_the_export_screen(b, &server).await;
    b.wait_for("#export-zip").await;
    let mut problems = Vec::new();
    let mut step = 0;
    problems.extend(shot(b, &axe, "fr", &mut step, "export").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "export").await);

    // Without the File System Access API: a download.
    b.eval("delete Window.prototype.showSaveFilePicker; delete window.showSaveFilePicker;")
        .await;
    b.click("#export-start").await;
    b.wait_for("#export-done").await;
    problems.extend(shot(b, &axe, "fr", &mut step, "export-done").await);
    b.click("#export-volumes a").await;
    let (name, zip) = b.wait_for_download().await;
    assert!(name.starts_with("pde-") && name.ends_with(".zip"), "{name}");
    check_zip(&zip, &kept);

    // With it: written to the file as it goes.
    b.eval(
        "window.showSaveFilePicker = async (options) => {
             window.suggestedName = options.suggestedName;
             const folder = await navigator.storage.getDirectory();
             return folder.getFileHandle('export.zip', { create: true });
         };",
    )
    .await;
    b.click("#export-start").await;
    b.wait_for("#export-done").await;
    let written = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.storage.getDirectory()
               .then(folder => folder.getFileHandle('export.zip'))
               .then(handle => handle.getFile())
               .then(file => file.arrayBuffer())
               .then(buffer => {
                 let text = '';
                 for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
                 done(btoa(text));
               }, error => done('failed: ' + error));",
            vec![],
        )
        .await
        .expect("read back");
    let written = base64::engine::general_purpose::STANDARD
        .decode(written.as_str().expect("text"))
        .expect("the file was written");
    check_zip(&written, &kept);
    assert!(
        b.eval("return window.suggestedName")
            .await
            .as_str()
            .is_some_and(|n| n.ends_with(".zip")),
        "the picker is offered a file name"
    );
    assert!(
        problems.is_empty(),
        "accessibility:\n{}",
        problems.join("\n")
    );
    browser.close().await;
}

/// A holder locks an archive for a USB stick with a generated passphrase (a PIN-like one of
/// their own is refused), then puts it back into a new wallet: a wrong passphrase opens
/// nothing; the right one, typed carelessly, brings every document back with its name,
/// category and content, and a received document still says it was received.
#[tokio::test]
async fn a_locked_archive_goes_back_into_a_new_wallet() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let browser = Browser::start(&chromium, "fr").await;
    let b = &browser;
    let (number, kept) = on_the_export_screen(b, &server).await;
    b.click("#export-locked").await;
    let mut problems = Vec::new();
    let mut step = 0;
    // A passphrase of one's own must be long.
    b.click("#archive-own-choice").await;
    b.type_into("#archive-own", "1234").await;
    b.click("#export-start").await;
    b.wait_for_text("trop courte ou trop simple").await;
    b.click("#archive-own-choice").await;
    let passphrase = b
        .eval("return [...document.querySelectorAll('#archive-key li')].map(li => li.textContent).join('-')")
        .await
        .as_str()
        .expect("the generated passphrase")
        .to_owned();
    assert_eq!(passphrase.len(), 34, "{passphrase}");
    assert!(
        !b.wait_for("#export-start")
            .await
            .is_enabled()
            .await
            .expect("enabled"),
        "not before the holder says it is noted"
    );
    problems.extend(shot(b, &axe, "fr", &mut step, "export-locked").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "export-locked").await);
    b.click("#archive-key-noted").await;
    b.eval("delete Window.prototype.showSaveFilePicker; delete window.showSaveFilePicker;")
        .await;
    b.click("#export-start").await;
    b.wait_for("#export-done").await;
    b.click("#export-volumes a").await;
    let (name, archive) = b.wait_for_download().await;
    assert!(name.ends_with(".age"), "{name}");
    assert!(archive.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    for original in kept.expected.values() {
        assert!(
            !archive
                .windows(16)
                .any(|w| original.windows(16).next() == Some(w)),
            "nothing readable in the locked archive"
        );
    }

    // A new wallet, in a fresh page.
    let other_secret = "neuf chats gris du quartier";
    let new_number = create_wallet_in_page(b, &server, "fr", other_secret).await;
    assert_ne!(new_number, number);
    let dir = tempfile::tempdir().expect("dir");
    let stick = dir.path().join(&name);
    std::fs::write(&stick, &archive).expect("the stick");
    b.click("#wallet-security").await;
    b.click("#security-import").await;
    b.type_into("#import-file", &stick.display().to_string())
        .await;
    b.type_into("#import-passphrase", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG")
        .await;
    b.click("#import-start").await;
    b.wait_for_text("Cette phrase n'ouvre pas cette archive")
        .await;
    problems.extend(shot(b, &axe, "fr", &mut step, "import-wrong").await);
    // Typed as people copy a sheet: small letters, spaces for dashes.
    let field = b.wait_for("#import-passphrase").await;
    field.clear().await.expect("clear");
    field
        .send_keys(&passphrase.to_lowercase().replace('-', " "))
        .await
        .expect("type");
    b.click("#import-start").await;
    b.wait_for("#import-done").await;
    b.wait_for_text("4 documents remis").await;
    problems.extend(shot(b, &axe, "fr", &mut step, "import-done").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "import-done").await);
    assert!(
        problems.is_empty(),
        "accessibility:\n{}",
        problems.join("\n")
    );

    let holder = PdeClient::new(&server.base_url);
    let wallet = holder
        .login(&new_number, other_secret)
        .await
        .expect("login");
    let mut back = BTreeMap::new();
    for listed in holder.list(&wallet).await.expect("list") {
        let content = holder.download(&wallet, &listed.id).await.expect("open");
        back.insert(
            listed.metadata.name.clone(),
            (
                listed.metadata.category,
                listed.metadata.note.replace(['\u{2068}', '\u{2069}'], ""),
                content.to_vec(),
            ),
        );
    }
    let original = |entry: &str| kept.expected[entry].clone();
    assert_eq!(
        back["../../etc/passwd"],
        (
            Category::Residence,
            String::new(),
            original("_.._etc_passwd.pdf")
        )
    );
    assert_eq!(back["CON"].0, Category::Other);
    assert_eq!(back["CON"].2, original("_CON.bin"));
    assert_eq!(back["Carte d'identité"].0, Category::Identity);
    assert_eq!(
        back["lettre\u{7}.pdf"].1, "Reçu par un lien, expéditeur non vérifié : CPAS Anderlecht",
        "a received document still says so"
    );
    assert_eq!(back["lettre\u{7}.pdf"].2, original("lettre_.pdf"));
    browser.close().await;
}
