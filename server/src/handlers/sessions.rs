//! Logging in (OPAQUE in two messages) and out, and the time-lock ("prepare my meeting").
//!
//! A time-locked wallet answers a login exactly like an open one until the secret is verified;
//! only then is `wallet_time_locked` (with the time) said, and no session is opened. The same goes
//! for the recovery key. The lock is a row in the database, so it holds across restarts and
//! replicas; sessions of the wallet end when it is set, and are refused while it holds.
//!
//! An attempt is counted when a login *starts*: OPAQUE lets the client tell a wrong PIN from the
//! server's first answer, so counting at the finish would count nothing. The count is per login
//! name (known or not, so that back-off does not reveal which wallets exist) and global, in the
//! database; only a verified finish clears it. Unknown names get opaque-ke's dummy answer with the
//! default parameters, indistinguishable from a real one.

use super::RouteEndpoint;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Router;
use pde_api::endpoints;
use pde_api::ErrorCode;
use sha2::{Digest, Sha256};

use pde_api::pseudonym::Pseudonym;
use pde_api::wallet_number::{looks_like_wallet_number, WalletNumber};
use pde_api::{
    LoginFinishRequest, LoginProof, LoginStartRequest, LoginStartResponse, RecoverFinishRequest,
    RecoverStartRequest, RecoverStartResponse, SessionOpened, TimeLockRequest, TimeLocked,
    MAX_TIME_LOCK_SECONDS,
};
use pde_crypto::names::NameKeys;
use pde_crypto::opaque::{self, KsfParams, PasswordFile, ServerLoginState};
use pde_crypto::proof::bits_for_load;
use pde_crypto::wallet::UnlockMethod;
use subtle::ConstantTimeEq;

use super::blocking;
use super::wallets::{
    invalid_registration_message, opaque_wrapped_key, registration_finish, registration_start,
    wallet_info,
};
use crate::auth::{clear_cookie, open_session, Session};
use crate::error::{ApiError, ApiJson};
use crate::ids::WalletId;
use crate::state::AppState;
use crate::store::{
    AttemptOutcome, BackoffPolicy, LoginState, NewCredential, PendingRecovery, WalletRecord,
};

/// Seconds between the two login messages (and between a hidden slot and its use).
pub(super) const LOGIN_TTL: i64 = 120;
/// Width of a global failure bucket, in seconds.
const BUCKET_SECONDS: i64 = 60;
/// First back-off delay once the free attempts are used.
const FIRST_DELAY_SECONDS: i64 = 5;
/// Seconds between the two recovery messages.
const RECOVERY_TTL: i64 = 10 * 60;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .endpoint(endpoints::LOGIN_START, login_start)
        .endpoint(endpoints::LOGIN_FINISH, login_finish)
        .endpoint(endpoints::LOGOUT, logout)
        .endpoint(endpoints::TIME_LOCK, time_lock)
        .endpoint(endpoints::RECOVER_START, recover_start)
        .endpoint(endpoints::RECOVER_FINISH, recover_finish)
}

/// What a person typed to name their wallet, in canonical form.
pub(super) enum LoginName {
    Number(WalletNumber),
    Pseudonym(Pseudonym),
    /// Neither: answered like an unknown wallet.
    Invalid(String),
}

impl LoginName {
    pub(super) fn parse(input: &str) -> Self {
        if looks_like_wallet_number(input) {
            if let Ok(number) = input.parse() {
                return Self::Number(number);
            }
        } else if let Ok(pseudonym) = Pseudonym::parse(input) {
            return Self::Pseudonym(pseudonym);
        }
        Self::Invalid(input.trim().to_uppercase())
    }

    pub(super) fn canonical(&self) -> String {
        match self {
            Self::Number(n) => format!("number:{n}"),
            Self::Pseudonym(p) => format!("pseudonym:{p}"),
            Self::Invalid(s) => format!("invalid:{s}"),
        }
    }

    /// Key of a counter (`purpose`) for this name: an HMAC under a secret kept with the server
    /// setup, so the database keeps nothing a guess could be checked against. Texts that are
    /// neither a number nor a pseudonym share one counter: nothing is kept per text.
    fn counter_key(&self, keys: &NameKeys, purpose: &str) -> Vec<u8> {
        match self {
            Self::Invalid(_) => keys.key(purpose, "invalid"),
            _ => keys.key(purpose, &self.canonical()),
        }
    }

    /// Key of the login attempt counter.
    pub(super) fn throttle_key(&self, keys: &NameKeys) -> Vec<u8> {
        self.counter_key(keys, "login")
    }

    /// Key of the counter of attempts on hidden parts.
    pub(super) fn hidden_throttle_key(&self, keys: &NameKeys) -> Vec<u8> {
        self.counter_key(keys, "hidden")
    }
}

pub(super) async fn find_wallet(
    state: &AppState,
    name: &LoginName,
) -> Result<Option<WalletRecord>, ApiError> {
    Ok(match name {
        LoginName::Number(number) => state.store.wallet_by_number(number.as_str()).await?,
        LoginName::Pseudonym(pseudonym) => {
            state.store.wallet_by_pseudonym(pseudonym.as_str()).await?
        }
        LoginName::Invalid(_) => None,
    })
}

/// Counts an attempt for `name` (per name and globally), refusing with 429 while backing off.
/// Returns the counter's key and the global bucket, to clear them after a verified proof.
async fn count_attempt(
    state: &AppState,
    name: &LoginName,
    proof: Option<&LoginProof>,
    now: i64,
) -> Result<(Vec<u8>, i64), ApiError> {
    count_attempt_on(state, name.throttle_key(&state.name_keys), proof, now).await
}

/// Counts an attempt on a given counter (hidden parts have their own, for every name) and in
/// the global budget (unfinished logins over all wallets in the last hour), each as one atomic
/// check-and-count; refused by either, nothing stays counted.
///
/// Past the global budget a login is priced, not refused: it must carry a solved challenge
/// (`proof`), whose cost rises with the load. A refusal would let anyone who floods the server
/// keep every holder out. The price is asked before the name is looked at, so it is the same
/// for every name, known or not.
pub(super) async fn count_attempt_on(
    state: &AppState,
    throttle_key: Vec<u8>,
    proof: Option<&LoginProof>,
    now: i64,
) -> Result<(Vec<u8>, i64), ApiError> {
    let bucket = now / BUCKET_SECONDS;
    let window = 3600 / BUCKET_SECONDS;
    let budget = state.settings.global_login_failures_per_hour;
    if !state
        .store
        .count_global_login_failure(bucket, bucket - window, budget)
        .await?
    {
        let (unfinished, _) = state.store.global_login_failures(bucket - window).await?;
        pay_with_proof(state, proof, bits_for_load(unfinished, budget), now).await?;
        // Counted all the same, so that the price follows the load.
        state.store.add_global_login_failures(bucket, 1).await?;
    }
    let policy = BackoffPolicy {
        free_attempts: state.settings.login_free_attempts,
        first_delay: FIRST_DELAY_SECONDS,
        max_delay: state.settings.login_max_backoff_seconds,
    };
    if let AttemptOutcome::BlockedUntil(until) = state
        .store
        .count_login_attempt(&throttle_key, now, policy)
        .await?
    {
        state.store.add_global_login_failures(bucket, -1).await?;
        return Err(ApiError::TooManyAttempts {
            retry_after: (until - now).max(1) as u64,
        });
    }
    Ok((throttle_key, bucket))
}

/// Accepts a solved, unexpired challenge of this deployment that was not used before; anything
/// else is answered with a new challenge of `bits`.
async fn pay_with_proof(
    state: &AppState,
    proof: Option<&LoginProof>,
    bits: u8,
    now: i64,
) -> Result<(), ApiError> {
    if let Some(proof) = proof {
        if let Ok(checked) = state.proof_key.check(&proof.challenge.0, proof.nonce, now) {
            if state
                .store
                .spend_login_proof(&checked.spent_id, checked.expires_at)
                .await?
            {
                return Ok(());
            }
        }
    }
    Err(ApiError::ProofOfWorkRequired {
        challenge: state.proof_key.challenge(bits, now + LOGIN_TTL),
        bits,
    })
}

#[utoipa::path(post, path = pde_api::routes::LOGIN_START, context_path = pde_api::API_PREFIX, tag = "sessions",
    request_body = LoginStartRequest,
    responses((status = 200, body = LoginStartResponse), (status = 400, body = pde_api::ErrorBody),
              (status = 429, body = pde_api::ErrorBody)))]
/// First login message. Counted as an attempt once the message is known to be well formed;
/// answered alike for known and unknown wallets.
pub async fn login_start(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<LoginStartRequest>,
) -> Result<ApiJson<LoginStartResponse>, ApiError> {
    let now = state.clock.now();
    let name = LoginName::parse(&request.login);
    opaque::check_credential_request(&request.credential_request.0)
        .map_err(|_| invalid_login_message())?;
    let (throttle_key, bucket) = count_attempt(&state, &name, request.proof.as_ref(), now).await?;

    let wallet = find_wallet(&state, &name).await?;
    let credential = match wallet {
        Some(wallet) => Credential::of(&wallet)?,
        None => Credential::dummy(name.canonical().into_bytes(), state.default_ksf),
    };
    let answer = answer_login_start(
        &state,
        credential,
        request.credential_request.0,
        Counted {
            throttle_key,
            bucket,
            give_back: None,
        },
        now,
    )
    .await?;
    Ok(ApiJson(answer))
}

/// What a login start counted, to undo once the login is verified.
pub(super) struct Counted {
    /// The counter the attempt was counted on (cleared).
    pub throttle_key: Vec<u8>,
    /// Its global bucket (one unit given back).
    pub bucket: i64,
    /// Another attempt made for this login (given back): see [`LoginState::give_back`].
    pub give_back: Option<(Vec<u8>, i64)>,
}

fn invalid_login_message() -> ApiError {
    ApiError::refused(
        ErrorCode::InvalidLoginMessage,
        "The login message is not valid.",
    )
}

/// What a login's first message is answered against: a stored credential, or the dummy one.
pub(super) struct Credential {
    wallet_id: Option<WalletId>,
    password_file: Option<PasswordFile>,
    credential_id: Vec<u8>,
    ksf: KsfParams,
}

impl Credential {
    /// The credential of a wallet (or of a hidden part).
    pub(super) fn of(wallet: &WalletRecord) -> Result<Self, ApiError> {
        Ok(Self {
            wallet_id: Some(wallet.id.clone()),
            password_file: Some(
                PasswordFile::from_bytes(&wallet.password_file).map_err(ApiError::internal)?,
            ),
            credential_id: wallet.id.as_str().as_bytes().to_vec(),
            ksf: serde_json::from_str(&wallet.ksf).map_err(ApiError::internal)?,
        })
    }

    /// opaque-ke's dummy answer, fixed by `credential_id`, for a name or slot that has none.
    pub(super) fn dummy(credential_id: Vec<u8>, ksf: KsfParams) -> Self {
        Self {
            wallet_id: None,
            password_file: None,
            credential_id,
            ksf,
        }
    }
}

/// Answers a login's first message and remembers the login (for any replica) until its finish,
/// with what it counted, undone by a verified finish.
pub(super) async fn answer_login_start(
    state: &AppState,
    credential: Credential,
    message: Vec<u8>,
    counted: Counted,
    now: i64,
) -> Result<LoginStartResponse, ApiError> {
    let setup = state.opaque.clone();
    let Credential {
        wallet_id,
        password_file,
        credential_id,
        ksf,
    } = credential;
    let (server_state, response) = blocking(move || {
        opaque::server_login_start(&setup, password_file.as_ref(), &message, &credential_id)
    })
    .await?
    .map_err(|_| invalid_login_message())?;
    let id = pde_api::LoginId::random().to_string();
    let login = LoginState {
        state: server_state.seal(&state.opaque, &id),
        id,
        wallet_id,
        throttle_key: counted.throttle_key,
        bucket: counted.bucket,
        give_back: counted.give_back,
        expires_at: now + LOGIN_TTL,
    };
    state.store.put_login_state(&login).await?;
    Ok(LoginStartResponse {
        login_id: pde_api::LoginId::from_text(login.id),
        credential_response: response.into(),
        ksf,
    })
}

#[utoipa::path(post, path = pde_api::routes::LOGIN_FINISH, context_path = pde_api::API_PREFIX, tag = "sessions",
    request_body = LoginFinishRequest,
    responses((status = 200, body = SessionOpened), (status = 401, body = pde_api::ErrorBody)))]
/// Second login message: verifies the client, clears the attempts, opens a session.
pub async fn login_finish(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<LoginFinishRequest>,
) -> Result<(HeaderMap, ApiJson<SessionOpened>), ApiError> {
    let now = state.clock.now();
    let wallet_id = verify_login(
        &state,
        request.login_id.as_str(),
        request.credential_finalization.0,
        now,
    )
    .await?;
    refuse_if_time_locked(&state, &wallet_id, now).await?;
    let wallet = state
        .store
        .wallet_by_id(&wallet_id)
        .await?
        .ok_or(ApiError::LoginFailed)?;
    let wrapped_key = state
        .store
        .wrapped_key(&wallet_id, UnlockMethod::Opaque.as_str())
        .await?
        .ok_or_else(|| ApiError::internal("wallet without an opaque-wrapped key"))?;
    let cookie = open_session(&state, &wallet_id).await?;
    Ok((
        cookie,
        ApiJson(SessionOpened {
            wallet: wallet_info(&state, &wallet).await?,
            wrapped_key: wrapped_key.into(),
        }),
    ))
}

/// Checks the second login message; on success clears the attempt counters and returns the
/// wallet. Any failure is the same `login_failed`.
async fn verify_login(
    state: &AppState,
    login_id: &str,
    finalization: Vec<u8>,
    now: i64,
) -> Result<WalletId, ApiError> {
    let login = state
        .store
        .take_login_state(login_id, now)
        .await?
        .ok_or(ApiError::LoginFailed)?;
    let server_state = ServerLoginState::open(&login.state, &state.opaque, &login.id)
        .map_err(ApiError::internal)?;
    let verified = blocking(move || opaque::server_login_finish(server_state, &finalization))
        .await?
        .is_ok();
    let wallet_id = login
        .wallet_id
        .filter(|_| verified)
        .ok_or(ApiError::LoginFailed)?;
    state
        .store
        .clear_login_attempts(&login.throttle_key)
        .await?;
    state
        .store
        .add_global_login_failures(login.bucket, -1)
        .await?;
    if let Some((key, bucket)) = &login.give_back {
        state.store.give_back_login_attempt(key).await?;
        state.store.add_global_login_failures(*bucket, -1).await?;
    }
    Ok(wallet_id)
}

/// `wallet_time_locked` (with the time) while the lock holds. Call only once the secret or the
/// recovery key is verified: the time is never told to someone who only knows the wallet number.
async fn refuse_if_time_locked(
    state: &AppState,
    wallet_id: &WalletId,
    now: i64,
) -> Result<(), ApiError> {
    match state.store.time_locked_until(wallet_id, now).await? {
        Some(until) => Err(ApiError::TimeLocked { until }),
        None => Ok(()),
    }
}

#[utoipa::path(post, path = pde_api::routes::TIME_LOCK, context_path = pde_api::API_PREFIX, tag = "sessions", security(("session" = [])),
    request_body = TimeLockRequest,
    responses((status = 200, body = TimeLocked), (status = 400, body = pde_api::ErrorBody),
              (status = 401, body = pde_api::ErrorBody)))]
/// Locks the wallet until a chosen time (at most 72 hours). Within a session, with the secret
/// proven again by a fresh login (`/sessions/start` for this wallet). Every session of the wallet
/// ends, this one included; grant links keep working. It cannot be undone through the API.
pub async fn time_lock(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<TimeLockRequest>,
) -> Result<(HeaderMap, ApiJson<TimeLocked>), ApiError> {
    let now = state.clock.now();
    let until = request.locked_until;
    if until <= now || until - now > MAX_TIME_LOCK_SECONDS {
        return Err(ApiError::refused(
            ErrorCode::TimeLockInvalid,
            format!(
                "Choose a time in the future, at most {} hours from now.",
                MAX_TIME_LOCK_SECONDS / 3600
            ),
        ));
    }
    let wallet_id = verify_login(
        &state,
        request.login_id.as_str(),
        request.credential_finalization.0,
        now,
    )
    .await?;
    // The proof must be for this session's wallet.
    if wallet_id != session.wallet_id {
        return Err(ApiError::LoginFailed);
    }
    state.store.time_lock(&wallet_id, until).await?;
    tracing::info!("wallet time-locked");
    Ok((
        clear_cookie(&state),
        ApiJson(TimeLocked {
            locked_until: until,
        }),
    ))
}

#[utoipa::path(post, path = pde_api::routes::LOGOUT, context_path = pde_api::API_PREFIX, tag = "sessions", security(("session" = [])),
    responses((status = 204), (status = 401, body = pde_api::ErrorBody)))]
/// Ends the current session.
pub async fn logout(
    State(state): State<AppState>,
    session: Session,
) -> Result<(StatusCode, HeaderMap), ApiError> {
    state.store.delete_session(&session.token_hash).await?;
    Ok((StatusCode::NO_CONTENT, clear_cookie(&state)))
}

#[utoipa::path(post, path = pde_api::routes::RECOVER_START, context_path = pde_api::API_PREFIX, tag = "wallets",
    request_body = RecoverStartRequest,
    responses((status = 200, body = RecoverStartResponse), (status = 400, body = pde_api::ErrorBody),
              (status = 401, body = pde_api::ErrorBody), (status = 429, body = pde_api::ErrorBody)))]
/// Replacing a forgotten secret, first message: the recovery key's token is checked (counted on
/// the name's own recovery counter and the global budget; unknown wallets and wrong keys answer
/// alike), then the wallet key wrapped
/// under the recovery key and the OPAQUE answer for the new secret are returned.
pub async fn recover_start(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RecoverStartRequest>,
) -> Result<ApiJson<RecoverStartResponse>, ApiError> {
    let now = state.clock.now();
    let name = LoginName::parse(&request.login);
    opaque::check_registration_request(&request.registration_request.0)
        .map_err(|_| invalid_registration_message())?;
    // A counter of its own: someone who floods a name with wrong secrets doesn't keep its
    // holder from recovering (a recovery key has 128 bits: its back-off only limits the rate).
    let recovery_counter = name.counter_key(&state.name_keys, "recovery");
    let (throttle_key, bucket) =
        count_attempt_on(&state, recovery_counter, request.proof.as_ref(), now).await?;
    let presented = Sha256::digest(&request.recovery_token.0);
    let wallet = match find_wallet(&state, &name).await? {
        Some(wallet) => match state.store.recovery_verifier(&wallet.id).await? {
            Some(stored) if bool::from(stored.as_slice().ct_eq(presented.as_slice())) => {
                Some(wallet)
            }
            _ => None,
        },
        None => None,
    };
    let wallet = wallet.ok_or(ApiError::LoginFailed)?;
    state.store.clear_login_attempts(&throttle_key).await?;
    state.store.add_global_login_failures(bucket, -1).await?;
    refuse_if_time_locked(&state, &wallet.id, now).await?;

    let wrapped_key = state
        .store
        .wrapped_key(&wallet.id, UnlockMethod::Recovery.as_str())
        .await?
        .ok_or_else(|| ApiError::internal("wallet without a recovery-wrapped key"))?;
    // Test wallets keep their cheap parameters (where the server still allows them); any other
    // credential gets today's default.
    let current: KsfParams = serde_json::from_str(&wallet.ksf).map_err(ApiError::internal)?;
    let ksf = if current == KsfParams::TEST && state.settings.allow_test_wallets {
        KsfParams::TEST
    } else {
        state.default_ksf
    };
    let response = registration_start(&state, &wallet.id, request.registration_request.0).await?;
    let recovery_id = pde_api::RecoveryId::random();
    let pending = PendingRecovery {
        wallet_id: wallet.id.clone(),
        ksf: serde_json::to_string(&ksf).map_err(ApiError::internal)?,
    };
    state
        .store
        .put_pending_recovery(recovery_id.as_str(), &pending, now + RECOVERY_TTL)
        .await?;
    Ok(ApiJson(RecoverStartResponse {
        recovery_id,
        wrapped_key: wrapped_key.into(),
        registration_response: response.into(),
        ksf,
    }))
}

#[utoipa::path(post, path = pde_api::routes::RECOVER_FINISH, context_path = pde_api::API_PREFIX, tag = "wallets",
    request_body = RecoverFinishRequest,
    responses((status = 200, body = SessionOpened), (status = 400, body = pde_api::ErrorBody)))]
/// Replacing a forgotten secret, second message: the new credential and OPAQUE-wrapped key
/// replace the old ones, every other session of the wallet ends, and a session opens.
pub async fn recover_finish(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RecoverFinishRequest>,
) -> Result<(HeaderMap, ApiJson<SessionOpened>), ApiError> {
    let now = state.clock.now();
    let wrapped = opaque_wrapped_key(&request.wrapped_key.0)?;
    let password_file = registration_finish(request.registration_upload.0).await?;
    let expired = || {
        ApiError::refused(
            ErrorCode::RegistrationExpired,
            "This took too long, or it was already done. Start again.",
        )
    };
    let pending = state
        .store
        .take_pending_recovery(request.recovery_id.as_str(), now)
        .await?
        .ok_or_else(expired)?;
    refuse_if_time_locked(&state, &pending.wallet_id, now).await?;
    let credential = NewCredential {
        password_file: password_file.as_bytes().to_vec(),
        ksf: pending.ksf,
        key_id: wrapped.key_id.clone(),
        wrapped_key: request.wrapped_key.0.clone(),
    };
    if !state
        .store
        .replace_credential(&pending.wallet_id, &credential, now)
        .await?
    {
        return Err(expired());
    }
    let wallet = state
        .store
        .wallet_by_id(&pending.wallet_id)
        .await?
        .ok_or_else(expired)?;
    let cookie = open_session(&state, &wallet.id).await?;
    Ok((
        cookie,
        ApiJson(SessionOpened {
            wallet: wallet_info(&state, &wallet).await?,
            wrapped_key: request.wrapped_key,
        }),
    ))
}
