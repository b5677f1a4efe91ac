//! The `DocumentStore` statements both backends share (see `super`).

/// Implements [`crate::store::DocumentStore`] for a store type of `impl_store!`.
macro_rules! impl_documents {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::DocumentStore for $store {
            async fn create_upload(
                &self,
                u: &$crate::store::UploadRecord,
                quota: i64,
                global_cap: i64,
            ) -> $crate::store::StoreResult<$crate::store::CreateUploadOutcome> {
                use $crate::store::CreateUploadOutcome as Outcome;
                let mut tx = self.pool.begin().await?;
                match reserve(&mut tx, &u.wallet_id, u.ciphertext_len, quota, global_cap).await? {
                    $crate::store::sql::Reservation::Reserved => {}
                    $crate::store::sql::Reservation::QuotaExceeded => return Ok(Outcome::QuotaExceeded),
                    $crate::store::sql::Reservation::ServerFull => return Ok(Outcome::ServerFull),
                }
                let exists: Option<(i64,)> =
                    sqlx::query_as("SELECT CAST(1 AS BIGINT) FROM documents WHERE wallet_id = $1 AND id = $2")
                        .bind(u.wallet_id.as_str())
                        .bind(u.document_id.to_string())
                        .fetch_optional(&mut *tx)
                        .await?;
                if exists.is_some() {
                    return Ok(Outcome::DocumentExists);
                }
                let inserted = sqlx::query("INSERT INTO uploads (id, wallet_id, document_id, ciphertext_len, part_size, part_count, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(u.id.as_str())
                .bind(u.wallet_id.as_str())
                .bind(u.document_id.to_string())
                .bind(u.ciphertext_len)
                .bind(u.part_size)
                .bind(u.part_count)
                .bind(u.created_at)
                .bind(u.expires_at)
                .execute(&mut *tx)
                .await;
                match inserted {
                    Ok(_) => {}
                    Err(err) if $crate::store::sql::is_unique_violation(&err) => {
                        return Ok(Outcome::DocumentExists)
                    }
                    Err(err) => return Err(err.into()),
                }
                tx.commit().await?;
                Ok(Outcome::Created)
            }

            async fn upload(
                &self,
                wallet_id: &$crate::ids::WalletId,
                id: &$crate::ids::UploadId,
            ) -> $crate::store::StoreResult<Option<$crate::store::UploadRecord>> {
                let sql = concat!("SELECT ", $crate::store::sql::upload_columns!(), " FROM uploads WHERE id = $1 AND wallet_id = $2");
                let row: Option<$crate::store::sql::UploadRow> = sqlx::query_as(sql)
                    .bind(id.as_str())
                    .bind(wallet_id.as_str())
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map($crate::store::sql::upload_from_row))
            }

            async fn record_part(
                &self,
                id: &$crate::ids::UploadId,
                part: i64,
                len: i64,
                keep_until: i64,
            ) -> $crate::store::StoreResult<bool> {
                sqlx::query("UPDATE uploads SET expires_at = $2 WHERE id = $1 AND expires_at < $2")
                    .bind(id.as_str())
                    .bind(keep_until)
                    .execute(&self.pool)
                    .await?;
                let recorded = sqlx::query(
                    "INSERT INTO upload_parts (upload_id, part, len) \
                     SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM uploads WHERE id = $1) \
                     ON CONFLICT (upload_id, part) DO UPDATE SET len = $3",
                )
                .bind(id.as_str())
                .bind(part)
                .bind(len)
                .execute(&self.pool)
                .await;
                match recorded {
                    Ok(done) => Ok(done.rows_affected() > 0),
                    // The upload went between the check and the insert (a commit or an abort).
                    Err(err) if $crate::store::sql::is_foreign_key_violation(&err) => Ok(false),
                    Err(err) => Err(err.into()),
                }
            }

            async fn received_parts(
                &self,
                id: &$crate::ids::UploadId,
            ) -> $crate::store::StoreResult<Vec<(i64, i64)>> {
                let rows: Vec<(i64, i64)> =
                    sqlx::query_as("SELECT part, len FROM upload_parts WHERE upload_id = $1 ORDER BY part")
                        .bind(id.as_str())
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows)
            }

            async fn commit_upload(
                &self,
                id: &$crate::ids::UploadId,
                d: &$crate::store::DocumentRecord,
                deposit: Option<&pde_api::ids::DepositId>,
            ) -> $crate::store::StoreResult<bool> {
                let week = $crate::clock::iso_week_start(d.created_at);
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM deposit_uploads WHERE upload_id = $1")
                    .bind(id.as_str())
                    .execute(&mut *tx)
                    .await?;
                let deleted = sqlx::query("DELETE FROM uploads WHERE id = $1 AND wallet_id = $2")
                    .bind(id.as_str())
                    .bind(d.wallet_id.as_str())
                    .execute(&mut *tx)
                    .await?;
                if deleted.rows_affected() != 1 {
                    return Ok(false);
                }
                sqlx::query("DELETE FROM upload_parts WHERE upload_id = $1")
                    .bind(id.as_str())
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT INTO documents (wallet_id, id, blob_key, size, metadata, tag, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(d.wallet_id.as_str())
                .bind(d.id.to_string())
                .bind(&d.blob_key)
                .bind(d.size)
                .bind(&d.metadata)
                .bind(&d.tag)
                .bind(d.created_at)
                .bind(d.updated_at)
                .execute(&mut *tx)
                .await?;
                if let Some(deposit_id) = deposit {
                    sqlx::query("UPDATE deposits SET sending = sending - 1 WHERE id = $1 AND sending > 0")
                        .bind(deposit_id.as_str())
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("INSERT INTO received_documents (wallet_id, document_id, deposit_id, received_at) VALUES ($1, $2, $3, $4)")
                        .bind(d.wallet_id.as_str())
                        .bind(d.id.to_string())
                        .bind(deposit_id.as_str())
                        .bind(d.created_at)
                        .execute(&mut *tx)
                        .await?;
                    count_wallet_event(&mut tx, $crate::store::statistics::event::DEPOSIT, week, d.wallet_id.as_str()).await?;
                }
                count_documents(&mut tx, week, 1, d.size, true).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn delete_upload(
                &self,
                id: &$crate::ids::UploadId,
            ) -> $crate::store::StoreResult<Option<$crate::store::UploadRecord>> {
                let mut tx = self.pool.begin().await?;
                let sql = concat!("DELETE FROM uploads WHERE id = $1 RETURNING ", $crate::store::sql::upload_columns!());
                let row: Option<$crate::store::sql::UploadRow> =
                    sqlx::query_as(sql).bind(id.as_str()).fetch_optional(&mut *tx).await?;
                let Some(row) = row else { return Ok(None) };
                let upload = $crate::store::sql::upload_from_row(row);
                sqlx::query("DELETE FROM upload_parts WHERE upload_id = $1")
                    .bind(id.as_str())
                    .execute(&mut *tx)
                    .await?;
                release(&mut tx, &upload.wallet_id, upload.ciphertext_len).await?;
                tx.commit().await?;
                Ok(Some(upload))
            }

            async fn expired_uploads(
                &self,
                now: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::store::UploadRecord>> {
                let sql = concat!("SELECT ", $crate::store::sql::upload_columns!(), " FROM uploads WHERE expires_at <= $1");
                let rows: Vec<$crate::store::sql::UploadRow> =
                    sqlx::query_as(sql).bind(now).fetch_all(&self.pool).await?;
                Ok(rows.into_iter().map($crate::store::sql::upload_from_row).collect())
            }

            async fn upload_exists(&self, id: &$crate::ids::UploadId) -> $crate::store::StoreResult<bool> {
                let row: Option<(i64,)> = sqlx::query_as("SELECT CAST(1 AS BIGINT) FROM uploads WHERE id = $1")
                    .bind(id.as_str())
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.is_some())
            }

            async fn list_documents(
                &self,
                wallet_id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<Vec<$crate::store::DocumentRecord>> {
                let sql = concat!("SELECT ", $crate::store::sql::document_columns!(), " FROM documents WHERE wallet_id = $1 ORDER BY created_at, id");
                let rows: Vec<$crate::store::sql::DocumentRow> =
                    sqlx::query_as(sql).bind(wallet_id.as_str()).fetch_all(&self.pool).await?;
                Ok(rows.into_iter().map($crate::store::sql::document_from_row).collect())
            }

            async fn document(
                &self,
                wallet_id: &$crate::ids::WalletId,
                id: &pde_crypto::document::DocumentId,
            ) -> $crate::store::StoreResult<Option<$crate::store::DocumentRecord>> {
                let sql = concat!("SELECT ", $crate::store::sql::document_columns!(), " FROM documents WHERE wallet_id = $1 AND id = $2");
                let row: Option<$crate::store::sql::DocumentRow> = sqlx::query_as(sql)
                    .bind(wallet_id.as_str())
                    .bind(id.to_string())
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map($crate::store::sql::document_from_row))
            }

            async fn update_metadata(
                &self,
                wallet_id: &$crate::ids::WalletId,
                id: &pde_crypto::document::DocumentId,
                metadata: &[u8],
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE documents SET metadata = $3, updated_at = $4 WHERE wallet_id = $1 AND id = $2",
                )
                .bind(wallet_id.as_str())
                .bind(id.to_string())
                .bind(metadata)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn delete_document(
                &self,
                wallet_id: &$crate::ids::WalletId,
                id: &pde_crypto::document::DocumentId,
                now: i64,
            ) -> $crate::store::StoreResult<Option<String>> {
                let mut tx = self.pool.begin().await?;
                let row: Option<(String, i64)> = sqlx::query_as(
                    "DELETE FROM documents WHERE wallet_id = $1 AND id = $2 RETURNING blob_key, size",
                )
                .bind(wallet_id.as_str())
                .bind(id.to_string())
                .fetch_optional(&mut *tx)
                .await?;
                let Some((blob_key, size)) = row else { return Ok(None) };
                release(&mut tx, wallet_id, size).await?;
                count_documents(&mut tx, $crate::clock::iso_week_start(now), 1, size, false).await?;
                tx.commit().await?;
                Ok(Some(blob_key))
            }

            async fn blob_referenced(&self, blob_key: &str) -> $crate::store::StoreResult<bool> {
                let row: Option<(i64,)> = sqlx::query_as(
                    "SELECT CAST(1 AS BIGINT) FROM documents WHERE blob_key = $1 \
                     UNION ALL SELECT CAST(1 AS BIGINT) FROM grant_documents WHERE blob_key = $1",
                )
                    .bind(blob_key)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.is_some())
            }

            async fn wallet_usage(&self, wallet_id: &$crate::ids::WalletId) -> $crate::store::StoreResult<i64> {
                let row: Option<(i64,)> = sqlx::query_as("SELECT used_bytes FROM wallets WHERE id = $1")
                    .bind(wallet_id.as_str())
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(|r| r.0).unwrap_or(0))
            }

            async fn received_documents(
                &self,
                wallet_id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<Vec<$crate::store::ReceivedDocument>> {
                let rows: Vec<$crate::store::sql::ReceivedRow> = sqlx::query_as(
                    "SELECT r.document_id, r.deposit_id, d.key_id, r.received_at FROM received_documents r \
                     LEFT JOIN deposits d ON d.id = r.deposit_id WHERE r.wallet_id = $1",
                )
                .bind(wallet_id.as_str())
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|row| $crate::store::ReceivedDocument {
                        document_id: row.document_id,
                        deposit_id: row.deposit_id,
                        key_id: row.key_id,
                        received_at: row.received_at,
                    })
                    .collect())
            }
        }
    };
}

pub(crate) use impl_documents;
