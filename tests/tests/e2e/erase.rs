//! "End my wallet" (GDPR art. 17): the holder ends the wallet, or one hidden part, for good.

use super::*;

on_both_backends!(
    ending_a_wallet_answers_alike_with_or_without_hidden_parts_and_leaves_nothing,
    an_ended_number_answers_as_one_that_never_existed,
    ending_a_hidden_part_ends_that_part_only,
    a_time_locked_wallet_cannot_be_ended,
);

const HIDDEN: &str = "the box under the stairs";
const OTHER_HIDDEN: &str = "behind the loose brick";

/// A JSON answer with every text replaced by its length: what an observer can compare between
/// two answers whose random parts differ.
fn shape(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::String(text) => serde_json::json!(format!("text of {}", text.len())),
        serde_json::Value::Array(items) => items.iter().map(shape).collect(),
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(key, value)| (key.clone(), shape(value)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        other => other.clone(),
    }
}

/// Status, headers that say something (cookies, type, length) and body of an answer.
async fn answer_of(response: reqwest::Response) -> (u16, Vec<String>, Vec<u8>) {
    let status = response.status().as_u16();
    let mut headers: Vec<String> = response
        .headers()
        .iter()
        .filter(|(name, _)| {
            ["set-cookie", "content-type", "content-length"].contains(&name.as_str())
        })
        .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap_or_default()))
        .collect();
    headers.sort();
    let body = response.bytes().await.expect("body").to_vec();
    (status, headers, body)
}

/// The erasure request as the vault sends it, its answer as it is.
async fn erase_raw(client: &PdeClient, number: &str, secret: &str) -> reqwest::Response {
    let proof = client
        .protocol()
        .prove(number, secret)
        .await
        .expect("the secret is proven");
    client
        .http()
        .post(client.url(pde_api::endpoints::WALLET_ERASE.path))
        .json(&pde_api::EraseRequest {
            login_id: proof.login_id,
            credential_finalization: proof.finalization.into(),
        })
        .send()
        .await
        .expect("erase request")
}

/// Two wallets, one with two hidden parts of 50 documents each, one with none: ending each answers
/// with the same status, headers and (empty) body, and deletes no blob in the request. Then
/// nothing of the larger one is left — the sweeper deletes its blobs, and no file of the server
/// (SQLite's database and write-ahead log, the blob directory; PostgreSQL's dump) holds its
/// pseudonym, number, sealed names or ciphertext.
async fn ending_a_wallet_answers_alike_with_or_without_hidden_parts_and_leaves_nothing(
    backend: Backend,
) {
    let server = TestServer::start_with(
        backend,
        &[
            "--sweep-interval-seconds",
            "1",
            // Deleted blobs go at the first sweep (their grace period has its own test).
            "--blob-deletion-grace-seconds",
            "0",
        ],
    )
    .await;
    let plain = PdeClient::new(&server.base_url);
    let plain_wallet = plain
        .create_wallet(CreateWallet {
            secret: SECRET,
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect("plain wallet");
    let full = PdeClient::new(&server.base_url);
    let pseudonym = format!("canari{}", &hex::encode(random_bytes(4))[..8]);
    let wallet = full
        .create_wallet(CreateWallet {
            secret: SECRET,
            pseudonym: Some(&pseudonym),
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect("wallet with a pseudonym");
    let document = full
        .upload(
            &wallet,
            "carte",
            "application/octet-stream",
            Category::Identity,
            &random_bytes(3000),
        )
        .await
        .expect("upload");
    let mut canaries: Vec<Vec<u8>> = vec![
        pseudonym.clone().into_bytes(),
        wallet.number.clone().into_bytes(),
        full.download_raw(&document).await.expect("ciphertext")[200..232].to_vec(),
    ];
    let listed = full.list_raw().await.expect("list");
    canaries.push(listed.documents[0].metadata.0[8..40].to_vec());
    for secret in [HIDDEN, OTHER_HIDDEN] {
        full.create_hidden_part(&wallet.number, secret)
            .await
            .expect("hidden part");
        let inside = PdeClient::new(&server.base_url);
        let part = inside
            .login_hidden(&wallet.number, secret)
            .await
            .expect("into the part");
        for n in 0..50 {
            inside
                .upload(
                    &part,
                    &format!("cache-{n}"),
                    "application/octet-stream",
                    Category::Other,
                    &random_bytes(2000),
                )
                .await
                .expect("hidden document");
        }
        server.advance_clock(120).await;
    }
    let blobs = server.data_dir().join("blobs");
    let blobs_before = files_under(&blobs).len();
    assert!(blobs_before >= 101, "{blobs_before} blobs");

    let with_parts = answer_of(erase_raw(&full, &wallet.number, SECRET).await).await;
    assert_eq!(
        files_under(&blobs).len(),
        blobs_before,
        "no blob is deleted in the request itself"
    );
    let without = answer_of(erase_raw(&plain, &plain_wallet.number, SECRET).await).await;
    assert_eq!(with_parts.0, 204);
    assert_eq!(
        with_parts, without,
        "the same answer with or without hidden parts"
    );
    assert!(with_parts.1.iter().any(|h| h.starts_with("set-cookie")));
    assert_eq!(
        refusal(&full.list_raw().await.expect_err("the session ended")),
        (401, ErrorCode::NotSignedIn)
    );
    for (number, secret) in [
        (wallet.number.as_str(), SECRET),
        (pseudonym.as_str(), SECRET),
        (wallet.number.as_str(), HIDDEN),
        (wallet.number.as_str(), OTHER_HIDDEN),
    ] {
        server.advance_clock(120).await;
        assert!(
            PdeClient::new(&server.base_url)
                .login_as_the_app(number, secret)
                .await
                .is_err(),
            "nothing opens any more"
        );
    }

    // The sweeper deletes the blobs left without rows (once they are older than its grace).
    server.advance_clock(2 * 3600).await;
    let started = std::time::Instant::now();
    while !files_under(&blobs).is_empty() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "blobs of the ended wallets are still there"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let mut places: Vec<(String, Vec<u8>)> = files_under(&server.data_dir())
        .into_iter()
        .filter_map(|path| {
            std::fs::read(&path)
                .ok()
                .map(|bytes| (path.display().to_string(), bytes))
        })
        .collect();
    if backend == Backend::Postgres {
        places.push(("pg_dump".into(), server.postgres_dump()));
        // The cluster's own files, as a disk image would show them: the database's tables and
        // indexes, the catalogues, the write-ahead log.
        let raw = server
            .postgres_raw_files()
            .await
            .expect("PDE_PG_DATA: the test command's PostgreSQL cluster");
        assert!(
            raw.iter().any(|p| p.to_string_lossy().contains("pg_wal")),
            "the write-ahead log is scanned"
        );
        places.extend(raw.into_iter().filter_map(|path| {
            std::fs::read(&path)
                .ok()
                .map(|bytes| (path.display().to_string(), bytes))
        }));
    } else {
        assert!(
            places.iter().any(|(name, _)| name.ends_with("pde.sqlite")),
            "the database file is scanned"
        );
    }
    for (place, bytes) in &places {
        for canary in &canaries {
            assert!(
                find_canary(bytes, canary).is_none(),
                "something of the ended wallet is left in {place}"
            );
        }
    }
}

/// After the end, the number, its pseudonym and a hidden part's slot answer like a number that
/// never existed: the same replayed login and slot messages get answers of the same shape.
async fn an_ended_number_answers_as_one_that_never_existed(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    client
        .create_hidden_part(&wallet.number, HIDDEN)
        .await
        .expect("hidden part");
    let (_, credential_request) =
        pde_crypto::opaque::client_login_start(SECRET.as_bytes()).expect("login message");
    let (_, blinded) = pde_crypto::hidden::client_slot_start(HIDDEN.as_bytes()).expect("slot");
    client
        .erase_wallet(&wallet.number, SECRET)
        .await
        .expect("ended");
    let never = loop {
        let candidate = pde_api::wallet_number::WalletNumber::generate().to_string();
        if candidate != wallet.number {
            break candidate;
        }
    };
    let replay = |login: String| {
        let http = PdeClient::new(&server.base_url);
        let credential_request = credential_request.clone();
        let blinded = blinded.clone();
        async move {
            let login_start = http
                .http()
                .post(http.url(pde_api::endpoints::LOGIN_START.path))
                .json(&pde_api::LoginStartRequest {
                    login: login.clone(),
                    credential_request: credential_request.into(),
                    proof: None,
                })
                .send()
                .await
                .expect("login start");
            let slot = http
                .http()
                .post(http.url(pde_api::endpoints::HIDDEN_SLOT.path))
                .json(&pde_api::HiddenSlotRequest {
                    login,
                    blinded: blinded.into(),
                    proof: None,
                })
                .send()
                .await
                .expect("slot");
            let mut shapes = Vec::new();
            for response in [login_start, slot] {
                let (status, headers, body) = answer_of(response).await;
                let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
                shapes.push((status, headers.len(), shape(&json)));
            }
            shapes
        }
    };
    let ended = replay(wallet.number.clone()).await;
    server.advance_clock(120).await;
    let never_existed = replay(never).await;
    assert_eq!(ended[0].0, 200, "{ended:?}");
    assert_eq!(ended, never_existed);
}

/// From inside a hidden part, "end" ends that part only: the everyday part and the other hidden
/// part still open, with their documents.
async fn ending_a_hidden_part_ends_that_part_only(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    client
        .upload(&wallet, "carte", "text/plain", Category::Identity, b"card")
        .await
        .expect("upload");
    for secret in [HIDDEN, OTHER_HIDDEN] {
        client
            .create_hidden_part(&wallet.number, secret)
            .await
            .expect("hidden part");
    }
    let inside = PdeClient::new(&server.base_url);
    let part = inside
        .login_hidden(&wallet.number, HIDDEN)
        .await
        .expect("the part");
    inside
        .upload(&part, "cache", "text/plain", Category::Other, b"hidden")
        .await
        .expect("hidden upload");
    server.advance_clock(120).await;
    inside
        .erase_wallet(&wallet.number, HIDDEN)
        .await
        .expect("the part ended");
    server.advance_clock(120).await;
    assert!(PdeClient::new(&server.base_url)
        .login_hidden(&wallet.number, HIDDEN)
        .await
        .is_err());
    server.advance_clock(120).await;
    let someone = PdeClient::new(&server.base_url);
    let everyday = someone
        .login(&wallet.number, SECRET)
        .await
        .expect("the everyday part");
    assert_eq!(someone.list(&everyday).await.expect("list").len(), 1);
    server.advance_clock(120).await;
    PdeClient::new(&server.base_url)
        .login_hidden(&wallet.number, OTHER_HIDDEN)
        .await
        .expect("the other hidden part");
    assert!(
        client.list_raw().await.is_ok(),
        "the everyday session stays open"
    );
}

/// A time-locked wallet has no session, and ending it needs one: trying with the secret or the
/// recovery key is answered exactly as a login is (the lock, with its time), and the wallet is
/// still there, whole, once the lock is over.
async fn a_time_locked_wallet_cannot_be_ended(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, wallet) = new_wallet(&server).await;
    client
        .upload(&wallet, "carte", "text/plain", Category::Identity, b"card")
        .await
        .expect("upload");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    let until = client
        .time_lock(&wallet.number, SECRET, now + 3600)
        .await
        .expect("locked");
    let someone = PdeClient::new(&server.base_url);
    let as_login = refusal(
        &someone
            .login(&wallet.number, SECRET)
            .await
            .expect_err("locked"),
    );
    assert_eq!(as_login, (423, ErrorCode::WalletTimeLocked));
    let erase = refusal(
        &someone
            .erase_wallet(&wallet.number, SECRET)
            .await
            .expect_err("no session"),
    );
    assert_eq!(erase, (401, ErrorCode::NotSignedIn));
    let with_sheet = refusal(
        &someone
            .recover(&wallet.number, &sheet(&wallet), NEW_SECRET)
            .await
            .expect_err("locked"),
    );
    assert_eq!(with_sheet, as_login);
    server.advance_clock(until - now + 60).await;
    let reopened = someone
        .login(&wallet.number, SECRET)
        .await
        .expect("open after the lock");
    assert_eq!(someone.list(&reopened).await.expect("list").len(), 1);
}
