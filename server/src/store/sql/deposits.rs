//! The `DepositStore` statements both backends share (see `super`).

/// Implements [`crate::store::DepositStore`] for a store type of `impl_store!`.
macro_rules! impl_deposits {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::DepositStore for $store {
            async fn create_deposit(
                &self,
                d: &$crate::store::DepositRecord,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO deposits (id, wallet_id, access_hash, recipient, key_id, recipient_check, label, max_files, files_received, created_at, expires_at, revoked_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(d.id.as_str())
                .bind(d.wallet_id.as_str())
                .bind(&d.access_hash)
                .bind(d.recipient.as_str())
                .bind(&d.key_id)
                .bind(&d.recipient_check)
                .bind(&d.label)
                .bind(d.max_files)
                .bind(d.files_received)
                .bind(d.created_at)
                .bind(d.expires_at)
                .bind(d.revoked_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn deposit(
                &self,
                id: &pde_api::ids::DepositId,
            ) -> $crate::store::StoreResult<Option<$crate::store::DepositRecord>> {
                let row: Option<$crate::store::sql::DepositRow> = sqlx::query_as(
                    concat!("SELECT ", $crate::store::sql::deposit_columns!(), " FROM deposits WHERE id = $1"),
                )
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map($crate::store::sql::deposit_from_row))
            }

            async fn wallet_deposits(
                &self,
                wallet_id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<Vec<$crate::store::DepositRecord>> {
                let rows: Vec<$crate::store::sql::DepositRow> = sqlx::query_as(
                    concat!("SELECT ", $crate::store::sql::deposit_columns!(), " FROM deposits WHERE wallet_id = $1 ORDER BY created_at DESC, id"),
                )
                .bind(wallet_id.as_str())
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map($crate::store::sql::deposit_from_row).collect())
            }

            async fn revoke_deposit(
                &self,
                wallet_id: &$crate::ids::WalletId,
                deposit_id: &pde_api::ids::DepositId,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE deposits SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND wallet_id = $2",
                )
                .bind(deposit_id.as_str())
                .bind(wallet_id.as_str())
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn take_deposit_slot(
                &self,
                deposit_id: &pde_api::ids::DepositId,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let row: Option<(i64,)> = sqlx::query_as(
                    "UPDATE deposits SET files_received = files_received + 1, sending = sending + 1 \
                     WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2 AND files_received < max_files \
                     AND sending < $3 \
                     RETURNING files_received",
                )
                .bind(deposit_id.as_str())
                .bind(now)
                .bind(i64::from(pde_api::MAX_DEPOSIT_SENDING))
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.is_some())
            }

            async fn give_back_deposit_slot(
                &self,
                deposit_id: &pde_api::ids::DepositId,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "UPDATE deposits SET files_received = files_received - 1, \
                     sending = CASE WHEN sending > 0 THEN sending - 1 ELSE 0 END \
                     WHERE id = $1 AND files_received > 0",
                )
                .bind(deposit_id.as_str())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn link_deposit_upload(
                &self,
                upload_id: &$crate::ids::UploadId,
                deposit_id: &pde_api::ids::DepositId,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query("INSERT INTO deposit_uploads (upload_id, deposit_id) VALUES ($1, $2)")
                    .bind(upload_id.as_str())
                    .bind(deposit_id.as_str())
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn deposit_of_upload(
                &self,
                upload_id: &$crate::ids::UploadId,
            ) -> $crate::store::StoreResult<Option<pde_api::ids::DepositId>> {
                let row: Option<(String,)> =
                    sqlx::query_as("SELECT deposit_id FROM deposit_uploads WHERE upload_id = $1")
                        .bind(upload_id.as_str())
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(id,)| pde_api::ids::DepositId::from(id)))
            }
        }
    };
}

pub(crate) use impl_deposits;
