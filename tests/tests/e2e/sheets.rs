//! A new recovery sheet, without handing a coercer the wallet for good: at once with the current
//! sheet, after a week with the secret alone (the old sheet works until then, and cancels it).

use super::*;

on_both_backends!(
    a_new_sheet_made_with_the_current_one_replaces_it_at_once,
    a_new_sheet_made_with_the_secret_alone_waits_a_week,
    the_old_sheet_cancels_a_new_one_that_waits,
    hidden_parts_have_no_sheet_and_a_wrong_current_sheet_is_refused,
);

const HIDDEN: &str = "the box under the stairs";

/// With the current sheet the new one works at once and the old one no longer does; changing
/// the secret afterwards keeps the new sheet valid.
async fn a_new_sheet_made_with_the_current_one_replaces_it_at_once(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let old = sheet(&wallet);
    let (new, effective_at) = client
        .new_recovery_sheet(&wallet, SECRET, Some(&old))
        .await
        .expect("new sheet");
    assert!(effective_at <= server_now(&client).await + 60, "at once");
    assert!(client
        .wallet_info()
        .await
        .expect("wallet")
        .pending_sheet
        .is_none());
    client
        .change_secret(&wallet, SECRET, NEW_SECRET, false)
        .await
        .expect("a new secret keeps the sheet");
    let someone = PdeClient::new(&server.base_url);
    assert_eq!(
        refusal(
            &someone
                .recover(&wallet.number, &old, SECRET)
                .await
                .expect_err("the old sheet")
        ),
        (401, ErrorCode::LoginFailed)
    );
    let recovered = someone
        .recover(&wallet.number, &new, SECRET)
        .await
        .expect("the new sheet");
    assert_eq!(recovered.key.recipient(), wallet.key.recipient());
}

/// The server's time as the wallet info shows it is not given: the creation time of a fresh
/// wallet is "now" for the server (the tests move its clock).
async fn server_now(client: &PdeClient) -> i64 {
    client.wallet_info().await.expect("wallet").created_at
}

/// With the secret alone, the new sheet waits a week: the wallet says when it was made and when
/// the old one stops; meanwhile the old sheet still works and the new one doesn't; after the
/// week the new one works and the old one doesn't.
async fn a_new_sheet_made_with_the_secret_alone_waits_a_week(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let old = sheet(&wallet);
    let now = server_now(&client).await;
    let (new, effective_at) = client
        .new_recovery_sheet(&wallet, SECRET, None)
        .await
        .expect("new sheet");
    assert!(effective_at >= now + pde_api::NEW_SHEET_DELAY_SECONDS);
    let shown = client
        .wallet_info()
        .await
        .expect("wallet")
        .pending_sheet
        .expect("the wallet says a new sheet waits");
    assert_eq!(shown.effective_at, effective_at);
    assert!(shown.made_at >= now && shown.made_at < effective_at);
    let someone = PdeClient::new(&server.base_url);
    assert!(
        someone.recover(&wallet.number, &new, SECRET).await.is_err(),
        "the new sheet does not work yet"
    );

    server
        .advance_clock(pde_api::NEW_SHEET_DELAY_SECONDS + 60)
        .await;
    assert!(
        someone.recover(&wallet.number, &old, SECRET).await.is_err(),
        "the old sheet stopped"
    );
    server.advance_clock(120).await;
    someone
        .recover(&wallet.number, &new, NEW_SECRET)
        .await
        .expect("the new sheet works");
    assert!(someone
        .wallet_info()
        .await
        .expect("wallet")
        .pending_sheet
        .is_none());
}

/// The holder who still has the old sheet cancels a new one that waits — from within the
/// wallet, or by recovering with the old sheet; the new sheet then never works.
async fn the_old_sheet_cancels_a_new_one_that_waits(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let old = sheet(&wallet);
    let (forced, _) = client
        .new_recovery_sheet(&wallet, SECRET, None)
        .await
        .expect("a sheet made with the secret alone");
    assert_eq!(
        refusal(
            &client
                .cancel_new_sheet(&forced)
                .await
                .expect_err("the new sheet can't cancel itself")
        ),
        (400, ErrorCode::RecoveryKeyWrong)
    );
    client.cancel_new_sheet(&old).await.expect("cancelled");
    assert!(client
        .wallet_info()
        .await
        .expect("wallet")
        .pending_sheet
        .is_none());

    // Again, cancelled this time by a recovery with the old sheet.
    let (forced_again, _) = client
        .new_recovery_sheet(&wallet, SECRET, None)
        .await
        .expect("another one");
    let holder = PdeClient::new(&server.base_url);
    holder
        .recover(&wallet.number, &old, NEW_SECRET)
        .await
        .expect("the old sheet still works");
    assert!(holder
        .wallet_info()
        .await
        .expect("wallet")
        .pending_sheet
        .is_none());
    server
        .advance_clock(pde_api::NEW_SHEET_DELAY_SECONDS + 60)
        .await;
    for never in [&forced, &forced_again] {
        assert!(PdeClient::new(&server.base_url)
            .recover(&wallet.number, never, SECRET)
            .await
            .is_err());
        server.advance_clock(120).await;
    }
    PdeClient::new(&server.base_url)
        .recover(&wallet.number, &old, SECRET)
        .await
        .expect("the old sheet is still the wallet's");
}

/// A hidden part has no sheet of its own; a current sheet that is not the wallet's is refused
/// and changes nothing.
async fn hidden_parts_have_no_sheet_and_a_wrong_current_sheet_is_refused(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let old = sheet(&wallet);
    let (_, other) = new_wallet(&server).await;
    assert_eq!(
        refusal(
            &client
                .new_recovery_sheet(&wallet, SECRET, Some(&sheet(&other)))
                .await
                .expect_err("another wallet's sheet")
        ),
        (400, ErrorCode::RecoveryKeyWrong)
    );
    client
        .create_hidden_part(&wallet.number, HIDDEN)
        .await
        .expect("hidden part");
    let inside = PdeClient::new(&server.base_url);
    let part = inside
        .login_hidden(&wallet.number, HIDDEN)
        .await
        .expect("the part");
    assert_eq!(
        refusal(
            &inside
                .new_recovery_sheet(&part, HIDDEN, None)
                .await
                .expect_err("no sheet in a hidden part")
        ),
        (409, ErrorCode::RecoverySheetUnavailable)
    );
    server.advance_clock(120).await;
    PdeClient::new(&server.base_url)
        .recover(&wallet.number, &old, NEW_SECRET)
        .await
        .expect("the sheet is unchanged");
}
