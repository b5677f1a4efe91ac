//! Hidden parts: separate, invisible from the everyday part, guesses counted alike.

use super::*;

on_both_backends!(
    hidden_parts_are_separate_and_invisible_from_the_everyday_part,
    hidden_guesses_cost_one_attempt_whatever_the_route,
    hidden_parts_keep_their_parameters_through_a_new_everyday_secret,
    opening_the_hidden_part_gives_back_the_everyday_attempt,
);

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
    assert!(hidden_drop.deposit_id.is_well_formed());
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
    assert_eq!(refusal(&err), (409, ErrorCode::HiddenUnavailable));

    // The time-lock, set from the everyday part, covers the hidden parts and their sessions.
    let until = unix_now() + 3600;
    holder
        .time_lock(&with_part.number, SECRET, until)
        .await
        .expect("locked");
    assert_eq!(
        refusal(&inside.list_raw().await.expect_err("ended")),
        (401, ErrorCode::NotSignedIn)
    );
    let err = PdeClient::new(&server.base_url)
        .login_hidden(&with_part.number, HIDDEN)
        .await
        .expect_err("locked");
    assert_eq!(refusal(&err), (423, ErrorCode::WalletTimeLocked));
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
    assert_eq!(refusal(&err), (400, ErrorCode::RegistrationExpired));
    let err = forced
        .hidden_login_start_raw(&wallet.number, &slot, request.clone())
        .await
        .expect_err("already used");
    assert_eq!(refusal(&err), (400, ErrorCode::RegistrationExpired));
    let (_, registration) =
        pde_crypto::opaque::client_registration_start(b"9876 guess").expect("start");
    let err = forced
        .hidden_register_start_raw(&slot, registration)
        .await
        .expect_err("already used");
    assert_eq!(refusal(&err), (400, ErrorCode::RegistrationExpired));
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
    assert_eq!(refusal(&err), (400, ErrorCode::RegistrationExpired));

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
