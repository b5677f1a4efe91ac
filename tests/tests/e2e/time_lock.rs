//! The time-lock ("prepare my meeting"): every way in refused until its time.

use super::*;

on_both_backends!(
    time_lock_refuses_every_way_in_until_its_time,
    what_the_holder_changes_needs_a_session_so_a_lock_refuses_it,
);

/// Changing the secret, a new recovery sheet (or cancelling one), ending the other sessions,
/// ending the wallet and taking everything away exist only within a session: once the wallet is
/// time-locked (which ends every session), each answers the session's old cookie as it answers
/// no session at all — none is a way around the lock to test a secret, to force a destruction
/// or to take the documents.
async fn what_the_holder_changes_needs_a_session_so_a_lock_refuses_it(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (holder, wallet) = new_wallet(&server).await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    holder
        .time_lock(&wallet.number, SECRET, now + 3600)
        .await
        .expect("locked");
    use pde_api::endpoints::*;
    for endpoint in [
        SECRET_START.path,
        SECRET_FINISH.path,
        RECOVERY_SHEET.path,
        RECOVERY_SHEET_CANCEL.path,
        END_OTHER_SESSIONS.path,
        WALLET_ERASE.path,
    ] {
        for client in [&holder, &PdeClient::new(&server.base_url)] {
            let response = client
                .http()
                .post(client.url(endpoint))
                .json(&serde_json::json!({}))
                .send()
                .await
                .expect("request");
            assert_eq!(response.status(), 401, "{endpoint}");
            let body: serde_json::Value = response.json().await.expect("json");
            assert_eq!(body["error"]["code"], "not_signed_in", "{endpoint}: {body}");
        }
    }
    // Taking everything away reads what a session reads (the wallet, its documents, links and
    // deposit links, each document's content): none of it without one.
    let document = pde_crypto::document::DocumentId::random().to_string();
    for (endpoint, args) in [
        (WALLET.path, vec![]),
        (DOCUMENTS.path, vec![]),
        (GRANTS.path, vec![]),
        (DEPOSITS.path, vec![]),
        (DOCUMENT_CONTENT.path, vec![document.as_str()]),
    ] {
        let mut path = endpoint.to_owned();
        for arg in args {
            let start = path.find('{').expect("a parameter");
            let end = path.find('}').expect("its end");
            path.replace_range(start..=end, arg);
        }
        let response = holder
            .http()
            .get(holder.url(&path))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 401, "{path}");
    }
}

/// "Prepare my meeting": the holder shares, then locks the wallet for two hours. Until then no
/// secret, no recovery key and no session opens it or writes to it, across a restart; the
/// lock's time is told only to someone who proved the secret; the grant still opens.
async fn time_lock_refuses_every_way_in_until_its_time(backend: Backend) {
    let mut server = TestServer::start(backend).await;
    let (holder, wallet) = new_wallet(&server).await;
    holder
        .upload(
            &wallet,
            "kept",
            "text/plain",
            Category::Other,
            b"kept private",
        )
        .await
        .expect("upload");
    let shown: [(&str, &str, &[u8]); 1] = [("cpas.pdf", "application/pdf", b"%PDF-1.4 decision")];
    let link = holder
        .share(&wallet, &shown, None, 6 * 3600, None)
        .await
        .expect("share");
    // A second device, opened before the lock.
    let other_device = PdeClient::new(&server.base_url);
    other_device
        .login(&wallet.number, SECRET)
        .await
        .expect("second session");
    assert_eq!(
        other_device.list_raw().await.expect("list").documents.len(),
        1
    );

    // Bad times are refused and change nothing.
    let now = unix_now();
    for bad in [now - 60, now + pde_api::MAX_TIME_LOCK_SECONDS + 3600] {
        let err = holder
            .time_lock(&wallet.number, SECRET, bad)
            .await
            .expect_err("refused");
        assert_eq!(refusal(&err), (400, ErrorCode::TimeLockInvalid));
    }
    // A proof for another wallet does not lock this one.
    let (_, stranger) = new_wallet(&server).await;
    let err = holder
        .time_lock(&stranger.number, SECRET, now + 3600)
        .await
        .expect_err("refused");
    assert_eq!(refusal(&err), (401, ErrorCode::LoginFailed));
    assert!(holder.list_raw().await.is_ok(), "still open after refusals");

    let until = now + 2 * 3600;
    assert_eq!(
        holder
            .time_lock(&wallet.number, SECRET, until)
            .await
            .expect("locked"),
        until
    );
    // Every session ended, on every device: no reads, no writes.
    for client in [&holder, &other_device] {
        assert_eq!(
            refusal(&client.list_raw().await.expect_err("refused")),
            (401, ErrorCode::NotSignedIn)
        );
        let err = client
            .upload(&wallet, "new", "text/plain", Category::Other, b"x")
            .await
            .expect_err("refused");
        assert_eq!(refusal(&err), (401, ErrorCode::NotSignedIn));
    }

    let check_locked = |server: &TestServer| {
        let base = server.base_url.clone();
        let number = wallet.number.clone();
        let recovery = sheet(&wallet);
        async move {
            let someone = PdeClient::new(&base);
            // The right secret: refused, and only now is the time told.
            match someone.login(&number, SECRET).await {
                Err(ClientError::Api {
                    status,
                    code,
                    locked_until,
                    ..
                }) => {
                    assert_eq!((status, code), (423, ErrorCode::WalletTimeLocked));
                    assert_eq!(locked_until, Some(until));
                }
                other => panic!("a time-locked wallet opened: {other:?}"),
            }
            // The recovery key: refused too, nothing replaced.
            let err = someone
                .recover(&number, &recovery, NEW_SECRET)
                .await
                .expect_err("refused");
            assert_eq!(refusal(&err), (423, ErrorCode::WalletTimeLocked));
            // Someone who only knows the number learns nothing: a made-up finish is an
            // ordinary failure, without the time.
            let (_, request) = pde_crypto::opaque::client_login_start(b"a guess").expect("start");
            let started = someone
                .login_start_raw(&number, request)
                .await
                .expect("start");
            let err = someone
                .login_finish_raw(&started.login_id, random_bytes(192))
                .await
                .expect_err("refused");
            assert_eq!(refusal(&err), (401, ErrorCode::LoginFailed));
            assert!(matches!(
                err,
                ClientError::Api {
                    locked_until: None,
                    ..
                }
            ));
        }
    };
    check_locked(&server).await;

    // The grant made before the meeting still opens.
    let worker = PdeClient::new(&server.base_url);
    let documents = worker.open_shared(&link, None).await.expect("grant opens");
    assert_eq!(documents[0].2, b"%PDF-1.4 decision");

    // The lock is in the database: a restart (which also resets the test clock) keeps it.
    server.restart();
    check_locked(&server).await;

    // At the chosen time, the wallet opens again with the same secret.
    server.advance_clock(2 * 3600 + 60).await;
    let holder = PdeClient::new(&server.base_url);
    holder
        .login(&wallet.number, SECRET)
        .await
        .expect("open after the time");
    let listed = holder.list(&wallet).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].metadata.name, "kept");
}
