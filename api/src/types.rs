//! Request and response bodies of `/api/v1`. Binary fields travel as standard base64 strings.

use crate::ids::{AttemptId, DepositId, GrantId, LoginId, RecoveryId, RegistrationId, UploadId};
use serde::{Deserialize, Serialize};

use pde_crypto::document::DocumentId;
use pde_crypto::opaque::KsfParams;
use pde_crypto::wallet::WalletRecipient;

use crate::wallet_number::WalletNumber;

/// Every route lives under this prefix.
pub const API_PREFIX: &str = "/api/v1";
/// Name of the session cookie over HTTPS (the default): the `__Host-` prefix makes the browser
/// keep it only when it is `Secure`, for this host alone, on path `/`.
pub const SESSION_COOKIE: &str = "__Host-pde_session";
/// Name of the session cookie in plain-HTTP development on 127.0.0.1 (`--insecure-cookies`).
pub const DEV_SESSION_COOKIE: &str = "pde_session";

/// A byte string carried as a base64 string in JSON; `Debug` shows only its length.
macro_rules! base64_bytes {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Default)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, format = Byte))]
        pub struct $name(pub Vec<u8>);

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({} bytes)", stringify!($name), self.0.len())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use base64::Engine;
                serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use base64::Engine;
                let text = String::deserialize(deserializer)?;
                base64::engine::general_purpose::STANDARD
                    .decode(text.as_bytes())
                    .map(Self)
                    .map_err(|_| serde::de::Error::custom("invalid base64"))
            }
        }

        impl From<Vec<u8>> for $name {
            fn from(value: Vec<u8>) -> Self {
                Self(value)
            }
        }
    )*};
}

base64_bytes! {
    /// Bytes in the clear: protocol messages, hashes, tags, challenges.
    Base64Bytes;
    /// Ciphertext only a key holder opens: sealed metadata and labels, wrapped keys. The server
    /// stores and returns it and never reads it; a field of this type is never compared with
    /// or parsed as anything else.
    Sealed;
}

/// The body of every error answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// A stable code (clients translate it) and a plain English message.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable, machine-readable code, e.g. `document_too_large`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub code: crate::ErrorCode,
    /// A sentence a person understands (English; the apps show their own translation of `code`).
    pub message: String,
    /// Seconds to wait before trying again, with 429 answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
    /// PIN tries left before a grant is burned, with `wrong_pin` answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tries_left: Option<u32>,
    /// Until when (Unix seconds), with `wallet_time_locked` answers: only ever sent after the
    /// wallet's secret or recovery key was verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked_until: Option<i64>,
    /// The challenge to solve, with `proof_of_work_required` answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_of_work: Option<ProofOfWork>,
}

/// A challenge from the server (see `pde_crypto::proof`): find a nonce that gives `bits` zero
/// bits, then send the same request again with a [`LoginProof`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProofOfWork {
    /// The challenge, as issued.
    pub challenge: Base64Bytes,
    /// Zero bits asked (2^bits hashes on average).
    pub bits: u8,
}

/// A solved challenge, carried by a login, recovery or hidden-slot request once the server's
/// hourly budget is used up. Used once.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginProof {
    /// The challenge, as issued.
    pub challenge: Base64Bytes,
    /// The nonce that solves it.
    pub nonce: u64,
}

/// A request that the server counts against its hourly budget of logins, and so may have to
/// carry a [`LoginProof`].
pub trait CarriesProof {
    /// Attaches the solved challenge.
    fn set_proof(&mut self, proof: LoginProof);
}

/// Whether anyone can create a wallet, or only with an invitation code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CreationMode {
    /// Anyone may create a wallet.
    Open,
    /// An invitation code is needed.
    Invite,
}

/// What a client needs to know before it acts: limits and parameters.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServerInfo {
    /// How wallets can be created.
    pub creation_mode: CreationMode,
    /// Largest padded document, in bytes.
    pub max_document_bytes: u64,
    /// Storage per wallet, in bytes (ciphertext).
    pub wallet_quota_bytes: u64,
    /// Size of each upload part, except the last.
    pub upload_part_bytes: u64,
    /// Largest encrypted metadata record.
    pub max_metadata_bytes: u64,
    /// Argon2id parameters new wallets use.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub ksf: KsfParams,
    /// Days a backup of the server is kept: an erased wallet is in no backup after this long.
    #[serde(default)]
    pub backup_keep_days: u32,
    /// Months without an unlock after which a wallet is erased; 0: wallets are kept.
    #[serde(default)]
    pub retention_months: u32,
    /// Whether a wallet made with an invitation slip keeps the partner that gave it (its
    /// creation time then kept to the week only).
    #[serde(default)]
    pub partner_kept: bool,
}

/// Starts creating a wallet (OPAQUE registration, first message).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterStartRequest {
    /// A chosen name instead of a generated number only; normalised by the server.
    #[serde(default)]
    pub pseudonym: Option<String>,
    /// Needed when the server's creation mode is `invite`.
    #[serde(default)]
    pub invite_code: Option<String>,
    /// Asks for the cheap test parameters; refused unless the server allows test wallets.
    #[serde(default)]
    pub test_wallet: bool,
    /// OPAQUE `RegistrationRequest`.
    pub registration_request: Base64Bytes,
}

/// The server's half of the registration's first round.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterStartResponse {
    /// Names this registration in the finish call.
    pub registration_id: RegistrationId,
    /// The wallet's number, always given (also when a pseudonym is set).
    pub wallet_number: WalletNumber,
    /// The normalised pseudonym, if one was asked for.
    pub pseudonym: Option<String>,
    /// OPAQUE `RegistrationResponse`.
    pub registration_response: Base64Bytes,
    /// Argon2id parameters to use now and at every login.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub ksf: KsfParams,
}

/// Completes the creation: credential, public key and wrapped wallet keys.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterFinishRequest {
    /// From the start answer.
    pub registration_id: RegistrationId,
    /// OPAQUE `RegistrationUpload`.
    pub registration_upload: Base64Bytes,
    /// The wallet's age recipient (`age1…`), so documents can be encrypted to it.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub recipient: WalletRecipient,
    /// The wallet key wrapped once per unlock method (at least: OPAQUE and recovery key).
    pub wrapped_keys: Vec<Sealed>,
    /// `RecoveryKey::auth_token()`: the server keeps its SHA-256 to recognise the recovery key
    /// when the holder replaces a forgotten secret.
    pub recovery_token: Base64Bytes,
}

/// Replaces a forgotten secret with the recovery key (first message). Counted like a login
/// attempt; an unknown wallet and a wrong key answer alike (401 `login_failed`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoverStartRequest {
    /// A wallet number or a pseudonym.
    pub login: String,
    /// `RecoveryKey::auth_token()` of the typed recovery key.
    pub recovery_token: Base64Bytes,
    /// OPAQUE `RegistrationRequest` for the new secret.
    pub registration_request: Base64Bytes,
    /// The solved challenge, once the server asks for one (`proof_of_work_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<LoginProof>,
}

impl CarriesProof for RecoverStartRequest {
    fn set_proof(&mut self, proof: LoginProof) {
        self.proof = Some(proof);
    }
}

/// The recovery key was right: the wallet key wrapped under it, and the server's OPAQUE answer
/// for the new secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoverStartResponse {
    /// Identifies this recovery in the finish request (expires after a few minutes).
    pub recovery_id: RecoveryId,
    /// The wallet key wrapped under the recovery key.
    pub wrapped_key: Sealed,
    /// OPAQUE `RegistrationResponse`.
    pub registration_response: Base64Bytes,
    /// Argon2id parameters for the new secret.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub ksf: KsfParams,
}

/// Completes the recovery: the new credential and the wallet key wrapped under its export key.
/// Every other session of the wallet ends; a session opens for this client.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoverFinishRequest {
    /// From the start answer.
    pub recovery_id: RecoveryId,
    /// OPAQUE `RegistrationUpload` for the new secret.
    pub registration_upload: Base64Bytes,
    /// The wallet key wrapped under the new export key (method `opaque`).
    pub wrapped_key: Sealed,
}

/// Public facts about the wallet a session belongs to.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WalletInfo {
    /// The wallet number.
    pub wallet_number: WalletNumber,
    /// The normalised pseudonym, if any.
    pub pseudonym: Option<String>,
    /// The wallet's age recipient.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub recipient: WalletRecipient,
    /// Creation time, Unix seconds.
    pub created_at: i64,
    /// A new recovery sheet made with the secret alone, waiting for its time (the old sheet
    /// still works until then, and cancels it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_sheet: Option<PendingSheetInfo>,
    /// Set once, at the first unlock after the server was restored from a backup: that backup's
    /// time (Unix seconds). A secret or recovery sheet changed since must be changed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_from: Option<i64>,
}

/// When a new recovery sheet was made and when it replaces the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingSheetInfo {
    /// Unix seconds.
    pub made_at: i64,
    /// Unix seconds.
    pub effective_at: i64,
}

/// How long a new recovery sheet made without the current one waits before it replaces it:
/// someone who forced the secret out of the holder can't take the wallet for good at once.
pub const NEW_SHEET_DELAY_SECONDS: i64 = 7 * 24 * 3600;

/// A new recovery sheet for the session's wallet, the secret proven again by a fresh login
/// (`/sessions/start`, then this instead of `/sessions/finish`). With the current sheet's token
/// it replaces the current sheet at once; without, after [`NEW_SHEET_DELAY_SECONDS`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSheetRequest {
    /// The new sheet's recovery token (32 bytes).
    pub recovery_token: Base64Bytes,
    /// The wallet key wrapped under the new sheet's key.
    pub wrapped_key: Sealed,
    /// The current sheet's recovery token, when the holder has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_token: Option<Base64Bytes>,
    /// From the start answer.
    pub login_id: LoginId,
    /// OPAQUE `CredentialFinalization` for the wallet's secret.
    pub credential_finalization: Base64Bytes,
}

/// When the new sheet replaces the current one (now, or after the delay).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSheetResponse {
    /// Unix seconds.
    pub effective_at: i64,
}

/// Cancels a new recovery sheet still waiting for its time, with the current sheet's token.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelSheetRequest {
    /// The current sheet's recovery token.
    pub recovery_token: Base64Bytes,
}

/// Starts a login (OPAQUE, first message). Counted as an attempt.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginStartRequest {
    /// A wallet number or a pseudonym.
    pub login: String,
    /// OPAQUE `CredentialRequest`.
    pub credential_request: Base64Bytes,
    /// The solved challenge, once the server asks for one (`proof_of_work_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<LoginProof>,
}

impl CarriesProof for LoginStartRequest {
    fn set_proof(&mut self, proof: LoginProof) {
        self.proof = Some(proof);
    }
}

/// The server's half of the login's first round (also given for unknown wallets).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginStartResponse {
    /// Names this login in the finish call.
    pub login_id: LoginId,
    /// OPAQUE `CredentialResponse`.
    pub credential_response: Base64Bytes,
    /// Argon2id parameters of the credential.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub ksf: KsfParams,
}

/// Completes a login.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginFinishRequest {
    /// From the start answer.
    pub login_id: LoginId,
    /// OPAQUE `CredentialFinalization`.
    pub credential_finalization: Base64Bytes,
}

/// Turns a secret into a hidden part's slot (see `pde_crypto::hidden`): the blinded secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HiddenSlotRequest {
    /// The wallet number or pseudonym.
    pub login: String,
    /// The OPRF's blinded element.
    pub blinded: Base64Bytes,
    /// The solved challenge, once the server asks for one (`proof_of_work_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<LoginProof>,
}

impl CarriesProof for HiddenSlotRequest {
    fn set_proof(&mut self, proof: LoginProof) {
        self.proof = Some(proof);
    }
}

/// The server's OPRF answer. The request was counted as one attempt on a hidden part; the
/// attempt id lets exactly one following `/hidden/sessions/start` or `/hidden/register/start`
/// use it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HiddenSlotResponse {
    /// The OPRF's evaluated element.
    pub evaluation: Base64Bytes,
    /// Single-use id of the attempt this request counted.
    pub attempt_id: AttemptId,
    /// Argon2id parameters that stretch the OPRF output into the slot: the wallet's own, fixed
    /// at its creation (the server's defaults for a name without a wallet).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub ksf: KsfParams,
}

/// Starts opening a hidden part: like `LoginStartRequest`, with the slot. The finish is
/// `/sessions/finish`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HiddenLoginStartRequest {
    /// The wallet number or pseudonym.
    pub login: String,
    /// From the slot answer; used up by this request.
    pub attempt_id: AttemptId,
    /// The everyday login started with the same secret just before, which failed on the client:
    /// its attempt is given back once this hidden login is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub everyday_login_id: Option<LoginId>,
    /// The slot (32 bytes).
    pub slot: Base64Bytes,
    /// OPAQUE `CredentialRequest`.
    pub credential_request: Base64Bytes,
}

/// Sets up a hidden part of the session's wallet, first message.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HiddenRegisterStartRequest {
    /// From the slot answer (asked with this wallet's number or pseudonym); used up by this
    /// request.
    pub attempt_id: AttemptId,
    /// The slot of the hidden part's secret (32 bytes).
    pub slot: Base64Bytes,
    /// OPAQUE `RegistrationRequest`.
    pub registration_request: Base64Bytes,
}

/// The server's registration answer for a hidden part.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HiddenRegisterStartResponse {
    /// To send back with the finish.
    pub registration_id: RegistrationId,
    /// OPAQUE `RegistrationResponse`.
    pub registration_response: Base64Bytes,
    /// Argon2id parameters the client must use.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub ksf: KsfParams,
}

/// Sets up a hidden part, second message: its credential, public key and wrapped key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HiddenRegisterFinishRequest {
    /// From the start answer.
    pub registration_id: RegistrationId,
    /// OPAQUE `RegistrationUpload`.
    pub registration_upload: Base64Bytes,
    /// The hidden part's age recipient.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub recipient: WalletRecipient,
    /// Its key wrapped under the OPAQUE export key.
    pub wrapped_key: Sealed,
}

/// Longest time-lock a holder may set, in seconds (72 hours).
pub const MAX_TIME_LOCK_SECONDS: i64 = 72 * 3600;

/// Locks the wallet until a time: the holder proves the secret again with a fresh OPAQUE login
/// (`/sessions/start`, then this instead of `/sessions/finish`), from within a session.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeLockRequest {
    /// From the start answer.
    pub login_id: LoginId,
    /// OPAQUE `CredentialFinalization` for the wallet's secret.
    pub credential_finalization: Base64Bytes,
    /// Unix seconds; later than now and at most [`MAX_TIME_LOCK_SECONDS`] away.
    pub locked_until: i64,
}

/// "End my wallet": the secret of the session's part proven again by a fresh login
/// (`/sessions/start`, then this instead of `/sessions/finish`). The everyday part ends with its
/// hidden parts; a hidden part ends alone. The answer is the same either way, and says nothing
/// of what was there.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EraseRequest {
    /// From the start answer.
    pub login_id: LoginId,
    /// OPAQUE `CredentialFinalization` for the part's secret.
    pub credential_finalization: Base64Bytes,
}

/// Starts changing the secret of the session's wallet: an OPAQUE registration request for the
/// new secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecretChangeStartRequest {
    /// OPAQUE `RegistrationRequest` for the new secret.
    pub registration_request: Base64Bytes,
}

/// The server's OPAQUE answer for the new secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecretChangeStartResponse {
    /// Used up by the finish.
    pub change_id: RecoveryId,
    /// OPAQUE `RegistrationResponse`.
    pub registration_response: Base64Bytes,
    /// Argon2 parameters of the new credential.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub ksf: KsfParams,
}

/// Ends a change of the secret: the new credential and the wallet key wrapped for it, with the
/// current secret proven again by a fresh login (`/sessions/start`, then this instead of
/// `/sessions/finish`), so that someone at an open wallet can't take it over.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecretChangeFinishRequest {
    /// From the start answer.
    pub change_id: RecoveryId,
    /// OPAQUE `RegistrationUpload` for the new secret.
    pub registration_upload: Base64Bytes,
    /// The wallet key wrapped under the new export key (method `opaque`).
    pub wrapped_key: Sealed,
    /// The fresh login with the current secret.
    pub login_id: LoginId,
    /// Its OPAQUE `CredentialFinalization`.
    pub credential_finalization: Base64Bytes,
    /// Also stop every grant and deposit link of this part.
    pub end_links: bool,
}

/// The wallet is locked; every session of it has ended.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeLocked {
    /// Unix seconds.
    pub locked_until: i64,
}

/// An open session: the wallet and its key wrapped for the login's method.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionOpened {
    /// The wallet.
    pub wallet: WalletInfo,
    /// The wallet key wrapped under the OPAQUE export key.
    pub wrapped_key: Sealed,
}

/// Announces a document upload.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadCreateRequest {
    /// Chosen by the client (random), bound into the document's tag.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9a-f]{32}$"))]
    pub document_id: DocumentId,
    /// Exact size of the ciphertext that will be sent.
    pub ciphertext_len: u64,
}

/// State of an upload; also the answer that creates one.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadStatus {
    /// Names the upload.
    pub upload_id: UploadId,
    /// The document it will become.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9a-f]{32}$"))]
    pub document_id: DocumentId,
    /// Announced ciphertext size.
    pub ciphertext_len: u64,
    /// Every part but the last has exactly this size.
    pub part_size: u64,
    /// How many parts make the whole.
    pub part_count: u32,
    /// Parts already stored (send the others to resume).
    pub received_parts: Vec<u32>,
    /// Unix time after which an unfinished upload is discarded.
    pub expires_at: i64,
}

/// Completes an upload: the encrypted metadata and the document's tag.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadCommitRequest {
    /// Encrypted metadata record.
    pub metadata: Sealed,
    /// Tag binding id and ciphertext hash, under a key only the holder has.
    pub tag: Base64Bytes,
}

/// One stored document, as the server knows it: ciphertext facts only.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentInfo {
    /// The document id.
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9a-f]{32}$"))]
    pub id: DocumentId,
    /// Ciphertext size (of the padded plaintext).
    pub size: u64,
    /// Encrypted metadata record.
    pub metadata: Sealed,
    /// The document's tag (empty for a document received through a deposit link).
    pub tag: Base64Bytes,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub updated_at: i64,
    /// The deposit link it came through, for a received document (sender unverified).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_via: Option<DepositId>,
    /// For a received document, the id of the link's key pair (absent for links made before
    /// links had keys of their own: the wallet's key opens those).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_key: Option<Base64Bytes>,
}

impl DocumentInfo {
    /// For a document received through a deposit link, the key that opens its content and its
    /// record as the sender sealed them (see `pde_crypto::deposit::received_content_key`);
    /// `None` for the holder's own. [`pde_crypto::CryptoError::Malformed`] when the listed key
    /// id is not one.
    pub fn received_with(
        &self,
        wallet: &pde_crypto::wallet::WalletKey,
    ) -> Result<Option<pde_crypto::wallet::WalletKey>, pde_crypto::CryptoError> {
        if self.received_via.is_none() {
            return Ok(None);
        }
        let key_id = self
            .received_key
            .as_ref()
            .map(|id| pde_crypto::deposit::DepositKeyId::from_bytes(&id.0))
            .transpose()?;
        Ok(Some(pde_crypto::deposit::received_content_key(
            wallet,
            key_id.as_ref(),
        )))
    }
}

/// The wallet's documents and its storage use.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentList {
    /// Every committed document.
    pub documents: Vec<DocumentInfo>,
    /// Bytes used (documents and unfinished uploads).
    pub used_bytes: u64,
    /// The wallet's quota.
    pub quota_bytes: u64,
}

/// Replaces a document's encrypted metadata (rename, category, note).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetadataUpdate {
    /// New encrypted metadata record.
    pub metadata: Sealed,
}

/// Longest life of a grant: 30 days.
pub const MAX_GRANT_SECONDS: u64 = 30 * 24 * 3600;
/// Most documents in one grant.
pub const MAX_GRANT_DOCUMENTS: usize = 20;
/// Most openings a grant may allow.
pub const MAX_GRANT_OPENINGS: u32 = 1000;
/// Wrong PINs before a grant is burned.
pub const MAX_GRANT_PIN_FAILURES: i64 = 5;

/// One document the holder will put into a grant.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantDocumentDeclaration {
    /// Exact size of its ciphertext (sealed to the grant key).
    pub ciphertext_len: u64,
    /// Its name and type, sealed to the grant key.
    pub metadata: Sealed,
}

/// Creates a grant. Only hashes of the link's tokens are sent: the secret and the PIN stay in
/// the holder's browser.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantCreateRequest {
    /// SHA-256 of the access token.
    pub access_hash: Base64Bytes,
    /// SHA-256 of the PIN token, when the grant has a PIN.
    pub pin_hash: Option<Base64Bytes>,
    /// The grant key wrapped under the secret (and PIN).
    pub wrapped_key: Sealed,
    /// The holder's private label, sealed to the wallet.
    pub label: Sealed,
    /// Seconds from now until the grant expires (at most [`MAX_GRANT_SECONDS`]).
    pub expires_in_seconds: u64,
    /// Most openings, if limited.
    pub max_openings: Option<u32>,
    /// The documents, in order; each is then sent with `PUT /grants/{id}/documents/{n}`.
    pub documents: Vec<GrantDocumentDeclaration>,
}

/// The grant was created.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantCreated {
    /// Its id (in the link's path).
    pub grant_id: GrantId,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Where a grant stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GrantState {
    /// Documents still being sent.
    Incomplete,
    /// Can be opened.
    Active,
    /// Past its expiry.
    Expired,
    /// Stopped by the holder.
    Revoked,
    /// Opened as many times as allowed.
    UsedUp,
    /// Too many wrong PINs.
    Burned,
}

impl GrantState {
    /// The state's name on the wire (`snake_case`, as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incomplete => "incomplete",
            Self::Active => "active",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
            Self::UsedUp => "used_up",
            Self::Burned => "burned",
        }
    }
}

/// One of the holder's grants.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantSummary {
    /// Its id.
    pub grant_id: GrantId,
    /// The private label, sealed to the wallet.
    pub label: Sealed,
    /// Where it stands.
    pub state: GrantState,
    /// Whether it has a PIN.
    pub has_pin: bool,
    /// How many documents.
    pub document_count: u32,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub expires_at: i64,
    /// Most openings, if limited.
    pub max_openings: Option<u32>,
    /// When it was opened (Unix seconds), oldest first.
    pub opened_at: Vec<i64>,
}

/// The holder's grants.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantList {
    /// Newest first.
    pub grants: Vec<GrantSummary>,
}

/// What the worker's page sends: tokens derived from the link's secret (and the PIN). Its
/// `Debug` shows no token.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantTokens {
    /// The access token (URL-safe base64).
    pub access_token: String,
    /// The PIN token, for a grant with a PIN.
    pub pin_token: Option<String>,
}

/// What the worker's page learns before opening.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantStatus {
    /// Where it stands.
    pub state: GrantState,
    /// Whether a PIN is asked.
    pub has_pin: bool,
    /// Unix seconds.
    pub expires_at: i64,
}

/// One granted document, for the worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantedDocument {
    /// Its place in the grant.
    pub position: u32,
    /// Ciphertext size.
    pub size: u64,
    /// Name and type, sealed to the grant key.
    pub metadata: Sealed,
}

/// An opening: the grant key (wrapped) and the documents, and a token to fetch them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantOpened {
    /// Sent as `Authorization: Bearer …` to fetch the documents.
    pub opening_token: String,
    /// The grant key, wrapped under the link's secret and PIN.
    pub wrapped_key: Sealed,
    /// Unix seconds.
    pub expires_at: i64,
    /// The documents, in order.
    pub documents: Vec<GrantedDocument>,
}

impl std::fmt::Debug for GrantTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GrantTokens(…)")
    }
}

/// Longest life of a deposit link: 30 days.
pub const MAX_DEPOSIT_SECONDS: u64 = 30 * 24 * 3600;
/// Most documents one deposit link accepts.
pub const MAX_DEPOSIT_FILES: u32 = 20;
/// Documents a deposit link may have announced and not finished at once: each holds its size
/// against the holder's quota until it is committed or its upload expires.
pub const MAX_DEPOSIT_SENDING: u32 = 2;

/// Creates a deposit link. Only the hash of the link's access token and the recipient check
/// are sent: the link's secret stays in the holder's browser.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepositCreateRequest {
    /// SHA-256 of the access token.
    pub access_hash: Base64Bytes,
    /// The link's own public key (`age1…`, see `pde_crypto::deposit::link_key`): the key the
    /// worker encrypts to.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub recipient: WalletRecipient,
    /// Names the link's key pair (16 random bytes); kept beside every document that comes
    /// through the link, so the holder can derive the key that opens it.
    pub key_id: Base64Bytes,
    /// The recipient check (see `pde_crypto::deposit`).
    pub recipient_check: Base64Bytes,
    /// The holder's private label, sealed to the wallet.
    pub label: Sealed,
    /// Seconds from now until the link expires (at most [`MAX_DEPOSIT_SECONDS`]).
    pub expires_in_seconds: u64,
    /// Most documents (1 to [`MAX_DEPOSIT_FILES`]).
    pub max_files: u32,
}

impl DepositCreateRequest {
    /// The request for a new link behind `secret`, made in the holder's browser: a key pair of
    /// the link's own (see `pde_crypto::deposit::link_key`), the check of its public key, and
    /// the label sealed and authenticated under the wallet key.
    pub fn new(
        wallet: &pde_crypto::wallet::WalletKey,
        secret: &pde_crypto::deposit::DepositSecret,
        label: &str,
        expires_in_seconds: u64,
        max_files: u32,
    ) -> Result<Self, pde_crypto::CryptoError> {
        use pde_crypto::{deposit, document, record};
        let key_id = deposit::DepositKeyId::generate();
        let recipient = deposit::link_key(wallet, &key_id).recipient();
        let sealed_label = document::seal_document_bytes(&wallet.recipient(), label.as_bytes())?;
        Ok(Self {
            access_hash: secret.access_token().hash().to_vec().into(),
            recipient_check: secret.recipient_check(&recipient).to_vec().into(),
            recipient,
            key_id: key_id.as_bytes().to_vec().into(),
            label: record::authenticate(
                wallet,
                record::RecordKind::DepositLabel,
                b"",
                sealed_label,
            )
            .into(),
            expires_in_seconds,
            max_files,
        })
    }
}

/// The deposit link was created.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepositCreated {
    /// Its id (in the link's path).
    pub deposit_id: DepositId,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Where a deposit link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DepositState {
    /// Accepts documents.
    Active,
    /// Past its expiry.
    Expired,
    /// Stopped by the holder.
    Revoked,
    /// Received as many documents as allowed.
    Full,
}

impl DepositState {
    /// The state's name on the wire (`snake_case`, as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
            Self::Full => "full",
        }
    }
}

/// One of the holder's deposit links.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepositSummary {
    /// Its id.
    pub deposit_id: DepositId,
    /// The private label, sealed to the wallet.
    pub label: Sealed,
    /// Where it stands.
    pub state: DepositState,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub expires_at: i64,
    /// Most documents.
    pub max_files: u32,
    /// Documents started through it.
    pub files_received: u32,
}

/// The holder's deposit links.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepositList {
    /// Newest first.
    pub deposits: Vec<DepositSummary>,
}

/// The worker's proof of holding the link: its access token. `Debug` shows no token.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepositAccess {
    /// The access token (URL-safe base64).
    pub access_token: String,
}

impl std::fmt::Debug for DepositAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DepositAccess(…)")
    }
}

/// What the worker's page learns: where the link stands and the key to encrypt to, with the
/// check that proves the holder chose that key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepositStatus {
    /// Where it stands.
    pub state: DepositState,
    /// The link's public key (`age1…`): its own, never the wallet's.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub recipient: WalletRecipient,
    /// The recipient check, verified by the worker's browser with the link's secret.
    pub recipient_check: Base64Bytes,
    /// Unix seconds.
    pub expires_at: i64,
    /// Documents it still accepts.
    pub files_left: u32,
    /// The largest document the server accepts (plaintext bytes).
    pub max_document_bytes: u64,
}

/// Starts sending one document through a deposit link (counted against its maximum).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepositUploadRequest {
    /// The access token (URL-safe base64).
    pub access_token: String,
    /// The id the document will have (random, chosen by the worker's browser).
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9a-f]{32}$"))]
    pub document_id: DocumentId,
    /// Exact ciphertext size.
    pub ciphertext_len: u64,
}

/// Completes a deposited document: its name and type, sealed to the holder's key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepositCommitRequest {
    /// Encrypted metadata record.
    pub metadata: Sealed,
}

/// A deposited document arrived. Nothing else is told: the worker can't read it back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepositReceived {
    /// Documents the link still accepts.
    pub files_left: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_names_are_the_wire_names() {
        {
            use GrantState::*;
            for state in [Incomplete, Active, Expired, Revoked, UsedUp, Burned] {
                let wire = serde_json::to_string(&state).unwrap_or_default();
                assert_eq!(wire, format!("\"{}\"", state.as_str()));
            }
        }
        use DepositState::*;
        for state in [Active, Expired, Revoked, Full] {
            let wire = serde_json::to_string(&state).unwrap_or_default();
            assert_eq!(wire, format!("\"{}\"", state.as_str()));
        }
    }
}
