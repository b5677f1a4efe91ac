//! SQLite, the embedded default: one file in the data directory, WAL, `synchronous=FULL` so that a
//! committed row survives a power cut.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool};

use super::StoreResult;

/// The SQLite store.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file.
    pub async fn open(path: &Path) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite://")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Deleted content is overwritten with zeros, not left in free pages (an erased
            // wallet must not stay readable in the file).
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        sqlx::migrate!("./migrations/sqlite")
            .run(&self.pool)
            .await?;
        Ok(())
    }

    /// Writes the write-ahead log back into the database and empties it: an erasure's deleted
    /// rows (still whole in the log's frames) then exist only as the zeros `secure_delete`
    /// wrote.
    async fn compact_after_erasure(&self) -> StoreResult<()> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Checkpoints the write-ahead log into the database and empties it, then closes the
    /// connections (the last one to close removes the emptied log).
    async fn close_pool(&self) -> StoreResult<()> {
        let checkpoint = self.compact_after_erasure().await;
        self.pool.close().await;
        checkpoint
    }

    /// `VACUUM INTO` a new file: one read transaction, so the copy is consistent while writes go
    /// on, and it holds live rows only (no free page).
    async fn copy_into(&self, path: &Path) -> StoreResult<()> {
        sqlx::query("VACUUM INTO $1")
            .bind(path.to_string_lossy().into_owned())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Nothing to do: SQLite compacts after each erasure.
    async fn vacuum(&self) -> StoreResult<()> {
        Ok(())
    }
}

super::sql::impl_store!(SqliteStore, Sqlite);
