//! The security screen in a real browser: changing the secret, a new sheet, ending the wallet,
//! and "who sees what".

use super::*;

/// "Change my secret", used as a holder would: a hidden part's secret is refused in general
/// words (the page says nothing of hidden parts), a wrong current secret too; then the new
/// secret is set. A computer left open elsewhere and a login half-way with the old secret are
/// ended, this page stays open; the old secret no longer opens the wallet, the new one does,
/// and the hidden part still opens with its own.
#[tokio::test]
async fn changing_the_secret_in_the_page_ends_the_others_and_keeps_the_hidden_part() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let everyday = "sept vaches blanches";
    let hidden = "le carton sous l'escalier";
    let new_secret = "neuf chats gris du quartier";
    let browser = Browser::start(&chromium, "fr").await;
    let b = &browser;
    let number = create_wallet_in_page(b, &server, "fr", everyday).await;

    // A hidden part, a computer left open elsewhere, a login half-way with the old secret.
    let elsewhere = PdeClient::new(&server.base_url);
    elsewhere.login(&number, everyday).await.expect("elsewhere");
    elsewhere
        .create_hidden_part(&number, hidden)
        .await
        .expect("hidden part");
    let (login_state, request) =
        pde_crypto::opaque::client_login_start(everyday.as_bytes()).expect("start");
    let half_way = PdeClient::new(&server.base_url);
    let started = half_way
        .login_start_raw(&number, request)
        .await
        .expect("started");
    let (finalization, _) = pde_crypto::opaque::client_login_finish(
        login_state,
        everyday.as_bytes(),
        &started.credential_response.0,
        started.ksf,
    )
    .expect("the old secret is right, so far");

    b.click("#wallet-security").await;
    let fill = |current: &'static str, new: &'static str| async move {
        for (field, text) in [
            ("#current-secret", current),
            ("#changed-secret", new),
            ("#changed-secret-repeat", new),
        ] {
            let input = b.wait_for(field).await;
            input.clear().await.expect("clear");
            input.send_keys(text).await.expect("type");
        }
        b.click("#security-secret-submit").await;
    };
    let mut problems = Vec::new();
    let mut step = 0;
    fill(everyday, hidden).await;
    b.wait_for_text("Ce secret ne peut pas être utilisé").await;
    problems.extend(shot(b, &axe, "fr", &mut step, "secret-refused").await);
    assert!(
        !b.body_text().await.contains("cach"),
        "no word of hidden documents"
    );
    fill("pas le bon secret", new_secret).await;
    b.wait_for_text("Numéro ou secret faux").await;
    // Each try of a new secret is a counted attempt at a hidden part: after a few, a pause.
    server.advance_clock(120).await;
    fill(everyday, new_secret).await;
    b.wait_for("#security-secret-done").await;
    problems.extend(shot(b, &axe, "fr", &mut step, "secret-changed").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "secret-changed").await);
    // The screen followed the language without being drawn again: what it said stays.
    b.wait_for("#security-secret-done").await;
    assert!(
        problems.is_empty(),
        "accessibility:\n{}",
        problems.join("\n")
    );

    assert!(
        elsewhere.list_raw().await.is_err(),
        "the other computer's session ended"
    );
    assert!(
        half_way
            .login_finish_raw(&started.login_id, finalization)
            .await
            .is_err(),
        "a login started with the old secret does not finish"
    );
    // This page stays open.
    b.wait_for("button.link").await.click().await.expect("back");
    b.wait_for("#wallet-security").await;

    b.wait_for("#lock").await.click().await.expect("lock");
    // A wrong secret is tried as a hidden part's too: counted attempts again.
    server.advance_clock(120).await;
    let login = b.wait_for("#login").await;
    login.clear().await.expect("clear");
    login.send_keys(&number).await.expect("number");
    b.type_into("#secret", everyday).await;
    b.click("#unlock-submit").await;
    b.wait_for_text("Numéro ou secret faux").await;
    b.wait_for("#secret").await.clear().await.expect("clear");
    server.advance_clock(120).await;
    super::hidden::open_from_unlock_screen(b, &number, new_secret).await;
    let someone = PdeClient::new(&server.base_url);
    someone
        .login_hidden(&number, hidden)
        .await
        .expect("the hidden part keeps its secret");
    browser.close().await;
}

/// "End my wallet" as a holder does it: the plain warning, then the secret and a tick that says
/// it can't be undone; a wrong secret changes nothing. Then the page says it is done, nothing of
/// the wallet is on screen, and the number opens nothing any more.
#[tokio::test]
async fn ending_the_wallet_in_the_page_needs_the_secret_and_leaves_nothing_to_open() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let everyday = "sept vaches blanches";
    let browser = Browser::start(&chromium, "fr").await;
    let b = &browser;
    let number = create_wallet_in_page(b, &server, "fr", everyday).await;
    let dir = tempfile::tempdir().expect("dir");
    let photo = dir.path().join("carte-identite.jpg");
    std::fs::write(&photo, jpeg_with_gps(400, 300, 1)).expect("photo");
    add_files(b, &photo.display().to_string(), "other").await;
    b.wait_for(".doc-card img.thumb").await;

    b.click("#wallet-security").await;
    b.click("#security-erase").await;
    let mut problems = Vec::new();
    let mut step = 0;
    b.wait_for("#erase-secret").await;
    // The last check takes the focus (a keyboard user goes on typing the secret).
    let started = std::time::Instant::now();
    while b.eval("return document.activeElement.id").await != "erase-secret" {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the focus stays behind"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    problems.extend(shot(b, &axe, "fr", &mut step, "erase-confirm").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "erase-confirm").await);
    // Not before the tick; not with a wrong secret.
    let yes = b.wait_for("#erase-yes").await;
    assert!(!yes.is_enabled().await.expect("enabled"));
    b.type_into("#erase-secret", "pas le bon secret").await;
    b.click("#erase-understood").await;
    b.click("#erase-yes").await;
    b.wait_for_text("Numéro ou secret faux").await;
    server.advance_clock(120).await;
    let field = b.wait_for("#erase-secret").await;
    field.clear().await.expect("clear");
    field.send_keys(everyday).await.expect("secret");
    b.click("#erase-yes").await;
    b.wait_for("#erased-title").await;
    problems.extend(shot(b, &axe, "fr", &mut step, "erased").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "erased").await);
    assert!(
        problems.is_empty(),
        "accessibility:\n{}",
        problems.join("\n")
    );
    let text = b.body_text().await;
    assert!(
        !text.contains(&number) && !text.contains("carte-identite"),
        "nothing of the wallet stays on screen: {text}"
    );
    assert!(
        b.client.find(Locator::Css("#lock")).await.is_err(),
        "no lock button for a wallet that is gone"
    );
    server.advance_clock(120).await;
    assert!(PdeClient::new(&server.base_url)
        .login(&number, everyday)
        .await
        .is_err());
    b.click("#erased-start").await;
    b.wait_for("#start-create").await;
    browser.close().await;
}

/// A new recovery sheet as a holder makes one: without the current sheet it works only in a
/// week — the page says when, and the wallet says at every opening that a new sheet waits; with
/// the old sheet the holder cancels it. With the current sheet the new one works at once.
#[tokio::test]
async fn a_new_recovery_sheet_in_the_page_waits_without_the_old_one_which_cancels_it() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start(Backend::Sqlite).await;
    let secret = "sept vaches blanches";
    let maker = PdeClient::new(&server.base_url);
    let wallet = maker
        .create_wallet(CreateWallet {
            secret,
            ..Default::default()
        })
        .await
        .expect("wallet");
    let old_sheet = wallet
        .recovery_key
        .as_ref()
        .expect("sheet")
        .to_display()
        .to_string();
    let browser = Browser::start(&chromium, "fr").await;
    let b = &browser;
    open_app_at(b, &server, "/", "fr").await;
    b.click("#start-open").await;
    super::hidden::open_from_unlock_screen(b, &wallet.number, secret).await;

    let mut problems = Vec::new();
    let mut step = 0;
    // With the secret alone: it waits a week.
    b.click("#wallet-security").await;
    b.type_into("#sheet-secret", secret).await;
    b.click("#sheet-submit").await;
    b.wait_for("#new-recovery-key").await;
    b.wait_for_text("Votre nouvelle feuille marchera le").await;
    let forced: String = b
        .eval("return [...document.querySelectorAll('#new-recovery-key li')].map(e => e.textContent).join('-')")
        .await
        .as_str()
        .expect("key")
        .to_owned();
    problems.extend(shot(b, &axe, "fr", &mut step, "sheet-waiting").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "sheet-waiting").await);
    // The wallet says so, and the old sheet cancels it.
    b.wait_for("main .button.link")
        .await
        .click()
        .await
        .expect("back");
    b.wait_for("#sheet-pending").await;
    b.wait_for_text("Une nouvelle feuille de secours a été faite le")
        .await;
    problems.extend(shot(b, &axe, "fr", &mut step, "sheet-pending").await);
    b.click("#wallet-security").await;
    b.type_into("#sheet-cancel-key", &forced).await;
    b.click("#sheet-cancel").await;
    b.wait_for_text("Cette clé de secours n'est pas celle de votre feuille actuelle")
        .await;
    let field = b.wait_for("#sheet-cancel-key").await;
    field.clear().await.expect("clear");
    field.send_keys(&old_sheet).await.expect("old sheet");
    b.click("#sheet-cancel").await;
    b.wait_for("#sheet-cancelled").await;
    b.wait_for("main .button.link")
        .await
        .click()
        .await
        .expect("back");
    b.wait_for("#wallet-security").await;
    assert!(
        b.client.find(Locator::Css("#sheet-pending")).await.is_err(),
        "no new sheet waits any more"
    );

    // With the current sheet: at once.
    b.click("#wallet-security").await;
    b.type_into("#sheet-secret", secret).await;
    b.type_into("#sheet-current", &old_sheet).await;
    b.click("#sheet-submit").await;
    b.wait_for_text("Votre nouvelle feuille marche dès maintenant")
        .await;
    let new_sheet: String = b
        .eval("return [...document.querySelectorAll('#new-recovery-key li')].map(e => e.textContent).join('-')")
        .await
        .as_str()
        .expect("key")
        .to_owned();
    assert!(
        problems.is_empty(),
        "accessibility:\n{}",
        problems.join("\n")
    );
    let someone = PdeClient::new(&server.base_url);
    assert!(someone
        .recover(&wallet.number, &old_sheet, "neuf chats gris du quartier")
        .await
        .is_err());
    server.advance_clock(120).await;
    someone
        .recover(&wallet.number, &new_sheet, "neuf chats gris du quartier")
        .await
        .expect("the new sheet works");
    server
        .advance_clock(pde_api::NEW_SHEET_DELAY_SECONDS + 60)
        .await;
    assert!(
        PdeClient::new(&server.base_url)
            .recover(&wallet.number, &forced, secret)
            .await
            .is_err(),
        "the cancelled sheet never works"
    );
    browser.close().await;
}

/// "Who sees what", as a holder finds it: from the first screen (no wallet open) and from the
/// wallet. Five onlookers, each with what they see and what they don't — that the team running
/// the server sees how many hidden parts a wallet has, and that whoever knows the everyday
/// secret can end the whole wallet, included. With the keyboard alone (Shift+Tab, Enter) the
/// holder goes back where they came from.
#[tokio::test]
async fn who_sees_what_is_told_from_the_start_and_from_the_wallet() {
    let (Some(_), Some(chromium), Some(axe)) = (web_dist(), chromium(), axe_script()) else {
        return;
    };
    let server = TestServer::start_with(Backend::Sqlite, &["--retention-months", "24"]).await;
    let browser = Browser::start(&chromium, "fr").await;
    let b = &browser;
    open_app_at(b, &server, "/", "fr").await;
    b.click("#start-who").await;
    b.wait_for("#who-secret").await;
    assert_eq!(
        b.eval("return document.querySelectorAll('section.who').length")
            .await,
        json!(6)
    );
    // How long backups are kept, from the server; with retention, until when at least.
    b.wait_for_text("chiffré pour l'équipe, pendant 30 jours")
        .await;
    let kept_until = time::OffsetDateTime::now_utc() + time::Duration::seconds(24 * 2_629_746);
    let kept = b
        .wait_for("#who-kept")
        .await
        .text()
        .await
        .expect("kept until");
    assert!(
        kept.contains("il est gardé au moins jusqu'au")
            && kept.contains(&kept_until.year().to_string()),
        "{kept}"
    );
    let text = b.body_text().await;
    for said in [
        "si un porte-documents a des parties cachées, et combien",
        "effacer tout le porte-documents, parties cachées comprises",
        "vos documents, leurs noms, vos notes, votre secret, votre clé de secours",
    ] {
        assert!(text.contains(said), "the screen says {said:?}: {text}");
    }
    let mut problems = Vec::new();
    let mut step = 0;
    problems.extend(shot(b, &axe, "fr", &mut step, "who-sees-what").await);
    problems.extend(shot_in_arabic_on_a_phone(b, &axe, "fr", "who-sees-what").await);
    problems.extend(
        shot_in_arabic_on_a_phone_at(b, &axe, "fr", "who-backups-kept", Some("#who-kept")).await,
    );
    assert!(
        problems.is_empty(),
        "accessibility:\n{}",
        problems.join("\n")
    );
    b.click("#who-back").await;
    b.wait_for("#start-create").await;

    create_wallet_in_page(b, &server, "fr", "sept vaches blanches").await;
    b.click("#wallet-who").await;
    b.wait_for("#who-server").await;
    // The heading has the focus; the way back is just before it.
    let started = std::time::Instant::now();
    while b.eval("return document.activeElement.tagName").await != "H1" {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the heading takes the focus"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let focused = b.client.active_element().await.expect("focus");
    focused
        .send_keys("\u{E008}\u{E004}\u{E000}")
        .await
        .expect("shift+tab");
    assert_eq!(b.eval("return document.activeElement.id").await, "who-back");
    b.client
        .active_element()
        .await
        .expect("focus")
        .send_keys("\u{E007}")
        .await
        .expect("enter");
    b.wait_for("#wallet-security").await;
    browser.close().await;
}
