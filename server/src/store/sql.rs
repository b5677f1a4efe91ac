//! The SQL both backends share. SQLite and PostgreSQL accept the same statements here (`$n`
//! placeholders, `ON CONFLICT`, `RETURNING`, integers for times and sizes), so one body of code is
//! instantiated for each pool type; what differs (connection set-up, migrations) lives in
//! `sqlite.rs` and `postgres.rs`. Each aggregate's statements are in a module of their own
//! (`sql/wallets.rs`, …); `impl_store!` puts them together for a pool type.

pub(super) mod admin;
pub(super) mod announcements;
pub(super) mod deposits;
pub(super) mod documents;
pub(super) mod feedback;
pub(super) mod grants;
pub(super) mod invitations;
pub(super) mod operations;
pub(super) mod sessions;
pub(super) mod statistics;
pub(super) mod wallets;

/// A wallet (the first parameter, `$1`) and its hidden parts, as a subquery.
macro_rules! wallet_family {
    () => {
        "(SELECT id FROM wallets WHERE id = $1 OR hidden_of = $1)"
    };
}
pub(super) use wallet_family;

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
    #[sqlx(try_from = "String")]
    recipient: pde_crypto::wallet::WalletRecipient,
    password_file: Vec<u8>,
    ksf: String,
    slot_ksf: String,
    created_at: i64,
    hidden_of: Option<String>,
}

pub(super) fn wallet_from_row(row: WalletRow) -> super::WalletRecord {
    super::WalletRecord {
        id: crate::ids::WalletId::from_stored(row.id),
        // A hidden part's row holds a unique placeholder, not a number.
        number: row.number.parse().ok(),
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
    #[sqlx(try_from = "String")]
    document_id: pde_crypto::document::DocumentId,
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
    #[sqlx(try_from = "String")]
    id: pde_crypto::document::DocumentId,
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
    #[sqlx(try_from = "String")]
    id: pde_api::DepositId,
    wallet_id: String,
    access_hash: Vec<u8>,
    #[sqlx(try_from = "String")]
    recipient: pde_crypto::wallet::WalletRecipient,
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
    #[sqlx(try_from = "String")]
    id: pde_api::GrantId,
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
    #[sqlx(try_from = "String")]
    pub(super) id: pde_api::RegistrationId,
    pub(super) wallet_id: String,
    #[sqlx(try_from = "String")]
    pub(super) number: pde_api::wallet_number::WalletNumber,
    pub(super) pseudonym: Option<String>,
    pub(super) ksf: String,
    pub(super) invite_hash: Option<Vec<u8>>,
    pub(super) expires_at: i64,
}

/// A `login_states` row (read once, as it is deleted).
#[derive(sqlx::FromRow)]
pub(super) struct LoginStateRow {
    #[sqlx(try_from = "String")]
    pub(super) id: pde_api::LoginId,
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
    #[sqlx(try_from = "String")]
    pub(super) id: pde_api::AttemptId,
    pub(super) wallet_id: Option<String>,
    pub(super) throttle_key: Vec<u8>,
    pub(super) bucket: i64,
    pub(super) expires_at: i64,
}

/// A `pending_hidden` row (read once, as it is deleted).
#[derive(sqlx::FromRow)]
pub(super) struct PendingHiddenRow {
    #[sqlx(try_from = "String")]
    pub(super) id: pde_api::RegistrationId,
    pub(super) wallet_id: String,
    pub(super) parent_id: String,
    pub(super) slot: Vec<u8>,
    pub(super) ksf: String,
    pub(super) expires_at: i64,
}

/// A `received_documents` row with its link's key id.
#[derive(sqlx::FromRow)]
pub(super) struct ReceivedRow {
    #[sqlx(try_from = "String")]
    pub(super) document_id: pde_crypto::document::DocumentId,
    #[sqlx(try_from = "String")]
    pub(super) deposit_id: pde_api::DepositId,
    pub(super) key_id: Option<Vec<u8>>,
    pub(super) received_at: i64,
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
/// Feedbacks over the whole server.
pub(super) const FEEDBACK_WINDOW: Window = window!("feedback_global", "received");

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

        /// Puts `wrapped` in the place of the wallet's key wrapped for `method` (the OPAQUE
        /// export key or the recovery sheet's key).
        async fn replace_wrapped_key(
            tx: &mut sqlx::Transaction<'_, $db>,
            wallet_id: &$crate::ids::WalletId,
            method: &str,
            key_id: &str,
            wrapped: &[u8],
            now: i64,
        ) -> Result<(), sqlx::Error> {
            sqlx::query("DELETE FROM wrapped_keys WHERE wallet_id = $1 AND method = $2")
                .bind(wallet_id.as_str())
                .bind(method)
                .execute(&mut **tx)
                .await?;
            sqlx::query(
                "INSERT INTO wrapped_keys (wallet_id, method, key_id, wrapped, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(wallet_id.as_str())
            .bind(method)
            .bind(key_id)
            .bind(wrapped)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            Ok(())
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

        /// Adds `n` to the statistics counter of `event` in the period starting at `period`,
        /// for `partner` (`''`: none), in the caller's transaction.
        async fn count_stat(
            tx: &mut sqlx::Transaction<'_, $db>,
            event: &str,
            period: i64,
            partner: &str,
            n: i64,
        ) -> Result<(), sqlx::Error> {
            sqlx::query($crate::store::sql::statistics::count_for_partner!())
                .bind(event)
                .bind(period)
                .bind(partner)
                .bind(n)
                .execute(&mut **tx)
                .await?;
            Ok(())
        }

        /// Adds one to the counter of `event` in the period starting at `period` for the
        /// partner kept on `wallet_id`'s everyday wallet, in the caller's transaction.
        async fn count_wallet_event(
            tx: &mut sqlx::Transaction<'_, $db>,
            event: &str,
            period: i64,
            wallet_id: &str,
        ) -> Result<(), sqlx::Error> {
            sqlx::query($crate::store::sql::statistics::count_for_wallet!())
                .bind(event)
                .bind(period)
                .bind(wallet_id)
                .bind(1_i64)
                .execute(&mut **tx)
                .await?;
            Ok(())
        }

        /// Counts documents stored (`added`) or removed, and their bytes, in the week `week`.
        async fn count_documents(
            tx: &mut sqlx::Transaction<'_, $db>,
            week: i64,
            documents: i64,
            bytes: i64,
            added: bool,
        ) -> Result<(), sqlx::Error> {
            use $crate::store::statistics::event;
            let (documents_event, bytes_event) = if added {
                (event::DOCUMENTS_ADDED, event::BYTES_ADDED)
            } else {
                (event::DOCUMENTS_REMOVED, event::BYTES_REMOVED)
            };
            if documents > 0 {
                count_stat(tx, documents_event, week, "", documents).await?;
                count_stat(tx, bytes_event, week, "", bytes).await?;
            }
            Ok(())
        }

        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            async fn migrate(&self) -> $crate::store::StoreResult<()> {
                self.run_migrations().await
            }

            async fn after_erasure(&self) -> $crate::store::StoreResult<()> {
                self.compact_after_erasure().await
            }

            async fn reclaim_space(&self) -> $crate::store::StoreResult<()> {
                self.vacuum().await
            }

            async fn close(&self) -> $crate::store::StoreResult<()> {
                self.close_pool().await
            }

            async fn storage_used(&self) -> $crate::store::StoreResult<i64> {
                let (used,): (i64,) =
                    sqlx::query_as("SELECT used_bytes FROM global_usage WHERE id = 1")
                        .fetch_one(&self.pool)
                        .await?;
                Ok(used)
            }

            async fn probe_write(&self) -> $crate::store::StoreResult<()> {
                sqlx::query("UPDATE global_usage SET used_bytes = used_bytes WHERE id = 1")
                    .execute(&self.pool)
                    .await?;
                Ok(())
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
                for window in [
                    &$crate::store::sql::LOGIN_WINDOW,
                    &$crate::store::sql::CREATION_WINDOW,
                    &$crate::store::sql::FEEDBACK_WINDOW,
                ] {
                    removed += sqlx::query(window.sweep)
                        .bind(now / 60 - 24 * 60)
                        .execute(&self.pool)
                        .await?
                        .rows_affected();
                }
                Ok($crate::store::SweepCounts { expired_rows: removed })
            }
        }

        $crate::store::sql::wallets::impl_wallets!($store, $db);
        $crate::store::sql::sessions::impl_sessions!($store, $db);
        $crate::store::sql::documents::impl_documents!($store, $db);
        $crate::store::sql::grants::impl_grants!($store, $db);
        $crate::store::sql::deposits::impl_deposits!($store, $db);
        $crate::store::sql::operations::impl_operations!($store, $db);
        $crate::store::sql::admin::impl_admin!($store, $db);
        $crate::store::sql::invitations::impl_invitations!($store, $db);
        $crate::store::sql::statistics::impl_statistics!($store, $db);
        $crate::store::sql::feedback::impl_feedback!($store, $db);
        $crate::store::sql::announcements::impl_announcements!($store, $db);
    };
}

pub(super) use impl_store;
