//! Hidden parts of a wallet: set up from within a session, opened by their own secret as a
//! separate step after the everyday login (see `pde_crypto::hidden` for the slot).
//!
//! Nothing here answers differently for a wallet with or without hidden parts: the slot step
//! evaluates an OPRF for every name; the login start answers a slot that matches nothing with
//! OPAQUE's dummy answer, with the wallet's own Argon2 parameters; the finish is the ordinary
//! `/sessions/finish`. The everyday part's answers never mention hidden parts. What the server
//! itself knows is said in SECURITY.md.
//!
//! Every try of a hidden secret costs one attempt on the name's hidden-part counter and the
//! global budget, whichever route it takes: the slot step counts it (it is the step every try
//! needs) and hands out a single-use attempt id, which the login start or the registration start
//! uses up before it looks at the slot. Someone who forced the everyday secret therefore gets no
//! more guesses at a hidden secret through "set up a hidden part" than through logging in.

use super::RouteEndpoint;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Router;
use pde_api::endpoints;
use pde_api::{
    ErrorCode, HiddenLoginStartRequest, HiddenRegisterFinishRequest, HiddenRegisterStartRequest,
    HiddenRegisterStartResponse, HiddenSlotRequest, HiddenSlotResponse, LoginStartResponse,
};
use pde_crypto::hidden::SLOT_LEN;
use pde_crypto::opaque::KsfParams;
use pde_crypto::wallet::UnlockMethod;

use crate::auth::Session;
use crate::error::{ApiError, ApiJson};
use crate::ids::WalletId;
use crate::service::blocking;
use crate::service::credentials::{opaque_wrapped_key, registration_finish, registration_start};
use crate::service::logins::{
    answer_login_start, count_attempt_on, find_wallet, Counted, Credential, LoginName, LOGIN_TTL,
};
use crate::state::AppState;
use crate::store::{CreateWalletOutcome, HiddenAttempt, NewWallet, PendingHidden, WalletRecord};

/// Hidden parts one wallet may have.
const MAX_HIDDEN_PARTS: i64 = 16;
/// Seconds between the two registration messages.
const REGISTRATION_TTL: i64 = 10 * 60;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .endpoint(endpoints::HIDDEN_SLOT, slot)
        .endpoint(endpoints::HIDDEN_LOGIN_START, login_start)
        .endpoint(endpoints::HIDDEN_REGISTER_START, register_start)
        .endpoint(endpoints::HIDDEN_REGISTER_FINISH, register_finish)
}

fn bad_slot() -> ApiError {
    ApiError::refused(ErrorCode::InvalidFields, "The slot must be 32 bytes.")
}

#[utoipa::path(post, path = pde_api::routes::HIDDEN_SLOT, context_path = pde_api::API_PREFIX, tag = "hidden",
    request_body = HiddenSlotRequest,
    responses((status = 200, body = HiddenSlotResponse), (status = 400, body = pde_api::ErrorBody),
              (status = 429, body = pde_api::ErrorBody)))]
/// The OPRF step that turns a secret into a slot, for any name (known or not, with hidden parts
/// or not). Counted as one attempt on the name's hidden-part counter and the global budget; the
/// answer carries the single-use id of that attempt and the Argon2id parameters of the slot.
pub async fn slot(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<HiddenSlotRequest>,
) -> Result<ApiJson<HiddenSlotResponse>, ApiError> {
    let now = state.clock.now();
    let name = LoginName::parse(&request.login);
    let wallet = find_wallet(&state, &name).await?;
    let (key_info, ksf) = match &wallet {
        Some(wallet) => (
            wallet.id.as_str().as_bytes().to_vec(),
            serde_json::from_str::<KsfParams>(&wallet.slot_ksf).map_err(ApiError::internal)?,
        ),
        None => (name.canonical().into_bytes(), state.default_ksf),
    };
    let seed = state.slot_seed.clone();
    let blinded = request.blinded.0;
    // A malformed message is refused before it is counted.
    let evaluation = blocking(move || seed.evaluate(&key_info, &blinded))
        .await?
        .map_err(|_| {
            ApiError::refused(ErrorCode::InvalidLoginMessage, "The message is not valid.")
        })?;
    let (throttle_key, bucket) = count_attempt_on(
        &state,
        name.hidden_throttle_key(&state.name_keys),
        request.proof.as_ref(),
        now,
    )
    .await?;
    let attempt = HiddenAttempt {
        id: pde_api::AttemptId::random(),
        wallet_id: wallet.map(|w| w.id),
        throttle_key,
        bucket,
        expires_at: now + LOGIN_TTL,
    };
    state.store.put_hidden_attempt(&attempt).await?;
    Ok(ApiJson(HiddenSlotResponse {
        evaluation: evaluation.into(),
        attempt_id: attempt.id,
        ksf,
    }))
}

/// Uses up the attempt `/hidden/slot` counted, or refuses: no slot is looked at without one.
async fn take_attempt(
    state: &AppState,
    id: &pde_api::AttemptId,
    now: i64,
) -> Result<HiddenAttempt, ApiError> {
    state
        .store
        .take_hidden_attempt(id, now)
        .await?
        .ok_or_else(attempt_expired)
}

fn attempt_expired() -> ApiError {
    ApiError::refused(
        ErrorCode::RegistrationExpired,
        "This took too long, or it was already done. Start again.",
    )
}

#[utoipa::path(post, path = pde_api::routes::HIDDEN_LOGIN_START, context_path = pde_api::API_PREFIX, tag = "hidden",
    request_body = HiddenLoginStartRequest,
    responses((status = 200, body = LoginStartResponse), (status = 400, body = pde_api::ErrorBody)))]
/// First message of opening a hidden part; the second is `/sessions/finish`. Uses up the
/// attempt counted by `/hidden/slot` for the same name; a slot that matches nothing gets the
/// dummy answer.
pub async fn login_start(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<HiddenLoginStartRequest>,
) -> Result<ApiJson<LoginStartResponse>, ApiError> {
    let now = state.clock.now();
    if request.slot.0.len() != SLOT_LEN {
        return Err(bad_slot());
    }
    let name = LoginName::parse(&request.login);
    let attempt = take_attempt(&state, &request.attempt_id, now).await?;
    if attempt.throttle_key != name.hidden_throttle_key(&state.name_keys) {
        return Err(attempt_expired());
    }
    let wallet = find_wallet(&state, &name).await?;
    let part = match &wallet {
        Some(wallet) => state.store.hidden_part(&wallet.id, &request.slot.0).await?,
        None => None,
    };
    let credential = match (&part, &wallet) {
        (Some(part), _) => Credential::of(part)?,
        // No such part: the dummy answer with the parameters a part of this wallet would have,
        // fixed by the name and the slot.
        (None, wallet) => {
            let ksf = match wallet {
                Some(wallet) => serde_json::from_str::<KsfParams>(&wallet.slot_ksf)
                    .map_err(ApiError::internal)?,
                None => state.default_ksf,
            };
            let mut id = b"pde/hidden-dummy/".to_vec();
            id.extend_from_slice(name.canonical().as_bytes());
            id.extend_from_slice(&request.slot.0);
            Credential::dummy(id, ksf)
        }
    };
    // The everyday login this opening started with (the app tries the everyday part first): its
    // attempt is given back if this one is verified. Only a login of the same name, used once.
    let give_back = match &request.everyday_login_id {
        Some(id) => state
            .store
            .take_login_state(id, now)
            .await?
            .filter(|everyday| everyday.throttle_key == name.throttle_key(&state.name_keys))
            .map(|everyday| (everyday.throttle_key, everyday.bucket)),
        None => None,
    };
    let answer = answer_login_start(
        &state,
        credential,
        request.credential_request.0,
        Counted {
            throttle_key: attempt.throttle_key,
            bucket: attempt.bucket,
            give_back,
        },
        now,
    )
    .await?;
    Ok(ApiJson(answer))
}

fn unavailable() -> ApiError {
    ApiError::refused(
        ErrorCode::HiddenUnavailable,
        "This secret can't be used for hidden documents. Choose another one.",
    )
}

/// The everyday wallet of the session (the one a hidden part belongs to, when the session is
/// in a hidden part).
async fn everyday_wallet(state: &AppState, session: &Session) -> Result<WalletRecord, ApiError> {
    let wallet = state
        .store
        .wallet_by_id(&session.wallet_id)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    match &wallet.hidden_of {
        Some(parent) => state
            .store
            .wallet_by_id(parent)
            .await?
            .ok_or(ApiError::NotSignedIn),
        None => Ok(wallet),
    }
}

#[utoipa::path(post, path = pde_api::routes::HIDDEN_REGISTER_START, context_path = pde_api::API_PREFIX, tag = "hidden", security(("session" = [])),
    request_body = HiddenRegisterStartRequest,
    responses((status = 200, body = HiddenRegisterStartResponse), (status = 400, body = pde_api::ErrorBody),
              (status = 401, body = pde_api::ErrorBody), (status = 409, body = pde_api::ErrorBody)))]
/// Sets up a new hidden part of the session's wallet, first message. An existing part is never
/// touched: a new secret makes a new part. Uses up the attempt counted by `/hidden/slot` (asked
/// with this wallet's number or pseudonym) before anything else: a taken slot, or a wallet at
/// its limit of parts, is told only at the price of a hidden login attempt.
pub async fn register_start(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<HiddenRegisterStartRequest>,
) -> Result<ApiJson<HiddenRegisterStartResponse>, ApiError> {
    let now = state.clock.now();
    if request.slot.0.len() != SLOT_LEN {
        return Err(bad_slot());
    }
    let parent = everyday_wallet(&state, &session).await?;
    let parent_id = parent.id.clone();
    let attempt = take_attempt(&state, &request.attempt_id, now).await?;
    if attempt.wallet_id.as_ref() != Some(&parent_id) {
        return Err(attempt_expired());
    }
    // Only someone who knows that part's secret can learn that it is taken; the 17th part is
    // refused the same way.
    if state
        .store
        .hidden_part(&parent_id, &request.slot.0)
        .await?
        .is_some()
        || state.store.hidden_part_count(&parent_id).await? >= MAX_HIDDEN_PARTS
    {
        return Err(unavailable());
    }
    let wallet_id = WalletId::random();
    let response = registration_start(&state, &wallet_id, request.registration_request.0).await?;
    // The wallet's slot parameters, fixed at its creation (what a dummy answer shows too).
    let ksf: KsfParams = serde_json::from_str(&parent.slot_ksf).map_err(ApiError::internal)?;
    let pending = PendingHidden {
        id: pde_api::RegistrationId::random(),
        wallet_id,
        parent_id,
        slot: request.slot.0,
        ksf: parent.slot_ksf,
        expires_at: now + REGISTRATION_TTL,
    };
    state.store.put_pending_hidden(&pending).await?;
    Ok(ApiJson(HiddenRegisterStartResponse {
        registration_id: pending.id,
        registration_response: response.into(),
        ksf,
    }))
}

#[utoipa::path(post, path = pde_api::routes::HIDDEN_REGISTER_FINISH, context_path = pde_api::API_PREFIX, tag = "hidden", security(("session" = [])),
    request_body = HiddenRegisterFinishRequest,
    responses((status = 204), (status = 400, body = pde_api::ErrorBody),
              (status = 401, body = pde_api::ErrorBody), (status = 409, body = pde_api::ErrorBody)))]
/// Sets up a hidden part, second message. The session stays on the part it was in.
pub async fn register_finish(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<HiddenRegisterFinishRequest>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    let wrapped = opaque_wrapped_key(&request.wrapped_key.0)?;
    let password_file = registration_finish(request.registration_upload.0).await?;
    let parent_id = everyday_wallet(&state, &session).await?.id;
    let pending = state
        .store
        .take_pending_hidden(&request.registration_id, now)
        .await?
        .filter(|p| p.parent_id == parent_id)
        .ok_or_else(|| {
            ApiError::refused(
                ErrorCode::RegistrationExpired,
                "This took too long, or it was already done. Start again.",
            )
        })?;
    let part = NewWallet {
        id: pending.wallet_id.clone(),
        number: None,
        pseudonym: None,
        recipient: request.recipient,
        password_file: password_file.as_bytes().to_vec(),
        slot_ksf: pending.ksf.clone(),
        ksf: pending.ksf,
        wrapped_keys: vec![(
            UnlockMethod::Opaque.as_str().to_owned(),
            wrapped.key_id,
            request.wrapped_key.0,
        )],
        recovery_verifier: None,
        hidden: Some((parent_id, pending.slot)),
        created_at: state.settings.row_time(now),
    };
    let cap = i64::try_from(state.settings.global_storage_cap_bytes).unwrap_or(i64::MAX);
    match state.store.create_wallet(&part, None, cap, now).await? {
        CreateWalletOutcome::Created => Ok(StatusCode::NO_CONTENT),
        CreateWalletOutcome::ServerFull => Err(ApiError::Refused {
            code: ErrorCode::ServerFull,
            message: "This server cannot take new wallets at the moment.".into(),
        }),
        // The same slot was set up meanwhile, or the number collided.
        _ => Err(unavailable()),
    }
}
