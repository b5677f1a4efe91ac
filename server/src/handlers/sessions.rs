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

use pde_api::{
    CancelSheetRequest, EraseRequest, LoginFinishRequest, LoginStartRequest, LoginStartResponse,
    NewSheetRequest, NewSheetResponse, RecoverFinishRequest, RecoverStartRequest,
    RecoverStartResponse, SecretChangeFinishRequest, SecretChangeStartRequest,
    SecretChangeStartResponse, SessionOpened, TimeLockRequest, TimeLocked, MAX_TIME_LOCK_SECONDS,
};
use pde_crypto::opaque::{self, KsfParams, ServerLoginState};
use pde_crypto::wallet::UnlockMethod;

use crate::auth::{clear_cookie, open_session, Session};
use crate::error::{ApiError, ApiJson};
use crate::ids::WalletId;
use crate::service::credentials::{
    invalid_registration_message, opaque_wrapped_key, registration_finish, registration_start,
    unlocked_wallet_info,
};
use crate::service::logins::{
    answer_login_start, count_attempt, count_attempt_on, find_wallet, invalid_login_message,
    Counted, Credential, LoginName,
};
use crate::service::{blocking, purge_grant, sheets};
use crate::state::AppState;
use crate::store::{CredentialChange, NewCredential, PendingRecovery, PendingSheet, WalletRecord};

/// Seconds between the two recovery messages.
const RECOVERY_TTL: i64 = 10 * 60;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .endpoint(endpoints::LOGIN_START, login_start)
        .endpoint(endpoints::LOGIN_FINISH, login_finish)
        .endpoint(endpoints::LOGOUT, logout)
        .endpoint(endpoints::END_OTHER_SESSIONS, end_other_sessions)
        .endpoint(endpoints::TIME_LOCK, time_lock)
        .endpoint(endpoints::WALLET_ERASE, erase_wallet)
        .endpoint(endpoints::RECOVERY_SHEET, new_recovery_sheet)
        .endpoint(endpoints::RECOVERY_SHEET_CANCEL, cancel_new_sheet)
        .endpoint(endpoints::SECRET_START, change_secret_start)
        .endpoint(endpoints::SECRET_FINISH, change_secret_finish)
        .endpoint(endpoints::RECOVER_START, recover_start)
        .endpoint(endpoints::RECOVER_FINISH, recover_finish)
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
        &request.login_id,
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
            wallet: unlocked_wallet_info(&state, &wallet).await?,
            wrapped_key: wrapped_key.into(),
        }),
    ))
}

/// Checks the second login message; on success clears the attempt counters and returns the
/// wallet. Any failure is the same `login_failed`.
async fn verify_login(
    state: &AppState,
    login_id: &pde_api::LoginId,
    finalization: Vec<u8>,
    now: i64,
) -> Result<WalletId, ApiError> {
    let login = state
        .store
        .take_login_state(login_id, now)
        .await?
        .ok_or(ApiError::LoginFailed)?;
    let server_state = ServerLoginState::open(&login.state, &state.opaque, login.id.as_str())
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

/// The session's wallet, which must be an everyday one: a hidden part (whose slot comes from
/// its secret, and which has no recovery sheet) is refused with `code` and `message`.
async fn everyday_wallet_of(
    state: &AppState,
    session: &Session,
    code: ErrorCode,
    message: &'static str,
) -> Result<WalletRecord, ApiError> {
    let wallet = state
        .store
        .wallet_by_id(&session.wallet_id)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    if wallet.hidden_of.is_some() {
        return Err(ApiError::refused(code, message));
    }
    Ok(wallet)
}

/// The secret proven again, within a session, before what can't be undone (a time-lock, a new
/// secret or sheet, the wallet's end): the fresh login must verify and be for `session`'s own
/// part. Returns that part.
async fn prove_again(
    state: &AppState,
    session: &Session,
    login_id: &pde_api::LoginId,
    finalization: Vec<u8>,
    now: i64,
) -> Result<WalletId, ApiError> {
    let wallet_id = verify_login(state, login_id, finalization, now).await?;
    if wallet_id != session.wallet_id {
        return Err(ApiError::LoginFailed);
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
    let wallet_id = prove_again(
        &state,
        &session,
        &request.login_id,
        request.credential_finalization.0,
        now,
    )
    .await?;
    state.store.time_lock(&wallet_id, until).await?;
    tracing::info!("wallet time-locked");
    Ok((
        clear_cookie(&state),
        ApiJson(TimeLocked {
            locked_until: until,
        }),
    ))
}

#[utoipa::path(post, path = pde_api::routes::WALLET_ERASE, context_path = pde_api::API_PREFIX, tag = "sessions", security(("session" = [])),
    request_body = EraseRequest,
    responses((status = 204), (status = 401, body = pde_api::ErrorBody)))]
/// "End my wallet" (GDPR art. 17): within a session, with the part's secret proven again by a
/// fresh login. Every row of the session's part goes in one transaction — for the everyday
/// part, its hidden parts with it; from a hidden part, that part alone. No blob is touched here:
/// without rows they are orphans that the sweeper deletes, so this request does no more work
/// and says no more for a wallet with hidden documents than for one without. The answer (no
/// content, the session's cookie cleared) is the same in every case. Afterwards the number is
/// answered as one that never existed.
pub async fn erase_wallet(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<EraseRequest>,
) -> Result<(StatusCode, HeaderMap), ApiError> {
    let now = state.clock.now();
    let wallet_id = prove_again(
        &state,
        &session,
        &request.login_id,
        request.credential_finalization.0,
        now,
    )
    .await?;
    crate::service::erasure::erase_part(&state, &wallet_id, now).await?;
    tracing::info!("wallet part erased");
    Ok((StatusCode::NO_CONTENT, clear_cookie(&state)))
}

#[utoipa::path(post, path = pde_api::routes::RECOVERY_SHEET, context_path = pde_api::API_PREFIX, tag = "sessions", security(("session" = [])),
    request_body = NewSheetRequest,
    responses((status = 200, body = NewSheetResponse), (status = 400, body = pde_api::ErrorBody),
              (status = 401, body = pde_api::ErrorBody), (status = 409, body = pde_api::ErrorBody)))]
/// A new recovery sheet for the session's wallet, the secret proven again by a fresh login.
/// With the current sheet's token it replaces the current sheet at once; with the secret alone
/// it waits [`pde_api::NEW_SHEET_DELAY_SECONDS`], during which the old sheet still works (and
/// cancels it). A hidden part has no sheet. Changing the secret keeps the sheet.
pub async fn new_recovery_sheet(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<NewSheetRequest>,
) -> Result<ApiJson<NewSheetResponse>, ApiError> {
    let now = state.clock.now();
    let sheet = sheets::sheet_from(&request.recovery_token.0, &request.wrapped_key.0)?;
    everyday_wallet_of(
        &state,
        &session,
        ErrorCode::RecoverySheetUnavailable,
        "Hidden documents have no recovery sheet.",
    )
    .await?;
    let wallet_id = prove_again(
        &state,
        &session,
        &request.login_id,
        request.credential_finalization.0,
        now,
    )
    .await?;
    sheets::settle_pending_sheet(&state, &wallet_id, now).await?;
    let effective_at = match &request.current_token {
        Some(current) => {
            if !sheets::is_current_sheet(&state, &wallet_id, &current.0).await? {
                return Err(sheets::wrong_sheet());
            }
            state
                .store
                .replace_recovery_sheet(&wallet_id, &sheet, now)
                .await?;
            now
        }
        None => {
            let effective_at = now + pde_api::NEW_SHEET_DELAY_SECONDS;
            state
                .store
                .put_pending_sheet(
                    &wallet_id,
                    &PendingSheet {
                        sheet,
                        made_at: now,
                        effective_at,
                    },
                )
                .await?;
            effective_at
        }
    };
    tracing::info!("new recovery sheet");
    Ok(ApiJson(NewSheetResponse { effective_at }))
}

#[utoipa::path(post, path = pde_api::routes::RECOVERY_SHEET_CANCEL, context_path = pde_api::API_PREFIX, tag = "sessions", security(("session" = [])),
    request_body = CancelSheetRequest,
    responses((status = 204), (status = 400, body = pde_api::ErrorBody),
              (status = 401, body = pde_api::ErrorBody)))]
/// Cancels a new recovery sheet still waiting for its time, with the current sheet's token
/// (the holder has the old sheet: the new one was not theirs to make).
pub async fn cancel_new_sheet(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<CancelSheetRequest>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    sheets::settle_pending_sheet(&state, &session.wallet_id, now).await?;
    if !sheets::is_current_sheet(&state, &session.wallet_id, &request.recovery_token.0).await? {
        return Err(sheets::wrong_sheet());
    }
    state.store.cancel_pending_sheet(&session.wallet_id).await?;
    Ok(StatusCode::NO_CONTENT)
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

#[utoipa::path(post, path = pde_api::routes::OTHER_SESSIONS, context_path = pde_api::API_PREFIX, tag = "sessions", security(("session" = [])),
    responses((status = 204), (status = 401, body = pde_api::ErrorBody)))]
/// Ends every session of the wallet and of its hidden parts but this one (a computer left open
/// elsewhere). Asked from a hidden part, it ends the same sessions, and answers the same.
pub async fn end_other_sessions(
    State(state): State<AppState>,
    session: Session,
) -> Result<StatusCode, ApiError> {
    let wallet = state
        .store
        .wallet_by_id(&session.wallet_id)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    let everyday = wallet.hidden_of.unwrap_or(wallet.id);
    state
        .store
        .end_other_sessions(&everyday, &session.token_hash)
        .await?;
    Ok(StatusCode::NO_CONTENT)
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
    let recovery_counter = name.recovery_throttle_key(&state.name_keys);
    let (throttle_key, bucket) =
        count_attempt_on(&state, recovery_counter, request.proof.as_ref(), now).await?;
    let wallet = match find_wallet(&state, &name).await? {
        Some(wallet) => {
            // A new sheet whose time has come is the one that works now.
            sheets::settle_pending_sheet(&state, &wallet.id, now).await?;
            sheets::is_current_sheet(&state, &wallet.id, &request.recovery_token.0)
                .await?
                .then_some(wallet)
        }
        None => None,
    };
    let wallet = wallet.ok_or(ApiError::LoginFailed)?;
    state.store.clear_login_attempts(&throttle_key).await?;
    state.store.add_global_login_failures(bucket, -1).await?;
    refuse_if_time_locked(&state, &wallet.id, now).await?;
    // The old sheet, shown while a new one waits: the new one was not the holder's to make.
    state.store.cancel_pending_sheet(&wallet.id).await?;

    let wrapped_key = state
        .store
        .wrapped_key(&wallet.id, UnlockMethod::Recovery.as_str())
        .await?
        .ok_or_else(|| ApiError::internal("wallet without a recovery-wrapped key"))?;
    let (recovery_id, response, ksf) = start_credential_change(
        &state,
        &wallet,
        request.registration_request.0,
        CredentialChange::Recovery,
        now,
    )
    .await?;
    Ok(ApiJson(RecoverStartResponse {
        recovery_id,
        wrapped_key: wrapped_key.into(),
        registration_response: response.into(),
        ksf,
    }))
}

/// A credential change that expired, was used, or is not this one.
fn registration_expired() -> ApiError {
    ApiError::refused(
        ErrorCode::RegistrationExpired,
        "This took too long, or it was already done. Start again.",
    )
}

/// The last step of replacing a credential: the pending change `id` of `purpose` taken (it must
/// be `only_for`'s, when given; refused while the wallet is time-locked), then the new
/// credential and OPAQUE-wrapped key stored in the transaction that ends every session but
/// `keep` (see [`crate::store::WalletStore::replace_credential`]). Returns the wallet.
#[allow(clippy::too_many_arguments)]
async fn finish_credential_change(
    state: &AppState,
    id: &pde_api::RecoveryId,
    purpose: CredentialChange,
    only_for: Option<&WalletId>,
    registration_upload: Vec<u8>,
    wrapped_key: &[u8],
    keep: Option<&[u8]>,
    now: i64,
) -> Result<WalletId, ApiError> {
    let wrapped = opaque_wrapped_key(wrapped_key)?;
    let password_file = registration_finish(registration_upload).await?;
    let pending = state
        .store
        .take_pending_recovery(id, purpose, now)
        .await?
        .filter(|p| only_for.is_none_or(|wallet| *wallet == p.wallet_id))
        .ok_or_else(registration_expired)?;
    refuse_if_time_locked(state, &pending.wallet_id, now).await?;
    let credential = NewCredential {
        password_file: password_file.as_bytes().to_vec(),
        ksf: pending.ksf,
        key_id: wrapped.key_id.clone(),
        wrapped_key: wrapped_key.to_vec(),
    };
    if !state
        .store
        .replace_credential(&pending.wallet_id, &credential, keep, now)
        .await?
    {
        return Err(registration_expired());
    }
    Ok(pending.wallet_id)
}

/// The first step of replacing `wallet`'s credential (for `purpose`): the OPAQUE answer to the
/// client's registration `message`, remembered until the finish. Returns the id the finish
/// uses, the answer and the new credential's Argon2 parameters.
async fn start_credential_change(
    state: &AppState,
    wallet: &WalletRecord,
    message: Vec<u8>,
    purpose: CredentialChange,
    now: i64,
) -> Result<(pde_api::RecoveryId, Vec<u8>, KsfParams), ApiError> {
    let ksf = new_credential_ksf(state, wallet)?;
    let response = registration_start(state, &wallet.id, message).await?;
    let id = pde_api::RecoveryId::random();
    let pending = PendingRecovery {
        wallet_id: wallet.id.clone(),
        ksf: serde_json::to_string(&ksf).map_err(ApiError::internal)?,
        purpose,
    };
    state
        .store
        .put_pending_recovery(&id, &pending, now + RECOVERY_TTL)
        .await?;
    Ok((id, response, ksf))
}

/// The Argon2 parameters of a wallet's new credential: test wallets keep their cheap ones (where
/// the server still allows them); any other credential gets today's default.
fn new_credential_ksf(state: &AppState, wallet: &WalletRecord) -> Result<KsfParams, ApiError> {
    let current: KsfParams = serde_json::from_str(&wallet.ksf).map_err(ApiError::internal)?;
    Ok(
        if current == KsfParams::TEST && state.settings.allow_test_wallets {
            KsfParams::TEST
        } else {
            state.default_ksf
        },
    )
}

#[utoipa::path(post, path = pde_api::routes::SECRET_START, context_path = pde_api::API_PREFIX, tag = "wallets", security(("session" = [])),
    request_body = SecretChangeStartRequest,
    responses((status = 200, body = SecretChangeStartResponse), (status = 400, body = pde_api::ErrorBody),
              (status = 401, body = pde_api::ErrorBody), (status = 409, body = pde_api::ErrorBody)))]
/// Changing the secret of the session's wallet, first message: the OPAQUE answer for the new
/// secret. Only within a session, so a time-locked wallet can't (its sessions are refused).
/// The secret of a hidden part can't be changed here (its slot comes from its secret).
pub async fn change_secret_start(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<SecretChangeStartRequest>,
) -> Result<ApiJson<SecretChangeStartResponse>, ApiError> {
    let now = state.clock.now();
    opaque::check_registration_request(&request.registration_request.0)
        .map_err(|_| invalid_registration_message())?;
    let wallet = everyday_wallet_of(
        &state,
        &session,
        ErrorCode::SecretChangeUnavailable,
        "The secret of hidden documents can't be changed here.",
    )
    .await?;
    let (change_id, response, ksf) = start_credential_change(
        &state,
        &wallet,
        request.registration_request.0,
        CredentialChange::NewSecret,
        now,
    )
    .await?;
    Ok(ApiJson(SecretChangeStartResponse {
        change_id,
        registration_response: response.into(),
        ksf,
    }))
}

#[utoipa::path(post, path = pde_api::routes::SECRET_FINISH, context_path = pde_api::API_PREFIX, tag = "wallets", security(("session" = [])),
    request_body = SecretChangeFinishRequest,
    responses((status = 204), (status = 400, body = pde_api::ErrorBody), (status = 401, body = pde_api::ErrorBody)))]
/// Changing the secret, second message: with the current secret proven again by a fresh login
/// of this session's wallet, the new credential and OPAQUE-wrapped key replace the old ones and,
/// in the same transaction, every other session, unfinished login and pending recovery of the
/// wallet and of its hidden parts ends. This session stays open. Grant and deposit links keep
/// working unless `end_links` asks to stop them too. Hidden parts keep their own secrets.
pub async fn change_secret_finish(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<SecretChangeFinishRequest>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    prove_again(
        &state,
        &session,
        &request.login_id,
        request.credential_finalization.0,
        now,
    )
    .await?;
    finish_credential_change(
        &state,
        &request.change_id,
        CredentialChange::NewSecret,
        Some(&session.wallet_id),
        request.registration_upload.0,
        &request.wrapped_key.0,
        Some(&session.token_hash),
        now,
    )
    .await?;
    if request.end_links {
        for grant in state.store.wallet_grants(&session.wallet_id).await? {
            if grant.purged_at.is_none() {
                state
                    .store
                    .revoke_grant(&session.wallet_id, &grant.id, now)
                    .await?;
                purge_grant(&state, &grant.id, now).await?;
            }
        }
        for deposit in state.store.wallet_deposits(&session.wallet_id).await? {
            if deposit.revoked_at.is_none() {
                state
                    .store
                    .revoke_deposit(&session.wallet_id, &deposit.id, now)
                    .await?;
            }
        }
    }
    tracing::info!("secret changed");
    Ok(StatusCode::NO_CONTENT)
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
    let wallet_id = finish_credential_change(
        &state,
        &request.recovery_id,
        CredentialChange::Recovery,
        None,
        request.registration_upload.0,
        &request.wrapped_key.0,
        None,
        now,
    )
    .await?;
    let wallet = state
        .store
        .wallet_by_id(&wallet_id)
        .await?
        .ok_or_else(registration_expired)?;
    let cookie = open_session(&state, &wallet.id).await?;
    Ok((
        cookie,
        ApiJson(SessionOpened {
            wallet: unlocked_wallet_info(&state, &wallet).await?,
            wrapped_key: request.wrapped_key,
        }),
    ))
}
