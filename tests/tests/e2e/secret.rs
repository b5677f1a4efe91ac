//! Changing the secret from within a session (someone may have been made to tell it).

use super::*;

on_both_backends!(
    a_new_secret_ends_everything_else_and_keeps_the_parts_and_links,
    a_new_secret_is_never_a_hidden_parts_nor_set_without_the_current_one,
);

const HIDDEN: &str = "the box under the stairs";

/// The new secret replaces the old; in the same step every other session (of the wallet and of
/// its hidden part) and a login started with the old secret end, this session stays; the hidden
/// part keeps its secret; links keep working unless the holder asks to stop them too.
async fn a_new_secret_ends_everything_else_and_keeps_the_parts_and_links(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (here, wallet) = new_wallet(&server).await;
    here.create_hidden_part(&wallet.number, HIDDEN)
        .await
        .expect("hidden part");
    here.upload(&wallet, "carte", "text/plain", Category::Identity, b"card")
        .await
        .expect("upload");
    let link = here
        .share(
            &wallet,
            &[("carte", "text/plain", b"card")],
            None,
            3600,
            None,
        )
        .await
        .expect("grant");
    let drop_link = here
        .create_deposit(&wallet, "CPAS", 3600, 2)
        .await
        .expect("deposit link");
    let elsewhere = PdeClient::new(&server.base_url);
    elsewhere
        .login(&wallet.number, SECRET)
        .await
        .expect("another device");
    let in_the_part = PdeClient::new(&server.base_url);
    in_the_part
        .login_hidden(&wallet.number, HIDDEN)
        .await
        .expect("the hidden part");
    // Someone with the old secret, half-way through a login when the secret changes.
    let (state, request) =
        pde_crypto::opaque::client_login_start(SECRET.as_bytes()).expect("start");
    let half_way = PdeClient::new(&server.base_url);
    let started = half_way
        .login_start_raw(&wallet.number, request)
        .await
        .expect("started");
    let (finalization, _) = pde_crypto::opaque::client_login_finish(
        state,
        SECRET.as_bytes(),
        &started.credential_response.0,
        started.ksf,
    )
    .expect("the old secret is right, so far");

    here.change_secret(&wallet, SECRET, NEW_SECRET, false)
        .await
        .expect("changed");

    assert!(here.list_raw().await.is_ok(), "this session stays open");
    for ended in [&elsewhere, &in_the_part] {
        assert_eq!(
            refusal(&ended.list_raw().await.expect_err("ended")),
            (401, ErrorCode::NotSignedIn)
        );
    }
    assert_eq!(
        refusal(
            &half_way
                .login_finish_raw(&started.login_id, finalization)
                .await
                .expect_err("a login with the old secret")
        ),
        (401, ErrorCode::LoginFailed)
    );
    let someone = PdeClient::new(&server.base_url);
    assert!(someone.login(&wallet.number, SECRET).await.is_err());
    let reopened = someone
        .login(&wallet.number, NEW_SECRET)
        .await
        .expect("the new secret");
    assert_eq!(reopened.key.recipient(), wallet.key.recipient());
    assert_eq!(
        someone.list(&reopened).await.expect("documents").len(),
        1,
        "the same documents"
    );
    someone
        .login_hidden(&wallet.number, HIDDEN)
        .await
        .expect("the hidden part keeps its secret");
    let worker = PdeClient::new(&server.base_url);
    assert_ne!(
        worker.shared_status(&link).await.expect("status").state,
        pde_api::GrantState::Revoked,
        "the grant works"
    );
    assert!(
        worker.deposit_status(&drop_link).await.is_ok(),
        "the deposit link works"
    );

    // Again, stopping every link this time.
    here.change_secret(&wallet, NEW_SECRET, SECRET, true)
        .await
        .expect("changed again");
    assert_eq!(
        worker.shared_status(&link).await.expect("status").state,
        pde_api::GrantState::Revoked
    );
    assert_eq!(
        worker
            .deposit_status(&drop_link)
            .await
            .expect("status")
            .state,
        pde_api::DepositState::Revoked
    );
    here.login(&wallet.number, SECRET)
        .await
        .expect("the secret of the second change");
}

/// A hidden part's secret can't become the everyday one (tried as one first, the attempt
/// counted), the current secret must be proven again, and a hidden part's own secret isn't
/// changed from inside it; none of these refusals changes anything.
async fn a_new_secret_is_never_a_hidden_parts_nor_set_without_the_current_one(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (here, wallet) = new_wallet(&server).await;
    here.create_hidden_part(&wallet.number, HIDDEN)
        .await
        .expect("hidden part");

    let err = here
        .change_secret(&wallet, SECRET, HIDDEN, false)
        .await
        .expect_err("a hidden part's secret");
    assert!(matches!(err, ClientError::SecretInUse), "{err:?}");
    let err = here
        .change_secret(&wallet, "not the secret at all", NEW_SECRET, false)
        .await
        .expect_err("without the current secret");
    assert!(
        matches!(
            err,
            ClientError::Crypto(pde_crypto::CryptoError::WrongSecret)
        ),
        "{err:?}"
    );
    // Nothing changed: the old secret opens, the new one doesn't, this session lives on.
    assert!(here.list_raw().await.is_ok());
    let someone = PdeClient::new(&server.base_url);
    assert!(someone.login(&wallet.number, NEW_SECRET).await.is_err());
    someone
        .login(&wallet.number, SECRET)
        .await
        .expect("the old secret");

    // From inside the hidden part: refused, said plainly. (The hidden tries above count: past
    // the back-off first.)
    server.advance_clock(60).await;
    let in_the_part = PdeClient::new(&server.base_url);
    let part = in_the_part
        .login_hidden(&wallet.number, HIDDEN)
        .await
        .expect("the hidden part");
    let err = in_the_part
        .change_secret(&part, HIDDEN, "another hidden secret 2026", false)
        .await
        .expect_err("not from a hidden part");
    assert_eq!(refusal(&err), (409, ErrorCode::SecretChangeUnavailable));
    // Without a session, there is no way in.
    let nobody = PdeClient::new(&server.base_url);
    let err = nobody
        .change_secret(&wallet, SECRET, NEW_SECRET, false)
        .await
        .expect_err("no session");
    assert_eq!(refusal(&err), (401, ErrorCode::NotSignedIn));
}
