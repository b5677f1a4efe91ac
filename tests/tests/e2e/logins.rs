//! Logins and sessions: who may ask for what, back-off on wrong secrets, the global budget and
//! its proof of work, session expiry, login names never kept.

use super::*;

on_both_backends!(
    other_wallets_and_anonymous_requests_are_refused,
    wrong_secret_backs_off_then_clears,
    unknown_wallet_answers_like_a_wrong_secret,
    sessions_expire_on_the_server,
    ending_the_other_sessions_keeps_this_one_and_covers_every_part,
    past_the_global_budget_every_login_costs_a_proof_of_work,
    typed_login_names_are_not_kept,
    malformed_starts_cost_nothing_and_the_budget_is_exact,
);

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

/// "End my other sessions" (a computer left open elsewhere) ends every other session of the
/// wallet and of its hidden parts, and keeps the one that asked; asked from a hidden part, it
/// does the same.
async fn ending_the_other_sessions_keeps_this_one_and_covers_every_part(backend: Backend) {
    const HIDDEN: &str = "the box under the stairs";
    let server = TestServer::start(backend).await;
    let (here, wallet) = new_wallet(&server).await;
    here.create_hidden_part(&wallet.number, HIDDEN)
        .await
        .expect("hidden part");
    let elsewhere = PdeClient::new(&server.base_url);
    elsewhere
        .login(&wallet.number, SECRET)
        .await
        .expect("another device");
    let in_the_part = PdeClient::new(&server.base_url);
    in_the_part
        .login_hidden(&wallet.number, HIDDEN)
        .await
        .expect("the hidden part, elsewhere");
    // Another wallet's session is nobody's business here.
    let (stranger, _) = new_wallet(&server).await;

    here.end_other_sessions().await.expect("ended");
    assert!(here.list_raw().await.is_ok(), "this session stays open");
    for ended in [&elsewhere, &in_the_part] {
        assert_eq!(
            refusal(&ended.list_raw().await.expect_err("ended")),
            (401, ErrorCode::NotSignedIn)
        );
    }
    assert!(
        stranger.list_raw().await.is_ok(),
        "another wallet's session"
    );

    // From the hidden part: the everyday sessions end as well, the part's own stays.
    in_the_part
        .login_hidden(&wallet.number, HIDDEN)
        .await
        .expect("the hidden part again");
    in_the_part.end_other_sessions().await.expect("ended");
    assert!(in_the_part.list_raw().await.is_ok());
    assert_eq!(
        refusal(&here.list_raw().await.expect_err("ended")),
        (401, ErrorCode::NotSignedIn)
    );
    // Without a session there is nothing to end.
    assert_eq!(
        refusal(&elsewhere.end_other_sessions().await.expect_err("refused")),
        (401, ErrorCode::NotSignedIn)
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
                (status, code, retry_after),
                (429, ErrorCode::ProofOfWorkRequired, None)
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
    let gathered = asked_proof(client.login_start_with(&start(&unknown(), None)).await);
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
    // A challenge gathered while the price was lower does not pay today's.
    let cheaper = pde_api::LoginProof {
        nonce: proof::solve(&gathered.challenge.0).expect("solvable"),
        challenge: gathered.challenge,
    };
    let asked = asked_proof(
        client
            .login_start_with(&start(&unknown(), Some(cheaper)))
            .await,
    );
    assert_eq!(asked.bits, MIN_BITS + 1, "asked again at today's price");

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
