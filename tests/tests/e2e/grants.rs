//! Grant links: enforced by the server (PIN, openings, expiry, revocation), copies checked.

use super::*;

on_both_backends!(
    grant_links_are_enforced_by_the_server,
    one_grant_document_sent_many_times_at_once_keeps_the_accepted_bytes,
    a_copy_served_at_another_place_of_its_grant_is_refused,
);

/// Grant links: only the granted documents, with the right PIN; a wrong access token is "not
/// found" and not counted; five wrong PINs burn a grant; the opening limit, revocation and
/// expiry (by the test clock) hold; the ciphertext of every dead grant leaves the blob store
/// and its bytes leave the wallet's quota.
async fn grant_links_are_enforced_by_the_server(backend: Backend) {
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
    assert_eq!(
        refusal(&worker.shared_status(&wrong).await.expect_err("a refusal")).0,
        404
    );
    for _ in 0..10 {
        assert_eq!(
            refusal(
                &worker
                    .open_shared(&wrong, Some("4821"))
                    .await
                    .expect_err("a refusal")
            )
            .0,
            404
        );
    }
    // Wrong PINs are counted, the right one still opens.
    for _ in 0..2 {
        assert_eq!(
            refusal(
                &worker
                    .open_shared(&a, Some("1111"))
                    .await
                    .expect_err("a refusal")
            ),
            (403, ErrorCode::WrongPin)
        );
    }
    assert!(worker.open_shared(&a, Some("4821")).await.is_ok());
    assert!(worker.open_shared(&a, Some("4821")).await.is_ok());
    assert_eq!(
        refusal(
            &worker
                .open_shared(&a, Some("4821"))
                .await
                .expect_err("a refusal")
        ),
        (410, ErrorCode::GrantUsedUp)
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
        let (status, code) = refusal(
            &worker
                .open_shared(&b, Some("654321"))
                .await
                .expect_err("a refusal"),
        );
        if attempt < 5 {
            assert_eq!((status, code), (403, ErrorCode::WrongPin));
        } else {
            assert_eq!((status, code), (410, ErrorCode::GrantBurned));
        }
    }
    assert_eq!(
        refusal(
            &worker
                .open_shared(&b, Some("123456"))
                .await
                .expect_err("a refusal")
        ),
        (410, ErrorCode::GrantBurned)
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
        refusal(&worker.open_shared(&c, None).await.expect_err("a refusal")),
        (410, ErrorCode::GrantRevoked)
    );
    assert_eq!(
        refusal(
            &worker
                .fetch_shared(&c, &opened.opening_token, 0)
                .await
                .expect_err("a refusal")
        )
        .0,
        410
    );
    // Another wallet can neither see nor revoke the holder's grants.
    let (stranger, _) = new_wallet(&server).await;
    assert!(stranger.grants().await.expect("grants").grants.is_empty());
    assert_eq!(
        refusal(&stranger.revoke(&a.grant_id).await.expect_err("a refusal")).0,
        404
    );

    // D: after its expiry (the test clock), "expired"; the sweeper deletes every dead grant's
    // ciphertext and gives its bytes back; the holder's own document is untouched.
    let d = holder
        .share(&wallet, &granted, None, 600, None)
        .await
        .expect("share");
    assert!(files_under(&documents_dir).len() > blobs_before);
    server.advance_clock(2 * 3600).await;
    assert_eq!(
        refusal(&worker.open_shared(&d, None).await.expect_err("a refusal")),
        (410, ErrorCode::GrantExpired)
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
