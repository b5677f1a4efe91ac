//! Creating a wallet: OPAQUE registration in two messages, then the wallet row with its public key
//! and its wrapped keys. No e-mail, phone or name: a generated number, optionally a pseudonym.

use super::RouteEndpoint;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Router;
use pde_api::endpoints;
use pde_api::ErrorCode;
use sha2::{Digest, Sha256};

use pde_api::pseudonym::{Pseudonym, PseudonymError};
use pde_api::wallet_number::WalletNumber;
use pde_api::{
    CreationMode, RegisterFinishRequest, RegisterStartRequest, RegisterStartResponse,
    SessionOpened, WalletInfo,
};
use pde_crypto::opaque::KsfParams;
use pde_crypto::wallet::{UnlockMethod, WrappedWalletKey};

use crate::auth::{open_session, Session};
use crate::error::{ApiError, ApiJson};
use crate::ids::WalletId;
use crate::service::credentials::{
    invite_hash, registration_finish, registration_start, wallet_info, MAX_WRAPPED_KEY_BYTES,
    RECOVERY_TOKEN_LEN,
};
use crate::state::AppState;
use crate::store::{CreateWalletOutcome, NewWallet, PendingRegistration};

/// Seconds between the two registration messages.
const REGISTRATION_TTL: i64 = 10 * 60;
/// Most wrapped keys at creation (OPAQUE, recovery, room for a few more methods).
const MAX_WRAPPED_KEYS: usize = 8;
/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .endpoint(endpoints::REGISTER_START, register_start)
        .endpoint(endpoints::REGISTER_FINISH, register_finish)
        .endpoint(endpoints::WALLET, current_wallet)
}

fn pseudonym_error(err: PseudonymError) -> ApiError {
    let code = match err {
        PseudonymError::TooShort => ErrorCode::PseudonymTooShort,
        PseudonymError::TooLong => ErrorCode::PseudonymTooLong,
        PseudonymError::InvalidCharacter => ErrorCode::PseudonymInvalidCharacter,
        PseudonymError::LooksLikeWalletNumber => ErrorCode::PseudonymLooksLikeNumber,
        PseudonymError::NoLetter => ErrorCode::PseudonymNoLetter,
        _ => ErrorCode::PseudonymInvalid,
    };
    ApiError::refused(code, format!("This pseudonym can't be used: {err}."))
}

fn pseudonym_taken() -> ApiError {
    ApiError::refused(
        ErrorCode::PseudonymTaken,
        "This pseudonym is already used. Choose another one.",
    )
}

#[utoipa::path(post, path = pde_api::routes::REGISTER_START, context_path = pde_api::API_PREFIX, tag = "wallets",
    request_body = RegisterStartRequest,
    responses((status = 200, body = RegisterStartResponse), (status = 400, body = pde_api::ErrorBody),
              (status = 403, body = pde_api::ErrorBody), (status = 409, body = pde_api::ErrorBody),
              (status = 429, body = pde_api::ErrorBody)))]
/// First registration message: reserves a wallet number and answers OPAQUE's response.
pub async fn register_start(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RegisterStartRequest>,
) -> Result<ApiJson<RegisterStartResponse>, ApiError> {
    let now = state.clock.now();
    let invite = match (state.settings.creation_mode.into(), &request.invite_code) {
        (CreationMode::Open, _) => None,
        (CreationMode::Invite, None) => return Err(ApiError::InvitationRequired),
        (CreationMode::Invite, Some(code)) => {
            let hash = invite_hash(code);
            if !state.store.invite_usable(&hash, now).await? {
                return Err(ApiError::InvitationRequired);
            }
            Some(hash)
        }
    };
    // Refused early when the hour's new wallets are all made (counted only at the finish).
    creation_room(&state, now).await?;
    let pseudonym = match request.pseudonym.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => {
            let pseudonym = Pseudonym::parse(text).map_err(pseudonym_error)?;
            if state.store.pseudonym_taken(pseudonym.as_str()).await? {
                return Err(pseudonym_taken());
            }
            Some(pseudonym)
        }
    };
    let ksf = if request.test_wallet {
        if !state.settings.allow_test_wallets {
            return Err(ApiError::refused(
                ErrorCode::TestWalletsDisabled,
                "This server does not allow test wallets.",
            ));
        }
        KsfParams::TEST
    } else {
        state.default_ksf
    };
    #[cfg(feature = "test-clock")]
    let ksf = if state.settings.test_weak_registrations {
        KsfParams::TEST
    } else {
        ksf
    };
    let wallet_id = WalletId::random();
    let number = WalletNumber::generate();
    let response = registration_start(&state, &wallet_id, request.registration_request.0).await?;
    let pending = PendingRegistration {
        id: pde_api::RegistrationId::random(),
        wallet_id,
        number,
        pseudonym: pseudonym.map(String::from),
        ksf: serde_json::to_string(&ksf).map_err(ApiError::internal)?,
        invite_hash: invite,
        expires_at: now + REGISTRATION_TTL,
    };
    state.store.put_pending_registration(&pending).await?;
    Ok(ApiJson(RegisterStartResponse {
        registration_id: pending.id,
        wallet_number: pending.number,
        pseudonym: pending.pseudonym,
        registration_response: response.into(),
        ksf,
    }))
}

/// Minutes of the creation limit's sliding hour.
const CREATION_BUCKET_SECONDS: i64 = 60;
const CREATION_WINDOW: i64 = 3600 / CREATION_BUCKET_SECONDS;

/// The answer when the hour's new wallets are all made: when the oldest of them leaves the hour.
async fn creation_busy(state: &AppState, now: i64) -> Result<ApiError, ApiError> {
    let bucket = now / CREATION_BUCKET_SECONDS;
    let (_, oldest) = state
        .store
        .wallet_creations(bucket - CREATION_WINDOW)
        .await?;
    let frees_at = (oldest.unwrap_or(bucket) + CREATION_WINDOW + 1) * CREATION_BUCKET_SECONDS;
    Ok(ApiError::CreationBusy {
        retry_after: (frees_at - now).max(1) as u64,
    })
}

/// Refuses with 429 when the server's hourly limit of new wallets is reached (nothing counted).
async fn creation_room(state: &AppState, now: i64) -> Result<(), ApiError> {
    let bucket = now / CREATION_BUCKET_SECONDS;
    let (made, _) = state
        .store
        .wallet_creations(bucket - CREATION_WINDOW)
        .await?;
    if made >= state.settings.wallet_creations_per_hour {
        return Err(creation_busy(state, now).await?);
    }
    Ok(())
}

/// Counts one new wallet against the server's hourly limit, atomically; 429 when it is reached.
async fn count_creation(state: &AppState, now: i64) -> Result<(), ApiError> {
    let bucket = now / CREATION_BUCKET_SECONDS;
    if !state
        .store
        .count_wallet_creation(
            bucket,
            bucket - CREATION_WINDOW,
            state.settings.wallet_creations_per_hour,
        )
        .await?
    {
        return Err(creation_busy(state, now).await?);
    }
    Ok(())
}

/// Checks the wrapped keys a client sends: parseable, small, and at least the OPAQUE and the
/// recovery wrapping (so a forgotten secret does not lose every document).
fn validate_wrapped_keys(
    keys: &[pde_api::Sealed],
) -> Result<Vec<(String, String, Vec<u8>)>, ApiError> {
    let invalid =
        |message: &str| ApiError::refused(ErrorCode::InvalidWrappedKeys, message.to_owned());
    if keys.len() > MAX_WRAPPED_KEYS {
        return Err(invalid("Too many wrapped keys."));
    }
    let mut parsed = Vec::with_capacity(keys.len());
    for key in keys {
        if key.0.len() > MAX_WRAPPED_KEY_BYTES {
            return Err(invalid("A wrapped key is too large."));
        }
        let wrapped = WrappedWalletKey::from_bytes(&key.0)
            .map_err(|_| invalid("A wrapped key is not valid."))?;
        if wrapped.method == UnlockMethod::Grant {
            return Err(invalid("A grant's key cannot unlock a wallet."));
        }
        let method = wrapped.method.as_str().to_owned();
        parsed.push((
            method,
            wrapped.key_id.clone(),
            key.0.clone(),
            wrapped.method,
        ));
    }
    for needed in [UnlockMethod::Opaque, UnlockMethod::Recovery] {
        if !parsed.iter().any(|p| p.3 == needed) {
            return Err(invalid(
                "The wallet key must be wrapped for the secret and for the recovery key.",
            ));
        }
    }
    Ok(parsed.into_iter().map(|(m, k, b, _)| (m, k, b)).collect())
}

#[utoipa::path(post, path = pde_api::routes::REGISTER_FINISH, context_path = pde_api::API_PREFIX, tag = "wallets",
    request_body = RegisterFinishRequest,
    responses((status = 201, body = SessionOpened), (status = 400, body = pde_api::ErrorBody),
              (status = 409, body = pde_api::ErrorBody), (status = 429, body = pde_api::ErrorBody)))]
/// Second registration message: stores the credential, public key and wrapped keys, and opens a
/// session.
pub async fn register_finish(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RegisterFinishRequest>,
) -> Result<(StatusCode, HeaderMap, ApiJson<SessionOpened>), ApiError> {
    let now = state.clock.now();
    let wrapped_keys = validate_wrapped_keys(&request.wrapped_keys)?;
    if request.recovery_token.0.len() != RECOVERY_TOKEN_LEN {
        return Err(ApiError::refused(
            ErrorCode::InvalidFields,
            "The recovery token must be 32 bytes.",
        ));
    }
    let recovery_verifier = Sha256::digest(&request.recovery_token.0).to_vec();
    let opaque_key = wrapped_keys
        .iter()
        .find(|k| k.0 == UnlockMethod::Opaque.as_str())
        .map(|k| k.2.clone())
        .ok_or_else(|| ApiError::internal("validated keys lack opaque"))?;
    let password_file = registration_finish(request.registration_upload.0).await?;
    let pending = state
        .store
        .take_pending_registration(&request.registration_id, now)
        .await?
        .ok_or_else(|| {
            ApiError::refused(
                ErrorCode::RegistrationExpired,
                "Creating this wallet took too long, or it was already created. Start again.",
            )
        })?;
    count_creation(&state, now).await?;
    let wallet = NewWallet {
        id: pending.wallet_id.clone(),
        number: Some(pending.number.clone()),
        pseudonym: pending.pseudonym.clone(),
        recipient: request.recipient,
        password_file: password_file.as_bytes().to_vec(),
        ksf: pending.ksf.clone(),
        // Fixed for the wallet's life: a new everyday secret must not move its hidden parts.
        slot_ksf: pending.ksf.clone(),
        wrapped_keys,
        recovery_verifier: Some(recovery_verifier),
        hidden: None,
        created_at: state.settings.row_time(now),
    };
    let cap = i64::try_from(state.settings.global_storage_cap_bytes).unwrap_or(i64::MAX);
    match state
        .store
        .create_wallet(
            &wallet,
            pending
                .invite_hash
                .as_deref()
                .map(|code_hash| crate::store::InviteUse {
                    code_hash,
                    keep_partner: state.settings.keep_partner_on_wallet,
                }),
            cap,
            now,
        )
        .await?
    {
        CreateWalletOutcome::Created => {}
        CreateWalletOutcome::PseudonymTaken => return Err(pseudonym_taken()),
        CreateWalletOutcome::InviteInvalid => return Err(ApiError::InvitationRequired),
        CreateWalletOutcome::NumberTaken => {
            return Err(ApiError::refused(
                ErrorCode::NumberTaken,
                "Please start again.",
            ))
        }
        CreateWalletOutcome::ServerFull => {
            return Err(ApiError::Refused {
                code: ErrorCode::ServerFull,
                message: "This server cannot take new wallets at the moment.".into(),
            })
        }
    }
    // Made by its holder: activity, for retention.
    crate::service::erasure::record_unlock(&state, &wallet.id, now).await?;
    let cookie = open_session(&state, &wallet.id).await?;
    let info = WalletInfo {
        wallet_number: pending.number,
        pseudonym: wallet.pseudonym,
        recipient: wallet.recipient,
        created_at: state.settings.row_time(now),
        pending_sheet: None,
        restored_from: None,
    };
    Ok((
        StatusCode::CREATED,
        cookie,
        ApiJson(SessionOpened {
            wallet: info,
            wrapped_key: opaque_key.into(),
        }),
    ))
}

#[utoipa::path(get, path = pde_api::routes::WALLET, context_path = pde_api::API_PREFIX, tag = "wallets", security(("session" = [])),
    responses((status = 200, body = WalletInfo), (status = 401, body = pde_api::ErrorBody)))]
/// The wallet of the current session.
pub async fn current_wallet(
    State(state): State<AppState>,
    session: Session,
) -> Result<ApiJson<WalletInfo>, ApiError> {
    let wallet = state
        .store
        .wallet_by_id(&session.wallet_id)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    Ok(ApiJson(wallet_info(&state, &wallet).await?))
}
