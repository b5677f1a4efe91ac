//! Wallet creation: pseudonyms, invitations, the hourly limit of new wallets.

use super::*;

on_both_backends!(
    pseudonyms_are_normalised_and_unique,
    invitation_mode_needs_a_code,
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
