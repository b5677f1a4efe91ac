//! Wallet creation: pseudonyms, invitations, the hourly limit of new wallets.

use super::*;

on_both_backends!(
    pseudonyms_are_normalised_and_unique,
    invitation_mode_needs_a_code,
    a_slip_keeps_its_partner_on_the_wallet_only_when_the_deployment_says_so,
    new_wallets_are_limited_per_hour_over_the_server,
);

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
                assert_eq!((status, code), (429, ErrorCode::CreationBusy));
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

async fn a_slip_keeps_its_partner_on_the_wallet_only_when_the_deployment_says_so(backend: Backend) {
    use pde_server::store::invitations::NewBatchRecord;
    for keep in [false, true] {
        let mut args = vec!["--creation-mode", "invite"];
        if keep {
            args.push("--keep-partner-on-wallet");
        }
        let server = TestServer::start_with(backend, &args).await;
        server.admin_command(&["partner", "add", "--label", "Centre A"]);
        let store = server.open_store().await;
        let partner_id = store.partners().await.expect("partners")[0].id.clone();
        // A batch of one code, as the console makes it.
        let code = "ABCD-EFGH-JKMN-PQRS";
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .expect("time");
        assert!(store
            .create_batch(NewBatchRecord {
                id: "batch".to_owned(),
                partner_id,
                created_by: "Amina".to_owned(),
                uses_per_code: 1,
                created_at: now,
                expires_at: now + 3600,
                code_hashes: vec![pde_server::invite_hash(code)],
            })
            .await
            .expect("batch"));
        let client = PdeClient::new(&server.base_url);
        let wallet = client
            .create_wallet(CreateWallet {
                secret: SECRET,
                invite_code: Some(&code.to_lowercase()),
                test_wallet: true,
                ..Default::default()
            })
            .await
            .expect("the slip's code makes a wallet");
        let record = store
            .wallet_by_number(&wallet.number.parse().expect("number"))
            .await
            .expect("lookup")
            .expect("the wallet");
        let partner = store.wallet_partner(&record.id).await.expect("partner");
        let created_at = client.wallet_info().await.expect("info").created_at;
        let monday = 4 * 86_400; // 1970-01-05, a Monday
        if keep {
            assert_eq!(partner.as_deref(), Some("Centre A"));
            assert_eq!((created_at - monday) % (7 * 86_400), 0, "kept to the week");
            assert_eq!(record.created_at, created_at);
        } else {
            assert_eq!(partner, None, "no partner on the wallet by default");
            assert!(now - 5 <= created_at, "the time as it was");
        }
        let batches = store.batches().await.expect("batches");
        assert_eq!(
            batches[0].wallets_created, 1,
            "counted in its batch either way"
        );
    }
}
