//! The recovery sheet: a forgotten secret replaced, single use, back-off apart from logins.

use super::*;

on_both_backends!(
    recovery_key_replaces_a_forgotten_secret,
    recovery_is_single_use_and_expires,
    wrong_recovery_keys_back_off_apart_from_logins,
);

/// A well-formed recovery key that belongs to no wallet.
fn someone_elses_sheet() -> String {
    RecoveryKey::generate().to_display().to_string()
}

async fn recovery_key_replaces_a_forgotten_secret(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let recovery = sheet(&wallet);
    let content = random_bytes(300 * 1024 + 7);
    let id = client
        .upload(
            &wallet,
            "titre de séjour.pdf",
            "application/pdf",
            Category::Identity,
            &content,
        )
        .await
        .expect("upload");
    client.logout().await.expect("logout");

    // A session opened with the old secret before the recovery (another computer, or whoever
    // learnt the secret).
    let earlier = PdeClient::new(&server.base_url);
    earlier.login(&wallet.number, SECRET).await.expect("login");
    assert!(earlier.list_raw().await.is_ok());

    // A wrong recovery key, and an unknown wallet, are answered like a wrong secret.
    let helper = PdeClient::new(&server.base_url);
    let wrong = helper
        .recover(&wallet.number, &someone_elses_sheet(), NEW_SECRET)
        .await
        .expect_err("a wrong recovery key");
    assert_eq!(refusal(&wrong), (401, ErrorCode::LoginFailed));
    let unknown = pde_api::wallet_number::WalletNumber::generate();
    let nobody = helper
        .recover(unknown.as_str(), &recovery, NEW_SECRET)
        .await
        .expect_err("an unknown wallet");
    assert_eq!(refusal(&nobody), (401, ErrorCode::LoginFailed));
    // Nothing changed: the old secret still opens the wallet, the earlier session is alive.
    assert!(earlier.list_raw().await.is_ok());

    // The right key, typed loosely (lower case, spaces instead of dashes).
    let typed = recovery.to_lowercase().replace('-', " ");
    let recovered = helper
        .recover(&wallet.number, &typed, NEW_SECRET)
        .await
        .expect("recovered with the sheet");
    assert_eq!(recovered.number, wallet.number);
    assert_eq!(
        recovered.key.recipient().as_str(),
        wallet.key.recipient().as_str(),
        "the same wallet key"
    );
    assert!(recovered.recovery_key.is_some());
    assert_eq!(
        helper
            .download(&recovered, &id)
            .await
            .expect("download after recovery")
            .as_slice(),
        content.as_slice()
    );
    let listed = helper.list(&recovered).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].metadata.name, "titre de séjour.pdf");

    // The session opened before the recovery has ended.
    let ended = earlier
        .list_raw()
        .await
        .expect_err("the earlier session ended");
    assert_eq!(refusal(&ended), (401, ErrorCode::NotSignedIn));

    // The old secret no longer opens the wallet: OPAQUE refuses it at the client, and a finish
    // sent anyway is refused by the server.
    let fresh = PdeClient::new(&server.base_url);
    let old = fresh
        .login(&wallet.number, SECRET)
        .await
        .expect_err("the old secret");
    assert!(matches!(old, ClientError::Crypto(_)), "{old}");
    let (state, request) =
        pde_crypto::opaque::client_login_start(SECRET.as_bytes()).expect("start");
    let started = fresh
        .login_start_raw(&wallet.number, request)
        .await
        .expect("start");
    assert!(pde_crypto::opaque::client_login_finish(
        state,
        SECRET.as_bytes(),
        &started.credential_response.0,
        started.ksf,
    )
    .is_err());
    let response = fresh
        .http()
        .post(fresh.url("/sessions/finish"))
        .json(&serde_json::json!({
            "login_id": started.login_id,
            "credential_finalization": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, [0u8; 64]),
        }))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 401);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "login_failed");

    // The new secret does, and the document is there, byte for byte.
    let reopened = fresh
        .login(&wallet.number, NEW_SECRET)
        .await
        .expect("the new secret opens the wallet");
    assert_eq!(
        fresh
            .download(&reopened, &id)
            .await
            .expect("download")
            .as_slice(),
        content.as_slice()
    );

    // The same sheet keeps working: the recovery wrapping was kept. Recovering again ends the
    // sessions opened with the previous secret, including the helper's.
    let third = "yet another secret 77";
    let again = PdeClient::new(&server.base_url);
    let recovered = again
        .recover(&wallet.number, &recovery, third)
        .await
        .expect("the sheet works twice");
    assert_eq!(
        again
            .download(&recovered, &id)
            .await
            .expect("download")
            .as_slice(),
        content.as_slice()
    );
    for ended in [&fresh, &helper] {
        let refused = ended.list_raw().await.expect_err("ended");
        assert_eq!(refusal(&refused), (401, ErrorCode::NotSignedIn));
    }
    assert!(matches!(
        PdeClient::new(&server.base_url)
            .login(&wallet.number, NEW_SECRET)
            .await,
        Err(ClientError::Crypto(_))
    ));
    PdeClient::new(&server.base_url)
        .login(&wallet.number, third)
        .await
        .expect("the latest secret");
}

/// The raw first recovery message, with a fresh OPAQUE registration for `new_secret`.
async fn recover_start_raw(
    client: &PdeClient,
    login: &str,
    recovery: &RecoveryKey,
    new_secret: &str,
) -> (
    pde_crypto::opaque::ClientRegistration,
    pde_api::RecoverStartResponse,
) {
    let (registration, request) =
        pde_crypto::opaque::client_registration_start(new_secret.as_bytes()).expect("start");
    let response = client
        .http()
        .post(client.url("/wallets/recover/start"))
        .json(&pde_api::RecoverStartRequest {
            login: login.to_owned(),
            recovery_token: recovery.auth_token().to_vec().into(),
            registration_request: request.into(),
            proof: None,
        })
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    (registration, response.json().await.expect("json"))
}

async fn recover_finish_raw(
    client: &PdeClient,
    request: &pde_api::RecoverFinishRequest,
) -> (u16, serde_json::Value) {
    let response = client
        .http()
        .post(client.url("/wallets/recover/finish"))
        .json(request)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

async fn recovery_is_single_use_and_expires(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (_, wallet) = new_wallet(&server).await;
    let recovery = RecoveryKey::parse(&sheet(&wallet)).expect("sheet");
    let client = PdeClient::new(&server.base_url);

    // Finishing after the recovery expired: refused, nothing changed.
    let (registration, started) =
        recover_start_raw(&client, &wallet.number, &recovery, NEW_SECRET).await;
    assert_eq!(started.ksf, pde_crypto::opaque::KsfParams::TEST);
    let wrapped = WrappedWalletKey::from_bytes(&started.wrapped_key.0).expect("wrapped");
    assert_eq!(wrapped.method, UnlockMethod::Recovery);
    let key = wallet::unwrap_with_recovery_key(&wrapped, &recovery).expect("unwrap");
    let (upload, export_key) = pde_crypto::opaque::client_registration_finish(
        registration,
        NEW_SECRET.as_bytes(),
        &started.registration_response.0,
        started.ksf,
    )
    .expect("finish");
    server.advance_clock(11 * 60).await;
    let late = pde_api::RecoverFinishRequest {
        recovery_id: started.recovery_id,
        registration_upload: upload.into(),
        wrapped_key: wallet::wrap_with_export_key(&key, &export_key)
            .to_bytes()
            .into(),
    };
    let (status, body) = recover_finish_raw(&client, &late).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "registration_expired");
    PdeClient::new(&server.base_url)
        .login(&wallet.number, SECRET)
        .await
        .expect("the old secret still works");

    // A wrapped key for another method is refused (and does not use up the recovery).
    let (registration, started) =
        recover_start_raw(&client, &wallet.number, &recovery, NEW_SECRET).await;
    let (upload, export_key) = pde_crypto::opaque::client_registration_finish(
        registration,
        NEW_SECRET.as_bytes(),
        &started.registration_response.0,
        started.ksf,
    )
    .expect("finish");
    let wrong_method = pde_api::RecoverFinishRequest {
        recovery_id: started.recovery_id.clone(),
        registration_upload: upload.clone().into(),
        wrapped_key: wallet::wrap_with_recovery_key(&key, &recovery)
            .to_bytes()
            .into(),
    };
    let (status, body) = recover_finish_raw(&client, &wrong_method).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_wrapped_keys");
    let garbage = pde_api::RecoverFinishRequest {
        wrapped_key: b"not a wrapped key".to_vec().into(),
        ..wrong_method
    };
    let (status, body) = recover_finish_raw(&client, &garbage).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_wrapped_keys");

    // The right finish works once; a replay is refused.
    let finish = pde_api::RecoverFinishRequest {
        recovery_id: started.recovery_id,
        registration_upload: upload.into(),
        wrapped_key: wallet::wrap_with_export_key(&key, &export_key)
            .to_bytes()
            .into(),
    };
    let (status, body) = recover_finish_raw(&client, &finish).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["wallet"]["wallet_number"], wallet.number.as_str());
    assert!(client.list_raw().await.is_ok(), "a session is open");
    let (status, body) = recover_finish_raw(&client, &finish).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "registration_expired");
    PdeClient::new(&server.base_url)
        .login(&wallet.number, NEW_SECRET)
        .await
        .expect("the new secret");

    // A creation without a proper recovery token is refused.
    let creating = PdeClient::new(&server.base_url);
    let (started, upload, export_key) = register_by_hand(&creating).await;
    let key = pde_crypto::wallet::WalletKey::generate();
    let finish = pde_api::RegisterFinishRequest {
        registration_id: started.registration_id,
        registration_upload: upload.into(),
        recipient: key.recipient(),
        wrapped_keys: vec![
            wallet::wrap_with_export_key(&key, &export_key)
                .to_bytes()
                .into(),
            wallet::wrap_with_recovery_key(&key, &recovery)
                .to_bytes()
                .into(),
        ],
        recovery_token: vec![0u8; 16].into(),
    };
    let (status, body) = register_finish_raw(&creating, &finish).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_fields");

    // A grant's wrapped key among a wallet's keys is refused: it must never unlock a wallet.
    let (started, upload, export_key) = register_by_hand(&creating).await;
    let recovery_key = wallet::RecoveryKey::generate();
    let (_, grant_wrapped) =
        pde_crypto::grant::new_grant_key(&pde_crypto::grant::GrantSecret::generate(), None);
    let finish = pde_api::RegisterFinishRequest {
        registration_id: started.registration_id,
        registration_upload: upload.into(),
        recipient: key.recipient(),
        wrapped_keys: vec![
            wallet::wrap_with_export_key(&key, &export_key)
                .to_bytes()
                .into(),
            wallet::wrap_with_recovery_key(&key, &recovery_key)
                .to_bytes()
                .into(),
            grant_wrapped.to_bytes().into(),
        ],
        recovery_token: recovery_key.auth_token().to_vec().into(),
    };
    let (status, body) = register_finish_raw(&creating, &finish).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_wrapped_keys", "{body}");
}

/// Both registration messages of a test wallet with [`SECRET`], done by hand so that a test can
/// send its own finish.
async fn register_by_hand(
    client: &PdeClient,
) -> (
    pde_api::RegisterStartResponse,
    Vec<u8>,
    pde_crypto::opaque::ExportKey,
) {
    let (registration, request) =
        pde_crypto::opaque::client_registration_start(SECRET.as_bytes()).expect("start");
    let started: pde_api::RegisterStartResponse = client
        .http()
        .post(client.url("/wallets/register/start"))
        .json(&serde_json::json!({
            "test_wallet": true,
            "registration_request": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &request),
        }))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    let (upload, export_key) = pde_crypto::opaque::client_registration_finish(
        registration,
        SECRET.as_bytes(),
        &started.registration_response.0,
        started.ksf,
    )
    .expect("finish");
    (started, upload, export_key)
}

/// Sends a hand-made registration finish; the status and the JSON body.
async fn register_finish_raw(
    client: &PdeClient,
    finish: &pde_api::RegisterFinishRequest,
) -> (u16, serde_json::Value) {
    let response = client
        .http()
        .post(client.url("/wallets/register/finish"))
        .json(finish)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

/// Wrong recovery keys back off like wrong secrets, on a counter of their own: a flood of wrong
/// secrets on a name doesn't keep its holder from recovering, nor wrong keys from logging in.
async fn wrong_recovery_keys_back_off_apart_from_logins(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (_, wallet) = new_wallet(&server).await;
    let recovery = sheet(&wallet);
    let client = PdeClient::new(&server.base_url);

    // Wrong keys alone back off...
    let mut refusals = 0;
    let mut backed_off = None;
    for _ in 0..6 {
        match client
            .recover(&wallet.number, &someone_elses_sheet(), NEW_SECRET)
            .await
        {
            Err(err) if err.status() == Some(401) => {
                assert_eq!(err.code(), Some(ErrorCode::LoginFailed));
                refusals += 1;
            }
            Err(ClientError::Api {
                status: 429,
                code,
                retry_after,
                ..
            }) => {
                assert_eq!(code, pde_api::ErrorCode::TooManyAttempts);
                backed_off = retry_after;
                break;
            }
            Err(other) => panic!("unexpected: {other}"),
            Ok(_) => panic!("a wrong recovery key opened the wallet"),
        }
    }
    assert_eq!(refusals, 3, "three free attempts, as for logins");
    let wait = backed_off.expect("429 with Retry-After after the free attempts");
    assert!(wait >= 1);
    // ...and hold back the right key until the back-off has passed, but not logins.
    let right = client
        .recover(&wallet.number, &recovery, NEW_SECRET)
        .await
        .expect_err("the right key during back-off");
    assert_eq!(refusal(&right), (429, ErrorCode::TooManyAttempts));
    client
        .login(&wallet.number, SECRET)
        .await
        .expect("logins have their own counter");

    // After the wait, the right key works and clears its counter.
    server.advance_clock(wait as i64 + 1).await;
    client
        .recover(&wallet.number, &recovery, NEW_SECRET)
        .await
        .expect("recovered after the back-off");

    // Wrong secrets until logins back off: the recovery key still works at once.
    let other = PdeClient::new(&server.base_url);
    let mut login_blocked = false;
    for _ in 0..6 {
        match other.login(&wallet.number, "not the secret 1").await {
            Err(ClientError::Crypto(_)) => {}
            Err(err) if err.status() == Some(429) => {
                login_blocked = true;
                break;
            }
            other => panic!("unexpected: {:?}", other.err()),
        }
    }
    assert!(login_blocked, "logins back off");
    other
        .recover(&wallet.number, &recovery, SECRET)
        .await
        .expect("recovery is not blocked by wrong secrets");
}
