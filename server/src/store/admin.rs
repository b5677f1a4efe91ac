//! What the administration console stores: administrators, their passkeys, ceremonies, sessions
//! and the append-only audit log. Nothing here points to a wallet.

use async_trait::async_trait;
use pde_api::admin::{AdminRole, AuditEntry};

use super::StoreResult;

/// Where an administrator stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdminState {
    /// The enrolment link is out; no passkey yet.
    Enrolling,
    /// A passkey is registered; the code waits for `pde-server admin confirm`.
    Confirming,
    /// May log in.
    Active,
    /// Refused for good.
    Revoked,
}

impl AdminState {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Enrolling => "enrolling",
            Self::Confirming => "confirming",
            Self::Active => "active",
            Self::Revoked => "revoked",
        }
    }

    /// From its stored name (anything unknown reads as revoked: refused).
    pub fn parse(text: &str) -> Self {
        match text {
            "enrolling" => Self::Enrolling,
            "confirming" => Self::Confirming,
            "active" => Self::Active,
            _ => Self::Revoked,
        }
    }
}

/// An administrator.
#[derive(Clone, Debug)]
pub struct AdminRecord {
    /// Random UUID (the WebAuthn user handle).
    pub id: String,
    /// Name given at enrolment.
    pub name: String,
    /// Role.
    pub role: AdminRole,
    /// State.
    pub state: AdminState,
    /// Unix seconds.
    pub created_at: i64,
    /// Until when the enrolment link works, while enrolling.
    pub enrol_expires_at: Option<i64>,
}

/// A new administrator and their enrolment link.
pub struct NewAdmin {
    /// Random UUID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: AdminRole,
    /// Unix seconds.
    pub created_at: i64,
    /// SHA-256 of the link's token.
    pub enrol_hash: Vec<u8>,
    /// Until when the link works.
    pub enrol_expires_at: i64,
}

/// A passkey.
#[derive(Clone, Debug)]
pub struct PasskeyRecord {
    /// Random hex id.
    pub id: String,
    /// Its administrator.
    pub admin_id: String,
    /// The WebAuthn credential id.
    pub credential_id: Vec<u8>,
    /// webauthn-rs's record, JSON.
    pub passkey: String,
    /// Label.
    pub label: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub last_used_at: Option<i64>,
}

/// A passkey ceremony's state, kept server-side.
#[derive(Clone, Debug)]
pub struct CeremonyRecord {
    /// Random hex id, given to the browser.
    pub id: String,
    /// `enrol`, `login`, `reauth` or `add`.
    pub kind: String,
    /// The administrator it is for (none for a login: the passkey says who).
    pub admin_id: Option<String>,
    /// The admin session it belongs to (fresh assertions and new passkeys).
    pub session_hash: Option<Vec<u8>>,
    /// webauthn-rs's state, JSON.
    pub state: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// What removing a passkey did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasskeyRemoval {
    /// Removed.
    Removed,
    /// Not one of this administrator's.
    NotFound,
    /// The last one: kept.
    Last,
}

/// An admin session's administrator, checked and touched.
#[derive(Clone, Debug)]
pub struct AdminSessionRecord {
    /// Who.
    pub admin: AdminRecord,
    /// Until when it may add or remove a passkey (Unix seconds).
    pub fresh_until: i64,
}

/// The administration console's storage.
#[async_trait]
pub trait AdminStore: Send + Sync {
    /// Adds an administrator with an enrolment link; `false` if the name is taken.
    async fn create_admin(&self, admin: NewAdmin) -> StoreResult<bool>;
    /// Every administrator, by name.
    async fn admins(&self) -> StoreResult<Vec<AdminRecord>>;
    /// An administrator.
    async fn admin(&self, id: &str) -> StoreResult<Option<AdminRecord>>;
    /// The enrolling administrator whose link's token hashes to `enrol_hash`, if the link still
    /// works at `now`.
    async fn admin_by_enrol_hash(
        &self,
        enrol_hash: &[u8],
        now: i64,
    ) -> StoreResult<Option<AdminRecord>>;
    /// Ends an enrolment, once: the link is spent, the passkey kept, the code's hash stored.
    /// `false` if the link was spent meanwhile, its hour is over at `now` (a ceremony begun in
    /// its last minute ends with it), or the passkey is known already.
    async fn finish_enrolment(
        &self,
        enrol_hash: &[u8],
        passkey: PasskeyRecord,
        confirm_hash: &[u8],
        confirm_expires_at: i64,
        now: i64,
    ) -> StoreResult<bool>;
    /// Activates the administrator waiting for the code hashing to `confirm_hash`; their name.
    async fn confirm_admin(&self, confirm_hash: &[u8], now: i64) -> StoreResult<Option<String>>;
    /// Revokes an administrator by name and ends their sessions; `false` if there is none.
    async fn revoke_admin(&self, name: &str) -> StoreResult<bool>;
    /// Keeps a ceremony's state, unless `max_pending` unexpired ceremonies of its kind (at
    /// `now`) are kept already: `false`, nothing kept. (A login starts one without a session:
    /// the cap bounds the table; each kind has its own, so that logins started by anyone never
    /// stop an enrolment or a signed-in administrator's confirmation.)
    async fn put_ceremony(
        &self,
        ceremony: CeremonyRecord,
        max_pending: i64,
        now: i64,
    ) -> StoreResult<bool>;
    /// How many ceremonies of `kind` are under way (unexpired at `now`).
    async fn pending_ceremonies(&self, kind: &str, now: i64) -> StoreResult<i64>;
    /// Takes a ceremony of `kind` (deleted as it is read) if it has not expired at `now`.
    async fn take_ceremony(
        &self,
        id: &str,
        kind: &str,
        now: i64,
    ) -> StoreResult<Option<CeremonyRecord>>;
    /// The passkeys of every active administrator.
    async fn active_passkeys(&self) -> StoreResult<Vec<PasskeyRecord>>;
    /// An administrator's passkeys, oldest first.
    async fn passkeys_of(&self, admin_id: &str) -> StoreResult<Vec<PasskeyRecord>>;
    /// Adds a passkey; `false` if its credential is known already.
    async fn add_passkey(&self, passkey: PasskeyRecord) -> StoreResult<bool>;
    /// Stores a passkey's record after a use (its counter) and the time of use.
    async fn passkey_used(&self, id: &str, passkey: &str, now: i64) -> StoreResult<()>;
    /// Removes one of an administrator's passkeys, never the last, and ends their other
    /// sessions (one may have been opened with that passkey); the session `keep` goes on.
    async fn remove_passkey(
        &self,
        admin_id: &str,
        passkey_id: &str,
        keep: &[u8],
    ) -> StoreResult<PasskeyRemoval>;
    /// Opens an admin session.
    async fn open_admin_session(
        &self,
        token_hash: &[u8],
        admin_id: &str,
        now: i64,
    ) -> StoreResult<()>;
    /// The session's active administrator, touched at `now`, if the session has been used within
    /// `idle` seconds and is younger than `absolute`.
    async fn admin_session(
        &self,
        token_hash: &[u8],
        now: i64,
        idle: i64,
        absolute: i64,
    ) -> StoreResult<Option<AdminSessionRecord>>;
    /// Lets the session add or remove a passkey until `until`.
    async fn mark_fresh(&self, token_hash: &[u8], until: i64) -> StoreResult<()>;
    /// Ends an admin session.
    async fn end_admin_session(&self, token_hash: &[u8]) -> StoreResult<()>;
    /// Appends to the audit log.
    async fn audit(&self, at: i64, actor: &str, action: &str, subject: &str) -> StoreResult<()>;
    /// The newest `limit` audit entries, newest first.
    async fn audit_log(&self, limit: i64) -> StoreResult<Vec<AuditEntry>>;
    /// Deletes expired ceremonies and admin sessions; how many.
    async fn sweep_admin(&self, now: i64, idle: i64, absolute: i64) -> StoreResult<u64>;
}
