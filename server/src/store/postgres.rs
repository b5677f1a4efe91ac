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

    /// Nothing in the request: the sweeper vacuums.
    async fn compact_after_erasure(&self) -> StoreResult<()> {
        Ok(())
    }

    /// Vacuums the tables an erasure deletes from, so their dead rows are removed from the
    /// tables' pages.
    async fn vacuum(&self) -> StoreResult<()> {
        sqlx::query(
            "VACUUM wallets, wrapped_keys, sessions, login_states, documents, received_documents, \
             uploads, upload_parts, grants, grant_documents, grant_openings, deposits, \
             deposit_uploads, pending_recoveries, pending_hidden, hidden_attempts, pending_sheets",
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

super::sql::impl_store!(PostgresStore, Postgres);
