//! Storage of everything but blobs, behind one trait with a SQLite and a PostgreSQL
//! implementation that the same test suite runs against.
//!
//! Times are Unix seconds (`i64`) everywhere, so both backends store plain integers. Every piece of
//! shared state (sessions, attempt counters, uploads) lives here, never only in a process's memory,
//! so that replicas can share one database.

pub mod admin;
pub mod announcements;
pub mod feedback;
pub mod invitations;
mod postgres;
mod sql;
mod sqlite;
pub mod statistics;

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use async_trait::async_trait;

use pde_api::ids::{AttemptId, DepositId, GrantId, LoginId, RecoveryId, RegistrationId};
use pde_api::wallet_number::WalletNumber;
use pde_crypto::document::DocumentId;
use pde_crypto::wallet::WalletRecipient;

use crate::ids::{UploadId, WalletId};

/// A storage failure. Expected outcomes (a taken pseudonym, a missing row) are not errors: they
/// are the return values of the methods.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// Migrations failed.
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// This backend does not do that (it has its own tool for it).
    #[error("{0}")]
    Unsupported(&'static str),
}

/// Result of storage calls.
pub type StoreResult<T> = Result<T, StoreError>;

/// A wallet being created: between the two OPAQUE registration messages.
#[derive(Clone)]
pub struct PendingRegistration {
    /// Registration id given to the client.
    pub id: RegistrationId,
    /// The wallet id it will get (the OPAQUE credential identifier).
    pub wallet_id: WalletId,
    /// Its number.
    pub number: WalletNumber,
    /// Its normalised pseudonym.
    pub pseudonym: Option<String>,
    /// Argon2 parameters, JSON.
    pub ksf: String,
    /// Hash of the invitation code given, if any.
    pub invite_hash: Option<Vec<u8>>,
    /// Unix seconds.
    pub expires_at: i64,
}

/// A wallet to insert.
pub struct NewWallet {
    /// Internal id.
    pub id: WalletId,
    /// Wallet number; none for a hidden part (it shows its everyday wallet's).
    pub number: Option<WalletNumber>,
    /// Normalised pseudonym.
    pub pseudonym: Option<String>,
    /// age recipient.
    pub recipient: WalletRecipient,
    /// OPAQUE password file (server registration record).
    pub password_file: Vec<u8>,
    /// Argon2 parameters, JSON.
    pub ksf: String,
    /// Argon2 parameters of hidden slots and parts, JSON; fixed at creation.
    pub slot_ksf: String,
    /// (method, key id, wrapped key).
    pub wrapped_keys: Vec<(String, String, Vec<u8>)>,
    /// SHA-256 of the recovery token (to recognise the recovery key later); none for a hidden
    /// part (it has no recovery key).
    pub recovery_verifier: Option<Vec<u8>>,
    /// For a hidden part: the everyday wallet and the slot.
    pub hidden: Option<(WalletId, Vec<u8>)>,
    /// Unix seconds.
    pub created_at: i64,
}

/// A hidden part between its two OPAQUE registration messages.
#[derive(Clone)]
pub struct PendingHidden {
    /// Registration id given to the client.
    pub id: RegistrationId,
    /// The id the part will get (its OPAQUE credential identifier).
    pub wallet_id: WalletId,
    /// The everyday wallet.
    pub parent_id: WalletId,
    /// Its slot.
    pub slot: Vec<u8>,
    /// Argon2 parameters, JSON.
    pub ksf: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// An attempt on a hidden part, counted by `/hidden/slot`, waiting for the one request that
/// uses it.
pub struct HiddenAttempt {
    /// Attempt id given to the client.
    pub id: AttemptId,
    /// The wallet the name resolved to, if any.
    pub wallet_id: Option<WalletId>,
    /// The name's hidden-part throttle key it was counted on.
    pub throttle_key: Vec<u8>,
    /// Global failure bucket it was counted in.
    pub bucket: i64,
    /// Unix seconds.
    pub expires_at: i64,
}

/// A recovery sheet: the verifier of its token and the wallet key wrapped under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoverySheet {
    /// SHA-256 of the sheet's recovery token.
    pub verifier: Vec<u8>,
    /// The wrapped key's id.
    pub key_id: String,
    /// The wallet key wrapped under the sheet's key.
    pub wrapped: Vec<u8>,
}

/// A new recovery sheet waiting for its time (made with the secret alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingSheet {
    /// The new sheet.
    pub sheet: RecoverySheet,
    /// When it was made, Unix seconds.
    pub made_at: i64,
    /// When it replaces the old one, Unix seconds.
    pub effective_at: i64,
}

/// A recovery between its two OPAQUE registration messages.
pub struct PendingRecovery {
    /// The wallet whose secret is being replaced.
    pub wallet_id: WalletId,
    /// Argon2 parameters of the new credential, JSON.
    pub ksf: String,
    /// Why the secret is being replaced.
    pub purpose: CredentialChange,
}

/// Why a wallet's credential is replaced: each finish takes only its own kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialChange {
    /// A forgotten secret, with the recovery sheet (no session).
    Recovery,
    /// A new secret, from within a session, the current one proven again.
    NewSecret,
}

impl CredentialChange {
    /// As stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Recovery => "recovery",
            Self::NewSecret => "new_secret",
        }
    }
}

/// A new credential replacing a forgotten one.
pub struct NewCredential {
    /// OPAQUE password file.
    pub password_file: Vec<u8>,
    /// Argon2 parameters, JSON.
    pub ksf: String,
    /// Key id of the wallet key wrapped under the new export key.
    pub key_id: String,
    /// That wrapped key (method `opaque`).
    pub wrapped_key: Vec<u8>,
}

/// A stored wallet.
#[derive(Clone)]
pub struct WalletRecord {
    /// Internal id.
    pub id: WalletId,
    /// Wallet number; none for a hidden part.
    pub number: Option<WalletNumber>,
    /// Normalised pseudonym.
    pub pseudonym: Option<String>,
    /// age recipient.
    pub recipient: WalletRecipient,
    /// OPAQUE password file.
    pub password_file: Vec<u8>,
    /// Argon2 parameters, JSON.
    pub ksf: String,
    /// Argon2 parameters of hidden slots and parts, JSON; fixed at creation.
    pub slot_ksf: String,
    /// Unix seconds.
    pub created_at: i64,
    /// For a hidden part, its everyday wallet.
    pub hidden_of: Option<WalletId>,
}

/// An invitation code spent on a new wallet.
#[derive(Clone, Copy, Debug)]
pub struct InviteUse<'a> {
    /// The code's hash.
    pub code_hash: &'a [u8],
    /// Keep the partner of the code's batch on the wallet (`--keep-partner-on-wallet`).
    pub keep_partner: bool,
}

/// Why a wallet could not be inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateWalletOutcome {
    /// Inserted.
    Created,
    /// The pseudonym was taken meanwhile.
    PseudonymTaken,
    /// The number collided (astronomically rare): the client starts again.
    NumberTaken,
    /// The invitation is unknown, expired or used up.
    InviteInvalid,
    /// The server's storage cap is reached.
    ServerFull,
}

/// A login between its two OPAQUE messages.
pub struct LoginState {
    /// Login id given to the client.
    pub id: LoginId,
    /// The wallet, or `None` for an unknown login (dummy response).
    pub wallet_id: Option<WalletId>,
    /// Serialized OPAQUE server state.
    pub state: Vec<u8>,
    /// Throttle key of the login name.
    pub throttle_key: Vec<u8>,
    /// Global failure bucket the attempt was counted in.
    pub bucket: i64,
    /// Another attempt (its throttle key and global bucket) to give back once this login is
    /// verified: the everyday login a hidden opening started with.
    pub give_back: Option<(Vec<u8>, i64)>,
    /// Unix seconds.
    pub expires_at: i64,
}

/// The back-off schedule, in the store's terms.
#[derive(Debug, Clone, Copy)]
pub struct BackoffPolicy {
    /// Attempts before any delay.
    pub free_attempts: i64,
    /// First delay, in seconds; doubled after every further attempt.
    pub first_delay: i64,
    /// Longest delay.
    pub max_delay: i64,
}

/// Result of counting a login attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// Counted; the login may proceed.
    Allowed,
    /// Refused until this Unix time.
    BlockedUntil(i64),
}

/// An upload in progress.
#[derive(Clone, Debug)]
pub struct UploadRecord {
    /// Upload id.
    pub id: UploadId,
    /// Owner.
    pub wallet_id: WalletId,
    /// Document id it will become.
    pub document_id: DocumentId,
    /// Announced ciphertext size.
    pub ciphertext_len: i64,
    /// Size of every part but the last.
    pub part_size: i64,
    /// Number of parts.
    pub part_count: i64,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Why an upload could not be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateUploadOutcome {
    /// Created and its size reserved.
    Created,
    /// The wallet's quota would be exceeded.
    QuotaExceeded,
    /// The server's cap would be exceeded.
    ServerFull,
    /// A document or upload with this id exists.
    DocumentExists,
}

/// A stored document.
#[derive(Clone, Debug)]
pub struct DocumentRecord {
    /// Owner.
    pub wallet_id: WalletId,
    /// Document id.
    pub id: DocumentId,
    /// Key of the ciphertext blob.
    pub blob_key: String,
    /// Ciphertext size.
    pub size: i64,
    /// Encrypted metadata record.
    pub metadata: Vec<u8>,
    /// Document tag.
    pub tag: Vec<u8>,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub updated_at: i64,
}

/// A grant link (see `pde_crypto::grant`): only hashes of its tokens, its wrapped key and its
/// holder-only label (sealed to the wallet) are stored.
#[derive(Clone, Debug)]
pub struct GrantRecord {
    /// Grant id (in the link's path).
    pub id: GrantId,
    /// The holder's wallet.
    pub wallet_id: WalletId,
    /// SHA-256 of the access token.
    pub access_hash: Vec<u8>,
    /// SHA-256 of the PIN token, when the grant has a PIN.
    pub pin_hash: Option<Vec<u8>>,
    /// Wrong PIN tokens so far.
    pub pin_failures: i64,
    /// The grant key, wrapped under the link's secret and PIN.
    pub wrapped_key: Vec<u8>,
    /// The holder's private label, sealed to the wallet.
    pub label: Vec<u8>,
    /// How many documents the grant holds once complete.
    pub document_count: i64,
    /// Bytes reserved against the wallet's quota (the declared document sizes).
    pub reserved_bytes: i64,
    /// Most openings allowed, if limited.
    pub max_openings: Option<i64>,
    /// Openings so far.
    pub openings: i64,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds; the grant answers "expired" from then on.
    pub expires_at: i64,
    /// When the holder revoked it.
    pub revoked_at: Option<i64>,
    /// When its documents were deleted (expired, revoked or burned).
    pub purged_at: Option<i64>,
}

/// One granted document.
#[derive(Clone, Debug)]
pub struct GrantDocumentRecord {
    /// The grant.
    pub grant_id: GrantId,
    /// Its place in the grant (0-based).
    pub position: i64,
    /// Key of the ciphertext blob.
    pub blob_key: String,
    /// Ciphertext size.
    pub size: i64,
    /// Metadata sealed to the grant key.
    pub metadata: Vec<u8>,
    /// When its ciphertext was stored (`None` while awaited).
    pub stored_at: Option<i64>,
}

/// Why a grant could not be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateGrantOutcome {
    /// Created, its declared size reserved.
    Created,
    /// The wallet's quota would be exceeded.
    QuotaExceeded,
    /// The server's cap would be exceeded.
    ServerFull,
}

/// A deposit link (see `pde_crypto::deposit`): the hash of its access token, the holder's
/// recipient check, and the holder-only label (sealed to the wallet).
#[derive(Clone, Debug)]
pub struct DepositRecord {
    /// Deposit id (in the link's path).
    pub id: DepositId,
    /// The holder's wallet.
    pub wallet_id: WalletId,
    /// SHA-256 of the access token.
    pub access_hash: Vec<u8>,
    /// The link's own public key (`age1…`), given to the worker.
    pub recipient: WalletRecipient,
    /// Names the link's key pair; `None` for links made before links had keys of their own.
    pub key_id: Option<Vec<u8>>,
    /// HMAC of the link's recipient under a key from the link's secret.
    pub recipient_check: Vec<u8>,
    /// The holder's private label, sealed to the wallet.
    pub label: Vec<u8>,
    /// Most documents the link accepts.
    pub max_files: i64,
    /// Documents started through it so far.
    pub files_received: i64,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds; refused from then on.
    pub expires_at: i64,
    /// When the holder stopped it.
    pub revoked_at: Option<i64>,
}

/// A document that arrived through a deposit link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedDocument {
    /// The document id.
    pub document_id: DocumentId,
    /// The link it came through.
    pub deposit_id: DepositId,
    /// The id of that link's key pair (see [`DepositRecord::key_id`]).
    pub key_id: Option<Vec<u8>>,
    /// Unix seconds.
    pub received_at: i64,
}

/// Counts of what a sweep removed.
#[derive(Debug, Default, Clone, Copy)]
pub struct SweepCounts {
    /// Expired sessions, logins, registrations and recoveries.
    pub expired_rows: u64,
}

/// Wallets and their credentials: creation (with its pending registration and invitation), recovery, hidden parts.
#[async_trait]
pub trait WalletStore: Send + Sync {
    /// Remembers a registration between its two messages.
    async fn put_pending_registration(&self, pending: &PendingRegistration) -> StoreResult<()>;
    /// Takes (and deletes) an unexpired pending registration.
    async fn take_pending_registration(
        &self,
        id: &RegistrationId,
        now: i64,
    ) -> StoreResult<Option<PendingRegistration>>;
    /// Whether a wallet already has this pseudonym.
    async fn pseudonym_taken(&self, pseudonym: &str) -> StoreResult<bool>;
    /// Inserts a wallet, consuming the invitation if one is given (and counting it in its
    /// batch), in one transaction.
    async fn create_wallet(
        &self,
        wallet: &NewWallet,
        invite: Option<InviteUse<'_>>,
        global_cap: i64,
        now: i64,
    ) -> StoreResult<CreateWalletOutcome>;
    /// SHA-256 of the wallet's recovery token, if it has one.
    async fn recovery_verifier(&self, wallet_id: &WalletId) -> StoreResult<Option<Vec<u8>>>;
    /// Stores a recovery between its two messages.
    async fn put_pending_recovery(
        &self,
        id: &RecoveryId,
        recovery: &PendingRecovery,
        expires_at: i64,
    ) -> StoreResult<()>;
    /// Takes (deletes and returns) a pending recovery unless it expired.
    async fn take_pending_recovery(
        &self,
        id: &RecoveryId,
        purpose: CredentialChange,
        now: i64,
    ) -> StoreResult<Option<PendingRecovery>>;
    /// In one transaction: the new password file and parameters, the new OPAQUE-wrapped key (the
    /// recovery wrapping stays), and every session, unfinished login and pending recovery or
    /// change of the wallet and of its hidden parts ended — but the session `keep`, when given.
    /// False if the wallet no longer exists.
    async fn replace_credential(
        &self,
        wallet_id: &WalletId,
        credential: &NewCredential,
        keep: Option<&[u8]>,
        now: i64,
    ) -> StoreResult<bool>;
    /// Replaces the wallet's recovery sheet at once (its verifier and recovery-wrapped key); a
    /// new sheet waiting for its time is dropped. False if the wallet no longer exists.
    async fn replace_recovery_sheet(
        &self,
        wallet_id: &WalletId,
        sheet: &RecoverySheet,
        now: i64,
    ) -> StoreResult<bool>;
    /// Keeps `pending` as the wallet's new sheet to come (replacing one already waiting).
    async fn put_pending_sheet(
        &self,
        wallet_id: &WalletId,
        pending: &PendingSheet,
    ) -> StoreResult<()>;
    /// The new sheet waiting for its time, if any.
    async fn pending_sheet(&self, wallet_id: &WalletId) -> StoreResult<Option<PendingSheet>>;
    /// Drops the new sheet waiting for its time; true if there was one.
    async fn cancel_pending_sheet(&self, wallet_id: &WalletId) -> StoreResult<bool>;
    /// Ends a wallet part for good, in one transaction: its row and everything that hangs on it
    /// (sessions, logins, keys, documents, links, uploads) — for an everyday wallet, its hidden
    /// parts too (by cascade). Blobs are not touched: without rows they are orphans, which the
    /// sweeper deletes. Counted in `now`'s week (an everyday wallet as erased; its documents as
    /// removed). False if the part no longer exists.
    async fn erase_wallet(&self, wallet_id: &WalletId, now: i64) -> StoreResult<bool>;
    /// Finds a wallet by number.
    async fn wallet_by_number(&self, number: &WalletNumber) -> StoreResult<Option<WalletRecord>>;
    /// Finds a wallet by normalised pseudonym.
    async fn wallet_by_pseudonym(&self, pseudonym: &str) -> StoreResult<Option<WalletRecord>>;
    /// Finds a wallet by id.
    async fn wallet_by_id(&self, id: &WalletId) -> StoreResult<Option<WalletRecord>>;
    /// The wrapped wallet key for a method (the newest key id).
    async fn wrapped_key(&self, wallet_id: &WalletId, method: &str)
        -> StoreResult<Option<Vec<u8>>>;
    /// Adds an invitation code (by hash).
    async fn create_invite(
        &self,
        code_hash: &[u8],
        uses: i64,
        expires_at: i64,
        now: i64,
    ) -> StoreResult<()>;
    /// Whether an invitation can still be used (unexpired, uses left, its batch not revoked).
    async fn invite_usable(&self, code_hash: &[u8], now: i64) -> StoreResult<bool>;
    /// Records `fingerprint` as the server setup of this database if none is recorded yet (the
    /// first start wins, atomically); true when the recorded one is `fingerprint`.
    async fn claim_setup_fingerprint(&self, fingerprint: &[u8]) -> StoreResult<bool>;
    /// Counts one wallet creation in `bucket` if fewer than `limit` were counted in the buckets
    /// after `since_bucket` (this one included), as one atomic check-and-count; `false`, and
    /// nothing counted, when the limit is reached.
    async fn count_wallet_creation(
        &self,
        bucket: i64,
        since_bucket: i64,
        limit: i64,
    ) -> StoreResult<bool>;
    /// Wallet creations counted in buckets after `since_bucket`, and the oldest such bucket.
    async fn wallet_creations(&self, since_bucket: i64) -> StoreResult<(i64, Option<i64>)>;
    /// Remembers a hidden part between its two registration messages.
    async fn put_pending_hidden(&self, pending: &PendingHidden) -> StoreResult<()>;
    /// Takes (and deletes) an unexpired pending hidden part.
    async fn take_pending_hidden(
        &self,
        id: &RegistrationId,
        now: i64,
    ) -> StoreResult<Option<PendingHidden>>;
    /// The hidden part of `parent` at `slot`.
    async fn hidden_part(
        &self,
        parent: &WalletId,
        slot: &[u8],
    ) -> StoreResult<Option<WalletRecord>>;
    /// How many hidden parts `parent` has.
    async fn hidden_part_count(&self, parent: &WalletId) -> StoreResult<i64>;
}

/// Logins and sessions: attempt counters and budgets, logins between their two messages, hidden attempts, sessions, the time-lock.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Counts a login attempt atomically, unless the name is in back-off.
    async fn count_login_attempt(
        &self,
        key: &[u8],
        now: i64,
        policy: BackoffPolicy,
    ) -> StoreResult<AttemptOutcome>;
    /// Clears the attempts of a name after a verified login.
    async fn clear_login_attempts(&self, key: &[u8]) -> StoreResult<()>;
    /// Takes one failure off a name's counter (never below zero).
    async fn give_back_login_attempt(&self, key: &[u8]) -> StoreResult<()>;
    /// Adds `delta` to the global unfinished-login count of a bucket.
    async fn add_global_login_failures(&self, bucket: i64, delta: i64) -> StoreResult<()>;
    /// Counts one unfinished login in `bucket` if the buckets after `since_bucket` hold fewer
    /// than `limit` together, as one check-and-count: concurrent requests cannot overshoot.
    /// False (nothing counted) when the budget is spent.
    async fn count_global_login_failure(
        &self,
        bucket: i64,
        since_bucket: i64,
        limit: i64,
    ) -> StoreResult<bool>;
    /// Sum of unfinished logins in buckets after `since_bucket`, and the oldest such bucket.
    async fn global_login_failures(&self, since_bucket: i64) -> StoreResult<(i64, Option<i64>)>;
    /// Records a proof of work as used until `expires_at`: `false` if it was used already
    /// (as one atomic insert: of two requests racing with one proof, one gets `true`).
    async fn spend_login_proof(&self, id: &[u8], expires_at: i64) -> StoreResult<bool>;
    /// Remembers a login between its two messages.
    async fn put_login_state(&self, state: &LoginState) -> StoreResult<()>;
    /// Takes (and deletes) an unexpired login state.
    async fn take_login_state(&self, id: &LoginId, now: i64) -> StoreResult<Option<LoginState>>;
    /// Remembers a counted hidden attempt until it is used.
    async fn put_hidden_attempt(&self, attempt: &HiddenAttempt) -> StoreResult<()>;
    /// Takes (and deletes) an unexpired hidden attempt: each one is used once.
    async fn take_hidden_attempt(
        &self,
        id: &AttemptId,
        now: i64,
    ) -> StoreResult<Option<HiddenAttempt>>;
    /// Stores a session by the hash of its token; `false` (nothing stored) when the wallet is
    /// time-locked at `now`. The wallet's first unlock (any part) of a week and of a month is
    /// counted, in the same transaction.
    async fn create_session(
        &self,
        token_hash: &[u8],
        wallet_id: &WalletId,
        now: i64,
    ) -> StoreResult<bool>;
    /// Until when the wallet is time-locked, if it is at `now`.
    async fn time_locked_until(&self, wallet_id: &WalletId, now: i64) -> StoreResult<Option<i64>>;
    /// Time-locks the wallet until `until` and, in the same transaction, ends every session, login
    /// and recovery in progress of it.
    async fn time_lock(&self, wallet_id: &WalletId, until: i64) -> StoreResult<()>;
    /// The wallet of a live session (never of a time-locked wallet), refreshing its idle timer.
    async fn touch_session(
        &self,
        token_hash: &[u8],
        now: i64,
        idle: i64,
        absolute: i64,
    ) -> StoreResult<Option<WalletId>>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()>;
    /// Ends every session of the everyday wallet `everyday` and of its hidden parts, except the
    /// one whose token hashes to `keep`.
    async fn end_other_sessions(&self, everyday: &WalletId, keep: &[u8]) -> StoreResult<()>;
}

/// Uploads and documents, and the storage they use.
#[async_trait]
pub trait DocumentStore: Send + Sync {
    /// Creates an upload, reserving its size against the wallet's quota and the server's cap.
    async fn create_upload(
        &self,
        upload: &UploadRecord,
        quota: i64,
        global_cap: i64,
    ) -> StoreResult<CreateUploadOutcome>;
    /// An upload of this wallet.
    async fn upload(
        &self,
        wallet_id: &WalletId,
        id: &UploadId,
    ) -> StoreResult<Option<UploadRecord>>;
    /// Records a durably stored part and keeps the upload until at least `keep_until`; false
    /// when the upload no longer exists (committed or abandoned meanwhile).
    async fn record_part(
        &self,
        id: &UploadId,
        part: i64,
        len: i64,
        keep_until: i64,
    ) -> StoreResult<bool>;
    /// Parts received so far, with their sizes.
    async fn received_parts(&self, id: &UploadId) -> StoreResult<Vec<(i64, i64)>>;
    /// Turns an upload into a document (the blob is already durable), marked received when it
    /// came through the deposit link `deposit`, in one transaction.
    async fn commit_upload(
        &self,
        id: &UploadId,
        document: &DocumentRecord,
        deposit: Option<&DepositId>,
    ) -> StoreResult<bool>;
    /// Removes an upload and releases its reservation.
    async fn delete_upload(&self, id: &UploadId) -> StoreResult<Option<UploadRecord>>;
    /// Uploads past their expiry.
    async fn expired_uploads(&self, now: i64) -> StoreResult<Vec<UploadRecord>>;
    /// Whether an upload row exists (for the staging sweep).
    async fn upload_exists(&self, id: &UploadId) -> StoreResult<bool>;
    /// The wallet's documents.
    async fn list_documents(&self, wallet_id: &WalletId) -> StoreResult<Vec<DocumentRecord>>;
    /// One document of the wallet.
    async fn document(
        &self,
        wallet_id: &WalletId,
        id: &DocumentId,
    ) -> StoreResult<Option<DocumentRecord>>;
    /// Replaces a document's metadata; false if there is no such document.
    async fn update_metadata(
        &self,
        wallet_id: &WalletId,
        id: &DocumentId,
        metadata: &[u8],
        now: i64,
    ) -> StoreResult<bool>;
    /// Deletes a document row, releasing its size (counted as removed in `now`'s week); returns
    /// its blob key.
    async fn delete_document(
        &self,
        wallet_id: &WalletId,
        id: &DocumentId,
        now: i64,
    ) -> StoreResult<Option<String>>;
    /// Whether a document or a granted document points to this blob.
    async fn blob_referenced(&self, blob_key: &str) -> StoreResult<bool>;
    /// Bytes reserved by a wallet (documents and uploads).
    async fn wallet_usage(&self, wallet_id: &WalletId) -> StoreResult<i64>;
    /// The wallet's received documents.
    async fn received_documents(&self, wallet_id: &WalletId) -> StoreResult<Vec<ReceivedDocument>>;
}

/// Grant links: their documents, PIN failures, openings, revocation and purge.
#[async_trait]
pub trait GrantStore: Send + Sync {
    /// Creates a grant and declares its documents, reserving their size against the wallet's
    /// quota and the server's cap.
    async fn create_grant(
        &self,
        grant: &GrantRecord,
        documents: &[GrantDocumentRecord],
        quota: i64,
        global_cap: i64,
    ) -> StoreResult<CreateGrantOutcome>;
    /// A grant by id.
    async fn grant(&self, id: &GrantId) -> StoreResult<Option<GrantRecord>>;
    /// A wallet's grants, newest first.
    async fn wallet_grants(&self, wallet_id: &WalletId) -> StoreResult<Vec<GrantRecord>>;
    /// Marks a declared document as stored in `blob_key` (the blob this request wrote); false
    /// when it was stored already or the grant is revoked or purged.
    async fn mark_grant_document_stored(
        &self,
        grant_id: &GrantId,
        position: i64,
        blob_key: &str,
        now: i64,
    ) -> StoreResult<bool>;
    /// A grant's documents, in order.
    async fn grant_documents(&self, grant_id: &GrantId) -> StoreResult<Vec<GrantDocumentRecord>>;
    /// Counts one wrong PIN atomically, unless `max_failures` are already counted; the new
    /// count, or `None` when the grant was already burned.
    async fn count_grant_pin_failure(
        &self,
        grant_id: &GrantId,
        max_failures: i64,
    ) -> StoreResult<Option<i64>>;
    /// Counts an opening atomically — only while the grant is complete, not expired, revoked,
    /// burned or used up — and records its token's hash (valid until `token_expires_at`).
    async fn open_grant(
        &self,
        grant_id: &GrantId,
        token_hash: &[u8],
        now: i64,
        token_expires_at: i64,
        max_pin_failures: i64,
    ) -> StoreResult<bool>;
    /// The grant an unexpired opening token belongs to.
    async fn grant_of_opening(&self, token_hash: &[u8], now: i64) -> StoreResult<Option<GrantId>>;
    /// When a grant was opened (the holder's access log), oldest first.
    async fn grant_openings(&self, grant_id: &GrantId) -> StoreResult<Vec<i64>>;
    /// Revokes one of the wallet's grants; false when it has no such grant.
    async fn revoke_grant(
        &self,
        wallet_id: &WalletId,
        grant_id: &GrantId,
        now: i64,
    ) -> StoreResult<bool>;
    /// Grants whose documents must go: expired, revoked or burned, and not purged yet.
    async fn grants_to_purge(&self, now: i64, max_pin_failures: i64) -> StoreResult<Vec<GrantId>>;
    /// Deletes a grant's document rows, gives back its reserved bytes and marks it purged;
    /// returns the blob keys to delete (none when it was purged already).
    async fn purge_grant(&self, grant_id: &GrantId, now: i64) -> StoreResult<Vec<String>>;
}

/// Deposit links: their slots and the uploads that came through them.
#[async_trait]
pub trait DepositStore: Send + Sync {
    /// Stores a new deposit link.
    async fn create_deposit(&self, deposit: &DepositRecord) -> StoreResult<()>;
    /// A deposit link by id.
    async fn deposit(&self, id: &DepositId) -> StoreResult<Option<DepositRecord>>;
    /// The wallet's deposit links, newest first.
    async fn wallet_deposits(&self, wallet_id: &WalletId) -> StoreResult<Vec<DepositRecord>>;
    /// Stops one of the wallet's deposit links; false when it has no such link.
    async fn revoke_deposit(
        &self,
        wallet_id: &WalletId,
        deposit_id: &DepositId,
        now: i64,
    ) -> StoreResult<bool>;
    /// Counts one more document against the link, in one statement, only while it is usable
    /// (not revoked, not expired, below its maximum); false when it is not.
    async fn take_deposit_slot(&self, deposit_id: &DepositId, now: i64) -> StoreResult<bool>;
    /// Gives back a slot taken for an upload that could not start (quota, size).
    async fn give_back_deposit_slot(&self, deposit_id: &DepositId) -> StoreResult<()>;
    /// Records that an upload goes through a deposit link.
    async fn link_deposit_upload(
        &self,
        upload_id: &UploadId,
        deposit_id: &DepositId,
    ) -> StoreResult<()>;
    /// The deposit link an upload goes through, if any.
    async fn deposit_of_upload(&self, upload_id: &UploadId) -> StoreResult<Option<DepositId>>;
}

/// Every blob a row points to: a granted document's blob exists once it is marked stored; a
/// document row is committed only after its blob. (Also run by a PostgreSQL backup inside the
/// snapshot that `pg_dump` copies.)
pub const REFERENCED_BLOBS: &str = "SELECT blob_key FROM documents \
     UNION SELECT blob_key FROM grant_documents WHERE stored_at IS NOT NULL";

/// What operating the server needs: blob tombstones, backups and restores.
#[async_trait]
pub trait OperationsStore: Send + Sync {
    /// Marks blobs whose rows are gone (a tombstone already there keeps its time); the sweeper
    /// deletes them only after the grace period, so a backup whose database copy still points
    /// to them finds them.
    async fn tombstone_blobs(&self, blob_keys: &[String], now: i64) -> StoreResult<()>;
    /// Blobs tombstoned at or before `marked_before`, oldest first.
    async fn tombstones_due(&self, marked_before: i64) -> StoreResult<Vec<String>>;
    /// Whether a blob is tombstoned.
    async fn tombstoned(&self, blob_key: &str) -> StoreResult<bool>;
    /// Forgets a tombstone once its blob is deleted.
    async fn forget_tombstone(&self, blob_key: &str) -> StoreResult<()>;
    /// Every blob that a document or a stored granted document points to.
    async fn referenced_blobs(&self) -> StoreResult<Vec<String>>;
    /// The id of every wallet part (everyday wallets and hidden parts).
    async fn wallet_ids(&self) -> StoreResult<Vec<WalletId>>;
    /// Right after a restore, in one transaction: sessions, logins, registrations and unfinished
    /// uploads end (reservations given back), every grant and deposit link is revoked, and every
    /// wallet part gets the notice "restored from `restored_from`".
    async fn after_restore(&self, restored_from: i64, now: i64) -> StoreResult<()>;
    /// The restore notice of a wallet part, once: it is cleared as it is read.
    async fn take_restored_notice(&self, wallet_id: &WalletId) -> StoreResult<Option<i64>>;
    /// Records an unlock of any part of a wallet: the coarse `week` on its everyday wallet, the
    /// same write whichever part was opened.
    async fn mark_active(&self, wallet_id: &WalletId, week: i64) -> StoreResult<()>;
    /// Retention on: everyday wallets without a week yet (new ones, or all when retention was just
    /// turned on) get `week`.
    async fn start_retention(&self, week: i64) -> StoreResult<()>;
    /// Retention off: every week is forgotten.
    async fn forget_activity(&self) -> StoreResult<()>;
    /// Everyday wallets whose last unlock's week is before `week`.
    async fn inactive_since(&self, week: i64) -> StoreResult<Vec<WalletId>>;
    /// A consistent copy of the whole database into the new file `path`, taken while the server
    /// runs (SQLite: `VACUUM INTO`, so free pages are not copied). PostgreSQL has its own tools
    /// (`pg_dump`): unsupported there.
    async fn snapshot_into(&self, path: &std::path::Path) -> StoreResult<()>;
}

/// Everything the server stores besides blobs: each aggregate's trait, and what spans them.
#[async_trait]
pub trait Store:
    WalletStore
    + SessionStore
    + DocumentStore
    + GrantStore
    + DepositStore
    + OperationsStore
    + admin::AdminStore
    + invitations::InvitationStore
    + statistics::StatisticsStore
    + feedback::FeedbackStore
    + announcements::AnnouncementStore
    + 'static
{
    /// Applies the embedded migrations.
    async fn migrate(&self) -> StoreResult<()>;
    /// Deletes expired sessions, logins, registrations, recoveries and stale counters.
    async fn sweep_expired(&self, now: i64, idle: i64, absolute: i64) -> StoreResult<SweepCounts>;
    /// Right after an erasure: on SQLite, the write-ahead log is written back into the database
    /// (whose deleted content `secure_delete` zeroes) and emptied, so the rows are in no file.
    async fn after_erasure(&self) -> StoreResult<()>;
    /// In the first sweep after an erasure: on PostgreSQL, the tables an erasure touches are
    /// vacuumed.
    async fn reclaim_space(&self) -> StoreResult<()>;
    /// At a clean shutdown, once no request runs: on SQLite, the write-ahead log is written back
    /// into the database file and removed, so the file alone holds everything (a copy of it is
    /// whole); then the connections close.
    async fn close(&self) -> StoreResult<()>;
    /// A write that changes nothing, committed (readiness: the database takes writes).
    async fn probe_write(&self) -> StoreResult<()>;
    /// Bytes of ciphertext stored and reserved over the whole server.
    async fn storage_used(&self) -> StoreResult<i64>;
}
