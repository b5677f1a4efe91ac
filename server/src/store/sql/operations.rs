//! The `OperationsStore` statements both backends share (see `super`): blob tombstones and what
//! backups and restores need.

/// Implements [`crate::store::OperationsStore`] for a store type of `impl_store!`.
macro_rules! impl_operations {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::OperationsStore for $store {
            async fn tombstone_blobs(
                &self,
                blob_keys: &[String],
                now: i64,
            ) -> $crate::store::StoreResult<()> {
                for blob_key in blob_keys {
                    sqlx::query(
                        "INSERT INTO blob_tombstones (blob_key, deleted_at) VALUES ($1, $2) \
                         ON CONFLICT (blob_key) DO NOTHING",
                    )
                    .bind(blob_key)
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                }
                Ok(())
            }

            async fn tombstones_due(
                &self,
                marked_before: i64,
            ) -> $crate::store::StoreResult<Vec<String>> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT blob_key FROM blob_tombstones WHERE deleted_at <= $1 ORDER BY deleted_at",
                )
                .bind(marked_before)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(key,)| key).collect())
            }

            async fn tombstoned(&self, blob_key: &str) -> $crate::store::StoreResult<bool> {
                let row: Option<(i64,)> = sqlx::query_as(
                    "SELECT CAST(1 AS BIGINT) FROM blob_tombstones WHERE blob_key = $1",
                )
                .bind(blob_key)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.is_some())
            }

            async fn forget_tombstone(&self, blob_key: &str) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM blob_tombstones WHERE blob_key = $1")
                    .bind(blob_key)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn referenced_blobs(&self) -> $crate::store::StoreResult<Vec<String>> {
                let rows: Vec<(String,)> = sqlx::query_as($crate::store::REFERENCED_BLOBS)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(key,)| key).collect())
            }

            async fn wallet_ids(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::ids::WalletId>> {
                let rows: Vec<(String,)> = sqlx::query_as("SELECT id FROM wallets")
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id,)| $crate::ids::WalletId::from_stored(id))
                    .collect())
            }

            async fn after_restore(
                &self,
                restored_from: i64,
                now: i64,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                // Nothing in flight at the backup's time goes on: its blobs are not in the
                // backup, and a session or login must not outlive a secret changed since.
                for statement in [
                    "DELETE FROM sessions",
                    "DELETE FROM login_states",
                    "DELETE FROM pending_registrations",
                    "DELETE FROM pending_recoveries",
                    "DELETE FROM pending_hidden",
                    "DELETE FROM hidden_attempts",
                    // Tombstones name blobs the backup did not copy.
                    "DELETE FROM blob_tombstones",
                    "DELETE FROM admin_sessions",
                    "DELETE FROM admin_ceremonies",
                ] {
                    sqlx::query(statement).execute(&mut *tx).await?;
                }
                // Unfinished uploads give their reservations back, then go with their parts.
                sqlx::query(
                    "UPDATE wallets SET used_bytes = used_bytes - \
                     (SELECT CAST(COALESCE(SUM(u.ciphertext_len), 0) AS BIGINT) FROM uploads u WHERE u.wallet_id = wallets.id)",
                )
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE global_usage SET used_bytes = used_bytes - \
                     (SELECT CAST(COALESCE(SUM(ciphertext_len), 0) AS BIGINT) FROM uploads) WHERE id = 1",
                )
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM uploads").execute(&mut *tx).await?;
                // A link revoked after the backup must not work again: every link ends (the
                // sweeper then purges the grants' copies and gives their bytes back).
                sqlx::query("UPDATE grants SET revoked_at = $1 WHERE revoked_at IS NULL")
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE deposits SET revoked_at = $1 WHERE revoked_at IS NULL")
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE wallets SET restored_from = $1")
                    .bind(restored_from)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn take_restored_notice(
                &self,
                wallet_id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<Option<i64>> {
                let mut tx = self.pool.begin().await?;
                // A write first takes the write lock at once (SQLite: a transaction that read
                // first can't become a writer once another connection wrote, as the sweeper
                // does right after a start).
                sqlx::query("UPDATE wallets SET restored_from = restored_from WHERE id = $1")
                    .bind(wallet_id.as_str())
                    .execute(&mut *tx)
                    .await?;
                let row: Option<(Option<i64>,)> =
                    sqlx::query_as("SELECT restored_from FROM wallets WHERE id = $1")
                        .bind(wallet_id.as_str())
                        .fetch_optional(&mut *tx)
                        .await?;
                let restored_from = row.and_then(|(at,)| at);
                if restored_from.is_some() {
                    sqlx::query("UPDATE wallets SET restored_from = NULL WHERE id = $1")
                        .bind(wallet_id.as_str())
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(restored_from)
            }

            async fn mark_active(
                &self,
                wallet_id: &$crate::ids::WalletId,
                week: i64,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "UPDATE wallets SET active_week = $2 \
                     WHERE id = (SELECT COALESCE(hidden_of, id) FROM wallets WHERE id = $1)",
                )
                .bind(wallet_id.as_str())
                .bind(week)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn start_retention(&self, week: i64) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "UPDATE wallets SET active_week = $1 WHERE active_week IS NULL AND hidden_of IS NULL",
                )
                .bind(week)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn forget_activity(&self) -> $crate::store::StoreResult<()> {
                sqlx::query("UPDATE wallets SET active_week = NULL WHERE active_week IS NOT NULL")
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn inactive_since(
                &self,
                week: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::ids::WalletId>> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT id FROM wallets WHERE hidden_of IS NULL AND active_week < $1",
                )
                .bind(week)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id,)| $crate::ids::WalletId::from_stored(id))
                    .collect())
            }

            async fn snapshot_into(
                &self,
                path: &std::path::Path,
            ) -> $crate::store::StoreResult<()> {
                self.copy_into(path).await
            }
        }
    };
}

pub(crate) use impl_operations;
