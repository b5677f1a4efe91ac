//! A PDF's properties (Info dictionary, XMP) are gone before it is sealed; a signed PDF is
//! kept byte for byte, and the holder is told its properties may name an author.

use super::*;

const TITLE: &str = "Rapport social de Jean Dupont";
const AUTHOR: &str = "Marie Assistante";

/// An unsigned and a signed PDF, both with a Title, an Author and XMP naming them, added
/// together: the one stored is rewritten without them (and still shows its page), the signed
/// one is stored as it was, and its line in the list of additions says so. Read back through
/// the native client, from the ciphertext the server keeps.
#[tokio::test]
async fn a_pdfs_properties_are_gone_and_a_signed_pdf_is_kept_whole() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let browser = Browser::start(&chromium, "fr-BE").await;
    let b = &browser;
    let secret = "treize renards roux";
    let number = create_wallet_in_page(b, &server, "fr", secret).await;
    let mut problems = Vec::new();
    let mut step = 0;

    let dir = tempfile::tempdir().expect("dir");
    let plain = pde_pdf::sample("ATTESTATION", TITLE, AUTHOR, false);
    let signed = pde_pdf::sample("DECISION SIGNEE", TITLE, AUTHOR, true);
    let plain_path = dir.path().join("attestation.pdf");
    let signed_path = dir.path().join("decision-signee.pdf");
    std::fs::write(&plain_path, &plain).expect("plain");
    std::fs::write(&signed_path, &signed).expect("signed");
    add_files(
        b,
        &format!("{}\n{}", plain_path.display(), signed_path.display()),
        "social_aid",
    )
    .await;
    b.wait_for_text("2 documents").await;
    b.wait_for_text("Ajouté tel quel : ce PDF est signé ou protégé.")
        .await;
    let statuses = b
        .eval("return [...document.querySelectorAll('.upload .status')].map(s => s.textContent);")
        .await;
    let statuses: Vec<String> = serde_json::from_value(statuses).expect("statuses");
    assert_eq!(
        statuses
            .iter()
            .filter(|s| s.starts_with("Ajouté tel quel"))
            .count(),
        1,
        "{statuses:?}"
    );
    assert!(statuses.iter().any(|s| s == "Ajouté."), "{statuses:?}");
    b.eval("document.querySelector('.uploads').scrollIntoView(); return true;")
        .await;
    problems.extend(shot(b, &axe, "fr", &mut step, "pdf-kept").await);
    problems
        .extend(shot_in_arabic_on_a_phone_at(b, &axe, "fr", "pdf-kept", Some(".uploads")).await);

    // The cleaned PDF still shows its page.
    open_card(b, "attestation.pdf").await;
    b.wait_for_pdf_frame().await;

    let client = PdeClient::new(&server.base_url);
    let wallet = client.login(&number, secret).await.expect("login");
    let listed = client.list(&wallet).await.expect("list");
    let content_of = |name: &str| {
        listed
            .iter()
            .find(|d| d.metadata.name == name)
            .map(|d| d.id)
            .expect("listed")
    };
    let has = |bytes: &[u8], text: &str| bytes.windows(text.len()).any(|w| w == text.as_bytes());
    let stored = client
        .download(&wallet, &content_of("attestation.pdf"))
        .await
        .expect("download");
    assert!(stored.starts_with(b"%PDF-"));
    assert!(has(&stored, "(ATTESTATION) Tj"), "the page is still there");
    for gone in [TITLE, AUTHOR, "xmpmeta", "/Info"] {
        assert!(has(&plain, gone), "the original has {gone}");
        assert!(!has(&stored, gone), "{gone} survived");
    }
    let stored_signed = client
        .download(&wallet, &content_of("decision-signee.pdf"))
        .await
        .expect("download");
    assert!(*stored_signed == signed, "the signed PDF changed");
    assert!(problems.is_empty(), "{problems:#?}");
    browser.close().await;
}
