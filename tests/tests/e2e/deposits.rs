//! Deposit links: a worker sends, never reads; each link has a key of its own.

use super::*;

on_both_backends!(
    deposit_links_let_a_worker_send_but_never_read,
    a_deposit_link_shows_a_key_of_its_own,
);

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
    assert_ne!(status.recipient, wallet.key.recipient());

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
        .find(|d| d.received_via.as_ref() == Some(&link.deposit_id))
        .expect("a received document")
        .id;
    assert_eq!(
        refusal(&worker.list_raw().await.expect_err("a refusal")),
        (401, ErrorCode::NotSignedIn)
    );
    assert_eq!(
        refusal(&worker.download_raw(&id).await.expect_err("a refusal")),
        (401, ErrorCode::NotSignedIn)
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
    assert_eq!(
        refusal(&worker.deposit_status(&wrong).await.expect_err("a refusal")).0,
        404
    );
    assert_eq!(
        refusal(
            &worker
                .deposit(&wrong, "x.pdf", "application/pdf", b"%PDF-")
                .await
                .expect_err("a refusal")
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
        refusal(
            &worker
                .deposit(&link, "third.pdf", "application/pdf", b"%PDF-")
                .await
                .expect_err("a refusal")
        ),
        (410, ErrorCode::DepositFull)
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
        refusal(
            &worker
                .deposit(&stopped, "a.pdf", "application/pdf", b"%PDF-")
                .await
                .expect_err("a refusal")
        ),
        (410, ErrorCode::DepositRevoked)
    );

    // The quota applies to what workers send, and a refused document takes no slot.
    let big = holder
        .create_deposit(&wallet, "big", 3600, 5)
        .await
        .expect("third link");
    let too_big = random_bytes(2_000_001);
    assert_eq!(
        refusal(
            &worker
                .deposit(&big, "big.bin", "application/octet-stream", &too_big)
                .await
                .expect_err("a refusal")
        ),
        (413, ErrorCode::QuotaExceeded)
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
        refusal(
            &worker
                .deposit(&big, "late.pdf", "application/pdf", b"%PDF-")
                .await
                .expect_err("a refusal")
        ),
        (410, ErrorCode::DepositExpired)
    );
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
    let parts = [everyday.key.recipient(), hidden.key.recipient()];
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
