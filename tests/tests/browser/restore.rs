//! After a restore from a backup, the holder is told once, at the first unlock, which day the
//! server went back to, and what to do again.

use super::*;

#[tokio::test]
async fn after_a_restore_the_holder_is_told_once_which_day_the_server_went_back_to() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let mut server = TestServer::start(Backend::Sqlite).await;
    let secret = "sept chats sous la pluie";
    let b = Browser::start(&chromium, "fr-BE").await;
    let number = create_wallet_at(&b, &server, "/", "fr", secret).await;
    let restored = server.backed_up_and_restored().await;

    open_app_at(&b, &restored, "/", "fr").await;
    b.click("#start-open").await;
    unlock(&b, &number, secret).await;
    let notice = b
        .wait_for("#restored-notice")
        .await
        .text()
        .await
        .expect("notice");
    assert!(
        notice.contains("Le serveur a été remis comme il était le")
            && notice.contains("Refaites-le dans Sécurité"),
        "{notice}"
    );
    let mut problems = Vec::new();
    let mut step = 0;
    problems.extend(shot(&b, &axe, "fr", &mut step, "restored-notice").await);
    problems.extend(
        shot_in_arabic_on_a_phone_at(&b, &axe, "fr", "restored-notice", Some("#restored-notice"))
            .await,
    );
    assert!(problems.is_empty(), "{problems:#?}");

    // Once: locked and opened again, it is not said any more.
    b.click("#lock").await;
    unlock(&b, &number, secret).await;
    assert!(
        b.client
            .find(Locator::Css("#restored-notice"))
            .await
            .is_err(),
        "the notice is shown once"
    );
}

async fn unlock(b: &Browser, number: &str, secret: &str) {
    let login = b.wait_for("#login").await;
    login.clear().await.expect("clear");
    login.send_keys(number).await.expect("number");
    b.type_into("#secret", secret).await;
    b.click("#unlock-submit").await;
    b.wait_for("#wallet-security").await;
}
