//! The `GrantStore` statements both backends share (see `super`).

/// Implements [`crate::store::GrantStore`] for a store type of `impl_store!`.
macro_rules! impl_grants {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::GrantStore for $store {
            async fn create_grant(
                &self,
                g: &$crate::store::GrantRecord,
                documents: &[$crate::store::GrantDocumentRecord],
                quota: i64,
                global_cap: i64,
            ) -> $crate::store::StoreResult<$crate::store::CreateGrantOutcome> {
                use $crate::store::CreateGrantOutcome as Outcome;
                let mut tx = self.pool.begin().await?;
                match reserve(&mut tx, &g.wallet_id, g.reserved_bytes, quota, global_cap).await? {
                    $crate::store::sql::Reservation::Reserved => {}
                    $crate::store::sql::Reservation::QuotaExceeded => return Ok(Outcome::QuotaExceeded),
                    $crate::store::sql::Reservation::ServerFull => return Ok(Outcome::ServerFull),
                }
                sqlx::query(
                    "INSERT INTO grants (id, wallet_id, access_hash, pin_hash, pin_failures, wrapped_key, label, document_count, reserved_bytes, max_openings, openings, created_at, expires_at, revoked_at, purged_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                )
                .bind(g.id.as_str())
                .bind(g.wallet_id.as_str())
                .bind(&g.access_hash)
                .bind(&g.pin_hash)
                .bind(g.pin_failures)
                .bind(&g.wrapped_key)
                .bind(&g.label)
                .bind(g.document_count)
                .bind(g.reserved_bytes)
                .bind(g.max_openings)
                .bind(g.openings)
                .bind(g.created_at)
                .bind(g.expires_at)
                .bind(g.revoked_at)
                .bind(g.purged_at)
                .execute(&mut *tx)
                .await?;
                for d in documents {
                    sqlx::query(
                        "INSERT INTO grant_documents (grant_id, position, blob_key, size, metadata, stored_at) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(g.id.as_str())
                    .bind(d.position)
                    .bind(&d.blob_key)
                    .bind(d.size)
                    .bind(&d.metadata)
                    .bind(d.stored_at)
                    .execute(&mut *tx)
                    .await?;
                }
                count_wallet_event(&mut tx, $crate::store::statistics::event::LINK_MADE, $crate::clock::iso_week_start(g.created_at), g.wallet_id.as_str()).await?;
                tx.commit().await?;
                Ok(Outcome::Created)
            }

            async fn grant(&self, id: &pde_api::ids::GrantId) -> $crate::store::StoreResult<Option<$crate::store::GrantRecord>> {
                let row: Option<$crate::store::sql::GrantRow> =
                    sqlx::query_as(concat!("SELECT ", $crate::store::sql::grant_columns!(), " FROM grants WHERE id = $1"))
                        .bind(id.as_str())
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map($crate::store::sql::grant_from_row))
            }

            async fn wallet_grants(
                &self,
                wallet_id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<Vec<$crate::store::GrantRecord>> {
                let rows: Vec<$crate::store::sql::GrantRow> = sqlx::query_as(
                    concat!("SELECT ", $crate::store::sql::grant_columns!(), " FROM grants WHERE wallet_id = $1 ORDER BY created_at DESC, id"),
                )
                .bind(wallet_id.as_str())
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map($crate::store::sql::grant_from_row).collect())
            }

            async fn mark_grant_document_stored(
                &self,
                grant_id: &pde_api::ids::GrantId,
                position: i64,
                blob_key: &str,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE grant_documents SET stored_at = $3, blob_key = $4 \
                     WHERE grant_id = $1 AND position = $2 AND stored_at IS NULL AND EXISTS \
                     (SELECT 1 FROM grants WHERE id = $1 AND purged_at IS NULL AND revoked_at IS NULL)",
                )
                .bind(grant_id.as_str())
                .bind(position)
                .bind(now)
                .bind(blob_key)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn grant_documents(
                &self,
                grant_id: &pde_api::ids::GrantId,
            ) -> $crate::store::StoreResult<Vec<$crate::store::GrantDocumentRecord>> {
                let rows: Vec<(String, i64, String, i64, Vec<u8>, Option<i64>)> = sqlx::query_as(
                    "SELECT grant_id, position, blob_key, size, metadata, stored_at FROM grant_documents \
                     WHERE grant_id = $1 ORDER BY position",
                )
                .bind(grant_id.as_str())
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(grant_id, position, blob_key, size, metadata, stored_at)| {
                        $crate::store::GrantDocumentRecord { grant_id: grant_id.into(), position, blob_key, size, metadata, stored_at }
                    })
                    .collect())
            }

            async fn count_grant_pin_failure(
                &self,
                grant_id: &pde_api::ids::GrantId,
                max_failures: i64,
            ) -> $crate::store::StoreResult<Option<i64>> {
                // One statement: concurrent wrong PINs can't both slip under the limit.
                let row: Option<(i64,)> = sqlx::query_as(
                    "UPDATE grants SET pin_failures = pin_failures + 1 \
                     WHERE id = $1 AND pin_failures < $2 RETURNING pin_failures",
                )
                .bind(grant_id.as_str())
                .bind(max_failures)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| r.0))
            }

            async fn open_grant(
                &self,
                grant_id: &pde_api::ids::GrantId,
                token_hash: &[u8],
                now: i64,
                token_expires_at: i64,
                max_pin_failures: i64,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin().await?;
                let counted: Option<(String,)> = sqlx::query_as(
                    "UPDATE grants SET openings = openings + 1 \
                     WHERE id = $1 AND revoked_at IS NULL AND purged_at IS NULL AND expires_at > $2 \
                     AND pin_failures < $3 AND (max_openings IS NULL OR openings < max_openings) \
                     AND document_count = (SELECT COUNT(*) FROM grant_documents WHERE grant_id = $1 AND stored_at IS NOT NULL) \
                     RETURNING wallet_id",
                )
                .bind(grant_id.as_str())
                .bind(now)
                .bind(max_pin_failures)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((wallet_id,)) = counted else {
                    return Ok(false);
                };
                count_wallet_event(&mut tx, $crate::store::statistics::event::LINK_OPENED, $crate::clock::iso_week_start(now), &wallet_id).await?;
                sqlx::query(
                    "INSERT INTO grant_openings (token_hash, grant_id, opened_at, expires_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(grant_id.as_str())
                .bind(now)
                .bind(token_expires_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn grant_of_opening(
                &self,
                token_hash: &[u8],
                now: i64,
            ) -> $crate::store::StoreResult<Option<pde_api::ids::GrantId>> {
                let row: Option<(String,)> = sqlx::query_as(
                    "SELECT grant_id FROM grant_openings WHERE token_hash = $1 AND expires_at > $2",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| pde_api::ids::GrantId::from(r.0)))
            }

            async fn grant_openings(&self, grant_id: &pde_api::ids::GrantId) -> $crate::store::StoreResult<Vec<i64>> {
                let rows: Vec<(i64,)> = sqlx::query_as(
                    "SELECT opened_at FROM grant_openings WHERE grant_id = $1 ORDER BY opened_at",
                )
                .bind(grant_id.as_str())
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|r| r.0).collect())
            }

            async fn revoke_grant(
                &self,
                wallet_id: &$crate::ids::WalletId,
                grant_id: &pde_api::ids::GrantId,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE grants SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND wallet_id = $2",
                )
                .bind(grant_id.as_str())
                .bind(wallet_id.as_str())
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn grants_to_purge(
                &self,
                now: i64,
                max_pin_failures: i64,
            ) -> $crate::store::StoreResult<Vec<pde_api::ids::GrantId>> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT id FROM grants WHERE purged_at IS NULL \
                     AND (expires_at <= $1 OR revoked_at IS NOT NULL OR pin_failures >= $2)",
                )
                .bind(now)
                .bind(max_pin_failures)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|r| pde_api::ids::GrantId::from(r.0)).collect())
            }

            async fn purge_grant(&self, grant_id: &pde_api::ids::GrantId, now: i64) -> $crate::store::StoreResult<Vec<String>> {
                let mut tx = self.pool.begin().await?;
                let grant: Option<(String, i64)> = sqlx::query_as(
                    "UPDATE grants SET purged_at = $2 WHERE id = $1 AND purged_at IS NULL \
                     RETURNING wallet_id, reserved_bytes",
                )
                .bind(grant_id.as_str())
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((wallet_id, reserved)) = grant else { return Ok(Vec::new()) };
                let keys: Vec<(String,)> = sqlx::query_as(
                    "DELETE FROM grant_documents WHERE grant_id = $1 RETURNING blob_key",
                )
                .bind(grant_id.as_str())
                .fetch_all(&mut *tx)
                .await?;
                release(&mut tx, &$crate::ids::WalletId::from_stored(wallet_id), reserved).await?;
                tx.commit().await?;
                Ok(keys.into_iter().map(|k| k.0).collect())
            }
        }
    };
}

pub(crate) use impl_grants;
