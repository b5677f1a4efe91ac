//! Announcements: a coordinator posts a notice in four languages; the holders' start page shows
//! it in the holder's language inside the app's fixed frame ("PDE never asks for your secret"),
//! until its end; a link or a telephone number is refused; the neutral page after a kiosk lock
//! never shows it.

use super::admin::{console_section_by_keyboard, coordinator_logged_in};
use super::*;

const FR: &str = "Entretien samedi de 8 h à 10 h : PDE sera fermé.";
const AR: &str = "صيانة يوم السبت من 8 إلى 10: سيكون PDE مغلقًا.";

/// The announcement's French text, as `/api/v1/announcement` gives it now (what the start page
/// shows).
async fn announced(server: &TestServer) -> Option<String> {
    let body = reqwest::get(format!(
        "{}{}{}",
        server.base_url,
        pde_api::API_PREFIX,
        pde_api::routes::ANNOUNCEMENT
    ))
    .await
    .expect("announcement")
    .text()
    .await
    .expect("text");
    pde_api::endpoints::announcement_in(&body, "fr").map(str::to_owned)
}

async fn write_announcement(b: &Browser, fr: &str) {
    for (lang, text) in [
        ("fr", fr),
        (
            "nl",
            "Onderhoud zaterdag van 8 tot 10 uur: PDE is dan gesloten.",
        ),
        (
            "en",
            "Maintenance on Saturday from 8 to 10: PDE will be closed.",
        ),
        ("ar", AR),
    ] {
        let field = b.wait_for(&format!("#announcement-{lang}")).await;
        field.clear().await.expect("clear");
        b.type_into(&format!("#announcement-{lang}"), text).await;
    }
}

#[tokio::test]
async fn an_announcement_shows_on_the_start_page_in_its_frame_and_never_on_the_neutral_page() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let b = Browser::start(&chromium, "fr-BE").await;
    let mut problems = Vec::new();
    let mut step = 0;
    let _passkey = coordinator_logged_in(&b, &server, "Amina").await;
    b.wait_for("#announcement-form").await;

    // A link, then a telephone number: refused, nothing shown.
    write_announcement(&b, "Allez sur pde-aide.be pour en savoir plus.").await;
    b.click("#announcement-post").await;
    b.wait_for_text("pas de lien, d'adresse web").await;
    write_announcement(&b, "Appelez le 0470 12 34 56 pour en savoir plus.").await;
    b.click("#announcement-post").await;
    b.wait_for_text("Pas de numéro de téléphone").await;
    // The server applies the same rule to a request that skips the console's check.
    let texts = |fr: &str| pde_api::admin::FourLanguages {
        fr: fr.into(),
        nl: "Onderhoud.".into(),
        en: "Maintenance.".into(),
        ar: "صيانة.".into(),
    };
    for fr in ["Voir https://pde-aide.example", "Appelez le 0470 12 34 56"] {
        let body = serde_json::to_string(&pde_api::admin::NewAnnouncement {
            texts: texts(fr),
            days: 3,
        })
        .expect("json");
        let status = b
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch(arguments[0], { method: 'POST', body: arguments[1],
                     headers: { 'content-type': 'application/json' } })
                     .then(r => done(r.status));",
                vec![
                    json!(pde_api::admin::url(pde_api::admin::ANNOUNCEMENT_POST.path)),
                    json!(body),
                ],
            )
            .await
            .expect("post");
        assert_eq!(status, json!(422), "{fr}");
    }
    // A body that is not JSON gets the admin API's own refusal, as JSON.
    let answer = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0], { method: 'POST', body: '{not json',
                 headers: { 'content-type': 'application/json' } })
                 .then(r => r.text().then(t => done([r.status, t])));",
            vec![json!(pde_api::admin::url(
                pde_api::admin::ANNOUNCEMENT_POST.path
            ))],
        )
        .await
        .expect("post");
    let refusal: pde_api::admin::AdminError =
        serde_json::from_str(answer[1].as_str().unwrap_or_default()).expect("a JSON refusal");
    assert_eq!(
        (answer[0].clone(), refusal.code),
        (json!(422), pde_api::admin::AdminErrorCode::InvalidFields)
    );
    assert_eq!(announced(&server).await, None);

    // Plain words: shown for a week.
    write_announcement(&b, FR).await;
    b.click("#announcement-post").await;
    b.wait_for_text("L'annonce est montrée sur la page d'accueil")
        .await;
    b.wait_for(".announcement[data-shown='true']").await;
    b.eval("document.querySelector('#announcements-heading').scrollIntoView(); return true;")
        .await;
    problems.extend(shot(&b, &axe, "admin-fr", &mut step, "announcements").await);
    assert_eq!(announced(&server).await.as_deref(), Some(FR));

    // The start page, in the holder's language, inside the fixed frame.
    open_app_at(&b, &server, "/", "fr").await;
    let frame = b.wait_for("#announcement").await;
    let text = frame.text().await.expect("text");
    assert!(text.contains(FR), "{text}");
    assert!(text.contains("Message de l’équipe de PDE"), "{text}");
    assert!(
        text.contains("PDE ne vous demande jamais votre secret ni votre clé de secours"),
        "{text}"
    );
    assert_eq!(
        b.eval("return document.querySelectorAll('#announcement a').length")
            .await,
        json!(0),
        "plain text, no link"
    );
    problems.extend(shot(&b, &axe, "fr", &mut step, "announcement").await);
    b.set_window_size(390, 844).await;
    b.pick_in_language_menu("ar").await;
    b.wait_for("html[lang='ar'][dir='rtl']").await;
    assert_eq!(
        b.wait_for("#announcement-text")
            .await
            .text()
            .await
            .expect("text"),
        AR
    );
    b.screenshot("ar-phone-announcement").await;
    problems.extend(
        b.axe_violations(&axe)
            .await
            .into_iter()
            .map(|v| format!("ar-phone-announcement: {v}")),
    );
    b.set_window_size(1280, 900).await;

    // In kiosk mode: on the start page, and not on the neutral page after the panic key.
    open_app_at(&b, &server, "/?kiosk=1&kiosk-idle=120", "fr").await;
    b.wait_for("#announcement").await;
    press_panic_key(&b).await;
    assert_neutral_page(&b).await;
    assert!(
        b.client
            .find(fantoccini::Locator::Css("#announcement"))
            .await
            .is_err(),
        "no announcement on the neutral page"
    );

    // Ended early by the coordinator: shown no more; and a new one ends after its days.
    // With the keyboard alone: the section's link, Tab to "end now", Enter; then Tab to each
    // language's field and type, Tab to "post", Enter.
    console_section_by_keyboard(&b, &server, "announcements").await;
    b.wait_for(".end-announcement").await;
    b.tab_to(".end-announcement").await;
    b.press("\u{e007}").await;
    b.wait_for_text("L'annonce n'est plus montrée").await;
    assert_eq!(announced(&server).await, None);
    for (lang, text) in [
        ("fr", FR),
        ("nl", "Onderhoud zaterdag."),
        ("en", "Maintenance on Saturday."),
        ("ar", AR),
    ] {
        b.tab_to(&format!("#announcement-{lang}")).await;
        b.press(text).await;
    }
    b.tab_to("#announcement-post").await;
    b.press("\u{e007}").await;
    b.wait_for_text("L'annonce est montrée sur la page d'accueil")
        .await;
    assert_eq!(announced(&server).await.as_deref(), Some(FR));
    server.advance_clock(8 * 86_400).await;
    assert_eq!(announced(&server).await, None, "a week later, it is over");
    open_app_at(&b, &server, "/", "fr").await;
    b.wait_for("#start-create").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(b
        .client
        .find(fantoccini::Locator::Css("#announcement"))
        .await
        .is_err());
    assert!(problems.is_empty(), "{problems:#?}");
}
