//! Upgrades: a database written by the previous release (its migration set, its rows, its
//! blobs, its secrets) is taken up by this server at start, on SQLite and PostgreSQL — the wallet
//! opens with its secret and its document opens byte for byte.
//!
//! The fixture in `tests/fixtures/previous-release/` was made by the previous release's binary
//! with `make_the_previous_release_fixture` (ignored; run it with `PDE_PREVIOUS_SERVER` naming
//! that binary when a release is cut, and commit what it writes).

use std::path::{Path, PathBuf};

use pde_crypto::metadata::Category;
use pde_tests::scan::files_under;
use pde_tests::{Backend, CreateWallet, PdeClient, TestServer};
use serde::{Deserialize, Serialize};

const SECRET: &str = "correct horse battery staple";
const CONTENT: &[u8] = b"Attestation CPAS, made by the previous release.";

/// What the fixture holds, besides the files.
#[derive(Serialize, Deserialize)]
struct Fixture {
    /// Wallet number of the SQLite database's wallet, then of the PostgreSQL database's.
    sqlite_wallet: String,
    postgres_wallet: String,
    /// The migrations the previous release had applied.
    migrations: i64,
}

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/previous-release")
}

fn copy_tree(from: &Path, to: &Path) {
    for file in files_under(from) {
        let relative = file.strip_prefix(from).expect("inside");
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("directory");
        std::fs::copy(&file, &target).expect("copy");
    }
}

/// A wallet with one document, made by the previous release's server on `backend`; returns its
/// number, and leaves the server's files (and, on PostgreSQL, a dump) in `out`.
async fn make_with_previous(backend: Backend, binary: &Path, out: &Path) -> String {
    let mut server = TestServer::unstarted_binary(backend, binary.to_path_buf()).await;
    server.init_secrets();
    server.start_again();
    let client = PdeClient::new(&server.base_url);
    let wallet = client
        .create_wallet(CreateWallet {
            secret: SECRET,
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect("wallet");
    client
        .upload(
            &wallet,
            "attestation.txt",
            "text/plain",
            Category::SocialAid,
            CONTENT,
        )
        .await
        .expect("upload");
    assert!(server.stop(), "a clean stop");
    copy_tree(&server.secrets_dir(), &out.join("secrets"));
    copy_tree(&server.data_dir().join("blobs"), &out.join("blobs"));
    match backend {
        Backend::Sqlite => {
            std::fs::copy(server.data_dir().join("pde.sqlite"), out.join("pde.sqlite"))
                .expect("database");
        }
        Backend::Postgres => {
            let dump = std::process::Command::new(
                std::env::var("PDE_PG_DUMP").unwrap_or_else(|_| "pg_dump".into()),
            )
            .args([
                "--format=plain",
                "--inserts",
                "--no-owner",
                "--no-privileges",
            ])
            .arg(format!("--dbname={}", server.database_url))
            .output()
            .expect("pg_dump");
            assert!(dump.status.success(), "{dump:?}");
            std::fs::write(out.join("postgres.sql"), dump.stdout).expect("dump");
        }
    }
    wallet.number
}

#[tokio::test]
#[ignore = "makes the fixture with the previous release's binary (PDE_PREVIOUS_SERVER)"]
async fn make_the_previous_release_fixture() {
    let binary = PathBuf::from(
        std::env::var("PDE_PREVIOUS_SERVER").expect("PDE_PREVIOUS_SERVER: the previous binary"),
    );
    let out = fixture_dir();
    for old in ["sqlite", "postgres"] {
        let _ = std::fs::remove_dir_all(out.join(old));
    }
    let sqlite_wallet = make_with_previous(Backend::Sqlite, &binary, &out.join("sqlite")).await;
    let postgres_wallet =
        make_with_previous(Backend::Postgres, &binary, &out.join("postgres")).await;
    // The migrations the previous release applied, as its SQLite database records them.
    let pool = sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        out.join("sqlite/pde.sqlite").display()
    ))
    .await
    .expect("database");
    let migrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .expect("migrations");
    pool.close().await;
    let fixture = Fixture {
        sqlite_wallet,
        postgres_wallet,
        migrations,
    };
    std::fs::write(
        out.join("fixture.json"),
        serde_json::to_string_pretty(&fixture).expect("json"),
    )
    .expect("fixture.json");
}

fn fixture() -> Fixture {
    serde_json::from_str(
        &std::fs::read_to_string(fixture_dir().join("fixture.json")).expect("fixture.json"),
    )
    .expect("fixture")
}

/// This release's migration files.
fn migration_count() -> i64 {
    std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../server/migrations/sqlite"))
        .expect("migrations")
        .count() as i64
}

async fn the_previous_releases_database_is_taken_up(backend: Backend) {
    let fixture = fixture();
    assert!(
        fixture.migrations < migration_count(),
        "the fixture is of an older migration set than this release's"
    );
    let mut server = TestServer::unstarted(backend).await;
    let (from, wallet) = match backend {
        Backend::Sqlite => (fixture_dir().join("sqlite"), &fixture.sqlite_wallet),
        Backend::Postgres => (fixture_dir().join("postgres"), &fixture.postgres_wallet),
    };
    copy_tree(&from.join("secrets"), &server.secrets_dir());
    for file in files_under(&server.secrets_dir()) {
        // git keeps no file modes but the executable bit; the server wants its secret private.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    copy_tree(&from.join("blobs"), &server.data_dir().join("blobs"));
    match backend {
        Backend::Sqlite => {
            std::fs::copy(
                from.join("pde.sqlite"),
                server.data_dir().join("pde.sqlite"),
            )
            .expect("database");
        }
        Backend::Postgres => {
            // psql's meta-commands (`\restrict`) are psql's, not SQL: left out.
            let dump: String = std::fs::read_to_string(from.join("postgres.sql"))
                .expect("dump")
                .lines()
                .filter(|line| !line.starts_with('\\'))
                .map(|line| format!("{line}\n"))
                .collect();
            let mut connection =
                <sqlx::PgConnection as sqlx::Connection>::connect(&server.database_url)
                    .await
                    .expect("database");
            sqlx::raw_sql(sqlx::AssertSqlSafe(dump))
                .execute(&mut connection)
                .await
                .expect("the previous release's dump loads");
        }
    }
    server.start_again();

    let client = PdeClient::new(&server.base_url);
    let opened = client
        .login(wallet, SECRET)
        .await
        .expect("the wallet opens");
    let listed = client.list(&opened).await.expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        client
            .download(&opened, &listed[0].id)
            .await
            .expect("download")
            .as_slice(),
        CONTENT
    );
    // What the new migrations brought works: a deletion is tombstoned.
    client.delete(&listed[0].id).await.expect("delete");
    assert!(client.list(&opened).await.expect("list").is_empty());
    let applied: i64 = match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&format!(
                "sqlite://{}",
                server.data_dir().join("pde.sqlite").display()
            ))
            .await
            .expect("database");
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
                .fetch_one(&pool)
                .await
                .expect("migrations")
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&server.database_url)
                .await
                .expect("database");
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
                .fetch_one(&pool)
                .await
                .expect("migrations")
        }
    };
    assert_eq!(
        applied,
        migration_count(),
        "every migration of this release"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_the_previous_releases_database_is_taken_up() {
    the_previous_releases_database_is_taken_up(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_the_previous_releases_database_is_taken_up() {
    the_previous_releases_database_is_taken_up(Backend::Postgres).await;
}
