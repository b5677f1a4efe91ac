//! What a document is and when it ends: the kind asked after the file, readable names, issue
//! and expiry dates, the badges and the banner of what ends soon, the kind filter.

use super::hidden::open_from_unlock_screen;
use super::*;
use pde_crypto::metadata::{Category, DocumentDate};

/// Run first in every page of the tab: this browser's calendar says 21 April 2031 (the clock
/// still runs). What ends when is computed from it; the server's clock plays no part.
const CALENDAR_AT_21_APRIL_2031: &str = "(() => {
  const Real = Date;
  const shift = Real.UTC(2031, 3, 21, 10) - Real.now();
  class Shifted extends Real {
    constructor(...given) { if (given.length) super(...given); else super(Real.now() + shift); }
    static now() { return Real.now() + shift; }
  }
  globalThis.Date = Shifted;
})();";

/// Sets a date field as its picker would (`YYYY-MM-DD`).
async fn set_date(b: &Browser, css: &str, date: &str) {
    b.wait_for(css).await;
    b.eval(&format!(
        "const field = document.querySelector({css:?});
         field.value = {date:?};
         field.dispatchEvent(new Event('input', {{ bubbles: true }}));
         return true;"
    ))
    .await;
}

/// Saves the document page's form once its content is shown (so nothing moves under the
/// pointer): Enter in the name field, as a keyboard does.
async fn save_document(b: &Browser) {
    b.wait_for(".viewer img, .viewer iframe").await;
    b.wait_for("#doc-name")
        .await
        .send_keys("\u{e007}")
        .await
        .expect("enter");
    b.wait_for_text("C'est enregistré.").await;
}

/// The names of the cards shown.
async fn shown_cards(b: &Browser) -> Vec<String> {
    let names = b
        .eval(
            "return [...document.querySelectorAll('.doc-card .doc-name')]
                 .map(n => n.textContent.trim());",
        )
        .await;
    serde_json::from_value(names).expect("names")
}

/// A photo from a phone's camera and a PDF: the kind is asked after the files are chosen, with
/// the pictograms, the keyboard on the question; the photo's made-up name becomes its kind and
/// the day. Issue and expiry dates go into the sealed record and come back (the native client
/// reads them too); the wallet marks what ends within 60 days or has ended, says it in a banner
/// at opening (soonest first), and the filter shows one kind at a time.
#[tokio::test]
async fn documents_carry_their_kind_and_dates_and_the_wallet_says_what_ends_soon() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let browser = Browser::start(&chromium, "fr-BE").await;
    let b = &browser;
    let _calendar = b
        .open_with_script(&server.base_url, CALENDAR_AT_21_APRIL_2031)
        .await;
    let secret = "sept vaches blanches";
    let number = create_wallet_in_page(b, &server, "fr", secret).await;
    assert_eq!(
        b.eval("return new Date().toISOString().slice(0, 10)").await,
        json!("2031-04-21")
    );
    let mut problems = Vec::new();
    let mut step = 0;

    // Receiving documents points its arrow in, not out like adding one.
    assert_eq!(
        b.eval(
            "const d = s => document.querySelector(s + ' svg path').getAttribute('d');
             return d('#wallet-receive') !== d('.file-button');"
        )
        .await,
        json!(true)
    );

    let dir = tempfile::tempdir().expect("dir");
    let photo = dir.path().join("IMG_1234.jpg");
    std::fs::write(&photo, jpeg_with_gps(800, 600, 1)).expect("photo");
    let pdf = dir.path().join("decision-cpas.pdf");
    std::fs::write(&pdf, one_page_pdf()).expect("pdf");

    b.wait_for("#file-input")
        .await
        .send_keys(&photo.display().to_string())
        .await
        .expect("pick");
    b.wait_for("#what-is-it").await;
    assert_eq!(
        b.eval("return document.activeElement.closest('#what-is-it') !== null")
            .await,
        json!(true),
        "the keyboard is on the question"
    );
    assert_eq!(
        b.eval("return document.querySelectorAll('#what-is-it .kind svg').length")
            .await,
        json!(Category::ALL.len()),
        "one button per kind, each with its pictogram"
    );
    assert!(b.body_text().await.contains("IMG_1234.jpg"));
    problems.extend(shot(b, &axe, "fr", &mut step, "what-is-it").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "what-is-it").await);
    b.click("#what-is-it .kind[data-category='identity']").await;
    b.wait_for_text("Identité 21 avril 2031").await;
    add_files(b, &pdf.display().to_string(), "social_aid").await;
    b.wait_for_text("2 documents").await;
    let mut names = shown_cards(b).await;
    names.sort();
    assert_eq!(names, ["Identité 21 avril 2031", "decision-cpas.pdf"]);

    // The identity card: issued ten years ago, ends in ten days.
    open_card(b, "Identité 21 avril 2031").await;
    set_date(b, "#doc-issued", "2021-05-01").await;
    set_date(b, "#doc-expires", "2031-05-01").await;
    save_document(b).await;
    b.eval("document.querySelector('#doc-issued').scrollIntoView(); return true;")
        .await;
    problems.extend(shot(b, &axe, "fr", &mut step, "document-dates").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "document-dates").await);
    b.back_to_wallet().await;
    // The CPAS decision ended yesterday.
    open_card(b, "decision-cpas.pdf").await;
    set_date(b, "#doc-expires", "2031-04-20").await;
    save_document(b).await;
    b.back_to_wallet().await;
    b.wait_for_text("Fin dans 10 jours").await;
    b.wait_for(".badge.expiry.past").await;
    b.wait_for_text("Périmé").await;

    // The panic key locks and offers nothing back; the lock button offers the number back at
    // a touch, without showing it before.
    press_panic_key(b).await;
    b.wait_for("#login").await;
    assert!(b.client.find(Locator::Css("#offer-number")).await.is_err());
    open_from_unlock_screen(b, &number, secret).await;
    b.click("#lock").await;
    b.wait_for("#offer-number").await;
    assert!(!b.body_text().await.contains(&number));
    b.click("#offer-number").await;
    assert_eq!(
        b.wait_for("#login")
            .await
            .prop("value")
            .await
            .expect("value"),
        Some(number.clone())
    );
    // At the next opening, a banner says both, the one already ended first.
    open_from_unlock_screen(b, &number, secret).await;
    let banner = b
        .wait_for("#expiry-banner")
        .await
        .text()
        .await
        .expect("banner");
    let banner = banner.replace(['\u{2068}', '\u{2069}'], "");
    let ended = banner.find("decision-cpas.pdf — Périmé");
    let soon = banner.find("Identité 21 avril 2031 — Fin dans 10 jours");
    assert!(
        matches!((ended, soon), (Some(e), Some(s)) if e < s),
        "{banner}"
    );
    problems.extend(shot(b, &axe, "fr", &mut step, "wallet-expiry").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "wallet-expiry").await);
    b.click("#expiry-ok").await;
    assert!(b.client.find(Locator::Css("#expiry-banner")).await.is_err());

    // One kind at a time.
    b.click(".filters .chip[data-category='identity']").await;
    assert_eq!(shown_cards(b).await, ["Identité 21 avril 2031"]);
    b.click(".filters .chip[data-category='social_aid']").await;
    assert_eq!(shown_cards(b).await, ["decision-cpas.pdf"]);
    b.click(".filters .chip[data-category='housing']").await;
    assert!(shown_cards(b).await.is_empty());
    b.click(".filters .chip[data-category='all']").await;
    assert_eq!(shown_cards(b).await.len(), 2);

    // The dates come back on the document's page ...
    open_card(b, "Identité 21 avril 2031").await;
    let field = |css: &'static str| async move {
        b.wait_for(css).await.prop("value").await.expect("value")
    };
    assert_eq!(field("#doc-issued").await.as_deref(), Some("2021-05-01"));
    assert_eq!(field("#doc-expires").await.as_deref(), Some("2031-05-01"));
    // ... and are in the record sealed to the wallet, where the native client reads them.
    let client = PdeClient::new(&server.base_url);
    let wallet = client.login(&number, secret).await.expect("login");
    let listed = client.list(&wallet).await.expect("list");
    let card = listed
        .iter()
        .find(|d| d.metadata.category == Category::Identity)
        .expect("the identity card");
    assert_eq!(card.metadata.name, "Identité 21 avril 2031");
    assert_eq!(card.metadata.issued_on, DocumentDate::new(2021, 5, 1));
    assert_eq!(card.metadata.expires_on, DocumentDate::new(2031, 5, 1));
    let decision = listed
        .iter()
        .find(|d| d.metadata.category == Category::SocialAid)
        .expect("the decision");
    assert_eq!(decision.metadata.expires_on, DocumentDate::new(2031, 4, 20));
    assert_eq!(decision.metadata.issued_on, None);
    assert!(problems.is_empty(), "{problems:#?}");
    browser.close().await;
}
