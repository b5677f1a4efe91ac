//! Feedback from the holders' app and a worker's page: three faces and a few words, sent
//! without cookies (DevTools shows no Cookie header on its requests, and the wallet's own
//! requests do carry one), in no log line, with names refused before anything is sent; then
//! coordinators read it, tag it, close it, and publish what changed on the transparency page.

use super::admin::{console_section_by_keyboard, coordinator_logged_in};
use super::*;

const SECRET: &str = "une phrase secrète pour donner son avis";
const HOLDER_WORDS: &str = "Les gros boutons m'aident beaucoup";
const WORKER_WORDS: &str = "Le lien s'ouvre vite sur mon ordinateur";

/// The requests the browser sent to the feedback routes, and whether any of them (with its
/// headers as sent) carried a cookie.
fn feedback_requests(sent: &[pde_tests::browser::SentRequest]) -> (usize, bool) {
    let ids: Vec<&str> = sent
        .iter()
        .filter(|r| r.url.contains(pde_api::routes::FEEDBACK))
        .map(|r| r.request_id.as_str())
        .collect();
    (ids.len(), ids.iter().any(|id| carried_cookie(sent, id)))
}

fn carried_cookie(sent: &[pde_tests::browser::SentRequest], request_id: &str) -> bool {
    sent.iter()
        .filter(|r| r.request_id == request_id)
        .flat_map(|r| r.headers.iter())
        .any(|(name, _)| name.eq_ignore_ascii_case("cookie"))
}

/// Chooses `face`, writes `words` in place of what the field holds, and sends.
async fn give(b: &Browser, face: &str, words: &str) {
    b.click(&format!("label[for='feedback-face-{face}']")).await;
    let field = b.wait_for("#feedback-comment").await;
    field.clear().await.expect("clear");
    b.type_into("#feedback-comment", words).await;
    b.click("#feedback-send").await;
}

#[tokio::test]
async fn feedback_goes_without_cookies_and_coordinators_tag_close_and_publish_it() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let b = Browser::start(&chromium, "fr-BE").await;
    let mut problems = Vec::new();
    let mut step = 0;
    let number = create_wallet_in_page(&b, &server, "fr", SECRET).await;
    b.wait_for("#wallet-who").await;

    // From the wallet's screen, with the keyboard: the top bar's "Votre avis".
    b.tab_to("#feedback-open").await;
    b.press("\u{e007}").await;
    b.wait_for("#feedback-form").await;
    b.wait_for_text("effacé après 6 mois").await;
    assert!(b.body_text().await.contains("Paradigm"));
    problems.extend(shot(&b, &axe, "fr", &mut step, "feedback").await);

    // No face chosen: asked for one. A name in the words: refused here, nothing sent.
    b.click("#feedback-send").await;
    b.wait_for_text("Choisissez d’abord un visage").await;
    give(&b, "happy", "Bonjour, je m'appelle Samira").await;
    b.wait_for_text("semble donner un nom").await;
    assert_eq!(
        b.sent_requests()
            .await
            .iter()
            .filter(|r| r.method == "POST" && r.url.contains(pde_api::routes::FEEDBACK))
            .count(),
        0,
        "nothing is sent before the words are fine"
    );
    // With the keyboard alone: Tab to a face, Space chooses it; Tab to the words; Enter sends.
    b.wait_for("#feedback-comment")
        .await
        .clear()
        .await
        .expect("clear");
    b.eval("document.querySelector('#feedback-title').focus(); return true;")
        .await;
    // The chosen face takes the focus (a radio group); the arrows choose another.
    b.tab_to("input[name='feedback-face']:checked").await;
    let chosen = || async {
        b.eval("return document.querySelector('input[name=feedback-face]:checked').value")
            .await
    };
    b.press("\u{e013}").await;
    assert_eq!(
        chosen().await,
        json!("neutral"),
        "arrow up: the face before"
    );
    b.press("\u{e015}").await;
    assert_eq!(chosen().await, json!("happy"), "arrow down: the face after");
    b.tab_to("#feedback-comment").await;
    b.press(HOLDER_WORDS).await;
    b.tab_to("#feedback-send").await;
    b.press("\u{e007}").await;
    b.wait_for("#feedback-thanks").await;
    problems.extend(shot(&b, &axe, "fr", &mut step, "feedback-sent").await);

    // What crossed the wire: no cookie with the feedback; the wallet's requests had theirs.
    let sent = b.sent_requests().await;
    let (count, with_cookie) = feedback_requests(&sent);
    assert!(count >= 3, "terms, the first try, the paid one: {count}");
    assert!(!with_cookie, "a feedback request carried a cookie");
    let listing = sent
        .iter()
        .find(|r| r.url.contains(pde_api::routes::DOCUMENTS))
        .expect("the wallet's list was asked for");
    assert!(
        carried_cookie(&sent, &listing.request_id),
        "the wallet's own requests carry the session cookie (the check sees cookies)"
    );

    // Back where it was opened; then again in Arabic on a phone, and left with "back".
    b.click("#feedback-back").await;
    b.wait_for("#wallet-who").await;
    b.click("#feedback-open").await;
    b.wait_for("#feedback-form").await;
    problems.extend(shot_in_arabic_on_a_phone(&b, &axe, "fr", "feedback").await);
    b.click("#feedback-cancel").await;
    b.wait_for("#wallet-who").await;

    // A worker, from a grant link's page: the form opens under the documents.
    let made = new_wallets(&server, 1, SECRET).await;
    let (sharer, opened) = &made[0];
    let shared = sharer
        .share(
            opened,
            &[("avis.pdf", "application/pdf", &b"%PDF-1.4 avis"[..])],
            None,
            86_400,
            None,
        )
        .await
        .expect("grant");
    b.client.goto("about:blank").await.expect("blank");
    b.client
        .goto(&format!(
            "{}/g/{}#{}",
            server.base_url,
            shared.grant_id.as_str(),
            shared.fragment.as_str()
        ))
        .await
        .expect("the link");
    b.wait_for("#worker-transparency").await;
    b.click("#feedback-open").await;
    b.wait_for("#feedback-form").await;
    // Its heading takes the focus (for a screen reader), then the worker writes.
    b.wait_for("#feedback-title:focus").await;
    give(&b, "neutral", WORKER_WORDS).await;
    b.wait_for("#feedback-thanks").await;
    problems.extend(shot(&b, &axe, "fr", &mut step, "worker-feedback").await);
    let (_, with_cookie) = feedback_requests(&b.sent_requests().await);
    assert!(!with_cookie, "a worker's feedback request carried a cookie");

    // No line of the server's log names the route.
    let log = std::fs::read_to_string(server.log_path()).expect("log");
    assert!(!log.contains(pde_api::routes::FEEDBACK), "{log}");

    // Kept: a face, the words, the language, holder or worker, the day; nothing of who.
    let store = server.open_store().await;
    let kept = store.feedback().await.expect("feedback");
    assert_eq!(kept.len(), 2, "{kept:?}");
    let wallet_id = store
        .wallet_by_number(&number.trim().parse().expect("number"))
        .await
        .expect("lookup")
        .expect("wallet")
        .id;
    let rows = format!("{kept:?}");
    for trace in [number.trim(), wallet_id.as_str(), "127.0.0.1", "localhost"] {
        assert!(!rows.contains(trace), "{trace} in {rows}");
    }

    // The coordinators read both, tag the holder's, close it; it leaves the open list.
    let _passkey = coordinator_logged_in(&b, &server, "Amina").await;
    b.wait_for("#feedback-items").await;
    let inbox = b.wait_for("#feedback").await.text().await.expect("inbox");
    for said in [
        HOLDER_WORDS,
        WORKER_WORDS,
        "titulaire",
        "travailleur social",
    ] {
        assert!(inbox.contains(said), "{said} in {inbox}");
    }
    b.eval("document.querySelector('#feedback-heading').scrollIntoView(); return true;")
        .await;
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "feedback").await);
    // With the keyboard alone: the section's link, Tab to a tag, Space; the list is drawn again
    // and the focus stays on that tag; Tab to "dealt with", Enter; the focus goes to the heading.
    console_section_by_keyboard(&b, &server, "feedback").await;
    let holders = "li.feedback-item[data-face='happy']";
    let praise = format!("{holders} .feedback-tag[data-tag='praise']");
    b.wait_for(&praise).await;
    b.tab_to(&praise).await;
    b.press("\u{e00d}").await;
    b.wait_for_text("Avis enregistré").await;
    b.wait_for(&format!("{praise}:checked")).await;
    b.wait_for_focus_on(&format!("{praise}:checked")).await;
    b.tab_to(&format!("{holders} .feedback-state")).await;
    b.press("\u{e007}").await;
    for _ in 0..50 {
        let items = b
            .eval("return document.querySelectorAll('li.feedback-item').length")
            .await;
        if items == json!(1) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let kept = store.feedback().await.expect("feedback");
    let holders_row = kept
        .iter()
        .find(|r| r.origin == "holder")
        .expect("holder's");
    assert_eq!(
        (holders_row.tags.as_str(), holders_row.closed),
        ("praise", 1)
    );
    assert_eq!(
        b.eval("return document.querySelectorAll('li.feedback-item').length")
            .await,
        json!(1),
        "a closed feedback leaves the open list"
    );
    b.wait_for_focus_on("#feedback-heading").await;

    // What changed, published in French and Dutch: on the transparency page, in each language
    // (French where there is no translation).
    b.type_into("#change-fr", "Les boutons sont encore plus grands")
        .await;
    b.type_into("#change-nl", "De knoppen zijn nog groter")
        .await;
    b.click("#change-publish").await;
    b.wait_for_text("Publié sur la page de transparence").await;
    b.client.refresh().await.expect("reload");
    b.wait_for("#audit tbody tr").await;
    let audit = b
        .wait_for("#audit tbody")
        .await
        .text()
        .await
        .expect("audit");
    assert!(audit.contains("avis classé"), "{audit}");
    b.set_window_size(390, 844).await;
    b.click("nav button[lang='nl']").await;
    b.wait_for("html[lang='nl']").await;
    b.eval("document.querySelector('#changes-heading').scrollIntoView(); return true;")
        .await;
    problems.extend(shot(&b, &axe, "admin-nl-phone", &mut step, "changes").await);
    b.set_window_size(1280, 900).await;
    for (lang, said, said_lang) in [
        ("nl", "De knoppen zijn nog groter", "nl"),
        ("en", "Les boutons sont encore plus grands", "fr"),
    ] {
        b.client
            .goto(&format!("{}/transparency?lang={lang}", server.base_url))
            .await
            .expect("page");
        let entry = b.wait_for("#changes-list li span").await;
        assert_eq!(entry.text().await.expect("text"), said);
        assert_eq!(
            entry.attr("lang").await.expect("lang").as_deref(),
            Some(said_lang)
        );
    }
    assert!(b.body_text().await.contains("erased 6 months after"));
    assert!(problems.is_empty(), "{problems:#?}");
}
