//! The recovery sheet's QR code, read back by the camera on the recovery screen.

use super::*;
use pde_tests::browser::y4m_picture;

/// A wallet made in one browser; its recovery sheet's QR code, as that screen draws it, filmed
/// by another browser's camera on the recovery screen: the key is read into its field, the
/// camera stops, the keyboard moves on to the new secret, and with it the wallet opens (the
/// native client then logs in with the new secret). Without a camera, the screen says so.
#[tokio::test]
async fn the_recovery_screen_reads_the_sheets_qr_code_with_the_camera() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let maker = Browser::start(&chromium, "fr-BE").await;
    open_app_at(&maker, &server, "/", "fr").await;
    maker.click("#start-create").await;
    for field in ["#secret", "#secret-repeat"] {
        maker.type_into(field, "onze hiboux gris").await;
    }
    maker.click("#create-submit").await;
    let number = maker
        .wait_for("#wallet-number")
        .await
        .text()
        .await
        .expect("number");
    let written = maker
        .wait_for("#recovery-key")
        .await
        .text()
        .await
        .expect("key");
    let key = written.split_whitespace().collect::<Vec<_>>().join("-");
    maker.wait_for(".recovery-sheet .qr svg").await;
    // In view as a whole (a screenshot shows what the window shows).
    maker
        .eval("document.querySelector('.recovery-sheet .qr svg').scrollIntoView({ block: 'center' }); return true;")
        .await;
    let qr = maker
        .wait_for(".recovery-sheet .qr svg")
        .await
        .screenshot()
        .await
        .expect("the sheet's QR code");
    // This browser has no camera: the recovery screen says so, and the key can be typed.
    open_app_at(&maker, &server, "/", "fr").await;
    maker.click("#start-open").await;
    maker.click("#forgot").await;
    maker.click("#scan-start").await;
    maker
        .wait_for_text("Pas de caméra disponible. Tapez la clé.")
        .await;
    assert_eq!(
        maker
            .eval("return document.querySelector('#scan-video').hidden")
            .await,
        json!(true)
    );
    maker.close().await;

    let dir = tempfile::tempdir().expect("dir");
    let video = dir.path().join("sheet.y4m");
    std::fs::write(&video, y4m_picture(&qr, 640, 480)).expect("video");
    let browser = Browser::start_with_camera(&chromium, "fr-BE", &video).await;
    let b = &browser;
    let mut problems = Vec::new();
    let mut step = 0;
    open_app_at(b, &server, "/", "fr").await;
    b.click("#start-open").await;
    b.click("#forgot").await;
    b.type_into("#recover-login", &number).await;
    problems.extend(shot(b, &axe, "fr", &mut step, "recover").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "recover").await);
    b.click("#scan-start").await;
    b.wait_for_text("Clé lue. Choisissez maintenant un nouveau secret.")
        .await;
    let read = b
        .wait_for("#recovery-key-input")
        .await
        .prop("value")
        .await
        .expect("value");
    assert_eq!(read.as_deref(), Some(key.as_str()));
    assert_eq!(
        b.eval(
            "const video = document.querySelector('#scan-video');
             return [document.activeElement.id, video.srcObject === null, video.hidden];"
        )
        .await,
        json!(["new-secret", true, true]),
        "the keyboard moves on, the camera is stopped and put away"
    );
    problems.extend(shot(b, &axe, "fr", &mut step, "recover-read").await);
    let new_secret = "douze chouettes";
    b.type_into("#new-secret", new_secret).await;
    b.type_into("#new-secret-repeat", new_secret).await;
    b.click("#recover-submit").await;
    b.wait_for("#file-input").await;
    PdeClient::new(&server.base_url)
        .login(&number, new_secret)
        .await
        .expect("the new secret opens the wallet");
    assert!(problems.is_empty(), "{problems:#?}");
    browser.close().await;
}
