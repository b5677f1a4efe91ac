//! PostgreSQL, for several stateless replicas sharing one database.

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres};

use super::StoreResult;

/// The PostgreSQL store. No `Debug`: its pool options hold the database password.
#[derive(Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url`.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        Ok(Self { pool })
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        sqlx::migrate!("./migrations/postgres")
            .run(&self.pool)
            .await?;
        Ok(())
    }

    /// Closes the connections (PostgreSQL keeps its own log).
    async fn close_pool(&self) -> StoreResult<()> {
        self.pool.close().await;
        Ok(())
    }

    /// `pg_dump` takes PostgreSQL's consistent copies (docs/DEPLOY.md).
    async fn copy_into(&self, _path: &std::path::Path) -> StoreResult<()> {
        Err(super::StoreError::Unsupported(
            "a PostgreSQL database is backed up with pg_dump (docs/DEPLOY.md, \"Backups\")",
        ))
    }

    /// Nothing in the request: the sweeper vacuums.
    async fn compact_after_erasure(&self) -> StoreResult<()> {
        Ok(())
    }

    /// Rewrites PDE's tables (`VACUUM FULL`: new files holding the live
    /// rows only; the old files are emptied at once and unlinked at the next checkpoint), then
    /// closes the write-ahead log's segment and checkpoints, so that the segments holding the
    /// erased rows are removed (deleted, not kept for reuse, with `wal_recycle = off`). The last
    /// two need the `pg_checkpoint` role and the right to run `pg_switch_wal()`: without them
    /// the log keeps the rows until its segments go, and the server's log says so.
    async fn vacuum(&self) -> StoreResult<()> {
        // Every table of PDE's schema, so that a table added later is not forgotten (the
        // names come from the catalogue, quoted by it).
        let (tables,): (Option<String>,) = sqlx::query_as(
            "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables \
             WHERE schemaname = current_schema()",
        )
        .fetch_one(&self.pool)
        .await?;
        if let Some(tables) = tables {
            sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM (FULL) {tables}")))
                .execute(&self.pool)
                .await?;
        }
        for statement in ["SELECT pg_switch_wal()", "CHECKPOINT"] {
            if let Err(error) = sqlx::query(statement).execute(&self.pool).await {
                tracing::warn!(
                    statement,
                    %error,
                    "after an erasure: PostgreSQL's write-ahead log keeps the erased rows until its \
                     segments are removed (grant the pg_checkpoint role and EXECUTE on \
                     pg_switch_wal to PDE's database role)"
                );
            }
        }
        Ok(())
    }
}

super::sql::impl_store!(PostgresStore, Postgres);
