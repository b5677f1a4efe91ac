//! The `AdminStore` statements both backends share (see `super`).

/// The columns of an [`AdminRow`].
macro_rules! admin_columns {
    () => {
        "id, name, role, state, created_at, enrol_expires_at"
    };
}
pub(in crate::store) use admin_columns;

/// The columns of a [`PasskeyRow`].
macro_rules! passkey_columns {
    () => {
        "id, admin_id, credential_id, passkey, label, created_at, last_used_at"
    };
}
pub(in crate::store) use passkey_columns;

/// An `admins` row.
#[derive(sqlx::FromRow)]
pub(in crate::store) struct AdminRow {
    id: String,
    name: String,
    role: String,
    state: String,
    created_at: i64,
    enrol_expires_at: Option<i64>,
}

impl From<AdminRow> for crate::store::admin::AdminRecord {
    fn from(row: AdminRow) -> Self {
        Self {
            id: row.id,
            name: row.name,
            // An unknown role reads as an observer: it can only read.
            role: pde_api::admin::AdminRole::parse(&row.role)
                .unwrap_or(pde_api::admin::AdminRole::Observer),
            state: crate::store::admin::AdminState::parse(&row.state),
            created_at: row.created_at,
            enrol_expires_at: row.enrol_expires_at,
        }
    }
}

/// An `admin_passkeys` row.
#[derive(sqlx::FromRow)]
pub(in crate::store) struct PasskeyRow {
    id: String,
    admin_id: String,
    credential_id: Vec<u8>,
    passkey: String,
    label: String,
    created_at: i64,
    last_used_at: Option<i64>,
}

impl From<PasskeyRow> for crate::store::admin::PasskeyRecord {
    fn from(row: PasskeyRow) -> Self {
        Self {
            id: row.id,
            admin_id: row.admin_id,
            credential_id: row.credential_id,
            passkey: row.passkey,
            label: row.label,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
        }
    }
}

/// An `admin_ceremonies` row.
#[derive(sqlx::FromRow)]
pub(in crate::store) struct CeremonyRow {
    id: String,
    kind: String,
    admin_id: Option<String>,
    session_hash: Option<Vec<u8>>,
    state: String,
    expires_at: i64,
}

impl From<CeremonyRow> for crate::store::admin::CeremonyRecord {
    fn from(row: CeremonyRow) -> Self {
        Self {
            id: row.id,
            kind: row.kind,
            admin_id: row.admin_id,
            session_hash: row.session_hash,
            state: row.state,
            expires_at: row.expires_at,
        }
    }
}

/// Implements [`crate::store::admin::AdminStore`] for a store type of `impl_store!`.
macro_rules! impl_admin {
    ($store:ty, $db:ty) => {
        /// Adds a passkey unless its credential is known; rows added (0 or 1).
        async fn insert_admin_passkey<'e, E>(
            executor: E,
            passkey: &$crate::store::admin::PasskeyRecord,
        ) -> Result<u64, sqlx::Error>
        where
            E: sqlx::Executor<'e, Database = $db>,
        {
            Ok(sqlx::query(
                "INSERT INTO admin_passkeys (id, admin_id, credential_id, passkey, label, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (credential_id) DO NOTHING",
            )
            .bind(&passkey.id)
            .bind(&passkey.admin_id)
            .bind(&passkey.credential_id)
            .bind(&passkey.passkey)
            .bind(&passkey.label)
            .bind(passkey.created_at)
            .execute(executor)
            .await?
            .rows_affected())
        }

        #[async_trait::async_trait]
        impl $crate::store::admin::AdminStore for $store {
            async fn create_admin(
                &self,
                admin: $crate::store::admin::NewAdmin,
            ) -> $crate::store::StoreResult<bool> {
                let inserted = sqlx::query(
                    "INSERT INTO admins (id, name, role, state, created_at, enrol_hash, \
                     enrol_expires_at) VALUES ($1, $2, $3, 'enrolling', $4, $5, $6) \
                     ON CONFLICT (name) DO NOTHING",
                )
                .bind(&admin.id)
                .bind(&admin.name)
                .bind(admin.role.as_str())
                .bind(admin.created_at)
                .bind(&admin.enrol_hash)
                .bind(admin.enrol_expires_at)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(inserted == 1)
            }

            async fn admins(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::store::admin::AdminRecord>> {
                let rows: Vec<$crate::store::sql::admin::AdminRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::store::sql::admin::admin_columns!(),
                    " FROM admins ORDER BY name"
                ))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn admin(
                &self,
                id: &str,
            ) -> $crate::store::StoreResult<Option<$crate::store::admin::AdminRecord>> {
                let row: Option<$crate::store::sql::admin::AdminRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::store::sql::admin::admin_columns!(),
                    " FROM admins WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn admin_by_enrol_hash(
                &self,
                enrol_hash: &[u8],
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::admin::AdminRecord>> {
                let row: Option<$crate::store::sql::admin::AdminRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::store::sql::admin::admin_columns!(),
                    " FROM admins WHERE enrol_hash = $1 AND state = 'enrolling' \
                      AND enrol_expires_at > $2"
                ))
                .bind(enrol_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn finish_enrolment(
                &self,
                enrol_hash: &[u8],
                passkey: $crate::store::admin::PasskeyRecord,
                confirm_hash: &[u8],
                confirm_expires_at: i64,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin().await?;
                // The link is spent here, once: a second finish finds no row.
                let spent = sqlx::query(
                    "UPDATE admins SET state = 'confirming', enrol_hash = NULL, \
                     enrol_expires_at = NULL, confirm_hash = $1, confirm_expires_at = $2 \
                     WHERE id = $3 AND enrol_hash = $4 AND state = 'enrolling' \
                     AND enrol_expires_at > $5",
                )
                .bind(confirm_hash)
                .bind(confirm_expires_at)
                .bind(&passkey.admin_id)
                .bind(enrol_hash)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if spent != 1 {
                    return Ok(false);
                }
                let added = insert_admin_passkey(&mut *tx, &passkey).await?;
                if added != 1 {
                    return Ok(false);
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn confirm_admin(
                &self,
                confirm_hash: &[u8],
                now: i64,
            ) -> $crate::store::StoreResult<Option<String>> {
                let row: Option<(String,)> = sqlx::query_as(
                    "UPDATE admins SET state = 'active', confirm_hash = NULL, \
                     confirm_expires_at = NULL \
                     WHERE confirm_hash = $1 AND confirm_expires_at > $2 AND state = 'confirming' \
                     RETURNING name",
                )
                .bind(confirm_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(name,)| name))
            }

            async fn revoke_admin(&self, name: &str) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin().await?;
                let row: Option<(String,)> = sqlx::query_as(
                    "UPDATE admins SET state = 'revoked', enrol_hash = NULL, \
                     enrol_expires_at = NULL, confirm_hash = NULL, confirm_expires_at = NULL \
                     WHERE name = $1 RETURNING id",
                )
                .bind(name)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id,)) = row else {
                    return Ok(false);
                };
                sqlx::query("DELETE FROM admin_sessions WHERE admin_id = $1")
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM admin_ceremonies WHERE admin_id = $1")
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn put_ceremony(
                &self,
                ceremony: $crate::store::admin::CeremonyRecord,
                max_pending: i64,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                // One statement: the count and the insert see the same table (SQLite writes one
                // at a time; on PostgreSQL, concurrent starts can pass the cap by their number).
                let kept = sqlx::query(
                    "INSERT INTO admin_ceremonies (id, kind, admin_id, session_hash, state, \
                     expires_at) SELECT $1, $2, $3, $4, $5, $6 \
                     WHERE (SELECT COUNT(*) FROM admin_ceremonies WHERE kind = $2 \
                     AND expires_at > $7) < $8",
                )
                .bind(&ceremony.id)
                .bind(&ceremony.kind)
                .bind(&ceremony.admin_id)
                .bind(&ceremony.session_hash)
                .bind(&ceremony.state)
                .bind(ceremony.expires_at)
                .bind(now)
                .bind(max_pending)
                .execute(&self.pool)
                .await?;
                Ok(kept.rows_affected() == 1)
            }

            async fn pending_ceremonies(
                &self,
                kind: &str,
                now: i64,
            ) -> $crate::store::StoreResult<i64> {
                let (count,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM admin_ceremonies WHERE kind = $1 AND expires_at > $2",
                )
                .bind(kind)
                .bind(now)
                .fetch_one(&self.pool)
                .await?;
                Ok(count)
            }

            async fn take_ceremony(
                &self,
                id: &str,
                kind: &str,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::admin::CeremonyRecord>> {
                let row: Option<$crate::store::sql::admin::CeremonyRow> = sqlx::query_as(
                    "DELETE FROM admin_ceremonies WHERE id = $1 AND kind = $2 \
                     RETURNING id, kind, admin_id, session_hash, state, expires_at",
                )
                .bind(id)
                .bind(kind)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row
                    .map($crate::store::admin::CeremonyRecord::from)
                    .filter(|ceremony| ceremony.expires_at > now))
            }

            async fn active_passkeys(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::store::admin::PasskeyRecord>> {
                let rows: Vec<$crate::store::sql::admin::PasskeyRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::store::sql::admin::passkey_columns!(),
                    " FROM admin_passkeys WHERE admin_id IN \
                      (SELECT id FROM admins WHERE state = 'active') ORDER BY created_at, id"
                ))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn passkeys_of(
                &self,
                admin_id: &str,
            ) -> $crate::store::StoreResult<Vec<$crate::store::admin::PasskeyRecord>> {
                let rows: Vec<$crate::store::sql::admin::PasskeyRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::store::sql::admin::passkey_columns!(),
                    " FROM admin_passkeys WHERE admin_id = $1 ORDER BY created_at, id"
                ))
                .bind(admin_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn add_passkey(
                &self,
                passkey: $crate::store::admin::PasskeyRecord,
            ) -> $crate::store::StoreResult<bool> {
                let added = insert_admin_passkey(&self.pool, &passkey).await?;
                Ok(added == 1)
            }

            async fn passkey_used(
                &self,
                id: &str,
                passkey: &str,
                now: i64,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "UPDATE admin_passkeys SET passkey = $1, last_used_at = $2 WHERE id = $3",
                )
                .bind(passkey)
                .bind(now)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn remove_passkey(
                &self,
                admin_id: &str,
                passkey_id: &str,
                keep: &[u8],
            ) -> $crate::store::StoreResult<$crate::store::admin::PasskeyRemoval> {
                use $crate::store::admin::PasskeyRemoval;
                let mut tx = self.pool.begin().await?;
                // Written first: two removals for one administrator run one after the other
                // (PostgreSQL locks the row, SQLite the database), so the count below can't
                // let both remove the last two passkeys.
                sqlx::query("UPDATE admins SET state = state WHERE id = $1")
                    .bind(admin_id)
                    .execute(&mut *tx)
                    .await?;
                let ids: Vec<(String,)> =
                    sqlx::query_as("SELECT id FROM admin_passkeys WHERE admin_id = $1")
                        .bind(admin_id)
                        .fetch_all(&mut *tx)
                        .await?;
                if !ids.iter().any(|(id,)| id == passkey_id) {
                    return Ok(PasskeyRemoval::NotFound);
                }
                if ids.len() < 2 {
                    return Ok(PasskeyRemoval::Last);
                }
                sqlx::query("DELETE FROM admin_passkeys WHERE id = $1 AND admin_id = $2")
                    .bind(passkey_id)
                    .bind(admin_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM admin_sessions WHERE admin_id = $1 AND token_hash <> $2")
                    .bind(admin_id)
                    .bind(keep)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(PasskeyRemoval::Removed)
            }

            async fn open_admin_session(
                &self,
                token_hash: &[u8],
                admin_id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO admin_sessions (token_hash, admin_id, created_at, last_seen_at) \
                     VALUES ($1, $2, $3, $3)",
                )
                .bind(token_hash)
                .bind(admin_id)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn admin_session(
                &self,
                token_hash: &[u8],
                now: i64,
                idle: i64,
                absolute: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::admin::AdminSessionRecord>>
            {
                let row: Option<(String, i64)> = sqlx::query_as(
                    "UPDATE admin_sessions SET last_seen_at = $2 WHERE token_hash = $1 \
                     AND last_seen_at > $2 - $3 AND created_at > $2 - $4 \
                     RETURNING admin_id, fresh_until",
                )
                .bind(token_hash)
                .bind(now)
                .bind(idle)
                .bind(absolute)
                .fetch_optional(&self.pool)
                .await?;
                let Some((admin_id, fresh_until)) = row else {
                    return Ok(None);
                };
                let admin = $crate::store::admin::AdminStore::admin(self, &admin_id).await?;
                Ok(admin
                    .filter(|admin| admin.state == $crate::store::admin::AdminState::Active)
                    .map(|admin| $crate::store::admin::AdminSessionRecord { admin, fresh_until }))
            }

            async fn mark_fresh(
                &self,
                token_hash: &[u8],
                until: i64,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query("UPDATE admin_sessions SET fresh_until = $1 WHERE token_hash = $2")
                    .bind(until)
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn end_admin_session(
                &self,
                token_hash: &[u8],
            ) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM admin_sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn audit(
                &self,
                at: i64,
                actor: &str,
                action: &str,
                subject: &str,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO admin_audit (at, actor, action, subject) VALUES ($1, $2, $3, $4)",
                )
                .bind(at)
                .bind(actor)
                .bind(action)
                .bind(subject)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn audit_log(
                &self,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<pde_api::admin::AuditEntry>> {
                let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
                    "SELECT seq, at, actor, action, subject FROM admin_audit \
                     ORDER BY seq DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(seq, at, actor, action, subject)| pde_api::admin::AuditEntry {
                        seq,
                        at,
                        actor,
                        action,
                        subject,
                    })
                    .collect())
            }

            async fn sweep_admin(
                &self,
                now: i64,
                idle: i64,
                absolute: i64,
            ) -> $crate::store::StoreResult<u64> {
                let mut removed = sqlx::query("DELETE FROM admin_ceremonies WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                removed += sqlx::query(
                    "DELETE FROM admin_sessions WHERE last_seen_at <= $1 - $2 \
                     OR created_at <= $1 - $3",
                )
                .bind(now)
                .bind(idle)
                .bind(absolute)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(removed)
            }
        }
    };
}
pub(in crate::store) use impl_admin;
