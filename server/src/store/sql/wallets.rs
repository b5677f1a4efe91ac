//! The `WalletStore` statements both backends share (see `super`).

/// Implements [`crate::store::WalletStore`] for a store type of `impl_store!`.
macro_rules! impl_wallets {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::WalletStore for $store {
            async fn put_pending_registration(
                &self,
                p: &$crate::store::PendingRegistration,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO pending_registrations (id, wallet_id, number, pseudonym, ksf, invite_hash, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(p.id.as_str())
                .bind(p.wallet_id.as_str())
                .bind(p.number.as_str())
                .bind(&p.pseudonym)
                .bind(&p.ksf)
                .bind(&p.invite_hash)
                .bind(p.expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn take_pending_registration(
                &self,
                id: &pde_api::ids::RegistrationId,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::PendingRegistration>> {
                let row: Option<$crate::store::sql::PendingRegistrationRow> =
                    sqlx::query_as(
                        "DELETE FROM pending_registrations WHERE id = $1 \
                         RETURNING id, wallet_id, number, pseudonym, ksf, invite_hash, expires_at",
                    )
                    .bind(id.as_str())
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.filter(|r| r.expires_at > now).map(|r| {
                    $crate::store::PendingRegistration {
                        id: r.id,
                        wallet_id: $crate::ids::WalletId::from_stored(r.wallet_id),
                        number: r.number,
                        pseudonym: r.pseudonym,
                        ksf: r.ksf,
                        invite_hash: r.invite_hash,
                        expires_at: r.expires_at,
                    }
                }))
            }

            async fn pseudonym_taken(&self, pseudonym: &str) -> $crate::store::StoreResult<bool> {
                let found: Option<(i64,)> =
                    sqlx::query_as("SELECT CAST(1 AS BIGINT) FROM wallets WHERE pseudonym = $1")
                        .bind(pseudonym)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(found.is_some())
            }

            async fn create_wallet(
                &self,
                w: &$crate::store::NewWallet,
                invite: Option<$crate::store::InviteUse<'_>>,
                global_cap: i64,
                now: i64,
            ) -> $crate::store::StoreResult<$crate::store::CreateWalletOutcome> {
                use $crate::store::CreateWalletOutcome as Outcome;
                let mut tx = self.pool.begin().await?;
                // Writing first takes the write lock at once (SQLite) or the row lock (PostgreSQL).
                let room: Option<(i64,)> = sqlx::query_as(
                    "UPDATE global_usage SET wallets = wallets + 1 WHERE id = 1 AND used_bytes < $1 RETURNING wallets",
                )
                .bind(global_cap)
                .fetch_optional(&mut *tx)
                .await?;
                if room.is_none() {
                    return Ok(Outcome::ServerFull);
                }
                let mut partner: Option<String> = None;
                // The slip's partner, for the creations counter (kept on the wallet only when
                // the deployment says so).
                let mut slip_partner = String::new();
                if let Some(invite) = invite {
                    let used: Option<(Option<String>,)> = sqlx::query_as(
                        "UPDATE invites SET remaining_uses = remaining_uses - 1 \
                         WHERE code_hash = $1 AND remaining_uses > 0 AND expires_at > $2 \
                         AND (batch_id IS NULL OR batch_id IN (SELECT id FROM invite_batches WHERE revoked_at IS NULL)) \
                         RETURNING batch_id",
                    )
                    .bind(invite.code_hash)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some((batch,)) = used else {
                        return Ok(Outcome::InviteInvalid);
                    };
                    if let Some(batch) = batch {
                        // A count per batch: no time, no wallet; and what was made before
                        // this week began, the one figure the console shows.
                        let (partner_id,): (String,) = sqlx::query_as(
                            "UPDATE invite_batches SET \
                             created_before_week = CASE WHEN last_use_week < $2 THEN wallets_created ELSE created_before_week END, \
                             last_use_week = $2, wallets_created = wallets_created + 1 \
                             WHERE id = $1 RETURNING partner_id",
                        )
                        .bind(&batch)
                        .bind(crate::clock::iso_week_start(now))
                        .fetch_one(&mut *tx)
                        .await?;
                        partner = invite.keep_partner.then(|| partner_id.clone());
                        slip_partner = partner_id;
                    }
                }
                let (hidden_of, hidden_slot) = match &w.hidden {
                    Some((parent, slot)) => (Some(parent.as_str()), Some(slot.as_slice())),
                    None => (None, None),
                };
                let inserted = sqlx::query(
                    "INSERT INTO wallets (id, number, pseudonym, recipient, password_file, ksf, used_bytes, created_at, recovery_verifier, hidden_of, hidden_slot, slot_ksf, partner_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10, $11, $12)",
                )
                .bind(w.id.as_str())
                // A hidden part has no number; the column is unique, so it gets a placeholder
                // that is never a wallet number.
                .bind(w.number.as_ref().map_or_else(|| format!("hidden-{}", w.id.as_str()), |n| n.as_str().to_owned()))
                .bind(&w.pseudonym)
                .bind(w.recipient.as_str())
                .bind(&w.password_file)
                .bind(&w.ksf)
                .bind(w.created_at)
                .bind(&w.recovery_verifier)
                .bind(hidden_of)
                .bind(hidden_slot)
                .bind(&w.slot_ksf)
                .bind(partner)
                .execute(&mut *tx)
                .await;
                if let Err(err) = inserted {
                    if $crate::store::sql::is_unique_violation(&err) {
                        // Which value is taken is asked, not read from the database's message
                        // (whose wording differs between backends and versions).
                        tx.rollback().await?;
                        let pseudonym_taken = match &w.pseudonym {
                            Some(pseudonym) => sqlx::query_as::<_, (String,)>(
                                "SELECT id FROM wallets WHERE pseudonym = $1",
                            )
                            .bind(pseudonym)
                            .fetch_optional(&self.pool)
                            .await?
                            .is_some(),
                            None => false,
                        };
                        return Ok(if pseudonym_taken {
                            Outcome::PseudonymTaken
                        } else {
                            Outcome::NumberTaken
                        });
                    }
                    return Err(err.into());
                }
                for (method, key_id, wrapped) in &w.wrapped_keys {
                    sqlx::query(
                        "INSERT INTO wrapped_keys (wallet_id, method, key_id, wrapped, created_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(w.id.as_str())
                    .bind(method)
                    .bind(key_id)
                    .bind(wrapped)
                    .bind(w.created_at)
                    .execute(&mut *tx)
                    .await?;
                }
                // A hidden part is not a wallet: it is not counted.
                if w.hidden.is_none() {
                    let week = $crate::clock::iso_week_start(now);
                    count_stat(&mut tx, $crate::store::statistics::event::CREATED, week, &slip_partner, 1).await?;
                }
                tx.commit().await?;
                Ok(Outcome::Created)
            }

            async fn recovery_verifier(
                &self,
                wallet_id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<Option<Vec<u8>>> {
                let row: Option<(Option<Vec<u8>>,)> =
                    sqlx::query_as("SELECT recovery_verifier FROM wallets WHERE id = $1")
                        .bind(wallet_id.as_str())
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.and_then(|r| r.0))
            }

            async fn put_pending_recovery(
                &self,
                id: &pde_api::ids::RecoveryId,
                recovery: &$crate::store::PendingRecovery,
                expires_at: i64,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO pending_recoveries (id, wallet_id, ksf, expires_at, purpose) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id.as_str())
                .bind(recovery.wallet_id.as_str())
                .bind(&recovery.ksf)
                .bind(expires_at)
                .bind(recovery.purpose.as_str())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn take_pending_recovery(
                &self,
                id: &pde_api::ids::RecoveryId,
                purpose: $crate::store::CredentialChange,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::PendingRecovery>> {
                let row: Option<(String, String, i64)> = sqlx::query_as(
                    "DELETE FROM pending_recoveries WHERE id = $1 AND purpose = $2 RETURNING wallet_id, ksf, expires_at",
                )
                .bind(id.as_str())
                .bind(purpose.as_str())
                .fetch_optional(&self.pool)
                .await?;
                Ok(row
                    .filter(|r| r.2 > now)
                    .map(|(wallet_id, ksf, _)| $crate::store::PendingRecovery {
                        wallet_id: $crate::ids::WalletId::from_stored(wallet_id),
                        ksf,
                        purpose,
                    }))
            }

            async fn replace_credential(
                &self,
                wallet_id: &$crate::ids::WalletId,
                credential: &$crate::store::NewCredential,
                keep: Option<&[u8]>,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin().await?;
                let updated = sqlx::query("UPDATE wallets SET password_file = $2, ksf = $3 WHERE id = $1")
                    .bind(wallet_id.as_str())
                    .bind(&credential.password_file)
                    .bind(&credential.ksf)
                    .execute(&mut *tx)
                    .await?;
                if updated.rows_affected() != 1 {
                    return Ok(false);
                }
                replace_wrapped_key(
                    &mut tx,
                    wallet_id,
                    pde_crypto::wallet::UnlockMethod::Opaque.as_str(),
                    &credential.key_id,
                    &credential.wrapped_key,
                    now,
                )
                .await?;
                // The wallet and its hidden parts: whoever was made to tell the old secret may
                // have opened any of them.
                // An empty hash matches no session: every one ends.
                sqlx::query(concat!("DELETE FROM sessions WHERE token_hash <> $2 AND wallet_id IN ", $crate::store::sql::wallet_family!()))
                    .bind(wallet_id.as_str())
                    .bind(keep.unwrap_or_default())
                    .execute(&mut *tx)
                    .await?;
                // A login or a recovery started before the replacement must not finish after it.
                sqlx::query(concat!("DELETE FROM login_states WHERE wallet_id IN ", $crate::store::sql::wallet_family!()))
                    .bind(wallet_id.as_str())
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(concat!("DELETE FROM pending_recoveries WHERE wallet_id IN ", $crate::store::sql::wallet_family!()))
                    .bind(wallet_id.as_str())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn replace_recovery_sheet(
                &self,
                wallet_id: &$crate::ids::WalletId,
                sheet: &$crate::store::RecoverySheet,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin().await?;
                let updated = sqlx::query("UPDATE wallets SET recovery_verifier = $2 WHERE id = $1")
                    .bind(wallet_id.as_str())
                    .bind(&sheet.verifier)
                    .execute(&mut *tx)
                    .await?;
                if updated.rows_affected() != 1 {
                    return Ok(false);
                }
                replace_wrapped_key(
                    &mut tx,
                    wallet_id,
                    pde_crypto::wallet::UnlockMethod::Recovery.as_str(),
                    &sheet.key_id,
                    &sheet.wrapped,
                    now,
                )
                .await?;
                sqlx::query("DELETE FROM pending_sheets WHERE wallet_id = $1")
                    .bind(wallet_id.as_str())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn put_pending_sheet(
                &self,
                wallet_id: &$crate::ids::WalletId,
                pending: &$crate::store::PendingSheet,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO pending_sheets (wallet_id, verifier, key_id, wrapped, made_at, effective_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (wallet_id) DO UPDATE SET verifier = $2, key_id = $3, wrapped = $4, made_at = $5, effective_at = $6",
                )
                .bind(wallet_id.as_str())
                .bind(&pending.sheet.verifier)
                .bind(&pending.sheet.key_id)
                .bind(&pending.sheet.wrapped)
                .bind(pending.made_at)
                .bind(pending.effective_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn pending_sheet(
                &self,
                wallet_id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<Option<$crate::store::PendingSheet>> {
                let row: Option<(Vec<u8>, String, Vec<u8>, i64, i64)> = sqlx::query_as(
                    "SELECT verifier, key_id, wrapped, made_at, effective_at FROM pending_sheets WHERE wallet_id = $1",
                )
                .bind(wallet_id.as_str())
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(verifier, key_id, wrapped, made_at, effective_at)| {
                    $crate::store::PendingSheet {
                        sheet: $crate::store::RecoverySheet {
                            verifier,
                            key_id,
                            wrapped,
                        },
                        made_at,
                        effective_at,
                    }
                }))
            }

            async fn cancel_pending_sheet(
                &self,
                wallet_id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<bool> {
                let deleted = sqlx::query("DELETE FROM pending_sheets WHERE wallet_id = $1")
                    .bind(wallet_id.as_str())
                    .execute(&self.pool)
                    .await?;
                Ok(deleted.rows_affected() > 0)
            }

            async fn erase_wallet(
                &self,
                wallet_id: &$crate::ids::WalletId,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                use $crate::store::statistics::event;
                let mut tx = self.pool.begin().await?;
                // Written first, so the transaction takes the write lock at once (SQLite: a read
                // first could not become a write while another connection writes).
                // What the part (and its hidden parts) held no longer counts against the
                // server's cap; an everyday wallet no longer counts as a wallet.
                sqlx::query(concat!(
                    "UPDATE global_usage SET ",
                    "used_bytes = used_bytes - (SELECT CAST(COALESCE(SUM(used_bytes), 0) AS BIGINT) FROM wallets WHERE id = $1 OR hidden_of = $1), ",
                    "wallets = wallets - (SELECT COUNT(*) FROM wallets WHERE id = $1 AND hidden_of IS NULL) ",
                    "WHERE id = 1"
                ))
                .bind(wallet_id.as_str())
                .execute(&mut *tx)
                .await?;
                let week = $crate::clock::iso_week_start(now);
                // Counted while the rows are there: an everyday wallet (a hidden part
                // ended alone is not a wallet), and what its parts held, as totals.
                let part: Option<(String, Option<String>)> = sqlx::query_as(
                    "SELECT COALESCE(partner_id, ''), hidden_of FROM wallets WHERE id = $1",
                )
                .bind(wallet_id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
                if let Some((partner, None)) = part {
                    count_stat(&mut tx, event::ERASED, week, &partner, 1).await?;
                }
                let (documents, bytes): (i64, i64) = sqlx::query_as(concat!(
                    "SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM documents WHERE wallet_id IN ",
                    $crate::store::sql::wallet_family!()
                ))
                .bind(wallet_id.as_str())
                .fetch_one(&mut *tx)
                .await?;
                count_documents(&mut tx, week, documents, bytes, false).await?;
                // Logins in progress are the only rows that name the wallet without a cascade.
                sqlx::query(concat!("DELETE FROM login_states WHERE wallet_id IN ", $crate::store::sql::wallet_family!()))
                    .bind(wallet_id.as_str())
                    .execute(&mut *tx)
                    .await?;
                let deleted = sqlx::query("DELETE FROM wallets WHERE id = $1")
                    .bind(wallet_id.as_str())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(deleted.rows_affected() == 1)
            }

            async fn wallet_by_number(
                &self,
                number: &pde_api::wallet_number::WalletNumber,
            ) -> $crate::store::StoreResult<Option<$crate::store::WalletRecord>> {
                let sql = concat!("SELECT ", $crate::store::sql::wallet_columns!(), " FROM wallets WHERE number = $1 AND hidden_of IS NULL");
                let row: Option<$crate::store::sql::WalletRow> =
                    sqlx::query_as(sql).bind(number.as_str()).fetch_optional(&self.pool).await?;
                Ok(row.map($crate::store::sql::wallet_from_row))
            }

            async fn wallet_by_pseudonym(
                &self,
                pseudonym: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::WalletRecord>> {
                let sql = concat!("SELECT ", $crate::store::sql::wallet_columns!(), " FROM wallets WHERE pseudonym = $1 AND hidden_of IS NULL");
                let row: Option<$crate::store::sql::WalletRow> =
                    sqlx::query_as(sql).bind(pseudonym).fetch_optional(&self.pool).await?;
                Ok(row.map($crate::store::sql::wallet_from_row))
            }

            async fn wallet_by_id(
                &self,
                id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<Option<$crate::store::WalletRecord>> {
                let sql = concat!("SELECT ", $crate::store::sql::wallet_columns!(), " FROM wallets WHERE id = $1");
                let row: Option<$crate::store::sql::WalletRow> =
                    sqlx::query_as(sql).bind(id.as_str()).fetch_optional(&self.pool).await?;
                Ok(row.map($crate::store::sql::wallet_from_row))
            }

            async fn wrapped_key(
                &self,
                wallet_id: &$crate::ids::WalletId,
                method: &str,
            ) -> $crate::store::StoreResult<Option<Vec<u8>>> {
                let row: Option<(Vec<u8>,)> = sqlx::query_as(
                    "SELECT wrapped FROM wrapped_keys WHERE wallet_id = $1 AND method = $2 \
                     ORDER BY created_at DESC, key_id DESC LIMIT 1",
                )
                .bind(wallet_id.as_str())
                .bind(method)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| r.0))
            }

            async fn create_invite(
                &self,
                code_hash: &[u8],
                uses: i64,
                expires_at: i64,
                now: i64,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO invites (code_hash, remaining_uses, expires_at, created_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(code_hash)
                .bind(uses)
                .bind(expires_at)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn invite_usable(&self, code_hash: &[u8], now: i64) -> $crate::store::StoreResult<bool> {
                let row: Option<(i64,)> = sqlx::query_as(
                    "SELECT remaining_uses FROM invites WHERE code_hash = $1 AND remaining_uses > 0 AND expires_at > $2 \
                     AND (batch_id IS NULL OR batch_id IN (SELECT id FROM invite_batches WHERE revoked_at IS NULL))",
                )
                .bind(code_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.is_some())
            }

            async fn claim_setup_fingerprint(
                &self,
                fingerprint: &[u8],
            ) -> $crate::store::StoreResult<bool> {
                sqlx::query(
                    "INSERT INTO server_setup (id, fingerprint) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
                )
                .bind(fingerprint)
                .execute(&self.pool)
                .await?;
                let (recorded,): (Vec<u8>,) =
                    sqlx::query_as("SELECT fingerprint FROM server_setup WHERE id = 1")
                        .fetch_one(&self.pool)
                        .await?;
                Ok(recorded == fingerprint)
            }

            async fn count_wallet_creation(
                &self,
                bucket: i64,
                since_bucket: i64,
                limit: i64,
            ) -> $crate::store::StoreResult<bool> {
                let window = &$crate::store::sql::CREATION_WINDOW;
                Ok(count_in_window(&self.pool, window, bucket, since_bucket, limit).await?)
            }

            async fn wallet_creations(
                &self,
                since_bucket: i64,
            ) -> $crate::store::StoreResult<(i64, Option<i64>)> {
                let window = &$crate::store::sql::CREATION_WINDOW;
                Ok(window_sum(&self.pool, window, since_bucket).await?)
            }

            async fn put_pending_hidden(
                &self,
                p: &$crate::store::PendingHidden,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO pending_hidden (id, wallet_id, parent_id, slot, ksf, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(p.id.as_str())
                .bind(p.wallet_id.as_str())
                .bind(p.parent_id.as_str())
                .bind(&p.slot)
                .bind(&p.ksf)
                .bind(p.expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn take_pending_hidden(
                &self,
                id: &pde_api::ids::RegistrationId,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::PendingHidden>> {
                let row: Option<$crate::store::sql::PendingHiddenRow> = sqlx::query_as(
                    "DELETE FROM pending_hidden WHERE id = $1 \
                     RETURNING id, wallet_id, parent_id, slot, ksf, expires_at",
                )
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.filter(|r| r.expires_at > now).map(|r| $crate::store::PendingHidden {
                    id: r.id,
                    wallet_id: $crate::ids::WalletId::from_stored(r.wallet_id),
                    parent_id: $crate::ids::WalletId::from_stored(r.parent_id),
                    slot: r.slot,
                    ksf: r.ksf,
                    expires_at: r.expires_at,
                }))
            }

            async fn hidden_part(
                &self,
                parent: &$crate::ids::WalletId,
                slot: &[u8],
            ) -> $crate::store::StoreResult<Option<$crate::store::WalletRecord>> {
                let sql = concat!("SELECT ", $crate::store::sql::wallet_columns!(), " FROM wallets WHERE hidden_of = $1 AND hidden_slot = $2");
                let row: Option<$crate::store::sql::WalletRow> = sqlx::query_as(sql)
                    .bind(parent.as_str())
                    .bind(slot)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map($crate::store::sql::wallet_from_row))
            }

            async fn hidden_part_count(
                &self,
                parent: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<i64> {
                let row: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM wallets WHERE hidden_of = $1")
                    .bind(parent.as_str())
                    .fetch_one(&self.pool)
                    .await?;
                Ok(row.0)
            }
        }
    };
}

pub(crate) use impl_wallets;
