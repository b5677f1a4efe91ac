//! End-to-end tests: the real server binary on 127.0.0.1, the native client, SQLite and
//! PostgreSQL. Every scenario runs against both backends.

use pde_api::ErrorCode;
use pde_crypto::document::DocumentId;
use pde_crypto::metadata::Category;
use pde_crypto::wallet::{self, RecoveryKey, UnlockMethod, WrappedWalletKey};
use pde_tests::scan::{files_under, find_canary};
use pde_tests::{Backend, ClientError, CreateWallet, PdeClient, TestServer};
use rand::RngCore;

const SECRET: &str = "correct horse battery staple";
/// The secret chosen when the first one is forgotten.
const NEW_SECRET: &str = "a brand new passphrase 2026";

fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes
}

async fn new_wallet(server: &TestServer) -> (PdeClient, pde_tests::OpenWallet) {
    let client = PdeClient::new(&server.base_url);
    let wallet = client
        .create_wallet(CreateWallet {
            secret: SECRET,
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect("wallet created");
    (client, wallet)
}

/// Runs each scenario against both backends.
macro_rules! on_both_backends {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $scenario() { super::$scenario(pde_tests::Backend::Sqlite).await }) *
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $scenario() { super::$scenario(pde_tests::Backend::Postgres).await }) *
        }
    };
}

on_both_backends!(
    whole_flow,
    canary_never_reaches_the_server,
    other_wallets_and_anonymous_requests_are_refused,
    bad_input_gets_clear_errors_and_loses_nothing,
    wrong_secret_backs_off_then_clears,
    unknown_wallet_answers_like_a_wrong_secret,
    restart_keeps_everything,
    kill_during_upload_keeps_acknowledged_documents,
    uploads_resume_and_commit_only_when_whole,
    sessions_expire_on_the_server,
    pseudonyms_are_normalised_and_unique,
    quota_is_enforced,
    invitation_mode_needs_a_code,
    sweeper_removes_abandoned_uploads_and_orphans,
    past_the_global_budget_every_login_costs_a_proof_of_work,
    recovery_key_replaces_a_forgotten_secret,
    recovery_is_single_use_and_expires,
    wrong_recovery_keys_back_off_apart_from_logins,
    grant_links_are_enforced_by_the_server,
    deposit_links_let_a_worker_send_but_never_read,
    time_lock_refuses_every_way_in_until_its_time,
    hidden_parts_are_separate_and_invisible_from_the_everyday_part,
    hidden_guesses_cost_one_attempt_whatever_the_route,
    hidden_parts_keep_their_parameters_through_a_new_everyday_secret,
    typed_login_names_are_not_kept,
    malformed_starts_cost_nothing_and_the_budget_is_exact,
    opening_the_hidden_part_gives_back_the_everyday_attempt,
    upload_races_have_one_outcome,
    one_grant_document_sent_many_times_at_once_keeps_the_accepted_bytes,
    announced_bytes_that_never_come_are_given_back,
    a_copy_served_at_another_place_of_its_grant_is_refused,
    records_written_without_the_wallet_key_are_refused,
    new_wallets_are_limited_per_hour_over_the_server,
    a_deposit_link_shows_a_key_of_its_own,
);

async fn whole_flow(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    assert!(
        wallet.recovery_key.is_some(),
        "a recovery key is made at creation"
    );

    // A fresh client logs in with the number and the secret.
    let client = {
        client.logout().await.expect("logout");
        let again = PdeClient::new(&server.base_url);
        again.login(&wallet.number, SECRET).await.expect("login");
        again
    };
    let wallet = client
        .login(&wallet.number, SECRET)
        .await
        .expect("login again");

    let small = b"Carte d'identite - recto".to_vec();
    let medium = random_bytes(300 * 1024);
    let large = random_bytes(10 * 1024 * 1024);
    let id_small = client
        .upload(
            &wallet,
            "carte.txt",
            "text/plain",
            Category::Identity,
            &small,
        )
        .await
        .expect("upload");
    let id_medium = client
        .upload(
            &wallet,
            "cpas.pdf",
            "application/pdf",
            Category::SocialAid,
            &medium,
        )
        .await
        .expect("upload");
    let id_large = client
        .upload(&wallet, "scan.jpg", "image/jpeg", Category::Medical, &large)
        .await
        .expect("upload");

    let listed = client.list(&wallet).await.expect("list");
    assert_eq!(listed.len(), 3);
    let names: Vec<_> = listed.iter().map(|d| d.metadata.name.as_str()).collect();
    assert!(
        names.contains(&"carte.txt") && names.contains(&"cpas.pdf") && names.contains(&"scan.jpg")
    );
    // Sizes are padded: the server never learns the exact size.
    let large_listed = listed.iter().find(|d| d.id == id_large).expect("listed");
    assert!(large_listed.size > large.len() as u64);

    for (id, content) in [
        (&id_small, &small),
        (&id_medium, &medium),
        (&id_large, &large),
    ] {
        let downloaded = client.download(&wallet, id).await.expect("download");
        assert_eq!(downloaded.as_slice(), content.as_slice());
    }

    client
        .rename(&wallet, &id_medium, "décision CPAS 2026.pdf")
        .await
        .expect("rename");
    client.delete(&id_small).await.expect("delete");
    let listed = client.list(&wallet).await.expect("list");
    assert_eq!(listed.len(), 2);
    assert!(listed
        .iter()
        .any(|d| d.metadata.name == "décision CPAS 2026.pdf"));

    client.logout().await.expect("logout");
    let refused = client
        .list_raw()
        .await
        .expect_err("no session after logout");
    assert_eq!(refused.status(), Some(401));

    let wallet = client
        .login(&wallet.number, SECRET)
        .await
        .expect("login after logout");
    let listed = client.list(&wallet).await.expect("list");
    assert_eq!(listed.len(), 2);
    let downloaded = client.download(&wallet, &id_large).await.expect("download");
    assert_eq!(downloaded.as_slice(), large.as_slice());
}

async fn canary_never_reaches_the_server(backend: Backend) {
    let mut server = TestServer::start(backend).await;
    let canary = format!("pde-canary-{}", hex::encode(random_bytes(12)));
    let pseudonym = format!("canary {}", hex::encode(random_bytes(6)));
    let client = PdeClient::new(&server.base_url);
    client
        .create_wallet(CreateWallet {
            secret: SECRET,
            pseudonym: Some(&pseudonym),
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect("wallet");
    client.logout().await.expect("logout");
    let wallet = client
        .login(&pseudonym, SECRET)
        .await
        .expect("login by pseudonym");
    let mut content = random_bytes(200 * 1024);
    content.extend_from_slice(canary.as_bytes());
    content.extend_from_slice(&random_bytes(1000));
    let name = format!("{canary}.pdf");
    let id = client
        .upload(&wallet, &name, "application/pdf", Category::Legal, &content)
        .await
        .expect("upload");
    client
        .rename(&wallet, &id, &format!("renamed {canary}"))
        .await
        .expect("rename");
    let second = client
        .upload(
            &wallet,
            &name,
            "text/plain",
            Category::Other,
            canary.as_bytes(),
        )
        .await
        .expect("upload");
    assert_eq!(
        client
            .download(&wallet, &second)
            .await
            .expect("download")
            .as_slice(),
        canary.as_bytes()
    );
    // Shared through a grant link with a PIN, and opened by a worker: the canary travels sealed
    // to the grant key; the link's secret and the tokens derived from it never stay anywhere.
    let link = client
        .share(
            &wallet,
            &[(canary.as_str(), "text/plain", canary.as_bytes())],
            Some("4821"),
            3600,
            None,
        )
        .await
        .expect("share");
    let shared = PdeClient::new(&server.base_url)
        .open_shared(&link, Some("4821"))
        .await
        .expect("open the link");
    assert_eq!(
        (shared[0].0.as_str(), shared[0].2.as_slice()),
        (canary.as_str(), canary.as_bytes())
    );
    let secret = pde_crypto::grant::GrantSecret::from_fragment(&link.fragment).expect("secret");
    let grant_secrets: Vec<Vec<u8>> = vec![
        link.fragment.as_bytes().to_vec(),
        base64::Engine::decode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            link.fragment.as_bytes(),
        )
        .expect("secret bytes"),
        secret.access_token().to_text().into_bytes(),
        secret
            .pin_token(&pde_crypto::grant::GrantPin::parse("4821").expect("pin"))
            .to_text()
            .into_bytes(),
    ];
    // A worker drops a document with the canary through a deposit link: it travels sealed to
    // the holder's key; the link's secret and its access token stay nowhere.
    let deposit = client
        .create_deposit(&wallet, &format!("label {canary}"), 3600, 2)
        .await
        .expect("deposit link");
    PdeClient::new(&server.base_url)
        .deposit(
            &deposit,
            &format!("dropped {canary}.pdf"),
            "application/pdf",
            canary.as_bytes(),
        )
        .await
        .expect("deposit");
    let deposit_secret =
        pde_crypto::deposit::DepositSecret::from_fragment(&deposit.fragment).expect("secret");
    let mut grant_secrets = grant_secrets;
    grant_secrets.push(deposit.fragment.as_bytes().to_vec());
    grant_secrets.push(
        base64::Engine::decode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            deposit.fragment.as_bytes(),
        )
        .expect("secret bytes"),
    );
    grant_secrets.push(deposit_secret.access_token().to_text().into_bytes());
    // Stop so every write is flushed (SQLite WAL checkpoint, logs).
    server.stop();

    let mut places = files_under(&server.data_dir());
    places.push(server.log_path());
    assert!(
        places
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "sqlite"))
            || backend == Backend::Postgres
    );
    let mut scanned = 0;
    for path in &places {
        let bytes = std::fs::read(path).expect("readable");
        scanned += bytes.len();
        if let Some(found) = find_canary(&bytes, canary.as_bytes()) {
            panic!("canary found in {}: {found}", path.display());
        }
        for grant_secret in &grant_secrets {
            if let Some(found) = find_canary(&bytes, grant_secret) {
                panic!(
                    "a link secret or token found in {}: {found}",
                    path.display()
                );
            }
        }
    }
    assert!(
        scanned > content.len(),
        "the scan read the stored ciphertext"
    );
    if backend == Backend::Postgres {
        let dump = server.postgres_dump();
        assert!(String::from_utf8_lossy(&dump).contains("CREATE TABLE public.documents"));
        assert!(
            find_canary(&dump, canary.as_bytes()).is_none(),
            "canary in the PostgreSQL dump"
        );
        for grant_secret in &grant_secrets {
            assert!(
                find_canary(&dump, grant_secret).is_none(),
                "a grant secret or token in the PostgreSQL dump"
            );
        }
    }
    // The log names no wallet: neither its number nor its pseudonym.
    let log = std::fs::read(server.log_path()).expect("log");
    for identity in [wallet.number.as_bytes(), pseudonym.as_bytes()] {
        assert!(
            find_canary(&log, identity).is_none(),
            "the log names the wallet"
        );
    }
    // The scan itself can fail: the log does contain the route template it should.
    let log = std::fs::read(server.log_path()).expect("log");
    assert!(find_canary(&log, b"/uploads/{upload_id}/commit").is_some());
}

async fn other_wallets_and_anonymous_requests_are_refused(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (alice, alice_wallet) = new_wallet(&server).await;
    let id = alice
        .upload(
            &alice_wallet,
            "a.txt",
            "text/plain",
            Category::Other,
            b"alice's",
        )
        .await
        .expect("upload");
    let (bob, bob_wallet) = new_wallet(&server).await;
    assert!(bob.list(&bob_wallet).await.expect("list").is_empty());

    let http = bob.http();
    let content = http
        .get(bob.url(&format!("/documents/{id}/content")))
        .send()
        .await
        .expect("request");
    assert_eq!(content.status(), 404);
    let deleted = http
        .delete(bob.url(&format!("/documents/{id}")))
        .send()
        .await
        .expect("request");
    assert_eq!(deleted.status(), 404);
    let renamed = http
        .put(bob.url(&format!("/documents/{id}/metadata")))
        .json(&serde_json::json!({ "metadata": "AAAA" }))
        .send()
        .await
        .expect("request");
    assert_eq!(renamed.status(), 404);

    let anonymous = reqwest::Client::new();
    for path in [
        format!("/documents/{id}/content"),
        "/documents".to_owned(),
        "/wallet".to_owned(),
    ] {
        let response = anonymous.get(bob.url(&path)).send().await.expect("request");
        assert_eq!(response.status(), 401, "{path}");
        let body: serde_json::Value = response.json().await.expect("json error");
        assert_eq!(body["error"]["code"], "not_signed_in");
    }
    // Still there for its owner.
    assert_eq!(
        alice
            .download(&alice_wallet, &id)
            .await
            .expect("download")
            .as_slice(),
        b"alice's"
    );
}

async fn bad_input_gets_clear_errors_and_loses_nothing(backend: Backend) {
    let server = TestServer::start_with(backend, &["--max-document-bytes", "1048576"]).await;
    let (client, wallet) = new_wallet(&server).await;
    let kept = random_bytes(100_000);
    let id = client
        .upload(
            &wallet,
            "kept.bin",
            "application/octet-stream",
            Category::Other,
            &kept,
        )
        .await
        .expect("upload");
    let before = client.list_raw().await.expect("list");

    // Oversize: announced too large.
    let too_large = client
        .start_upload(DocumentId::random(), 3 * 1024 * 1024)
        .await
        .expect_err("too large");
    assert_eq!(too_large.status(), Some(413));
    assert_eq!(too_large.code(), Some(ErrorCode::DocumentTooLarge));
    // Oversize: a part larger than announced.
    let status = client
        .start_upload(DocumentId::random(), 1000)
        .await
        .expect("upload");
    let oversized_part = client
        .http()
        .put(client.url(&format!("/uploads/{}/parts/0", status.upload_id)))
        .body(vec![0u8; 5000])
        .send()
        .await
        .expect("request");
    assert_eq!(oversized_part.status(), 413);
    let body: serde_json::Value = oversized_part.json().await.expect("json");
    assert_eq!(body["error"]["code"], "part_too_large");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| m.len() > 10));

    // Malformed JSON.
    let malformed = client
        .http()
        .post(client.url("/uploads"))
        .header("content-type", "application/json")
        .body("{\"document_id\": ")
        .send()
        .await
        .expect("request");
    assert_eq!(malformed.status(), 400);
    let body: serde_json::Value = malformed.json().await.expect("json");
    assert_eq!(body["error"]["code"], "malformed_json");
    // Wrong fields.
    let wrong = client
        .http()
        .post(client.url("/uploads"))
        .json(&serde_json::json!({"x": 1}))
        .send()
        .await
        .expect("request");
    assert_eq!(wrong.status(), 400);
    // Unknown route: JSON 404.
    let unknown = client
        .http()
        .get(client.url("/nowhere"))
        .send()
        .await
        .expect("request");
    assert_eq!(unknown.status(), 404);
    let body: serde_json::Value = unknown.json().await.expect("json");
    assert_eq!(body["error"]["code"], "no_such_route");
    // Wrong method: JSON 405.
    let method = client
        .http()
        .delete(client.url("/info"))
        .send()
        .await
        .expect("request");
    assert_eq!(method.status(), 405);
    // A document id that is not one.
    let bad_id = client
        .http()
        .get(client.url("/documents/not-an-id/content"))
        .send()
        .await
        .expect("request");
    assert_eq!(bad_id.status(), 404);
    // Invalid base64 in metadata.
    let bad_b64 = client
        .http()
        .put(client.url(&format!("/documents/{id}/metadata")))
        .json(&serde_json::json!({ "metadata": "not base64!!" }))
        .send()
        .await
        .expect("request");
    assert_eq!(bad_b64.status(), 400);

    // Nothing stored was lost or changed.
    let after = client.list_raw().await.expect("list");
    assert_eq!(after.documents.len(), before.documents.len());
    assert_eq!(after.documents[0].metadata, before.documents[0].metadata);
    assert_eq!(
        client
            .download(&wallet, &id)
            .await
            .expect("download")
            .as_slice(),
        kept.as_slice()
    );
}

async fn wrong_secret_backs_off_then_clears(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (_, wallet) = new_wallet(&server).await;
    let client = PdeClient::new(&server.base_url);
    let mut refusals = Vec::new();
    let mut backed_off = None;
    for _ in 0..6 {
        match client.login(&wallet.number, "wrong secret here").await {
            Err(ClientError::Crypto(_)) => refusals.push("wrong"),
            Err(ClientError::Api {
                status: 429,
                retry_after,
                ..
            }) => {
                backed_off = retry_after;
                break;
            }
            Err(other) => panic!("unexpected: {other}"),
            Ok(_) => panic!("a wrong secret opened the wallet"),
        }
    }
    assert_eq!(refusals.len(), 3, "three free attempts");
    let wait = backed_off.expect("429 with Retry-After after the free attempts");
    assert!(wait >= 1);
    // Even the right secret waits during back-off: the counter is per wallet, not per guess.
    let during = client
        .login(&wallet.number, SECRET)
        .await
        .err()
        .and_then(|e| e.status());
    assert_eq!(during, Some(429));

    // The counter lives in the database: it survives a restart.
    let mut server = server;
    server.restart();
    let client = PdeClient::new(&server.base_url);
    let after_restart = client
        .login(&wallet.number, SECRET)
        .await
        .err()
        .and_then(|e| e.status());
    assert_eq!(after_restart, Some(429));

    server.advance_clock(wait as i64 + 1).await;
    client
        .login(&wallet.number, SECRET)
        .await
        .expect("login after the back-off");
    // A verified login cleared the counter: three more free attempts.
    for _ in 0..3 {
        assert!(matches!(
            client.login(&wallet.number, "nope nope nope").await,
            Err(ClientError::Crypto(_))
        ));
    }
}

async fn unknown_wallet_answers_like_a_wrong_secret(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (_, wallet) = new_wallet(&server).await;
    let client = PdeClient::new(&server.base_url);
    let unknown = pde_api::wallet_number::WalletNumber::generate();

    let (_, request) = pde_crypto::opaque::client_login_start(b"some guess").expect("start");
    let known_answer = client
        .login_start_raw(&wallet.number, request.clone())
        .await
        .expect("start");
    let unknown_answer = client
        .login_start_raw(unknown.as_str(), request)
        .await
        .expect("start");
    assert_eq!(
        known_answer.credential_response.0.len(),
        unknown_answer.credential_response.0.len()
    );
    // Test wallets use cheap parameters; production wallets share the server's default.
    assert_eq!(unknown_answer.ksf, pde_crypto::opaque::KsfParams::DEFAULT);

    let wrong_known = client
        .login(&wallet.number, "wrong guess 123")
        .await
        .expect_err("refused");
    let wrong_unknown = client
        .login(unknown.as_str(), "wrong guess 123")
        .await
        .expect_err("refused");
    assert!(
        matches!(wrong_known, ClientError::Crypto(_)),
        "{wrong_known}"
    );
    assert!(
        matches!(wrong_unknown, ClientError::Crypto(_)),
        "{wrong_unknown}"
    );

    // A client that sends a finish anyway gets the same 401 for both.
    for login in [wallet.number.as_str(), unknown.as_str()] {
        let (_, request) = pde_crypto::opaque::client_login_start(b"x").expect("start");
        let started = client.login_start_raw(login, request).await.expect("start");
        let response = client
            .http()
            .post(client.url("/sessions/finish"))
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
    }
}

async fn restart_keeps_everything(backend: Backend) {
    let mut server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let content = random_bytes(2 * 1024 * 1024 + 17);
    let id = client
        .upload(
            &wallet,
            "keep.bin",
            "application/octet-stream",
            Category::Housing,
            &content,
        )
        .await
        .expect("upload");
    server.restart();
    let client = PdeClient::new(&server.base_url);
    let wallet = client
        .login(&wallet.number, SECRET)
        .await
        .expect("login after restart");
    let listed = client.list(&wallet).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].metadata.name, "keep.bin");
    assert_eq!(
        client
            .download(&wallet, &id)
            .await
            .expect("download")
            .as_slice(),
        content.as_slice()
    );
}

async fn kill_during_upload_keeps_acknowledged_documents(backend: Backend) {
    let mut server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let first = random_bytes(3 * 1024 * 1024);
    let first_id = client
        .upload(
            &wallet,
            "first.bin",
            "application/octet-stream",
            Category::Other,
            &first,
        )
        .await
        .expect("upload");

    // Start a second upload, send part of it, then kill -9 the server mid-way.
    let second = random_bytes(4 * 1024 * 1024);
    let ciphertext =
        pde_crypto::document::seal_document_bytes(&wallet.key.recipient(), &second).expect("seal");
    let status = client
        .start_upload(DocumentId::random(), ciphertext.len() as u64)
        .await
        .expect("upload");
    client
        .send_part(&status, 0, &ciphertext)
        .await
        .expect("part");
    client
        .send_part(&status, 1, &ciphertext)
        .await
        .expect("part");
    let racing = {
        let client = client.clone();
        let status = status.clone();
        let ciphertext = ciphertext.clone();
        tokio::spawn(async move {
            for part in 2..status.part_count {
                if client.send_part(&status, part, &ciphertext).await.is_err() {
                    break;
                }
            }
        })
    };
    server.kill_hard();
    let _ = racing.await;

    server.start_again();
    let client = PdeClient::new(&server.base_url);
    let wallet = client
        .login(&wallet.number, SECRET)
        .await
        .expect("login after kill");
    let listed = client.list(&wallet).await.expect("list");
    assert_eq!(listed.len(), 1, "the interrupted document is not listed");
    assert_eq!(listed[0].id, first_id);
    assert_eq!(
        client
            .download(&wallet, &first_id)
            .await
            .expect("download")
            .as_slice(),
        first.as_slice()
    );
    // The interrupted upload can be resumed: the acknowledged parts are still there.
    let resumed = client
        .upload_status(&status.upload_id)
        .await
        .expect("status");
    assert!(resumed.received_parts.contains(&0) && resumed.received_parts.contains(&1));
    for part in 0..resumed.part_count {
        if !resumed.received_parts.contains(&part) {
            client
                .send_part(&resumed, part, &ciphertext)
                .await
                .expect("part");
        }
    }
    client
        .commit(
            &wallet,
            &resumed,
            "second.bin",
            "application/octet-stream",
            Category::Other,
            &ciphertext,
        )
        .await
        .expect("commit");
    assert_eq!(
        client
            .download(&wallet, &resumed.document_id)
            .await
            .expect("download")
            .as_slice(),
        second.as_slice()
    );
}

async fn uploads_resume_and_commit_only_when_whole(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let content = random_bytes(3 * 1024 * 1024 + 5);
    let ciphertext =
        pde_crypto::document::seal_document_bytes(&wallet.key.recipient(), &content).expect("seal");
    let status = client
        .start_upload(DocumentId::random(), ciphertext.len() as u64)
        .await
        .expect("upload");
    assert!(status.part_count >= 4);
    // Out of order, one part missing.
    for part in (1..status.part_count).rev() {
        client
            .send_part(&status, part, &ciphertext)
            .await
            .expect("part");
    }
    let incomplete = client
        .commit(
            &wallet,
            &status,
            "x.bin",
            "application/octet-stream",
            Category::Other,
            &ciphertext,
        )
        .await
        .expect_err("incomplete");
    assert_eq!(incomplete.code(), Some(ErrorCode::UploadIncomplete));
    let progress = client
        .upload_status(&status.upload_id)
        .await
        .expect("status");
    assert_eq!(progress.received_parts.len() as u32, status.part_count - 1);
    assert!(!progress.received_parts.contains(&0));
    // A part of the wrong size is refused, and the upload is unharmed.
    let short = client
        .http()
        .put(client.url(&format!("/uploads/{}/parts/0", status.upload_id)))
        .body(vec![1u8; 10])
        .send()
        .await
        .expect("request");
    assert_eq!(short.status(), 400);
    client
        .send_part(&status, 0, &ciphertext)
        .await
        .expect("part");
    client
        .commit(
            &wallet,
            &status,
            "x.bin",
            "application/octet-stream",
            Category::Other,
            &ciphertext,
        )
        .await
        .expect("commit");
    assert_eq!(
        client
            .download(&wallet, &status.document_id)
            .await
            .expect("download")
            .as_slice(),
        content.as_slice()
    );
    // The same document id can't be uploaded twice.
    let again = client
        .start_upload(status.document_id, 100)
        .await
        .expect_err("exists");
    assert_eq!(again.code(), Some(ErrorCode::DocumentExists));
    // An abandoned upload frees its reservation.
    let abandoned = client
        .start_upload(DocumentId::random(), 2000)
        .await
        .expect("upload");
    let used = client.list_raw().await.expect("list").used_bytes;
    let response = client
        .http()
        .delete(client.url(&format!("/uploads/{}", abandoned.upload_id)))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 204);
    assert_eq!(
        client.list_raw().await.expect("list").used_bytes,
        used - 2000
    );
}

async fn sessions_expire_on_the_server(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = PdeClient::new(&server.base_url);
    let wallet = client
        .create_wallet(CreateWallet {
            secret: SECRET,
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect("wallet");
    // The cookie: HttpOnly, SameSite=Strict, no Max-Age, no Expires.
    let response = client
        .login_answer_raw(&wallet.number, SECRET)
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let cookie = response
        .headers()
        .get("set-cookie")
        .expect("cookie")
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(
        !cookie.to_lowercase().contains("max-age") && !cookie.to_lowercase().contains("expires"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "Secure is off unless configured"
    );

    // Idle expiry, enforced by the server.
    assert!(client.list_raw().await.is_ok());
    server.advance_clock(16 * 60).await;
    let expired = client.list_raw().await.expect_err("idle session ended");
    assert_eq!(expired.code(), Some(ErrorCode::NotSignedIn));

    // Absolute expiry, even when used regularly.
    client.login(&wallet.number, SECRET).await.expect("login");
    for _ in 0..40 {
        server.advance_clock(14 * 60).await;
        if client.list_raw().await.is_err() {
            break;
        }
    }
    let ended = client.list_raw().await.expect_err("absolute expiry");
    assert_eq!(ended.code(), Some(ErrorCode::NotSignedIn));
}

async fn pseudonyms_are_normalised_and_unique(backend: Backend) {
    let server = TestServer::start(backend).await;
    let client = PdeClient::new(&server.base_url);
    let wallet = client
        .create_wallet(CreateWallet {
            secret: SECRET,
            pseudonym: Some("  Marie   Dupont "),
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect("wallet");
    assert_eq!(wallet.pseudonym.as_deref(), Some("marie dupont"));
    let other = PdeClient::new(&server.base_url);
    other
        .login("MARIE DUPONT", SECRET)
        .await
        .expect("login by pseudonym, any spelling");

    let taken = other
        .create_wallet(CreateWallet {
            secret: SECRET,
            pseudonym: Some("marie dupont"),
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect_err("taken");
    assert_eq!(taken.status(), Some(409));
    assert_eq!(taken.code(), Some(ErrorCode::PseudonymTaken));
    let invalid = other
        .create_wallet(CreateWallet {
            secret: SECRET,
            pseudonym: Some("<script>"),
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect_err("invalid");
    assert_eq!(invalid.code(), Some(ErrorCode::PseudonymInvalidCharacter));
    // The most common PINs are refused before anything is sent.
    let weak = other
        .create_wallet(CreateWallet {
            secret: "1234",
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect_err("weak");
    assert!(matches!(weak, ClientError::WeakSecret(_)));
}

async fn quota_is_enforced(backend: Backend) {
    let server = TestServer::start_with(backend, &["--wallet-quota-bytes", "2000000"]).await;
    let (client, wallet) = new_wallet(&server).await;
    let first = random_bytes(1_200_000);
    client
        .upload(
            &wallet,
            "a",
            "application/octet-stream",
            Category::Other,
            &first,
        )
        .await
        .expect("fits");
    let refused = client
        .upload(
            &wallet,
            "b",
            "application/octet-stream",
            Category::Other,
            &first,
        )
        .await
        .expect_err("over quota");
    assert_eq!(refused.status(), Some(413));
    assert_eq!(refused.code(), Some(ErrorCode::QuotaExceeded));
    assert_eq!(client.list(&wallet).await.expect("list").len(), 1);
}

async fn invitation_mode_needs_a_code(backend: Backend) {
    let server = TestServer::start_with(backend, &["--creation-mode", "invite"]).await;
    let client = PdeClient::new(&server.base_url);
    let refused = client
        .create_wallet(CreateWallet {
            secret: SECRET,
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect_err("needs a code");
    assert_eq!(refused.code(), Some(ErrorCode::InvitationRequired));
    let output = server
        .command()
        .arg("invite")
        .arg("--uses")
        .arg("1")
        .output()
        .expect("invite command");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let code = String::from_utf8(output.stdout)
        .expect("utf-8")
        .trim()
        .to_owned();
    assert_eq!(code.len(), 19, "{code}");
    client
        .create_wallet(CreateWallet {
            secret: SECRET,
            invite_code: Some(&code.to_lowercase()),
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect("created with the code");
    let used_up = PdeClient::new(&server.base_url)
        .create_wallet(CreateWallet {
            secret: SECRET,
            invite_code: Some(&code),
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect_err("used up");
    assert_eq!(used_up.code(), Some(ErrorCode::InvitationRequired));
}

async fn sweeper_removes_abandoned_uploads_and_orphans(backend: Backend) {
    let server = TestServer::start_with(backend, &["--sweep-interval-seconds", "1"]).await;
    let (client, wallet) = new_wallet(&server).await;
    let kept = client
        .upload(&wallet, "kept", "text/plain", Category::Other, b"kept")
        .await
        .expect("upload");
    let ciphertext = pde_crypto::document::seal_document_bytes(
        &wallet.key.recipient(),
        &random_bytes(1_500_000),
    )
    .expect("seal");
    let abandoned = client
        .start_upload(DocumentId::random(), ciphertext.len() as u64)
        .await
        .expect("upload");
    client
        .send_part(&abandoned, 0, &ciphertext)
        .await
        .expect("part");
    let used_before = client.list_raw().await.expect("list").used_bytes;
    // An orphan blob, as a crash between the blob write and the row commit would leave.
    let documents_dir = server.data_dir().join("blobs/documents");
    let orphan = documents_dir.join("0123456789abcdef0123456789abcdef");
    std::fs::write(&orphan, b"orphan ciphertext").expect("write");
    let old = std::process::Command::new("touch")
        .arg("-d")
        .arg("2 hours ago")
        .arg(&orphan)
        .status()
        .expect("touch");
    assert!(old.success());
    let staging = server.data_dir().join("blobs/staging");
    assert_eq!(files_under(&staging).len(), 1);

    // A day later the upload has expired; the sweeper (every second here) removes it.
    server.advance_clock(25 * 3600).await;
    let client = PdeClient::new(&server.base_url);
    let wallet = client.login(&wallet.number, SECRET).await.expect("login");
    let mut swept = false;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if !orphan.exists() && files_under(&staging).is_empty() {
            swept = true;
            break;
        }
    }
    assert!(swept, "orphan blob or staged part still there");
    let status = client
        .upload_status(&abandoned.upload_id)
        .await
        .expect_err("upload gone");
    assert_eq!(status.status(), Some(404));
    let list = client.list_raw().await.expect("list");
    assert_eq!(
        list.used_bytes,
        used_before - ciphertext.len() as u64,
        "the reservation is released"
    );
    assert_eq!(
        client
            .download(&wallet, &kept)
            .await
            .expect("the committed document is untouched")
            .as_slice(),
        b"kept"
    );
}

/// The proof of work a refused login start asks for.
fn asked_proof(
    result: pde_tests::ClientResult<pde_api::LoginStartResponse>,
) -> pde_api::ProofOfWork {
    match result {
        Err(ClientError::Api {
            status,
            code,
            retry_after,
            proof_of_work: Some(asked),
            ..
        }) => {
            assert_eq!(
                (status, code.as_str(), retry_after),
                (429, "proof_of_work_required", None)
            );
            assert_eq!(
                pde_crypto::proof::challenge_bits(&asked.challenge.0),
                Some(asked.bits)
            );
            asked
        }
        other => panic!("expected a proof of work, got {:?}", other.err()),
    }
}

/// One guess on each of many wallets never meets a per-name back-off; the hourly budget of
/// unfinished logins over the server stops it. Past the budget a login start is priced, not
/// refused: every name, known or not, is asked the same proof of work, whose price rises with
/// the load; a solved proof is accepted once; and the holder gets in during the flood.
async fn past_the_global_budget_every_login_costs_a_proof_of_work(backend: Backend) {
    use pde_crypto::proof::{self, MIN_BITS};
    let server = TestServer::start_with(backend, &["--global-login-failures-per-hour", "5"]).await;
    let (_, wallet) = new_wallet(&server).await;
    let client = PdeClient::new(&server.base_url);
    let start = |login: &str, proof: Option<pde_api::LoginProof>| {
        let (_, request) = pde_crypto::opaque::client_login_start(b"2580").expect("start");
        pde_api::LoginStartRequest {
            login: login.to_owned(),
            credential_request: request.into(),
            proof,
        }
    };
    let unknown = || {
        pde_api::wallet_number::WalletNumber::generate()
            .as_str()
            .to_owned()
    };
    for _ in 0..5 {
        client
            .login_start_with(&start(&unknown(), None))
            .await
            .expect("within the budget");
    }
    // The same answer and the same price for a name that exists and one that doesn't.
    let for_unknown = asked_proof(client.login_start_with(&start(&unknown(), None)).await);
    let for_holder = asked_proof(client.login_start_with(&start(&wallet.number, None)).await);
    assert_eq!((for_unknown.bits, for_holder.bits), (MIN_BITS, MIN_BITS));
    assert_ne!(
        for_unknown.challenge.0, for_holder.challenge.0,
        "fresh challenges"
    );

    // A wrong nonce, a challenge of another server and a used proof are each asked again.
    let nonce = proof::solve(&for_unknown.challenge.0).expect("solvable");
    let paid = |nonce| pde_api::LoginProof {
        challenge: for_unknown.challenge.clone(),
        nonce,
    };
    let wrong = if nonce == 0 { 1 } else { nonce - 1 };
    asked_proof(
        client
            .login_start_with(&start(&unknown(), Some(paid(wrong))))
            .await,
    );
    let foreign = proof::ProofKey::from_server_setup(&pde_crypto::opaque::ServerSetup::generate())
        .challenge(MIN_BITS, i64::MAX);
    let foreign_nonce = proof::solve(&foreign).expect("solvable");
    asked_proof(
        client
            .login_start_with(&start(
                &unknown(),
                Some(pde_api::LoginProof {
                    challenge: foreign.into(),
                    nonce: foreign_nonce,
                }),
            ))
            .await,
    );
    client
        .login_start_with(&start(&unknown(), Some(paid(nonce))))
        .await
        .expect("a solved proof pays for one start");
    asked_proof(
        client
            .login_start_with(&start(&unknown(), Some(paid(nonce))))
            .await,
    );

    // The price doubles when the load does (5 more paid guesses: 10 unfinished against 5).
    for _ in 0..4 {
        let asked = asked_proof(client.login_start_with(&start(&unknown(), None)).await);
        let nonce = proof::solve(&asked.challenge.0).expect("solvable");
        let paid = pde_api::LoginProof {
            challenge: asked.challenge,
            nonce,
        };
        client
            .login_start_with(&start(&unknown(), Some(paid)))
            .await
            .expect("paid");
    }
    let asked = asked_proof(client.login_start_with(&start(&wallet.number, None)).await);
    assert_eq!(asked.bits, MIN_BITS + 1);

    // The holder's client solves it and gets in; so does a recovery.
    client
        .login(&wallet.number, SECRET)
        .await
        .expect("the holder gets in during the flood");
    PdeClient::new(&server.base_url)
        .recover(
            &wallet.number,
            &sheet(&wallet),
            "a new secret for the flood 1",
        )
        .await
        .expect("recovery during the flood");
}

/// The written recovery key of a wallet just created.
fn sheet(wallet: &pde_tests::OpenWallet) -> String {
    wallet
        .recovery_key
        .as_ref()
        .expect("a recovery key is made at creation")
        .to_display()
        .to_string()
}

/// A well-formed recovery key that belongs to no wallet.
fn someone_elses_sheet() -> String {
    RecoveryKey::generate().to_display().to_string()
}

fn assert_api_error(err: &ClientError, status: u16, code: &str) {
    assert_eq!(err.status(), Some(status), "{err}");
    assert_eq!(err.code().map(ErrorCode::as_str), Some(code), "{err}");
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
    assert_api_error(&wrong, 401, "login_failed");
    let unknown = pde_api::wallet_number::WalletNumber::generate();
    let nobody = helper
        .recover(unknown.as_str(), &recovery, NEW_SECRET)
        .await
        .expect_err("an unknown wallet");
    assert_api_error(&nobody, 401, "login_failed");
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
    assert_api_error(&ended, 401, "not_signed_in");

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
        assert_api_error(&refused, 401, "not_signed_in");
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
        recipient: key.recipient().as_str().to_owned(),
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
        recipient: key.recipient().as_str().to_owned(),
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
    assert_api_error(&right, 429, "too_many_attempts");
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

/// The API status and code of a failed call.
fn refused<T>(result: Result<T, ClientError>) -> (u16, String) {
    let Err(err) = result else {
        panic!("expected a refusal")
    };
    (
        err.status().unwrap_or(0),
        err.code()
            .map_or_else(String::new, |c| c.as_str().to_owned()),
    )
}

/// Grant links: only the granted documents, with the right PIN; a wrong access token is "not
/// found" and not counted; five wrong PINs burn a grant; the opening limit, revocation and
/// expiry (by the test clock) hold; the ciphertext of every dead grant leaves the blob store
/// and its bytes leave the wallet's quota.
async fn grant_links_are_enforced_by_the_server(backend: Backend) {
    let server = TestServer::start_with(backend, &["--sweep-interval-seconds", "1"]).await;
    let (holder, wallet) = new_wallet(&server).await;
    holder
        .upload(
            &wallet,
            "not shared",
            "text/plain",
            Category::Other,
            b"private",
        )
        .await
        .expect("upload");
    let used_before = holder.list_raw().await.expect("list").used_bytes;
    let documents_dir = server.data_dir().join("blobs/documents");
    let blobs_before = files_under(&documents_dir).len();
    let photo = random_bytes(300_000);
    let granted: [(&str, &str, &[u8]); 2] = [
        ("decision.pdf", "application/pdf", b"%PDF-1.4 CPAS decision"),
        ("id.jpg", "image/jpeg", &photo),
    ];
    let worker = PdeClient::new(&server.base_url);

    // A: PIN and at most 3 openings.
    let a = holder
        .share(&wallet, &granted, Some("4821"), 3600, Some(3))
        .await
        .expect("share");
    let status = worker.shared_status(&a).await.expect("status");
    assert_eq!(status.state, pde_api::GrantState::Active);
    assert!(status.has_pin);
    let documents = worker.open_shared(&a, Some("4821")).await.expect("open");
    assert_eq!(documents.len(), 2, "exactly the granted documents");
    assert_eq!(documents[0].0, "decision.pdf");
    assert_eq!(documents[0].2, b"%PDF-1.4 CPAS decision");
    assert_eq!(
        (documents[1].1.as_str(), &documents[1].2),
        ("image/jpeg", &photo)
    );
    // Another link's secret, same id: not found, and nothing counted.
    let wrong = pde_tests::SharedLink {
        grant_id: a.grant_id.clone(),
        fragment: pde_crypto::grant::GrantSecret::generate().to_fragment(),
    };
    assert_eq!(refused(worker.shared_status(&wrong).await).0, 404);
    for _ in 0..10 {
        assert_eq!(
            refused(worker.open_shared(&wrong, Some("4821")).await).0,
            404
        );
    }
    // Wrong PINs are counted, the right one still opens.
    for _ in 0..2 {
        assert_eq!(
            refused(worker.open_shared(&a, Some("1111")).await),
            (403, "wrong_pin".to_owned())
        );
    }
    assert!(worker.open_shared(&a, Some("4821")).await.is_ok());
    assert!(worker.open_shared(&a, Some("4821")).await.is_ok());
    assert_eq!(
        refused(worker.open_shared(&a, Some("4821")).await),
        (410, "grant_used_up".to_owned())
    );
    let list = holder.grants().await.expect("grants");
    let summary = list
        .grants
        .iter()
        .find(|g| g.grant_id == a.grant_id)
        .expect("a");
    assert_eq!(summary.opened_at.len(), 3, "the access log");
    assert_eq!(summary.state, pde_api::GrantState::UsedUp);

    // Bad requests get clear errors and store nothing: no documents, too long a life, a
    // document of the wrong size, one sent twice.
    let (_, wrapped) =
        pde_crypto::grant::new_grant_key(&pde_crypto::grant::GrantSecret::generate(), None);
    let request = |documents: Vec<pde_api::GrantDocumentDeclaration>, seconds: u64| {
        pde_api::GrantCreateRequest {
            access_hash: vec![1u8; 32].into(),
            pin_hash: None,
            wrapped_key: wrapped.to_bytes().into(),
            label: b"label".to_vec().into(),
            expires_in_seconds: seconds,
            max_openings: None,
            documents,
        }
    };
    let declared = || {
        vec![pde_api::GrantDocumentDeclaration {
            ciphertext_len: 100,
            metadata: b"sealed metadata".to_vec().into(),
        }]
    };
    for (bad, why) in [
        (request(Vec::new(), 3600), "no documents"),
        (request(declared(), 31 * 24 * 3600), "more than 30 days"),
    ] {
        let response = holder
            .http()
            .post(holder.url("/grants"))
            .json(&bad)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status().as_u16(), 400, "{why}");
    }
    let created: pde_api::GrantCreated = holder
        .http()
        .post(holder.url("/grants"))
        .json(&request(declared(), 3600))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    let put = |body: Vec<u8>, position: u32| {
        holder
            .http()
            .put(holder.url(&format!(
                "/grants/{}/documents/{position}",
                created.grant_id
            )))
            .body(body)
            .send()
    };
    assert_eq!(
        put(vec![0; 99], 0).await.expect("put").status().as_u16(),
        400
    );
    assert_eq!(
        put(vec![0; 101], 0).await.expect("put").status().as_u16(),
        413
    );
    assert_eq!(
        put(vec![0; 100], 1).await.expect("put").status().as_u16(),
        404
    );
    assert_eq!(
        put(vec![0; 100], 0).await.expect("put").status().as_u16(),
        204
    );
    assert_eq!(
        put(vec![0; 100], 0).await.expect("put").status().as_u16(),
        409
    );
    holder.revoke(&created.grant_id).await.expect("revoke");

    // B: five wrong PINs burn it, at once and for good; its ciphertext goes.
    let b = holder
        .share(&wallet, &granted, Some("123456"), 3600, None)
        .await
        .expect("share");
    for attempt in 1..=5 {
        let (status, code) = refused(worker.open_shared(&b, Some("654321")).await);
        if attempt < 5 {
            assert_eq!((status, code.as_str()), (403, "wrong_pin"));
        } else {
            assert_eq!((status, code.as_str()), (410, "grant_burned"));
        }
    }
    assert_eq!(
        refused(worker.open_shared(&b, Some("123456")).await),
        (410, "grant_burned".to_owned())
    );

    // C: no PIN; revoked, it stops at once, even for a worker who opened it before.
    let c = holder
        .share(&wallet, &granted[..1], None, 3600, None)
        .await
        .expect("share");
    let secret = pde_crypto::grant::GrantSecret::from_fragment(&c.fragment).expect("secret");
    let opened: pde_api::GrantOpened = worker
        .http()
        .post(worker.url(&format!("/shared/{}/open", c.grant_id)))
        .json(&pde_api::GrantTokens {
            access_token: secret.access_token().to_text(),
            pin_token: None,
        })
        .send()
        .await
        .expect("open")
        .json()
        .await
        .expect("json");
    assert!(worker
        .fetch_shared(&c, &opened.opening_token, 0)
        .await
        .is_ok());
    holder.revoke(&c.grant_id).await.expect("revoke");
    assert_eq!(
        worker.shared_status(&c).await.expect("status").state,
        pde_api::GrantState::Revoked
    );
    assert_eq!(
        refused(worker.open_shared(&c, None).await),
        (410, "grant_revoked".to_owned())
    );
    assert_eq!(
        refused(worker.fetch_shared(&c, &opened.opening_token, 0).await).0,
        410
    );
    // Another wallet can neither see nor revoke the holder's grants.
    let (stranger, _) = new_wallet(&server).await;
    assert!(stranger.grants().await.expect("grants").grants.is_empty());
    assert_eq!(refused(stranger.revoke(&a.grant_id).await).0, 404);

    // D: after its expiry (the test clock), "expired"; the sweeper deletes every dead grant's
    // ciphertext and gives its bytes back; the holder's own document is untouched.
    let d = holder
        .share(&wallet, &granted, None, 600, None)
        .await
        .expect("share");
    assert!(files_under(&documents_dir).len() > blobs_before);
    server.advance_clock(2 * 3600).await;
    assert_eq!(
        refused(worker.open_shared(&d, None).await),
        (410, "grant_expired".to_owned())
    );
    let mut swept = false;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if files_under(&documents_dir).len() == blobs_before {
            swept = true;
            break;
        }
    }
    assert!(swept, "grant ciphertext left in the blob store");
    let holder = PdeClient::new(&server.base_url);
    let wallet = holder.login(&wallet.number, SECRET).await.expect("login");
    assert_eq!(
        holder.list_raw().await.expect("list").used_bytes,
        used_before
    );
    let own = holder.list(&wallet).await.expect("list");
    assert_eq!(own.len(), 1, "the holder's documents are never touched");
}

fn api_code(result: Result<impl std::fmt::Debug, ClientError>) -> (u16, String) {
    match result {
        Err(ClientError::Api { status, code, .. }) => (status, code.as_str().to_owned()),
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// Deposit links: a worker with no account sends documents sealed to the holder's key (checked
/// against the link's secret); they arrive marked received and only the holder can open them;
/// the worker's token opens no read route; a wrong token is "not found"; the maximum, the
/// revocation and the expiry (test clock) hold, and the quota applies.
async fn deposit_links_let_a_worker_send_but_never_read(backend: Backend) {
    let server = TestServer::start_with(backend, &["--wallet-quota-bytes", "2000000"]).await;
    let (holder, wallet) = new_wallet(&server).await;
    let link = holder
        .create_deposit(&wallet, "CPAS Anderlecht", 24 * 3600, 2)
        .await
        .expect("deposit link");
    let worker = PdeClient::new(&server.base_url);
    let status = worker.deposit_status(&link).await.expect("status");
    assert_eq!(status.state, pde_api::DepositState::Active);
    assert_eq!(status.files_left, 2);
    // The link's own key, never the wallet's.
    assert_ne!(status.recipient, wallet.key.recipient().as_str());

    let decision = b"%PDF-1.4 decision du CPAS".to_vec();
    let received = worker
        .deposit(&link, "decision.pdf", "application/pdf", &decision)
        .await
        .expect("deposit");
    assert_eq!(received.files_left, 1);

    // The worker can't read anything back: no session, and the link's token opens no read
    // route.
    let listed = holder.list_raw().await.expect("list");
    let id = listed
        .documents
        .iter()
        .find(|d| d.received_via.as_deref() == Some(link.deposit_id.as_str()))
        .expect("a received document")
        .id;
    assert_eq!(
        api_code(worker.list_raw().await),
        (401, "not_signed_in".into())
    );
    assert_eq!(
        api_code(worker.download_raw(&id).await),
        (401, "not_signed_in".into())
    );
    let secret = pde_crypto::deposit::DepositSecret::from_fragment(&link.fragment).expect("link");
    let token = secret.access_token().to_text();
    let http = reqwest::Client::new();
    for path in [
        "/api/v1/documents".to_owned(),
        format!("/api/v1/documents/{id}/content"),
        format!("/api/v1/drop/{}/uploads", link.deposit_id),
    ] {
        let response = http
            .get(format!("{}{path}", server.base_url))
            .bearer_auth(&token)
            .send()
            .await
            .expect("request");
        assert!(
            matches!(response.status().as_u16(), 401 | 404 | 405),
            "{path}: {}",
            response.status()
        );
    }

    // The holder sees it marked received, and opens it (no tag: sender unverified).
    let documents = holder.list(&wallet).await.expect("list");
    let doc = documents.iter().find(|d| d.id == id).expect("listed");
    assert_eq!(doc.metadata.name, "decision.pdf");
    assert_eq!(
        holder.download_received(&wallet, &id).await.expect("open"),
        decision
    );
    let deposits = holder.deposits().await.expect("deposits");
    assert_eq!(deposits.deposits.len(), 1);
    assert_eq!(deposits.deposits[0].files_received, 1);

    // A wrong token is "not found", like an unknown link.
    let wrong = DepositLinkForTest::wrong(&link);
    assert_eq!(api_code(worker.deposit_status(&wrong).await).0, 404);
    assert_eq!(
        api_code(
            worker
                .deposit(&wrong, "x.pdf", "application/pdf", b"%PDF-")
                .await
        )
        .0,
        404
    );

    // The maximum holds: the second fits, the third is refused.
    worker
        .deposit(
            &link,
            "certificate.pdf",
            "application/pdf",
            b"%PDF-1.4 certificate",
        )
        .await
        .expect("second deposit");
    assert_eq!(
        api_code(
            worker
                .deposit(&link, "third.pdf", "application/pdf", b"%PDF-")
                .await
        ),
        (410, "deposit_full".into())
    );
    assert_eq!(
        worker.deposit_status(&link).await.expect("status").state,
        pde_api::DepositState::Full
    );

    // Revocation is immediate.
    let stopped = holder
        .create_deposit(&wallet, "stopped", 3600, 5)
        .await
        .expect("second link");
    holder
        .revoke_deposit(&stopped.deposit_id)
        .await
        .expect("revoke");
    assert_eq!(
        api_code(
            worker
                .deposit(&stopped, "a.pdf", "application/pdf", b"%PDF-")
                .await
        ),
        (410, "deposit_revoked".into())
    );

    // The quota applies to what workers send, and a refused document takes no slot.
    let big = holder
        .create_deposit(&wallet, "big", 3600, 5)
        .await
        .expect("third link");
    let too_big = random_bytes(2_000_001);
    assert_eq!(
        api_code(
            worker
                .deposit(&big, "big.bin", "application/octet-stream", &too_big)
                .await
        ),
        (413, "quota_exceeded".into())
    );
    assert_eq!(
        worker
            .deposit_status(&big)
            .await
            .expect("status")
            .files_left,
        5
    );

    // After its expiry (test clock), the link takes nothing more.
    server.advance_clock(2 * 3600).await;
    assert_eq!(
        api_code(
            worker
                .deposit(&big, "late.pdf", "application/pdf", b"%PDF-")
                .await
        ),
        (410, "deposit_expired".into())
    );
}

/// The same link with another secret (so a wrong access token).
struct DepositLinkForTest;

impl DepositLinkForTest {
    fn wrong(link: &pde_tests::DepositLink) -> pde_tests::DepositLink {
        pde_tests::DepositLink {
            deposit_id: link.deposit_id.clone(),
            fragment: pde_crypto::deposit::DepositSecret::generate().to_fragment(),
        }
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
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
        assert_api_error(&err, 400, "time_lock_invalid");
    }
    // A proof for another wallet does not lock this one.
    let (_, stranger) = new_wallet(&server).await;
    let err = holder
        .time_lock(&stranger.number, SECRET, now + 3600)
        .await
        .expect_err("refused");
    assert_api_error(&err, 401, "login_failed");
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
        assert_api_error(
            &client.list_raw().await.expect_err("refused"),
            401,
            "not_signed_in",
        );
        let err = client
            .upload(&wallet, "new", "text/plain", Category::Other, b"x")
            .await
            .expect_err("refused");
        assert_api_error(&err, 401, "not_signed_in");
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
                    assert_eq!((status, code.as_str()), (423, "wallet_time_locked"));
                    assert_eq!(locked_until, Some(until));
                }
                other => panic!("a time-locked wallet opened: {other:?}"),
            }
            // The recovery key: refused too, nothing replaced.
            let err = someone
                .recover(&number, &recovery, NEW_SECRET)
                .await
                .expect_err("refused");
            assert_api_error(&err, 423, "wallet_time_locked");
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
            assert_api_error(&err, 401, "login_failed");
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

/// Fields that hold age ciphertext: their length varies from one encryption to the next (age
/// adds a random "grease" stanza), for every wallet alike.
const CIPHERTEXT_FIELDS: [&str; 3] = ["metadata", "label", "wrapped_key"];

/// A JSON answer with every string replaced by its length (ciphertext by a mark) and every
/// number by 0: what a person in the room could compare between two wallets, apart from the
/// values themselves.
fn shape(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(text) => Value::from(text.len()),
        Value::Number(_) => Value::from(0),
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| {
                    let shaped = if CIPHERTEXT_FIELDS.contains(&k.as_str()) {
                        Value::from("ciphertext")
                    } else {
                        shape(v)
                    };
                    (k.clone(), shaped)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Opens the everyday part by hand and records every answer (status, body length, shape, and
/// the body), in the order the web app asks them.
async fn everyday_answers(
    server: &TestServer,
    number: &str,
) -> Vec<(String, u16, usize, serde_json::Value, serde_json::Value)> {
    let client = PdeClient::new(&server.base_url);
    let mut answers = Vec::new();
    let mut record = |path: &str, status: u16, text: &str| {
        let body: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        answers.push((path.to_owned(), status, text.len(), shape(&body), body));
    };
    let (state, request) =
        pde_crypto::opaque::client_login_start(SECRET.as_bytes()).expect("start");
    let response = client
        .http()
        .post(client.url("/sessions/start"))
        .json(&pde_api::LoginStartRequest {
            login: number.to_owned(),
            credential_request: request.into(),
            proof: None,
        })
        .send()
        .await
        .expect("start");
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    record("/sessions/start", status, &text);
    let started: pde_api::LoginStartResponse = serde_json::from_str(&text).expect("start answer");
    let (finalization, _) = pde_crypto::opaque::client_login_finish(
        state,
        SECRET.as_bytes(),
        &started.credential_response.0,
        started.ksf,
    )
    .expect("finish");
    let response = client
        .http()
        .post(client.url("/sessions/finish"))
        .json(&pde_api::LoginFinishRequest {
            login_id: started.login_id,
            credential_finalization: finalization.into(),
        })
        .send()
        .await
        .expect("finish");
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    record("/sessions/finish", status, &text);
    for path in ["/wallet", "/documents", "/grants", "/deposits", "/info"] {
        let response = client
            .http()
            .get(client.url(path))
            .send()
            .await
            .expect("get");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        record(path, status, &text);
    }
    answers
}

/// A wallet with a hidden part and one without, with the same everyday documents, answer the
/// everyday secret alike (status, size, shape, usage); the hidden part opens only with its own
/// secret, as a separate step that answers alike for a wallet without one; setting up another
/// part from the everyday view neither tells nor destroys; the time-lock covers the part.
async fn hidden_parts_are_separate_and_invisible_from_the_everyday_part(backend: Backend) {
    const HIDDEN: &str = "the box under the stairs";
    const OTHER_HIDDEN: &str = "a second box somewhere else";
    let server = TestServer::start(backend).await;
    let (holder, with_part) = new_wallet(&server).await;
    let (other, without_part) = new_wallet(&server).await;
    for (client, wallet) in [(&holder, &with_part), (&other, &without_part)] {
        client
            .upload(
                wallet,
                "carte-id.jpg",
                "image/jpeg",
                Category::Identity,
                &[7u8; 5000],
            )
            .await
            .expect("everyday upload");
    }
    let before = holder.list_raw().await.expect("list").used_bytes;

    holder
        .create_hidden_part(&with_part.number, HIDDEN)
        .await
        .expect("hidden part set up");
    let inside = PdeClient::new(&server.base_url);
    let part = inside
        .login_hidden(&with_part.number, HIDDEN)
        .await
        .expect("the hidden part opens with its secret");
    assert_eq!(
        part.number, with_part.number,
        "it shows the wallet's own number"
    );
    inside
        .upload(
            &part,
            "asile.pdf",
            "application/pdf",
            Category::Residence,
            b"%PDF hidden",
        )
        .await
        .expect("hidden upload");
    let hidden_list = inside.list(&part).await.expect("hidden list");
    assert_eq!(
        hidden_list
            .iter()
            .map(|d| d.metadata.name.as_str())
            .collect::<Vec<_>>(),
        ["asile.pdf"],
        "the part has only its own documents"
    );
    // Its own grant and deposit links, which the everyday part does not list.
    let shown: [(&str, &str, &[u8]); 1] = [("asile.pdf", "application/pdf", b"%PDF hidden")];
    let hidden_link = inside
        .share(&part, &shown, None, 3600, None)
        .await
        .expect("hidden share");
    let hidden_drop = inside
        .create_deposit(&part, "avocat", 3600, 2)
        .await
        .expect("hidden deposit link");
    let worker = PdeClient::new(&server.base_url);
    let opened = worker.open_shared(&hidden_link, None).await.expect("opens");
    assert_eq!(opened[0].2, b"%PDF hidden");
    assert_eq!(inside.grants().await.expect("grants").grants.len(), 1);
    assert_eq!(inside.deposits().await.expect("deposits").deposits.len(), 1);
    assert!(holder.grants().await.expect("grants").grants.is_empty());
    assert!(holder
        .deposits()
        .await
        .expect("deposits")
        .deposits
        .is_empty());
    assert!(!hidden_drop.deposit_id.is_empty());
    // Its own quota: the everyday usage did not move.
    assert_eq!(holder.list_raw().await.expect("list").used_bytes, before);
    let everyday = holder.list(&with_part).await.expect("everyday list");
    assert_eq!(everyday.len(), 1);
    assert_eq!(everyday[0].metadata.name, "carte-id.jpg");

    // The everyday secret: the same answers for both wallets, nothing that counts or sizes a
    // hidden part.
    let a = everyday_answers(&server, &with_part.number).await;
    let b = everyday_answers(&server, &without_part.number).await;
    for ((path, status_a, len_a, shape_a, body_a), (_, status_b, len_b, shape_b, body_b)) in
        a.iter().zip(&b)
    {
        assert_eq!((status_a, shape_a), (status_b, shape_b), "{path}");
        if !CIPHERTEXT_FIELDS
            .iter()
            .any(|f| body_a.to_string().contains(&format!("\"{f}\"")))
        {
            assert_eq!(len_a, len_b, "{path}: the answer's size");
        }
        if path == "/documents" {
            // (Ciphertext sizes vary by encryption, so the usage is compared with this wallet's
            // own before its hidden part existed.)
            assert_eq!(
                body_a["used_bytes"],
                serde_json::json!(before),
                "no shared usage figure"
            );
            assert_eq!(body_a["quota_bytes"], body_b["quota_bytes"]);
        }
    }
    assert_eq!(a.len(), 7);

    // The separate step answers alike with or without a part; without one it fails like a
    // wrong secret.
    let prober = PdeClient::new(&server.base_url);
    let mut starts = Vec::new();
    for number in [&with_part.number, &without_part.number] {
        let slot = prober.hidden_slot(number, HIDDEN).await.expect("slot");
        let (_, request) =
            pde_crypto::opaque::client_login_start(HIDDEN.as_bytes()).expect("start");
        let text = prober
            .hidden_login_start_response(number, &slot, request)
            .await
            .expect("hidden start")
            .text()
            .await
            .expect("body");
        let body: serde_json::Value = serde_json::from_str(&text).expect("json");
        starts.push((text.len(), shape(&body), body["ksf"].clone()));
    }
    assert_eq!(
        starts[0], starts[1],
        "a dummy answer the size and shape of a real one"
    );
    assert!(matches!(
        prober.login_hidden(&without_part.number, HIDDEN).await,
        Err(ClientError::Crypto(_))
    ));
    assert!(matches!(
        prober
            .login_hidden(&with_part.number, "not the hidden secret")
            .await,
        Err(ClientError::Crypto(_))
    ));
    // A hidden part's number is never a way in.
    assert!(prober.login(&with_part.number, HIDDEN).await.is_err());

    // Setting up another part from the everyday view: a new part, the first one untouched.
    // (Each of these costs a counted hidden attempt, like the probes above: the back-off they
    // started is waited out first.)
    holder
        .create_hidden_part(&with_part.number, OTHER_HIDDEN)
        .await
        .expect("second part");
    server.advance_clock(60).await;
    let second = PdeClient::new(&server.base_url);
    let second_part = second
        .login_hidden(&with_part.number, OTHER_HIDDEN)
        .await
        .expect("second part opens");
    assert!(second.list(&second_part).await.expect("list").is_empty());
    let again = PdeClient::new(&server.base_url);
    let first = again
        .login_hidden(&with_part.number, HIDDEN)
        .await
        .expect("first part still opens");
    assert_eq!(again.list(&first).await.expect("list").len(), 1);
    // The same secret again: only someone who knows it learns it is taken.
    let err = holder
        .create_hidden_part(&with_part.number, HIDDEN)
        .await
        .expect_err("taken");
    assert_api_error(&err, 409, "hidden_unavailable");

    // The time-lock, set from the everyday part, covers the hidden parts and their sessions.
    let until = unix_now() + 3600;
    holder
        .time_lock(&with_part.number, SECRET, until)
        .await
        .expect("locked");
    assert_api_error(
        &inside.list_raw().await.expect_err("ended"),
        401,
        "not_signed_in",
    );
    let err = PdeClient::new(&server.base_url)
        .login_hidden(&with_part.number, HIDDEN)
        .await
        .expect_err("locked");
    assert_api_error(&err, 423, "wallet_time_locked");
    // The other wallet is not affected.
    assert!(PdeClient::new(&server.base_url)
        .login(&without_part.number, SECRET)
        .await
        .is_ok());
}

/// A way to try a candidate hidden secret from an everyday session.
#[derive(Clone, Copy, Debug)]
enum HiddenRoute {
    /// Slot, then the hidden login start: a wrong candidate fails OPAQUE on the client.
    Login,
    /// Slot, then "set up a hidden part": a taken slot answers `hidden_unavailable`.
    SetUp,
}

/// Tries `candidate` on `number`'s hidden parts by `route`; true when it is a part's secret.
async fn try_hidden_secret(
    client: &PdeClient,
    number: &str,
    candidate: &str,
    route: HiddenRoute,
) -> Result<bool, ClientError> {
    let slot = client.hidden_slot(number, candidate).await?;
    match route {
        HiddenRoute::Login => {
            let (state, request) =
                pde_crypto::opaque::client_login_start(candidate.as_bytes()).expect("start");
            let started = client
                .hidden_login_start_raw(number, &slot, request)
                .await?;
            Ok(pde_crypto::opaque::client_login_finish(
                state,
                candidate.as_bytes(),
                &started.credential_response.0,
                started.ksf,
            )
            .is_ok())
        }
        HiddenRoute::SetUp => {
            let (_, request) =
                pde_crypto::opaque::client_registration_start(candidate.as_bytes()).expect("start");
            match client.hidden_register_start_raw(&slot, request).await {
                Ok(_) => Ok(false),
                Err(err) if err.code() == Some(ErrorCode::HiddenUnavailable) => Ok(true),
                Err(err) => Err(err),
            }
        }
    }
}

/// A wallet with a hidden part opened by `hidden`, its hidden counter cleared by the holder's
/// own hidden login; and a client in its everyday part, as whoever forced the everyday secret.
async fn wallet_with_hidden_part(
    server: &TestServer,
    hidden: &str,
) -> (PdeClient, pde_tests::OpenWallet) {
    let (holder, wallet) = new_wallet(server).await;
    holder
        .create_hidden_part(&wallet.number, hidden)
        .await
        .expect("hidden part set up");
    PdeClient::new(&server.base_url)
        .login_hidden(&wallet.number, hidden)
        .await
        .expect("the holder opens the hidden part");
    let forced = PdeClient::new(&server.base_url);
    forced
        .login(&wallet.number, SECRET)
        .await
        .expect("everyday login");
    (forced, wallet)
}

/// Someone who forced the everyday secret guesses the hidden one. Each guess costs one counted
/// hidden attempt whether it goes through the hidden login, through "set up a hidden part" (whose
/// "taken" answer tells the secret is right) or both mixed: with the real secret second, the
/// counters afterwards are those of two hidden logins, and under the test clock the guesses
/// answered in an hour are as many as hidden logins get.
async fn hidden_guesses_cost_one_attempt_whatever_the_route(backend: Backend) {
    use HiddenRoute::{Login, SetUp};
    const HIDDEN: &str = "2468 sous le pont";
    // Long sessions: the hour under the test clock must not end the everyday session.
    let server = TestServer::start_with(
        backend,
        &[
            "--session-idle-seconds",
            "86400",
            "--session-absolute-seconds",
            "86400",
        ],
    )
    .await;

    // The reference: two hidden logins with wrong secrets.
    let (reference, wallet) = wallet_with_hidden_part(&server, HIDDEN).await;
    let before = server.login_counters().await;
    for wrong in ["1111 wrong", "2222 wrong"] {
        assert!(matches!(
            reference.login_hidden(&wallet.number, wrong).await,
            Err(ClientError::Crypto(_))
        ));
    }
    let after = server.login_counters().await;
    let two_logins = (after.changed_since(&before), after.global - before.global);
    assert_eq!(two_logins, (vec![2], 2));

    let plans: [[HiddenRoute; 2]; 4] = [
        [SetUp, SetUp],
        [Login, Login],
        [SetUp, Login],
        [Login, SetUp],
    ];
    for plan in plans {
        let (forced, wallet) = wallet_with_hidden_part(&server, HIDDEN).await;
        let before = server.login_counters().await;
        let mut found = None;
        for (position, (candidate, route)) in ["1357 guess", HIDDEN].iter().zip(plan).enumerate() {
            if try_hidden_secret(&forced, &wallet.number, candidate, route)
                .await
                .expect("answered")
            {
                found = Some(position);
                break;
            }
        }
        assert_eq!(found, Some(1), "{plan:?}: the real secret is told");
        let after = server.login_counters().await;
        assert_eq!(
            (after.changed_since(&before), after.global - before.global),
            two_logins,
            "{plan:?}: the counters of two hidden logins"
        );
    }

    // A slot asked for and never used still counts; its attempt id serves once, for its own
    // name only.
    let (forced, wallet) = wallet_with_hidden_part(&server, HIDDEN).await;
    let (_, other_wallet) = new_wallet(&server).await;
    let before = server.login_counters().await;
    let slot = forced
        .hidden_slot(&wallet.number, "9876 guess")
        .await
        .expect("slot");
    let after = server.login_counters().await;
    assert_eq!(
        (after.changed_since(&before), after.global - before.global),
        (vec![1], 1)
    );
    let (_, request) = pde_crypto::opaque::client_login_start(b"9876 guess").expect("start");
    let err = forced
        .hidden_login_start_raw(&other_wallet.number, &slot, request.clone())
        .await
        .expect_err("another name");
    assert_api_error(&err, 400, "registration_expired");
    let err = forced
        .hidden_login_start_raw(&wallet.number, &slot, request.clone())
        .await
        .expect_err("already used");
    assert_api_error(&err, 400, "registration_expired");
    let (_, registration) =
        pde_crypto::opaque::client_registration_start(b"9876 guess").expect("start");
    let err = forced
        .hidden_register_start_raw(&slot, registration)
        .await
        .expect_err("already used");
    assert_api_error(&err, 400, "registration_expired");
    // An attempt counted for another wallet's name can't be used to set up a part here.
    let foreign = forced
        .hidden_slot(&other_wallet.number, "9876 guess")
        .await
        .expect("slot");
    let (_, registration) =
        pde_crypto::opaque::client_registration_start(b"9876 guess").expect("start");
    let err = forced
        .hidden_register_start_raw(&foreign, registration)
        .await
        .expect_err("not this wallet's");
    assert_api_error(&err, 400, "registration_expired");

    // Guesses answered in one hour of the test clock, waiting out every back-off: the same by
    // each route as by hidden logins.
    let mut per_hour = Vec::new();
    for plan in [[Login, Login], [SetUp, SetUp], [SetUp, Login]] {
        let (forced, wallet) = wallet_with_hidden_part(&server, HIDDEN).await;
        let (mut answered, mut waited, mut guess) = (0, 0, 0);
        // (Bounded, so that a route that is never refused fails the test instead of looping.)
        while waited < 3600 && answered < 100 {
            let candidate = format!("{guess:04} never");
            match try_hidden_secret(&forced, &wallet.number, &candidate, plan[guess % 2]).await {
                Ok(found) => {
                    assert!(!found);
                    answered += 1;
                    guess += 1;
                }
                Err(ClientError::Api {
                    status: 429,
                    retry_after: Some(wait),
                    ..
                }) => {
                    server.advance_clock(wait as i64).await;
                    waited += wait;
                }
                Err(other) => panic!("{plan:?}: unexpected {other}"),
            }
        }
        per_hour.push(answered);
    }
    let by_login = per_hour[0];
    assert!(
        (4..30).contains(&by_login),
        "hidden logins answered in an hour: {by_login}"
    );
    assert_eq!(per_hour, vec![by_login; 3], "login, set-up, mixed");
}

/// The slot's Argon2 parameters are the wallet's, fixed when it was made: a new everyday secret
/// chosen under other default parameters (here, a recovery on a server that no longer takes
/// cheap test parameters) leaves every hidden part where it is.
async fn hidden_parts_keep_their_parameters_through_a_new_everyday_secret(backend: Backend) {
    const HIDDEN: &str = "the box under the stairs";
    let mut server = TestServer::start(backend).await;
    let (holder, wallet) = new_wallet(&server).await;
    holder
        .create_hidden_part(&wallet.number, HIDDEN)
        .await
        .expect("hidden part set up");
    let inside = PdeClient::new(&server.base_url);
    let part = inside
        .login_hidden(&wallet.number, HIDDEN)
        .await
        .expect("opens");
    inside
        .upload(
            &part,
            "asile.pdf",
            "application/pdf",
            Category::Residence,
            b"%PDF hidden",
        )
        .await
        .expect("hidden upload");

    server.allow_test_wallets = false;
    server.restart();
    let client = PdeClient::new(&server.base_url);
    client
        .recover(&wallet.number, &sheet(&wallet), NEW_SECRET)
        .await
        .expect("recovered");
    let (_, request) = pde_crypto::opaque::client_login_start(b"x").expect("start");
    let everyday = client
        .login_start_raw(&wallet.number, request)
        .await
        .expect("start");
    assert_eq!(
        everyday.ksf,
        pde_crypto::opaque::KsfParams::DEFAULT,
        "the new everyday secret has today's parameters"
    );

    let inside = PdeClient::new(&server.base_url);
    let part = inside
        .login_hidden(&wallet.number, HIDDEN)
        .await
        .expect("the hidden part still opens");
    let listed = inside.list(&part).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].metadata.name, "asile.pdf");
}

/// What people type as a login name is not kept in a form a guess could be checked against:
/// counters are keyed by an HMAC under a secret kept with the server setup (not a plain hash a
/// database reader reverses in 10^4 tries for a PIN typed into the name field), and texts that are
/// neither a wallet number nor a pseudonym share one counter.
async fn typed_login_names_are_not_kept(backend: Backend) {
    use sha2::Digest;
    let server = TestServer::start(backend).await;
    let client = PdeClient::new(&server.base_url);
    let before = server.login_counters().await;
    let typed = ["4821", "7735", "not a name!"];
    for text in typed {
        assert!(matches!(
            client.login(text, "1234 wrong").await,
            Err(ClientError::Crypto(_))
        ));
    }
    let after = server.login_counters().await;
    assert_eq!(
        after.changed_since(&before),
        vec![3],
        "one shared counter for texts that name no wallet"
    );
    // Its free attempts are spent for any such text.
    let err = client
        .login("9090", "1234 wrong")
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(429));
    let number = pde_api::wallet_number::WalletNumber::generate();
    assert!(client.login(number.as_str(), "1234 wrong").await.is_err());
    let counters = server.login_counters().await;
    assert_eq!(counters.per_name.len(), 2, "the number has its own counter");
    let mut plain_hashes = Vec::new();
    for name in typed
        .iter()
        .map(|t| format!("invalid:{}", t.to_uppercase()))
        .chain([format!("number:{number}")])
    {
        for scheme in ["pde/login-throttle/v1/", "login", ""] {
            plain_hashes.push(sha2::Sha256::digest(format!("{scheme}{name}")).to_vec());
        }
    }
    for key in counters.per_name.keys() {
        assert!(
            !plain_hashes.contains(key),
            "a counter keyed by a plain hash"
        );
    }
}

/// A login start is counted only once its message is known to be well formed, and the global
/// budget is checked and counted in one step: malformed starts use up nothing, and concurrent
/// starts never get past the budget.
async fn malformed_starts_cost_nothing_and_the_budget_is_exact(backend: Backend) {
    let server = TestServer::start_with(backend, &["--global-login-failures-per-hour", "5"]).await;
    let (_, wallet) = new_wallet(&server).await;
    let client = PdeClient::new(&server.base_url);
    let before = server.login_counters().await;
    let malformed = [
        (
            "/sessions/start",
            serde_json::json!({ "login": wallet.number, "credential_request": "AAAA" }),
            "invalid_login_message",
        ),
        (
            "/wallets/recover/start",
            serde_json::json!({ "login": wallet.number, "recovery_token": "AAAA",
                                "registration_request": "AAAA" }),
            "invalid_registration_message",
        ),
        (
            "/hidden/slot",
            serde_json::json!({ "login": wallet.number, "blinded": "AAAA" }),
            "invalid_login_message",
        ),
    ];
    for _ in 0..10 {
        for (path, body, code) in &malformed {
            let response = client
                .http()
                .post(client.url(path))
                .json(body)
                .send()
                .await
                .expect("request");
            assert_eq!(response.status(), 400, "{path}");
            let body: serde_json::Value = response.json().await.expect("json");
            assert_eq!(body["error"]["code"], *code, "{path}");
        }
    }
    assert_eq!(server.login_counters().await, before, "nothing counted");
    client
        .login(&wallet.number, SECRET)
        .await
        .expect("the budget is whole");

    // 24 concurrent starts on unknown numbers against a budget of 5.
    let starts = (0..24).map(|_| {
        let client = client.clone();
        async move {
            let number = pde_api::wallet_number::WalletNumber::generate();
            let (_, request) = pde_crypto::opaque::client_login_start(b"2580").expect("start");
            client.login_start_raw(number.as_str(), request).await
        }
    });
    let results = futures_util::future::join_all(starts).await;
    let passed = results.iter().filter(|r| r.is_ok()).count();
    let refused = results
        .iter()
        .filter(|r| r.as_ref().err().and_then(ClientError::status) == Some(429))
        .count();
    assert_eq!((passed, refused), (5, 19));
}

/// The app opens a hidden part with an everyday login that fails first (it can't know which part
/// a secret opens). Opened that way again and again, the hidden part never builds up a back-off
/// on the everyday secret: the verified hidden login gives back the everyday attempt it followed,
/// and its unit of the global budget.
async fn opening_the_hidden_part_gives_back_the_everyday_attempt(backend: Backend) {
    const HIDDEN: &str = "le carton sous l'escalier";
    let server = TestServer::start(backend).await;
    let (holder, wallet) = new_wallet(&server).await;
    holder
        .create_hidden_part(&wallet.number, HIDDEN)
        .await
        .expect("hidden part set up");
    let before = server.login_counters().await;
    for opening in 0..6 {
        let client = PdeClient::new(&server.base_url);
        let part = client
            .login_as_the_app(&wallet.number, HIDDEN)
            .await
            .unwrap_or_else(|e| panic!("opening {opening}: {e}"));
        assert_eq!(client.list(&part).await.expect("list").len(), 0);
    }
    let after = server.login_counters().await;
    assert_eq!(after.global, before.global, "the global budget is whole");
    assert!(
        after
            .changed_since(&before)
            .iter()
            .all(|failures| *failures == 0),
        "no failure stays on any counter: {after:?}"
    );
    // The everyday secret opens at once, and still has its three free attempts.
    let client = PdeClient::new(&server.base_url);
    client
        .login_as_the_app(&wallet.number, SECRET)
        .await
        .expect("everyday part");
    for _ in 0..3 {
        assert!(matches!(
            client.login(&wallet.number, "nope nope nope").await,
            Err(ClientError::Crypto(_))
        ));
    }
    // An everyday login of another name is not given back.
    let (_, other) = new_wallet(&server).await;
    let (_, request) = pde_crypto::opaque::client_login_start(b"x").expect("start");
    let foreign = client
        .login_start_raw(&other.number, request)
        .await
        .expect("start");
    let slot = client
        .hidden_slot(&wallet.number, HIDDEN)
        .await
        .expect("slot");
    let (state, request) =
        pde_crypto::opaque::client_login_start(HIDDEN.as_bytes()).expect("start");
    let response = client
        .http()
        .post(client.url("/hidden/sessions/start"))
        .json(&pde_api::HiddenLoginStartRequest {
            login: wallet.number.clone(),
            attempt_id: slot.attempt_id,
            everyday_login_id: Some(foreign.login_id),
            slot: slot.slot.0.to_vec().into(),
            credential_request: request.into(),
        })
        .send()
        .await
        .expect("start");
    let started: pde_api::LoginStartResponse = response.json().await.expect("json");
    let before = server.login_counters().await;
    let (finalization, _) = pde_crypto::opaque::client_login_finish(
        state,
        HIDDEN.as_bytes(),
        &started.credential_response.0,
        started.ksf,
    )
    .expect("hidden secret");
    client
        .login_finish_raw(&started.login_id, finalization)
        .await
        .expect("opened");
    let after = server.login_counters().await;
    assert_eq!(
        after.global,
        before.global - 1,
        "only the hidden attempt itself is given back"
    );
}

/// Requests racing within one upload get one consistent outcome and a clear answer, never a 500:
/// a part sent again while the commit runs (the part is refused as gone, or taken before), and a
/// commit racing an abort (exactly one of them wins, and the document exists exactly when the
/// commit won).
async fn upload_races_have_one_outcome(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let status_of = |result: Result<u16, ClientError>| match result {
        Ok(status) => status,
        Err(err) => err.status().unwrap_or(0),
    };
    for round in 0..16 {
        let id = DocumentId::random();
        let ciphertext = pde_crypto::document::seal_document_bytes(
            &wallet.key.recipient(),
            &random_bytes(3 * 1024 * 1024 + 5),
        )
        .expect("sealed");
        let status = client
            .start_upload(id, ciphertext.len() as u64)
            .await
            .expect("announced");
        for part in 0..status.part_count {
            client
                .send_part(&status, part, &ciphertext)
                .await
                .expect("part");
        }
        let commit = client.commit(
            &wallet,
            &status,
            "attestation.pdf",
            "application/pdf",
            Category::Other,
            &ciphertext,
        );
        let committed = if round % 2 == 0 {
            let (commit, again) = tokio::join!(commit, client.send_part(&status, 0, &ciphertext));
            let again = status_of(again.map(|()| 204));
            assert!(
                [204, 404].contains(&again),
                "round {round}: part again {again}"
            );
            let commit = status_of(commit.map(|_| 201));
            assert_eq!(commit, 201, "round {round}: commit");
            true
        } else {
            let (commit, abort) = tokio::join!(commit, client.abort_upload(&status.upload_id));
            let outcome = (
                status_of(commit.map(|_| 201)),
                status_of(abort.map(|()| 204)),
            );
            assert!(
                [(201, 404), (404, 204)].contains(&outcome),
                "round {round}: commit and abort answered {outcome:?}"
            );
            outcome.0 == 201
        };
        let listed = client
            .list_raw()
            .await
            .expect("list")
            .documents
            .iter()
            .any(|d| d.id == id);
        assert_eq!(listed, committed, "round {round}");
    }
    // Every acknowledged document reads back whole.
    assert!(client.list(&wallet).await.is_ok());
}

/// The same document of a grant sent by several requests at once: one is accepted, the others are
/// refused, and the worker receives the bytes of the accepted one (each request writes a blob of
/// its own, switched in only when accepted).
async fn one_grant_document_sent_many_times_at_once_keeps_the_accepted_bytes(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    for round in 0..3 {
        let content = random_bytes(300 * 1024);
        let declared = client
            .declare_share(
                &wallet,
                &[("attestation.pdf", "application/pdf", &content)],
                None,
                3600,
                None,
            )
            .await
            .expect("declared");
        // Eight different bodies of the declared size (the first is the real ciphertext).
        let bodies: Vec<Vec<u8>> = (0..8u8)
            .map(|i| {
                let mut body = declared.sealed[0].clone();
                if let Some(last) = body.last_mut() {
                    *last ^= i;
                }
                body
            })
            .collect();
        let sends = bodies
            .iter()
            .map(|body| client.put_grant_document(&declared.link.grant_id, 0, body.clone()));
        let answers: Vec<u16> = futures_util::future::join_all(sends)
            .await
            .into_iter()
            .map(|r| match r {
                Ok(()) => 204,
                Err(err) => err.status().unwrap_or(0),
            })
            .collect();
        assert_eq!(
            answers.iter().filter(|s| **s == 204).count(),
            1,
            "round {round}: {answers:?}"
        );
        assert!(
            answers.iter().all(|s| [204, 409].contains(s)),
            "{answers:?}"
        );
        let accepted = answers.iter().position(|s| *s == 204).expect("one");
        // The worker's download is the accepted request's body, byte for byte.
        let worker = PdeClient::new(&server.base_url);
        let secret = pde_crypto::grant::GrantSecret::from_fragment(&declared.link.fragment)
            .expect("fragment");
        let opened: pde_api::GrantOpened = worker
            .http()
            .post(worker.url(&format!("/shared/{}/open", declared.link.grant_id)))
            .json(&pde_api::GrantTokens {
                access_token: secret.access_token().to_text(),
                pin_token: None,
            })
            .send()
            .await
            .expect("open")
            .json()
            .await
            .expect("json");
        let received = worker
            .fetch_shared(&declared.link, &opened.opening_token, 0)
            .await
            .expect("download");
        assert!(received == bodies[accepted], "round {round}: other bytes");
    }
}

/// Announced bytes that never come are given back: an upload with no new part for
/// `--upload-idle-seconds` loses its reservation (and a deposit link gets its place back), while
/// one that keeps sending stays; a deposit link may have only a few documents on their way at
/// once; a hidden part has its own small fixed allowance.
async fn announced_bytes_that_never_come_are_given_back(backend: Backend) {
    const MIB: u64 = 1024 * 1024;
    let server = TestServer::start_with(
        backend,
        &[
            "--wallet-quota-bytes",
            "10485760",
            "--hidden-quota-bytes",
            "3145728",
            "--upload-idle-seconds",
            "600",
            "--sweep-interval-seconds",
            "1",
        ],
    )
    .await;
    let (client, wallet) = new_wallet(&server).await;
    let announce = |len: u64| client.start_upload(DocumentId::random(), len);
    let kept = announce(4 * MIB).await.expect("first");
    let silent = announce(4 * MIB).await.expect("second");
    let err = announce(4 * MIB).await.expect_err("quota reached");
    assert_api_error(&err, 413, "quota_exceeded");
    // A deposit link whose files are announced and never sent: it may have only
    // MAX_DEPOSIT_SENDING on their way at once, so it holds back only that much of the room.
    let link = client
        .create_deposit(&wallet, "avocat", 24 * 3600, 5)
        .await
        .expect("link");
    let secret = pde_crypto::deposit::DepositSecret::from_fragment(&link.fragment).expect("secret");
    let worker = PdeClient::new(&server.base_url);
    let announce_through_link = || async {
        worker
            .http()
            .post(worker.url(&format!("/drop/{}/uploads", link.deposit_id)))
            .json(&pde_api::DepositUploadRequest {
                access_token: secret.access_token().to_text(),
                document_id: DocumentId::random(),
                ciphertext_len: 1000,
            })
            .send()
            .await
            .expect("announce")
    };
    assert_eq!(pde_api::MAX_DEPOSIT_SENDING, 2);
    for _ in 0..2 {
        assert_eq!(announce_through_link().await.status(), 201);
    }
    let busy = announce_through_link().await;
    assert_eq!(busy.status(), 409);
    let body: serde_json::Value = busy.json().await.expect("json");
    assert_eq!(body["error"]["code"], "deposit_busy");
    assert_eq!(
        worker
            .deposit_status(&link)
            .await
            .expect("status")
            .files_left,
        3,
        "a refused announcement takes no place"
    );

    // Five minutes on, one upload sends a part; ten minutes after the announcements the silent
    // ones are given back, the one that keeps sending stays.
    server.advance_clock(300).await;
    client
        .send_part(&kept, 0, &random_bytes(4 * MIB as usize))
        .await
        .expect("part");
    server.advance_clock(301).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_api_error(
        &client
            .upload_status(&silent.upload_id)
            .await
            .expect_err("given back"),
        404,
        "not_found",
    );
    assert!(client.upload_status(&kept.upload_id).await.is_ok());
    announce(4 * MIB)
        .await
        .expect("the silent upload's bytes are free again");
    assert_eq!(
        worker
            .deposit_status(&link)
            .await
            .expect("status")
            .files_left,
        5,
        "the link has its places back"
    );
    // Committed documents are no longer on their way: one after the other, each goes through.
    for name in ["one.pdf", "two.pdf", "three.pdf"] {
        worker
            .deposit(&link, name, "application/pdf", b"%PDF-1.4")
            .await
            .expect("sent, one at a time");
    }

    // A hidden part has its own small allowance (the same for every part).
    client
        .create_hidden_part(&wallet.number, "le carton sous l'escalier")
        .await
        .expect("hidden part");
    let inside = PdeClient::new(&server.base_url);
    inside
        .login_hidden(&wallet.number, "le carton sous l'escalier")
        .await
        .expect("opens");
    assert_eq!(inside.list_raw().await.expect("list").quota_bytes, 3 * MIB);
    assert_eq!(client.list_raw().await.expect("list").quota_bytes, 10 * MIB);
    let err = inside
        .start_upload(DocumentId::random(), 4 * MIB)
        .await
        .expect_err("over the hidden allowance");
    assert_api_error(&err, 413, "quota_exceeded");
}

/// A server that serves one copy of a grant at another copy's place (here: the holder's own
/// copy of the second document, stored at the first place) is caught by the worker's page:
/// each copy's record carries its digest, and nothing of the wrong copy is shown.
async fn a_copy_served_at_another_place_of_its_grant_is_refused(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let (decision, medical) = (random_bytes(4096), random_bytes(4096));
    let declared = client
        .declare_share(
            &wallet,
            &[
                ("decision.pdf", "application/pdf", &decision),
                ("medical.pdf", "application/pdf", &medical),
            ],
            None,
            3600,
            None,
        )
        .await
        .expect("declared");
    // A copy of the second document, sealed to the grant key like the real ones, with the
    // length the first place was declared with (so the server takes it there).
    let wanted_len = declared.sealed[0].len();
    let swapped = (0..20_000)
        .map(|_| {
            pde_crypto::document::seal_document_bytes(&declared.grant_recipient, &medical)
                .expect("sealed")
        })
        .find(|copy| copy.len() == wanted_len)
        .expect("a copy of the same length");
    let grant_id = &declared.link.grant_id;
    client
        .put_grant_document(grant_id, 0, swapped)
        .await
        .expect("the server stores it");
    client
        .put_grant_document(grant_id, 1, declared.sealed[1].clone())
        .await
        .expect("stored");

    let worker = PdeClient::new(&server.base_url);
    match worker.open_shared(&declared.link, None).await {
        Err(pde_tests::ClientError::Crypto(pde_crypto::CryptoError::Tampered)) => {}
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(documents) => panic!(
            "shown: {:?}",
            documents.iter().map(|d| &d.0).collect::<Vec<_>>()
        ),
    }
}

/// The server can't put words in the holder's mouth: a record sealed to the wallet's public key
/// by anyone without the wallet key (written here through the API, as the server could write it
/// into its own database) never opens as a name, nor does another document's record; grant and
/// deposit labels likewise.
async fn records_written_without_the_wallet_key_are_refused(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    let card = client
        .upload(
            &wallet,
            "carte.jpg",
            "image/jpeg",
            Category::Identity,
            b"id card",
        )
        .await
        .expect("upload");
    let letter = client
        .upload(
            &wallet,
            "lettre.pdf",
            "application/pdf",
            Category::Other,
            b"%PDF-1.4",
        )
        .await
        .expect("upload");
    let listed = client.list(&wallet).await.expect("list");
    assert!(listed
        .iter()
        .all(|d| d.origin == pde_crypto::metadata::Origin::Own));
    let mut forged = listed
        .iter()
        .find(|d| d.id == card)
        .expect("listed")
        .metadata
        .clone();
    forged.name = "forged by the server".into();
    let forged = pde_crypto::metadata::seal_metadata(&wallet.key.recipient(), &card, &forged)
        .expect("sealed");
    client
        .put_metadata_raw(&card, forged)
        .await
        .expect("the server stores it");
    match client.list(&wallet).await {
        Err(pde_tests::ClientError::Crypto(pde_crypto::CryptoError::Tampered)) => {}
        other => panic!("a forged record opened: {:?}", other.map(|l| l.len())),
    }
    // The letter's genuine record moved onto the card: refused too.
    let raw = client.list_raw().await.expect("raw");
    let letter_record = raw
        .documents
        .iter()
        .find(|d| d.id == letter)
        .expect("letter")
        .metadata
        .0
        .clone();
    client
        .put_metadata_raw(&card, letter_record)
        .await
        .expect("stored");
    assert!(client.list(&wallet).await.is_err());

    // Labels: the holder's own open, a forged one doesn't.
    client
        .create_deposit(&wallet, "CPAS", 3600, 1)
        .await
        .expect("deposit");
    let deposits = client.deposits().await.expect("deposits");
    let label = &deposits.deposits[0].label.0;
    let key = &wallet.key;
    let kind = pde_crypto::record::RecordKind::DepositLabel;
    assert!(pde_crypto::record::verify(key, kind, b"", label).is_ok());
    let forged_label =
        pde_crypto::document::seal_document_bytes(&key.recipient(), b"forged").expect("sealed");
    assert!(pde_crypto::record::verify(key, kind, b"", &forged_label).is_err());
}

/// New wallets are limited per hour over the whole server, so a flood can't fill the global
/// storage cap at once: wallets made at the same moment are counted exactly, past the limit
/// creation answers 429 with a clear message and when to come back, and it opens again as the
/// hour passes.
async fn new_wallets_are_limited_per_hour_over_the_server(backend: Backend) {
    let server = TestServer::start_with(backend, &["--wallet-creations-per-hour", "3"]).await;
    let create = || async {
        PdeClient::new(&server.base_url)
            .create_wallet(CreateWallet {
                secret: SECRET,
                test_wallet: true,
                ..Default::default()
            })
            .await
    };
    let made = futures_util::future::join_all((0..5).map(|_| create())).await;
    assert_eq!(made.iter().filter(|r| r.is_ok()).count(), 3);
    for refused in made.into_iter().filter_map(Result::err) {
        match refused {
            pde_tests::ClientError::Api {
                status,
                code,
                message,
                retry_after,
                ..
            } => {
                assert_eq!((status, code.as_str()), (429, "creation_busy"));
                assert!(message.contains("Try again in"), "{message}");
                let wait = retry_after.expect("Retry-After");
                assert!((1..=3660).contains(&wait), "{wait}");
            }
            other => panic!("{other}"),
        }
    }
    // Refused at once at the start now, before any work.
    assert!(create().await.is_err());
    server.advance_clock(30 * 60).await;
    assert!(create().await.is_err(), "still within the hour");
    server.advance_clock(31 * 60 + 60).await;
    assert!(create().await.is_ok(), "the hour has passed");
}

/// A deposit link gives the worker a key of its own, never the key of the part it fills: a
/// coercer holding a hidden part's link can't match it to that part (nor two links to one
/// holder), and what comes through it still reaches the hidden part only.
async fn a_deposit_link_shows_a_key_of_its_own(backend: Backend) {
    const HIDDEN: &str = "the box under the stairs";
    let server = TestServer::start(backend).await;
    let (forced, everyday) = wallet_with_hidden_part(&server, HIDDEN).await;
    let holder = PdeClient::new(&server.base_url);
    let hidden = holder
        .login_hidden(&everyday.number, HIDDEN)
        .await
        .expect("hidden login");
    let mut links = Vec::new();
    for label in ["CPAS", "Médecins du Monde"] {
        links.push(
            forced
                .create_deposit(&everyday, label, 3600, 2)
                .await
                .expect("everyday link"),
        );
    }
    links.push(
        holder
            .create_deposit(&hidden, "Avocat", 3600, 2)
            .await
            .expect("hidden link"),
    );
    let hidden_link = &links[2];

    let worker = PdeClient::new(&server.base_url);
    let parts = [
        everyday.key.recipient().to_string(),
        hidden.key.recipient().to_string(),
    ];
    let mut seen = std::collections::HashSet::new();
    for link in &links {
        let status = worker.deposit_status(link).await.expect("status");
        assert!(!parts.contains(&status.recipient), "a part's own key");
        assert!(seen.insert(status.recipient), "two links, one key");
    }

    let letter = b"%PDF-1.4 lettre de l'avocat".to_vec();
    worker
        .deposit(hidden_link, "lettre.pdf", "application/pdf", &letter)
        .await
        .expect("deposit");
    let listed = holder.list(&hidden).await.expect("hidden list");
    let received = listed
        .iter()
        .find(|d| d.metadata.name == "lettre.pdf")
        .expect("received in the hidden part");
    assert_eq!(
        holder
            .download_received(&hidden, &received.id)
            .await
            .expect("open"),
        letter
    );
    assert!(forced
        .list(&everyday)
        .await
        .expect("everyday list")
        .iter()
        .all(|d| d.metadata.name != "lettre.pdf"));
    // The wallet key alone no longer opens it: only the link's key does.
    let ciphertext = holder.download_raw(&received.id).await.expect("raw");
    assert!(
        pde_crypto::document::open_document(&hidden.key, &ciphertext[..], &mut Vec::new()).is_err()
    );
}
