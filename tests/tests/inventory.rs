//! The data inventory (`server/inventory.toml`, the transparency page's source) against the live
//! schema of both backends after every migration: a table or column in the database that the
//! inventory does not describe, or one it describes that the database lacks, fails the test.

use std::collections::BTreeSet;

use pde_server::store::{PostgresStore, SqliteStore, Store as _};

/// `table.column` of every column the inventory describes.
fn described() -> BTreeSet<String> {
    let inventory = pde_server::inventory::inventory().expect("server/inventory.toml");
    inventory
        .table
        .iter()
        .flat_map(|table| {
            table
                .columns
                .keys()
                .map(move |column| format!("{}.{column}", table.name))
        })
        .collect()
}

/// Compares the inventory with the live schema's `(table, column)` rows.
fn compare(backend: &str, rows: Vec<(String, String)>) {
    let live: BTreeSet<String> = rows
        .into_iter()
        .map(|(table, column)| format!("{table}.{column}"))
        .collect();
    let described = described();
    let undescribed: Vec<&String> = live.difference(&described).collect();
    let missing: Vec<&String> = described.difference(&live).collect();
    assert!(
        undescribed.is_empty() && missing.is_empty(),
        "{backend}: columns the inventory does not describe: {undescribed:?}; \
         described but not in the database: {missing:?}"
    );
}

#[tokio::test]
async fn the_inventory_describes_every_column_of_sqlite() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("pde.sqlite");
    let store = SqliteStore::open(&path).await.expect("open SQLite");
    store.migrate().await.expect("migrations");
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("pool");
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&pool)
    .await
    .expect("schema");
    compare("SQLite", rows);
}

#[tokio::test]
async fn the_inventory_describes_every_column_of_postgresql() {
    let url = pde_tests::harness::create_postgres_database().await;
    let store = PostgresStore::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrations");
    let pool = sqlx::PgPool::connect(&url).await.expect("pool");
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(&pool)
    .await
    .expect("schema");
    compare("PostgreSQL", rows);
}
