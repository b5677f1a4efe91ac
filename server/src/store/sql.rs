//! The SQL both backends share. SQLite and PostgreSQL accept the same statements here (`$n`
//! placeholders, `ON CONFLICT`, `RETURNING`, integers for times and sizes), so one body of code is
//! instantiated for each pool type; what differs (connection set-up, migrations) lives in
//! `sqlite.rs` and `postgres.rs`.

/// The columns of a [`WalletRow`]: the one list every query of `wallets` selects.
macro_rules! wallet_columns {
    () => {
        "id, number, pseudonym, recipient, password_file, ksf, slot_ksf, created_at, hidden_of"
    };
}
pub(super) use wallet_columns;

/// A `wallets` row.
#[derive(sqlx::FromRow)]
pub(super) struct WalletRow {
    id: String,
    number: String,
    pseudonym: Option<String>,
    recipient: String,
    password_file: Vec<u8>,
    ksf: String,
    slot_ksf: String,
    created_at: i64,
    hidden_of: Option<String>,
}

pub(super) fn wallet_from_row(row: WalletRow) -> super::WalletRecord {
    super::WalletRecord {
        id: crate::ids::WalletId::from_stored(row.id),
        number: row.number,
        pseudonym: row.pseudonym,
        recipient: row.recipient,
        password_file: row.password_file,
        ksf: row.ksf,
        slot_ksf: row.slot_ksf,
        created_at: row.created_at,
        hidden_of: row.hidden_of.map(crate::ids::WalletId::from_stored),
    }
}

/// The columns of a [`UploadRow`]: the one list every query of `uploads` selects.
macro_rules! upload_columns {
    () => {
        "id, wallet_id, document_id, ciphertext_len, part_size, part_count, created_at, expires_at"
    };
}
pub(super) use upload_columns;

/// A `uploads` row.
#[derive(sqlx::FromRow)]
pub(super) struct UploadRow {
    id: String,
    wallet_id: String,
    document_id: String,
    ciphertext_len: i64,
    part_size: i64,
    part_count: i64,
    created_at: i64,
    expires_at: i64,
}

pub(super) fn upload_from_row(row: UploadRow) -> super::UploadRecord {
    super::UploadRecord {
        id: crate::ids::UploadId::from_text(row.id),
        wallet_id: crate::ids::WalletId::from_stored(row.wallet_id),
        document_id: row.document_id,
        ciphertext_len: row.ciphertext_len,
        part_size: row.part_size,
        part_count: row.part_count,
        created_at: row.created_at,
        expires_at: row.expires_at,
    }
}

/// The columns of a [`DocumentRow`]: the one list every query of `documents` selects.
macro_rules! document_columns {
    () => {
        "wallet_id, id, blob_key, size, metadata, tag, created_at, updated_at"
    };
}
pub(super) use document_columns;

/// A `documents` row.
#[derive(sqlx::FromRow)]
pub(super) struct DocumentRow {
    wallet_id: String,
    id: String,
    blob_key: String,
    size: i64,
    metadata: Vec<u8>,
    tag: Vec<u8>,
    created_at: i64,
    updated_at: i64,
}

pub(super) fn document_from_row(row: DocumentRow) -> super::DocumentRecord {
    super::DocumentRecord {
        wallet_id: crate::ids::WalletId::from_stored(row.wallet_id),
        id: row.id,
        blob_key: row.blob_key,
        size: row.size,
        metadata: row.metadata,
        tag: row.tag,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// The columns of a [`DepositRow`]: the one list every query of `deposits` selects.
macro_rules! deposit_columns {
    () => {
        "id, wallet_id, access_hash, recipient, key_id, recipient_check, label, max_files, files_received, created_at, expires_at, revoked_at"
    };
}
pub(super) use deposit_columns;

/// A `deposits` row.
#[derive(sqlx::FromRow)]
pub(super) struct DepositRow {
    id: String,
    wallet_id: String,
    access_hash: Vec<u8>,
    recipient: String,
    key_id: Option<Vec<u8>>,
    recipient_check: Vec<u8>,
    label: Vec<u8>,
    max_files: i64,
    files_received: i64,
    created_at: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
}

pub(super) fn deposit_from_row(row: DepositRow) -> super::DepositRecord {
    super::DepositRecord {
        id: row.id,
        wallet_id: crate::ids::WalletId::from_stored(row.wallet_id),
        access_hash: row.access_hash,
        recipient: row.recipient,
        key_id: row.key_id,
        recipient_check: row.recipient_check,
        label: row.label,
        max_files: row.max_files,
        files_received: row.files_received,
        created_at: row.created_at,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
    }
}

/// The columns of a [`GrantRow`]: the one list every query of `grants` selects.
macro_rules! grant_columns {
    () => {
        "id, wallet_id, access_hash, pin_hash, pin_failures, wrapped_key, label, document_count, reserved_bytes, max_openings, openings, created_at, expires_at, revoked_at, purged_at"
    };
}
pub(super) use grant_columns;

/// A `grants` row.
#[derive(sqlx::FromRow)]
pub(super) struct GrantRow {
    id: String,
    wallet_id: String,
    access_hash: Vec<u8>,
    pin_hash: Option<Vec<u8>>,
    pin_failures: i64,
    wrapped_key: Vec<u8>,
    label: Vec<u8>,
    document_count: i64,
    reserved_bytes: i64,
    max_openings: Option<i64>,
    openings: i64,
    created_at: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
    purged_at: Option<i64>,
}

pub(super) fn grant_from_row(row: GrantRow) -> super::GrantRecord {
    super::GrantRecord {
        id: row.id,
        wallet_id: crate::ids::WalletId::from_stored(row.wallet_id),
        access_hash: row.access_hash,
        pin_hash: row.pin_hash,
        pin_failures: row.pin_failures,
        wrapped_key: row.wrapped_key,
        label: row.label,
        document_count: row.document_count,
        reserved_bytes: row.reserved_bytes,
        max_openings: row.max_openings,
        openings: row.openings,
        created_at: row.created_at,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
        purged_at: row.purged_at,
    }
}

/// A `pending_registrations` row (read once, as it is deleted).
#[derive(sqlx::FromRow)]
pub(super) struct PendingRegistrationRow {
    pub(super) id: String,
    pub(super) wallet_id: String,
    pub(super) number: String,
    pub(super) pseudonym: Option<String>,
    pub(super) ksf: String,
    pub(super) invite_hash: Option<Vec<u8>>,
    pub(super) expires_at: i64,
}

/// A `login_states` row (read once, as it is deleted).
#[derive(sqlx::FromRow)]
pub(super) struct LoginStateRow {
    pub(super) id: String,
    pub(super) wallet_id: Option<String>,
    pub(super) state: Vec<u8>,
    pub(super) throttle_key: Vec<u8>,
    pub(super) bucket: i64,
    pub(super) expires_at: i64,
    pub(super) give_back_key: Option<Vec<u8>>,
    pub(super) give_back_bucket: Option<i64>,
}

/// A `hidden_attempts` row (read once, as it is deleted).
#[derive(sqlx::FromRow)]
pub(super) struct HiddenAttemptRow {
    pub(super) id: String,
    pub(super) wallet_id: Option<String>,
    pub(super) throttle_key: Vec<u8>,
    pub(super) bucket: i64,
    pub(super) expires_at: i64,
}

/// A `pending_hidden` row (read once, as it is deleted).
#[derive(sqlx::FromRow)]
pub(super) struct PendingHiddenRow {
    pub(super) id: String,
    pub(super) wallet_id: String,
    pub(super) parent_id: String,
    pub(super) slot: Vec<u8>,
    pub(super) ksf: String,
    pub(super) expires_at: i64,
}

/// What reserving bytes did.
pub(super) enum Reservation {
    /// Reserved.
    Reserved,
    /// The wallet's quota would be exceeded.
    QuotaExceeded,
    /// The server's cap would be exceeded.
    ServerFull,
}

pub(super) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

pub(super) fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_foreign_key_violation())
}

/// Implements [`super::Store`] for a struct with a `pool: sqlx::Pool<$db>` field and a
/// `run_migrations(&self)` method.
/// A table of counts per minute, summed over a sliding window (the server-wide budgets): its
/// statements, made from the table's and the count column's names at compile time.
pub(super) struct Window {
    pub(super) open_bucket: &'static str,
    pub(super) earlier: &'static str,
    pub(super) count: &'static str,
    pub(super) sum: &'static str,
    pub(super) sweep: &'static str,
}

macro_rules! window {
    ($table:literal, $column:literal) => {
        Window {
            open_bucket: concat!(
                "INSERT INTO ",
                $table,
                " (bucket, ",
                $column,
                ") VALUES ($1, 0) ",
                "ON CONFLICT (bucket) DO NOTHING"
            ),
            earlier: concat!(
                "SELECT CAST(COALESCE(SUM(",
                $column,
                "), 0) AS BIGINT) FROM ",
                $table,
                " WHERE bucket > $1 AND bucket <> $2 AND ",
                $column,
                " > 0"
            ),
            count: concat!(
                "UPDATE ",
                $table,
                " SET ",
                $column,
                " = ",
                $column,
                " + 1 ",
                "WHERE bucket = $1 AND ",
                $column,
                " + $2 < $3 RETURNING ",
                $column
            ),
            sum: concat!(
                "SELECT CAST(COALESCE(SUM(",
                $column,
                "), 0) AS BIGINT), MIN(bucket) FROM ",
                $table,
                " WHERE bucket > $1 AND ",
                $column,
                " > 0"
            ),
            sweep: concat!("DELETE FROM ", $table, " WHERE bucket <= $1"),
        }
    };
}

/// Unfinished logins over all wallets.
pub(super) const LOGIN_WINDOW: Window = window!("login_global", "failures");
/// New wallets over the whole server.
pub(super) const CREATION_WINDOW: Window = window!("creation_global", "created");

macro_rules! impl_store {
    ($store:ty, $db:ty) => {
        /// Counts one in `bucket` if the window's buckets after `since_bucket` (this one
        /// included) hold fewer than `limit`. Earlier buckets only shrink (logins given back),
        /// so the check on the current one is the one that must be atomic: a conditional
        /// UPDATE of its row, which a concurrent request waits for and then re-checks.
        async fn count_in_window(
            pool: &sqlx::Pool<$db>,
            window: &$crate::store::sql::Window,
            bucket: i64,
            since_bucket: i64,
            limit: i64,
        ) -> Result<bool, sqlx::Error> {
            sqlx::query(window.open_bucket)
                .bind(bucket)
                .execute(pool)
                .await?;
            let (earlier,): (i64,) = sqlx::query_as(window.earlier)
                .bind(since_bucket)
                .bind(bucket)
                .fetch_one(pool)
                .await?;
            let counted: Option<(i64,)> = sqlx::query_as(window.count)
                .bind(bucket)
                .bind(earlier)
                .bind(limit)
                .fetch_optional(pool)
                .await?;
            Ok(counted.is_some())
        }

        /// The window's sum over the buckets after `since_bucket`, and the oldest such bucket.
        async fn window_sum(
            pool: &sqlx::Pool<$db>,
            window: &$crate::store::sql::Window,
            since_bucket: i64,
        ) -> Result<(i64, Option<i64>), sqlx::Error> {
            sqlx::query_as(window.sum)
                .bind(since_bucket)
                .fetch_one(pool)
                .await
        }

        /// Reserves bytes against a wallet's quota and the server's cap (nothing when either
        /// would be exceeded: the caller drops the transaction).
        async fn reserve(
            tx: &mut sqlx::Transaction<'_, $db>,
            wallet_id: &$crate::ids::WalletId,
            bytes: i64,
            quota: i64,
            global_cap: i64,
        ) -> Result<$crate::store::sql::Reservation, sqlx::Error> {
            let reserved: Option<(i64,)> = sqlx::query_as(
                "UPDATE wallets SET used_bytes = used_bytes + $2 WHERE id = $1 AND used_bytes + $2 <= $3 RETURNING used_bytes",
            )
            .bind(wallet_id.as_str())
            .bind(bytes)
            .bind(quota)
            .fetch_optional(&mut **tx)
            .await?;
            if reserved.is_none() {
                return Ok($crate::store::sql::Reservation::QuotaExceeded);
            }
            let global: Option<(i64,)> = sqlx::query_as(
                "UPDATE global_usage SET used_bytes = used_bytes + $1 WHERE id = 1 AND used_bytes + $1 <= $2 RETURNING used_bytes",
            )
            .bind(bytes)
            .bind(global_cap)
            .fetch_optional(&mut **tx)
            .await?;
            if global.is_none() {
                return Ok($crate::store::sql::Reservation::ServerFull);
            }
            Ok($crate::store::sql::Reservation::Reserved)
        }

        /// Gives back reserved bytes to a wallet and to the server.
        async fn release(
            tx: &mut sqlx::Transaction<'_, $db>,
            wallet_id: &$crate::ids::WalletId,
            bytes: i64,
        ) -> Result<(), sqlx::Error> {
            sqlx::query("UPDATE wallets SET used_bytes = used_bytes - $2 WHERE id = $1")
                .bind(wallet_id.as_str())
                .bind(bytes)
                .execute(&mut **tx)
                .await?;
            sqlx::query("UPDATE global_usage SET used_bytes = used_bytes - $1 WHERE id = 1")
                .bind(bytes)
                .execute(&mut **tx)
                .await?;
            Ok(())
        }

        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            async fn migrate(&self) -> $crate::store::StoreResult<()> {
                self.run_migrations().await
            }

            async fn put_pending_registration(
                &self,
                p: &$crate::store::PendingRegistration,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO pending_registrations (id, wallet_id, number, pseudonym, ksf, invite_hash, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&p.id)
                .bind(p.wallet_id.as_str())
                .bind(&p.number)
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
                id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::PendingRegistration>> {
                let row: Option<$crate::store::sql::PendingRegistrationRow> =
                    sqlx::query_as(
                        "DELETE FROM pending_registrations WHERE id = $1 \
                         RETURNING id, wallet_id, number, pseudonym, ksf, invite_hash, expires_at",
                    )
                    .bind(id)
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
                invite_hash: Option<&[u8]>,
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
                if let Some(hash) = invite_hash {
                    let used: Option<(i64,)> = sqlx::query_as(
                        "UPDATE invites SET remaining_uses = remaining_uses - 1 \
                         WHERE code_hash = $1 AND remaining_uses > 0 AND expires_at > $2 RETURNING remaining_uses",
                    )
                    .bind(hash)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if used.is_none() {
                        return Ok(Outcome::InviteInvalid);
                    }
                }
                let (hidden_of, hidden_slot) = match &w.hidden {
                    Some((parent, slot)) => (Some(parent.as_str()), Some(slot.as_slice())),
                    None => (None, None),
                };
                let inserted = sqlx::query(
                    "INSERT INTO wallets (id, number, pseudonym, recipient, password_file, ksf, used_bytes, created_at, recovery_verifier, hidden_of, hidden_slot, slot_ksf) \
                     VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10, $11)",
                )
                .bind(w.id.as_str())
                .bind(&w.number)
                .bind(&w.pseudonym)
                .bind(&w.recipient)
                .bind(&w.password_file)
                .bind(&w.ksf)
                .bind(w.created_at)
                .bind(&w.recovery_verifier)
                .bind(hidden_of)
                .bind(hidden_slot)
                .bind(&w.slot_ksf)
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
                id: &str,
                recovery: &$crate::store::PendingRecovery,
                expires_at: i64,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO pending_recoveries (id, wallet_id, ksf, expires_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(recovery.wallet_id.as_str())
                .bind(&recovery.ksf)
                .bind(expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn take_pending_recovery(
                &self,
                id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::PendingRecovery>> {
                let row: Option<(String, String, i64)> = sqlx::query_as(
                    "DELETE FROM pending_recoveries WHERE id = $1 RETURNING wallet_id, ksf, expires_at",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row
                    .filter(|r| r.2 > now)
                    .map(|(wallet_id, ksf, _)| $crate::store::PendingRecovery {
                        wallet_id: $crate::ids::WalletId::from_stored(wallet_id),
                        ksf,
                    }))
            }

            async fn replace_credential(
                &self,
                wallet_id: &$crate::ids::WalletId,
                credential: &$crate::store::NewCredential,
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
                sqlx::query("DELETE FROM wrapped_keys WHERE wallet_id = $1 AND method = 'opaque'")
                    .bind(wallet_id.as_str())
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO wrapped_keys (wallet_id, method, key_id, wrapped, created_at) VALUES ($1, 'opaque', $2, $3, $4)",
                )
                .bind(wallet_id.as_str())
                .bind(&credential.key_id)
                .bind(&credential.wrapped_key)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM sessions WHERE wallet_id = $1")
                    .bind(wallet_id.as_str())
                    .execute(&mut *tx)
                    .await?;
                // A login started with the old secret must not finish after the replacement.
                sqlx::query("DELETE FROM login_states WHERE wallet_id = $1")
                    .bind(wallet_id.as_str())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn wallet_by_number(
                &self,
                number: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::WalletRecord>> {
                let sql = concat!("SELECT ", $crate::store::sql::wallet_columns!(), " FROM wallets WHERE number = $1 AND hidden_of IS NULL");
                let row: Option<$crate::store::sql::WalletRow> =
                    sqlx::query_as(sql).bind(number).fetch_optional(&self.pool).await?;
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
                    "SELECT remaining_uses FROM invites WHERE code_hash = $1 AND remaining_uses > 0 AND expires_at > $2",
                )
                .bind(code_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.is_some())
            }

            async fn count_login_attempt(
                &self,
                key: &[u8],
                now: i64,
                policy: $crate::store::BackoffPolicy,
            ) -> $crate::store::StoreResult<$crate::store::AttemptOutcome> {
                sqlx::query(
                    "INSERT INTO login_throttle (key, failures, blocked_until, updated_at) VALUES ($1, 0, 0, $2) \
                     ON CONFLICT (key) DO NOTHING",
                )
                .bind(key)
                .bind(now)
                .execute(&self.pool)
                .await?;
                // One statement counts the attempt and sets the next back-off, so two concurrent
                // starts can't both slip through on a stale count.
                let counted: Option<(i64,)> = sqlx::query_as(
                    "UPDATE login_throttle SET failures = failures + 1, updated_at = $2, blocked_until = $2 + CASE \
                       WHEN failures + 1 < $3 THEN 0 \
                       WHEN failures + 1 - $3 > 30 THEN $5 \
                       WHEN (CAST($4 AS BIGINT) << CAST(failures + 1 - $3 AS INTEGER)) >= $5 THEN $5 \
                       ELSE (CAST($4 AS BIGINT) << CAST(failures + 1 - $3 AS INTEGER)) END \
                     WHERE key = $1 AND blocked_until <= $2 RETURNING failures",
                )
                .bind(key)
                .bind(now)
                .bind(policy.free_attempts)
                .bind(policy.first_delay)
                .bind(policy.max_delay)
                .fetch_optional(&self.pool)
                .await?;
                if counted.is_some() {
                    return Ok($crate::store::AttemptOutcome::Allowed);
                }
                let (blocked_until,): (i64,) =
                    sqlx::query_as("SELECT blocked_until FROM login_throttle WHERE key = $1")
                        .bind(key)
                        .fetch_one(&self.pool)
                        .await?;
                Ok($crate::store::AttemptOutcome::BlockedUntil(blocked_until))
            }

            async fn clear_login_attempts(&self, key: &[u8]) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM login_throttle WHERE key = $1")
                    .bind(key)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn give_back_login_attempt(&self, key: &[u8]) -> $crate::store::StoreResult<()> {
                sqlx::query("UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0")
                    .bind(key)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn add_global_login_failures(&self, bucket: i64, delta: i64) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO login_global (bucket, failures) VALUES ($1, $2) \
                     ON CONFLICT (bucket) DO UPDATE SET failures = login_global.failures + $2",
                )
                .bind(bucket)
                .bind(delta)
                .execute(&self.pool)
                .await?;
                Ok(())
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

            async fn count_global_login_failure(
                &self,
                bucket: i64,
                since_bucket: i64,
                limit: i64,
            ) -> $crate::store::StoreResult<bool> {
                let window = &$crate::store::sql::LOGIN_WINDOW;
                Ok(count_in_window(&self.pool, window, bucket, since_bucket, limit).await?)
            }

            async fn global_login_failures(
                &self,
                since_bucket: i64,
            ) -> $crate::store::StoreResult<(i64, Option<i64>)> {
                let window = &$crate::store::sql::LOGIN_WINDOW;
                Ok(window_sum(&self.pool, window, since_bucket).await?)
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

            async fn put_login_state(&self, s: &$crate::store::LoginState) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO login_states (id, wallet_id, state, throttle_key, bucket, expires_at, give_back_key, give_back_bucket) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&s.id)
                .bind(s.wallet_id.as_ref().map(|w| w.as_str().to_owned()))
                .bind(&s.state)
                .bind(&s.throttle_key)
                .bind(s.bucket)
                .bind(s.expires_at)
                .bind(s.give_back.as_ref().map(|g| g.0.clone()))
                .bind(s.give_back.as_ref().map(|g| g.1))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn take_login_state(
                &self,
                id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::LoginState>> {
                let row: Option<$crate::store::sql::LoginStateRow> = sqlx::query_as(
                    "DELETE FROM login_states WHERE id = $1 \
                     RETURNING id, wallet_id, state, throttle_key, bucket, expires_at, give_back_key, give_back_bucket",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.filter(|r| r.expires_at > now).map(|r| {
                    $crate::store::LoginState {
                        id: r.id,
                        wallet_id: r.wallet_id.map($crate::ids::WalletId::from_stored),
                        state: r.state,
                        throttle_key: r.throttle_key,
                        bucket: r.bucket,
                        give_back: r.give_back_key.zip(r.give_back_bucket),
                        expires_at: r.expires_at,
                    }
                }))
            }

            async fn create_session(
                &self,
                token_hash: &[u8],
                wallet_id: &$crate::ids::WalletId,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                // Refused while the wallet, or the everyday wallet of a hidden part, is locked.
                let inserted = sqlx::query(
                    "INSERT INTO sessions (token_hash, wallet_id, created_at, last_seen_at) \
                     SELECT $1, w.id, $3, $3 FROM wallets w LEFT JOIN wallets p ON p.id = w.hidden_of \
                     WHERE w.id = $2 AND (w.locked_until IS NULL OR w.locked_until <= $3) \
                     AND (p.locked_until IS NULL OR p.locked_until <= $3)",
                )
                .bind(token_hash)
                .bind(wallet_id.as_str())
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(inserted.rows_affected() == 1)
            }

            async fn time_locked_until(
                &self,
                wallet_id: &$crate::ids::WalletId,
                now: i64,
            ) -> $crate::store::StoreResult<Option<i64>> {
                // The lock is kept on the everyday wallet and covers its hidden parts.
                let row: Option<(i64,)> = sqlx::query_as(
                    "SELECT r.locked_until FROM wallets w JOIN wallets r ON r.id = COALESCE(w.hidden_of, w.id) \
                     WHERE w.id = $1 AND r.locked_until > $2",
                )
                .bind(wallet_id.as_str())
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| r.0))
            }

            async fn spend_login_proof(
                &self,
                id: &[u8],
                expires_at: i64,
            ) -> $crate::store::StoreResult<bool> {
                let inserted = sqlx::query(
                    "INSERT INTO login_proofs_spent (id, expires_at) VALUES ($1, $2) \
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(id)
                .bind(expires_at)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(inserted == 1)
            }

            async fn put_hidden_attempt(
                &self,
                a: &$crate::store::HiddenAttempt,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO hidden_attempts (id, wallet_id, throttle_key, bucket, expires_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&a.id)
                .bind(a.wallet_id.as_ref().map(|w| w.as_str().to_owned()))
                .bind(&a.throttle_key)
                .bind(a.bucket)
                .bind(a.expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn take_hidden_attempt(
                &self,
                id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::HiddenAttempt>> {
                // DELETE … RETURNING: of two requests racing with one id, only one gets the row.
                let row: Option<$crate::store::sql::HiddenAttemptRow> = sqlx::query_as(
                    "DELETE FROM hidden_attempts WHERE id = $1 \
                     RETURNING id, wallet_id, throttle_key, bucket, expires_at",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.filter(|r| r.expires_at > now).map(|r| $crate::store::HiddenAttempt {
                    id: r.id,
                    wallet_id: r.wallet_id.map($crate::ids::WalletId::from_stored),
                    throttle_key: r.throttle_key,
                    bucket: r.bucket,
                    expires_at: r.expires_at,
                }))
            }

            async fn put_pending_hidden(
                &self,
                p: &$crate::store::PendingHidden,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO pending_hidden (id, wallet_id, parent_id, slot, ksf, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&p.id)
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
                id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::PendingHidden>> {
                let row: Option<$crate::store::sql::PendingHiddenRow> = sqlx::query_as(
                    "DELETE FROM pending_hidden WHERE id = $1 \
                     RETURNING id, wallet_id, parent_id, slot, ksf, expires_at",
                )
                .bind(id)
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

            async fn time_lock(
                &self,
                wallet_id: &$crate::ids::WalletId,
                until: i64,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                // The everyday wallet carries the lock; every part of it loses its sessions.
                let root: (String,) = sqlx::query_as(
                    "SELECT COALESCE(hidden_of, id) FROM wallets WHERE id = $1",
                )
                .bind(wallet_id.as_str())
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("UPDATE wallets SET locked_until = $2 WHERE id = $1")
                    .bind(&root.0)
                    .bind(until)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM sessions WHERE wallet_id IN (SELECT id FROM wallets WHERE id = $1 OR hidden_of = $1)")
                    .bind(&root.0)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM login_states WHERE wallet_id IN (SELECT id FROM wallets WHERE id = $1 OR hidden_of = $1)")
                    .bind(&root.0)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM pending_recoveries WHERE wallet_id = $1")
                    .bind(&root.0)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM pending_hidden WHERE parent_id = $1")
                    .bind(&root.0)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn touch_session(
                &self,
                token_hash: &[u8],
                now: i64,
                idle: i64,
                absolute: i64,
            ) -> $crate::store::StoreResult<Option<$crate::ids::WalletId>> {
                // A session of a time-locked wallet is refused even if one was left behind.
                let row: Option<(String,)> = sqlx::query_as(
                    "UPDATE sessions SET last_seen_at = $2 \
                     WHERE token_hash = $1 AND last_seen_at > $2 - $3 AND created_at > $2 - $4 \
                     AND NOT EXISTS (SELECT 1 FROM wallets w LEFT JOIN wallets p ON p.id = w.hidden_of \
                         WHERE w.id = sessions.wallet_id AND (w.locked_until > $2 OR p.locked_until > $2)) \
                     RETURNING wallet_id",
                )
                .bind(token_hash)
                .bind(now)
                .bind(idle)
                .bind(absolute)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| $crate::ids::WalletId::from_stored(r.0)))
            }

            async fn delete_session(&self, token_hash: &[u8]) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

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
                        .bind(&u.document_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if exists.is_some() {
                    return Ok(Outcome::DocumentExists);
                }
                let inserted = sqlx::query("INSERT INTO uploads (id, wallet_id, document_id, ciphertext_len, part_size, part_count, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(u.id.as_str())
                .bind(u.wallet_id.as_str())
                .bind(&u.document_id)
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
                deposit: Option<&str>,
            ) -> $crate::store::StoreResult<bool> {
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
                .bind(&d.id)
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
                        .bind(deposit_id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("INSERT INTO received_documents (wallet_id, document_id, deposit_id, received_at) VALUES ($1, $2, $3, $4)")
                        .bind(d.wallet_id.as_str())
                        .bind(&d.id)
                        .bind(deposit_id)
                        .bind(d.created_at)
                        .execute(&mut *tx)
                        .await?;
                }
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

            async fn upload_exists(&self, id: &str) -> $crate::store::StoreResult<bool> {
                let row: Option<(i64,)> = sqlx::query_as("SELECT CAST(1 AS BIGINT) FROM uploads WHERE id = $1")
                    .bind(id)
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
                id: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::DocumentRecord>> {
                let sql = concat!("SELECT ", $crate::store::sql::document_columns!(), " FROM documents WHERE wallet_id = $1 AND id = $2");
                let row: Option<$crate::store::sql::DocumentRow> = sqlx::query_as(sql)
                    .bind(wallet_id.as_str())
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map($crate::store::sql::document_from_row))
            }

            async fn update_metadata(
                &self,
                wallet_id: &$crate::ids::WalletId,
                id: &str,
                metadata: &[u8],
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE documents SET metadata = $3, updated_at = $4 WHERE wallet_id = $1 AND id = $2",
                )
                .bind(wallet_id.as_str())
                .bind(id)
                .bind(metadata)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn delete_document(
                &self,
                wallet_id: &$crate::ids::WalletId,
                id: &str,
            ) -> $crate::store::StoreResult<Option<String>> {
                let mut tx = self.pool.begin().await?;
                let row: Option<(String, i64)> = sqlx::query_as(
                    "DELETE FROM documents WHERE wallet_id = $1 AND id = $2 RETURNING blob_key, size",
                )
                .bind(wallet_id.as_str())
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((blob_key, size)) = row else { return Ok(None) };
                release(&mut tx, wallet_id, size).await?;
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

            async fn sweep_expired(
                &self,
                now: i64,
                idle: i64,
                absolute: i64,
            ) -> $crate::store::StoreResult<$crate::store::SweepCounts> {
                let mut removed = 0;
                removed += sqlx::query("DELETE FROM sessions WHERE last_seen_at <= $1 - $2 OR created_at <= $1 - $3")
                    .bind(now)
                    .bind(idle)
                    .bind(absolute)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                removed += sqlx::query("DELETE FROM login_states WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                removed += sqlx::query("DELETE FROM pending_recoveries WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                removed += sqlx::query("DELETE FROM login_proofs_spent WHERE expires_at < $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                removed += sqlx::query("DELETE FROM hidden_attempts WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                removed += sqlx::query("DELETE FROM pending_hidden WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                removed += sqlx::query("DELETE FROM pending_registrations WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                // Back-off records of names nobody tried for a day, and global buckets over a day old.
                removed += sqlx::query("DELETE FROM login_throttle WHERE updated_at <= $1 - 86400 AND blocked_until <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                for window in [&$crate::store::sql::LOGIN_WINDOW, &$crate::store::sql::CREATION_WINDOW] {
                    removed += sqlx::query(window.sweep)
                        .bind(now / 60 - 24 * 60)
                        .execute(&self.pool)
                        .await?
                        .rows_affected();
                }
                Ok($crate::store::SweepCounts { expired_rows: removed })
            }

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
                .bind(&g.id)
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
                    .bind(&g.id)
                    .bind(d.position)
                    .bind(&d.blob_key)
                    .bind(d.size)
                    .bind(&d.metadata)
                    .bind(d.stored_at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(Outcome::Created)
            }

            async fn grant(&self, id: &str) -> $crate::store::StoreResult<Option<$crate::store::GrantRecord>> {
                let row: Option<$crate::store::sql::GrantRow> =
                    sqlx::query_as(concat!("SELECT ", $crate::store::sql::grant_columns!(), " FROM grants WHERE id = $1"))
                        .bind(id)
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
                grant_id: &str,
                position: i64,
                blob_key: &str,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE grant_documents SET stored_at = $3, blob_key = $4 \
                     WHERE grant_id = $1 AND position = $2 AND stored_at IS NULL AND EXISTS \
                     (SELECT 1 FROM grants WHERE id = $1 AND purged_at IS NULL AND revoked_at IS NULL)",
                )
                .bind(grant_id)
                .bind(position)
                .bind(now)
                .bind(blob_key)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn grant_documents(
                &self,
                grant_id: &str,
            ) -> $crate::store::StoreResult<Vec<$crate::store::GrantDocumentRecord>> {
                let rows: Vec<(String, i64, String, i64, Vec<u8>, Option<i64>)> = sqlx::query_as(
                    "SELECT grant_id, position, blob_key, size, metadata, stored_at FROM grant_documents \
                     WHERE grant_id = $1 ORDER BY position",
                )
                .bind(grant_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(grant_id, position, blob_key, size, metadata, stored_at)| {
                        $crate::store::GrantDocumentRecord { grant_id, position, blob_key, size, metadata, stored_at }
                    })
                    .collect())
            }

            async fn count_grant_pin_failure(
                &self,
                grant_id: &str,
                max_failures: i64,
            ) -> $crate::store::StoreResult<Option<i64>> {
                // One statement: concurrent wrong PINs can't both slip under the limit.
                let row: Option<(i64,)> = sqlx::query_as(
                    "UPDATE grants SET pin_failures = pin_failures + 1 \
                     WHERE id = $1 AND pin_failures < $2 RETURNING pin_failures",
                )
                .bind(grant_id)
                .bind(max_failures)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| r.0))
            }

            async fn open_grant(
                &self,
                grant_id: &str,
                token_hash: &[u8],
                now: i64,
                token_expires_at: i64,
                max_pin_failures: i64,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin().await?;
                let counted: Option<(i64,)> = sqlx::query_as(
                    "UPDATE grants SET openings = openings + 1 \
                     WHERE id = $1 AND revoked_at IS NULL AND purged_at IS NULL AND expires_at > $2 \
                     AND pin_failures < $3 AND (max_openings IS NULL OR openings < max_openings) \
                     AND document_count = (SELECT COUNT(*) FROM grant_documents WHERE grant_id = $1 AND stored_at IS NOT NULL) \
                     RETURNING openings",
                )
                .bind(grant_id)
                .bind(now)
                .bind(max_pin_failures)
                .fetch_optional(&mut *tx)
                .await?;
                if counted.is_none() {
                    return Ok(false);
                }
                sqlx::query(
                    "INSERT INTO grant_openings (token_hash, grant_id, opened_at, expires_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(grant_id)
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
            ) -> $crate::store::StoreResult<Option<String>> {
                let row: Option<(String,)> = sqlx::query_as(
                    "SELECT grant_id FROM grant_openings WHERE token_hash = $1 AND expires_at > $2",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| r.0))
            }

            async fn grant_openings(&self, grant_id: &str) -> $crate::store::StoreResult<Vec<i64>> {
                let rows: Vec<(i64,)> = sqlx::query_as(
                    "SELECT opened_at FROM grant_openings WHERE grant_id = $1 ORDER BY opened_at",
                )
                .bind(grant_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|r| r.0).collect())
            }

            async fn revoke_grant(
                &self,
                wallet_id: &$crate::ids::WalletId,
                grant_id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE grants SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND wallet_id = $2",
                )
                .bind(grant_id)
                .bind(wallet_id.as_str())
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn create_deposit(
                &self,
                d: &$crate::store::DepositRecord,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO deposits (id, wallet_id, access_hash, recipient, key_id, recipient_check, label, max_files, files_received, created_at, expires_at, revoked_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(&d.id)
                .bind(d.wallet_id.as_str())
                .bind(&d.access_hash)
                .bind(&d.recipient)
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
                id: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::DepositRecord>> {
                let row: Option<$crate::store::sql::DepositRow> = sqlx::query_as(
                    concat!("SELECT ", $crate::store::sql::deposit_columns!(), " FROM deposits WHERE id = $1"),
                )
                .bind(id)
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
                deposit_id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE deposits SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND wallet_id = $2",
                )
                .bind(deposit_id)
                .bind(wallet_id.as_str())
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn take_deposit_slot(
                &self,
                deposit_id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let row: Option<(i64,)> = sqlx::query_as(
                    "UPDATE deposits SET files_received = files_received + 1, sending = sending + 1 \
                     WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2 AND files_received < max_files \
                     AND sending < $3 \
                     RETURNING files_received",
                )
                .bind(deposit_id)
                .bind(now)
                .bind(i64::from(pde_api::MAX_DEPOSIT_SENDING))
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.is_some())
            }

            async fn give_back_deposit_slot(
                &self,
                deposit_id: &str,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "UPDATE deposits SET files_received = files_received - 1, \
                     sending = CASE WHEN sending > 0 THEN sending - 1 ELSE 0 END \
                     WHERE id = $1 AND files_received > 0",
                )
                .bind(deposit_id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn link_deposit_upload(
                &self,
                upload_id: &$crate::ids::UploadId,
                deposit_id: &str,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query("INSERT INTO deposit_uploads (upload_id, deposit_id) VALUES ($1, $2)")
                    .bind(upload_id.as_str())
                    .bind(deposit_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn deposit_of_upload(
                &self,
                upload_id: &$crate::ids::UploadId,
            ) -> $crate::store::StoreResult<Option<String>> {
                let row: Option<(String,)> =
                    sqlx::query_as("SELECT deposit_id FROM deposit_uploads WHERE upload_id = $1")
                        .bind(upload_id.as_str())
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(id,)| id))
            }

            async fn received_documents(
                &self,
                wallet_id: &$crate::ids::WalletId,
            ) -> $crate::store::StoreResult<Vec<$crate::store::ReceivedDocument>> {
                let rows: Vec<(String, String, Option<Vec<u8>>, i64)> = sqlx::query_as(
                    "SELECT r.document_id, r.deposit_id, d.key_id, r.received_at FROM received_documents r \
                     LEFT JOIN deposits d ON d.id = r.deposit_id WHERE r.wallet_id = $1",
                )
                .bind(wallet_id.as_str())
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(document_id, deposit_id, key_id, received_at)| $crate::store::ReceivedDocument {
                        document_id,
                        deposit_id,
                        key_id,
                        received_at,
                    })
                    .collect())
            }

            async fn grants_to_purge(
                &self,
                now: i64,
                max_pin_failures: i64,
            ) -> $crate::store::StoreResult<Vec<String>> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT id FROM grants WHERE purged_at IS NULL \
                     AND (expires_at <= $1 OR revoked_at IS NOT NULL OR pin_failures >= $2)",
                )
                .bind(now)
                .bind(max_pin_failures)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|r| r.0).collect())
            }

            async fn purge_grant(&self, grant_id: &str, now: i64) -> $crate::store::StoreResult<Vec<String>> {
                let mut tx = self.pool.begin().await?;
                let grant: Option<(String, i64)> = sqlx::query_as(
                    "UPDATE grants SET purged_at = $2 WHERE id = $1 AND purged_at IS NULL \
                     RETURNING wallet_id, reserved_bytes",
                )
                .bind(grant_id)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((wallet_id, reserved)) = grant else { return Ok(Vec::new()) };
                let keys: Vec<(String,)> = sqlx::query_as(
                    "DELETE FROM grant_documents WHERE grant_id = $1 RETURNING blob_key",
                )
                .bind(grant_id)
                .fetch_all(&mut *tx)
                .await?;
                release(&mut tx, &$crate::ids::WalletId::from_stored(wallet_id), reserved).await?;
                tx.commit().await?;
                Ok(keys.into_iter().map(|k| k.0).collect())
            }
        }
    };
}

pub(super) use impl_store;
