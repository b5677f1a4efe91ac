//! The `InvitationStore` statements both backends share (see `super`).

/// The `SELECT … FROM` of a [`crate::store::invitations::BatchRecord`].
macro_rules! batch_select {
    () => {
        "SELECT b.id, p.label AS partner, b.created_by, b.codes, b.uses_per_code, b.created_at, \
         b.expires_at, b.revoked_at, b.wallets_created, b.last_use_week, b.created_before_week \
         FROM invite_batches b JOIN partners p ON p.id = b.partner_id"
    };
}
pub(in crate::store) use batch_select;

/// Implements [`crate::store::invitations::InvitationStore`] for a store type of `impl_store!`.
macro_rules! impl_invitations {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::invitations::InvitationStore for $store {
            async fn add_partner(
                &self,
                partner: $crate::store::invitations::PartnerRecord,
            ) -> $crate::store::StoreResult<bool> {
                let inserted = sqlx::query(
                    "INSERT INTO partners (id, label, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (label) DO NOTHING",
                )
                .bind(&partner.id)
                .bind(&partner.label)
                .bind(partner.created_at)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(inserted == 1)
            }

            async fn partners(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::store::invitations::PartnerRecord>> {
                let rows: Vec<(String, String, i64)> =
                    sqlx::query_as("SELECT id, label, created_at FROM partners ORDER BY label")
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, label, created_at)| $crate::store::invitations::PartnerRecord {
                        id,
                        label,
                        created_at,
                    })
                    .collect())
            }

            async fn create_batch(
                &self,
                batch: $crate::store::invitations::NewBatchRecord,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin().await?;
                let partner: Option<(String,)> =
                    sqlx::query_as("SELECT id FROM partners WHERE id = $1")
                        .bind(&batch.partner_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if partner.is_none() {
                    return Ok(false);
                }
                sqlx::query(
                    "INSERT INTO invite_batches (id, partner_id, created_by, codes, uses_per_code, \
                     created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&batch.id)
                .bind(&batch.partner_id)
                .bind(&batch.created_by)
                .bind(i64::try_from(batch.code_hashes.len()).unwrap_or(i64::MAX))
                .bind(batch.uses_per_code)
                .bind(batch.created_at)
                .bind(batch.expires_at)
                .execute(&mut *tx)
                .await?;
                for code_hash in &batch.code_hashes {
                    sqlx::query(
                        "INSERT INTO invites (code_hash, remaining_uses, expires_at, created_at, \
                         batch_id) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(code_hash)
                    .bind(batch.uses_per_code)
                    .bind(batch.expires_at)
                    .bind(batch.created_at)
                    .bind(&batch.id)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn batches(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::store::invitations::BatchRecord>> {
                Ok(sqlx::query_as(concat!(
                    $crate::store::sql::invitations::batch_select!(),
                    " ORDER BY b.created_at DESC, b.id"
                ))
                .fetch_all(&self.pool)
                .await?)
            }

            async fn revoke_batch(
                &self,
                id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::invitations::BatchRecord>> {
                let revoked = sqlx::query(
                    "UPDATE invite_batches SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                )
                .bind(id)
                .bind(now)
                .execute(&self.pool)
                .await?
                .rows_affected();
                if revoked == 0 {
                    return Ok(None);
                }
                Ok(sqlx::query_as(concat!(
                    $crate::store::sql::invitations::batch_select!(),
                    " WHERE b.id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn wallet_partner(
                &self,
                wallet_id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<Option<String>> {
                let row: Option<(String,)> = sqlx::query_as(
                    "SELECT p.label FROM wallets w JOIN partners p ON p.id = w.partner_id WHERE w.id = $1",
                )
                .bind(wallet_id.as_str())
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(label,)| label))
            }
        }
    };
}
pub(in crate::store) use impl_invitations;
