//! Retention of abandoned wallets (`--retention-months`): only a holder's unlock of a part counts,
//! an unlock of a hidden part keeps the whole wallet and writes what an everyday unlock writes,
//! and retention's erasure is the holder's own (journaled, hidden parts included).

use super::*;

on_both_backends!(
    a_wallet_used_only_through_its_hidden_part_survives_retention_like_an_everyday_one,
);

const HIDDEN: &str = "the box under the stairs";
const MONTH: i64 = 2_629_746;

/// The `active_week` of the everyday wallet numbered `number`, and of its hidden parts.
async fn weeks(server: &TestServer, number: &str) -> (Option<i64>, Vec<Option<i64>>) {
    let everyday = "SELECT active_week FROM wallets WHERE number = $1";
    let parts = "SELECT active_week FROM wallets WHERE hidden_of = (SELECT id FROM wallets WHERE number = $1)";
    match server.backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&format!(
                "sqlite://{}",
                server.data_dir().join("pde.sqlite").display()
            ))
            .await
            .expect("database");
            let week = sqlx::query_scalar(everyday)
                .bind(number)
                .fetch_one(&pool)
                .await
                .expect("week");
            let hidden = sqlx::query_scalar(parts)
                .bind(number)
                .fetch_all(&pool)
                .await
                .expect("parts");
            pool.close().await;
            (week, hidden)
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&server.database_url)
                .await
                .expect("database");
            let week = sqlx::query_scalar(everyday)
                .bind(number)
                .fetch_one(&pool)
                .await
                .expect("week");
            let hidden = sqlx::query_scalar(parts)
                .bind(number)
                .fetch_all(&pool)
                .await
                .expect("parts");
            pool.close().await;
            (week, hidden)
        }
    }
}

/// Three wallets: A opened through its everyday part, B only through its hidden part, C never
/// after its creation (a document dropped through its deposit link leaves its week as it was).
/// 25 months after their creation and 5 after A's and B's last unlock, with 24 months of
/// retention: C is erased (its number then answers as one that never existed, and the erasure
/// is journaled), A and B are kept, whole; A's and B's everyday rows hold the same week and B's
/// hidden part none.
async fn a_wallet_used_only_through_its_hidden_part_survives_retention_like_an_everyday_one(
    backend: Backend,
) {
    let server = TestServer::start_with(
        backend,
        &[
            "--retention-months",
            "24",
            "--sweep-interval-seconds",
            "1",
            "--blob-deletion-grace-seconds",
            "0",
        ],
    )
    .await;
    let (a, wallet_a) = new_wallet(&server).await;
    let (b, wallet_b) = new_wallet(&server).await;
    let (c, wallet_c) = new_wallet(&server).await;
    b.create_hidden_part(&wallet_b.number, HIDDEN)
        .await
        .expect("hidden part");
    let hidden_client = PdeClient::new(&server.base_url);
    let hidden_b = hidden_client
        .login_hidden(&wallet_b.number, HIDDEN)
        .await
        .expect("hidden part opens");
    hidden_client
        .upload(
            &hidden_b,
            "hidden.txt",
            "text/plain",
            Category::Other,
            b"hidden",
        )
        .await
        .expect("a hidden document");
    let link = c
        .create_deposit(&wallet_c, "day centre", 30 * 86_400, 5)
        .await
        .expect("deposit link");
    for client in [&a, &b, &c, &hidden_client] {
        client.logout().await.expect("logout");
    }
    let (week_c, _) = weeks(&server, &wallet_c.number).await;
    assert!(week_c.is_some(), "creation counts");

    // A document dropped through C's deposit link is no unlock: C's week stays.
    server.advance_clock(29 * 86_400).await;
    PdeClient::new(&server.base_url)
        .deposit(&link, "letter.pdf", "application/pdf", b"%PDF-1.4 letter")
        .await
        .expect("deposit");
    assert_eq!(weeks(&server, &wallet_c.number).await.0, week_c);

    server.advance_clock(20 * MONTH - 29 * 86_400).await;
    a.login(&wallet_a.number, SECRET).await.expect("A opens");
    PdeClient::new(&server.base_url)
        .login_hidden(&wallet_b.number, HIDDEN)
        .await
        .expect("B's hidden part opens");
    // The same week, written in the same place, whichever part was opened.
    let (week_a, parts_a) = weeks(&server, &wallet_a.number).await;
    let (week_b, parts_b) = weeks(&server, &wallet_b.number).await;
    assert!(week_a.is_some());
    assert_eq!(week_a, week_b);
    assert!(parts_a.is_empty());
    assert_eq!(parts_b, vec![None], "nothing is kept on the hidden part");

    server.advance_clock(5 * MONTH).await;
    // Waits for the sweep's erasure (a login into C meanwhile would count as an unlock).
    let journal_lines = || -> usize {
        files_under(&server.backup_dir().join("erasures"))
            .iter()
            .map(|f| std::fs::read_to_string(f).expect("journal").lines().count())
            .sum()
    };
    let mut waited = 0;
    while journal_lines() == 0 && waited < 150 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        waited += 1;
    }
    // Another sweep or two: nothing more goes.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(
        journal_lines(),
        1,
        "C's erasure, journaled like the holder's own"
    );
    // Its number answers as one that never existed: its own secret opens nothing.
    assert!(PdeClient::new(&server.base_url)
        .login_as_the_app(&wallet_c.number, SECRET)
        .await
        .is_err());

    let a = PdeClient::new(&server.base_url);
    a.login(&wallet_a.number, SECRET).await.expect("A is kept");
    let b = PdeClient::new(&server.base_url);
    b.login(&wallet_b.number, SECRET).await.expect("B is kept");
    let hidden = PdeClient::new(&server.base_url);
    let part = hidden
        .login_hidden(&wallet_b.number, HIDDEN)
        .await
        .expect("B's hidden part is kept");
    assert_eq!(hidden.list(&part).await.expect("list").len(), 1);
}
