//! Deposit links (see `pde_crypto::deposit`): the holder creates, lists and stops them; a
//! worker with the link sees the key to encrypt to (with the holder's check) and sends
//! documents, each counted against the link's maximum in one statement. The worker can't list
//! or fetch anything: the link's token opens no read route.

use super::RouteEndpoint;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Router;
use pde_api::endpoints;
use pde_api::{
    DepositAccess, DepositCommitRequest, DepositCreateRequest, DepositCreated, DepositList,
    DepositReceived, DepositState, DepositStatus, DepositSummary, DepositUploadRequest, ErrorCode,
    UploadCreateRequest, UploadStatus, MAX_DEPOSIT_FILES, MAX_DEPOSIT_SECONDS, MAX_DEPOSIT_SENDING,
};
use pde_crypto::deposit::DepositKeyId;
use pde_crypto::metadata::MAX_SEALED_METADATA;

use crate::auth::Session;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::ids::UploadId;
use crate::service::uploads::{finish_upload, start_upload, status_of, store_part};
use crate::state::AppState;
use crate::store::{DepositRecord, UploadRecord};

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .endpoint(endpoints::CREATE_DEPOSIT, create_deposit)
        .endpoint(endpoints::DEPOSITS, list_deposits)
        .endpoint(endpoints::REVOKE_DEPOSIT, revoke_deposit)
        .endpoint(endpoints::DROP_STATUS, status)
        .endpoint(endpoints::DROP_UPLOAD, start)
        .endpoint(endpoints::DROP_UPLOAD_PART, send_part)
        .endpoint(endpoints::DROP_UPLOAD_COMMIT, commit)
}

/// Where a deposit link stands at `now`.
pub fn deposit_state(deposit: &DepositRecord, now: i64) -> DepositState {
    if deposit.revoked_at.is_some() {
        DepositState::Revoked
    } else if deposit.expires_at <= now {
        DepositState::Expired
    } else if deposit.files_received >= deposit.max_files {
        DepositState::Full
    } else {
        DepositState::Active
    }
}

/// The error a worker gets for a link that takes no more documents.
fn refusal(state: DepositState) -> ApiError {
    let (code, message) = match state {
        DepositState::Expired => (ErrorCode::DepositExpired, "This link has expired."),
        DepositState::Revoked => (ErrorCode::DepositRevoked, "This link was stopped."),
        DepositState::Full | DepositState::Active => (
            ErrorCode::DepositFull,
            "This link has received as many documents as allowed.",
        ),
    };
    ApiError::Refused {
        code,
        message: message.into(),
    }
}

fn invalid(message: &str) -> ApiError {
    ApiError::refused(ErrorCode::InvalidFields, message.to_owned())
}

#[utoipa::path(post, path = pde_api::routes::DEPOSITS, context_path = pde_api::API_PREFIX, tag = "deposits", security(("session" = [])),
    request_body = DepositCreateRequest,
    responses((status = 201, body = DepositCreated), (status = 400, body = pde_api::ErrorBody)))]
/// Creates a deposit link.
pub async fn create_deposit(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<DepositCreateRequest>,
) -> Result<(StatusCode, ApiJson<DepositCreated>), ApiError> {
    if request.expires_in_seconds == 0 || request.expires_in_seconds > MAX_DEPOSIT_SECONDS {
        return Err(invalid(&format!(
            "A deposit link lasts at most {} days.",
            MAX_DEPOSIT_SECONDS / 86_400
        )));
    }
    if request.max_files == 0 || request.max_files > MAX_DEPOSIT_FILES {
        return Err(invalid(&format!(
            "A deposit link accepts 1 to {MAX_DEPOSIT_FILES} documents."
        )));
    }
    if request.access_hash.0.len() != 32 || request.recipient_check.0.len() != 32 {
        return Err(invalid("A token hash or check must have 32 bytes."));
    }
    if request.label.0.len() > MAX_SEALED_METADATA {
        return Err(invalid("The label is too large."));
    }
    let key_id = DepositKeyId::from_bytes(&request.key_id.0)
        .map_err(|_| invalid("A link's key id must have 16 bytes."))?;
    let now = state.clock.now();
    let deposit = DepositRecord {
        id: pde_api::DepositId::random(),
        wallet_id: session.wallet_id.clone(),
        access_hash: request.access_hash.0,
        recipient: request.recipient,
        key_id: Some(key_id.as_bytes().to_vec()),
        recipient_check: request.recipient_check.0,
        label: request.label.0,
        max_files: i64::from(request.max_files),
        files_received: 0,
        created_at: state.settings.row_time(now),
        expires_at: now + request.expires_in_seconds as i64,
        revoked_at: None,
    };
    state.store.create_deposit(&deposit).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(DepositCreated {
            deposit_id: deposit.id,
            expires_at: deposit.expires_at,
        }),
    ))
}

#[utoipa::path(get, path = pde_api::routes::DEPOSITS, context_path = pde_api::API_PREFIX, tag = "deposits", security(("session" = [])),
    responses((status = 200, body = DepositList), (status = 401, body = pde_api::ErrorBody)))]
/// The wallet's deposit links.
pub async fn list_deposits(
    State(state): State<AppState>,
    session: Session,
) -> Result<ApiJson<DepositList>, ApiError> {
    let now = state.clock.now();
    let deposits = state
        .store
        .wallet_deposits(&session.wallet_id)
        .await?
        .into_iter()
        .map(|d| DepositSummary {
            deposit_id: d.id.clone(),
            label: d.label.clone().into(),
            state: deposit_state(&d, now),
            created_at: d.created_at,
            expires_at: d.expires_at,
            max_files: d.max_files as u32,
            files_received: d.files_received as u32,
        })
        .collect();
    Ok(ApiJson(DepositList { deposits }))
}

#[utoipa::path(delete, path = pde_api::routes::DEPOSIT, context_path = pde_api::API_PREFIX, tag = "deposits", security(("session" = [])),
    params(("deposit_id" = String, Path, pattern = "^[0-9a-f]{32}$")),
    responses((status = 204), (status = 404, body = pde_api::ErrorBody)))]
/// Stops a deposit link at once (documents already received stay in the wallet).
pub async fn revoke_deposit(
    State(state): State<AppState>,
    session: Session,
    ApiPath(deposit_id): ApiPath<pde_api::DepositId>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    if state
        .store
        .revoke_deposit(&session.wallet_id, &deposit_id, now)
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

/// The deposit link an access token opens: anything else is "not found".
async fn shown_deposit(
    state: &AppState,
    deposit_id: &pde_api::DepositId,
    access_token: &str,
) -> Result<DepositRecord, ApiError> {
    let deposit = state
        .store
        .deposit(deposit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !super::token_matches(access_token, &deposit.access_hash) {
        return Err(ApiError::NotFound);
    }
    Ok(deposit)
}

/// A deposit upload of this link, for the bearer of its token, while the link is neither
/// revoked nor expired (a link that became full still finishes what it started).
async fn deposit_upload(
    state: &AppState,
    deposit_id: &pde_api::DepositId,
    upload_id: &str,
    headers: &HeaderMap,
) -> Result<UploadRecord, ApiError> {
    let token = super::bearer_token(headers)?;
    let deposit = shown_deposit(state, deposit_id, &token.to_text()).await?;
    let current = deposit_state(&deposit, state.clock.now());
    if matches!(current, DepositState::Revoked | DepositState::Expired) {
        return Err(refusal(current));
    }
    let id = UploadId::parse(upload_id).ok_or(ApiError::NotFound)?;
    if state.store.deposit_of_upload(&id).await?.as_ref() != Some(deposit_id) {
        return Err(ApiError::NotFound);
    }
    state
        .store
        .upload(&deposit.wallet_id, &id)
        .await?
        .ok_or(ApiError::NotFound)
}

#[utoipa::path(post, path = pde_api::routes::DROP_STATUS, context_path = pde_api::API_PREFIX, tag = "deposits",
    params(("deposit_id" = String, Path, pattern = "^[0-9a-f]{32}$")), request_body = DepositAccess,
    responses((status = 200, body = DepositStatus), (status = 404, body = pde_api::ErrorBody)))]
/// What the worker's page needs: the state, the link's own key to encrypt to (never the
/// wallet's, so a link tells nothing of the part it fills) and the holder's check of it.
pub async fn status(
    State(state): State<AppState>,
    ApiPath(deposit_id): ApiPath<pde_api::DepositId>,
    ApiJson(access): ApiJson<DepositAccess>,
) -> Result<ApiJson<DepositStatus>, ApiError> {
    let deposit = shown_deposit(&state, &deposit_id, &access.access_token).await?;
    Ok(ApiJson(DepositStatus {
        state: deposit_state(&deposit, state.clock.now()),
        recipient: deposit.recipient,
        recipient_check: deposit.recipient_check.into(),
        expires_at: deposit.expires_at,
        files_left: (deposit.max_files - deposit.files_received).max(0) as u32,
        max_document_bytes: state.settings.max_document_bytes,
    }))
}

#[utoipa::path(post, path = pde_api::routes::DROP_UPLOADS, context_path = pde_api::API_PREFIX, tag = "deposits",
    params(("deposit_id" = String, Path, pattern = "^[0-9a-f]{32}$")), request_body = DepositUploadRequest,
    responses((status = 201, body = UploadStatus), (status = 404, body = pde_api::ErrorBody),
              (status = 409, body = pde_api::ErrorBody), (status = 410, body = pde_api::ErrorBody),
              (status = 413, body = pde_api::ErrorBody)))]
/// Starts one document through the link: counted against its maximum and against the documents
/// it may have on their way at once (in one statement), its size reserved against the holder's
/// quota.
pub async fn start(
    State(state): State<AppState>,
    ApiPath(deposit_id): ApiPath<pde_api::DepositId>,
    ApiJson(request): ApiJson<DepositUploadRequest>,
) -> Result<(StatusCode, ApiJson<UploadStatus>), ApiError> {
    let deposit = shown_deposit(&state, &deposit_id, &request.access_token).await?;
    let now = state.clock.now();
    if !state.store.take_deposit_slot(&deposit.id, now).await? {
        let current = state
            .store
            .deposit(&deposit.id)
            .await?
            .map_or(DepositState::Revoked, |d| deposit_state(&d, now));
        if current == DepositState::Active {
            return Err(ApiError::Refused {
                code: ErrorCode::DepositBusy,
                message: format!(
                    "{MAX_DEPOSIT_SENDING} documents are already on their way through this link. \
                     Send this one when they are done."
                ),
            });
        }
        return Err(refusal(current));
    }
    let announced = UploadCreateRequest {
        document_id: request.document_id,
        ciphertext_len: request.ciphertext_len,
    };
    let upload = match start_upload(&state, &deposit.wallet_id, &announced).await {
        Ok(upload) => upload,
        Err(err) => {
            state.store.give_back_deposit_slot(&deposit.id).await?;
            return Err(err);
        }
    };
    state
        .store
        .link_deposit_upload(&upload.id, &deposit.id)
        .await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(status_of(&state, &upload).await?),
    ))
}

#[utoipa::path(put, path = pde_api::routes::DROP_UPLOAD_PART, context_path = pde_api::API_PREFIX,
    tag = "deposits",
    params(("deposit_id" = String, Path, pattern = "^[0-9a-f]{32}$"), ("upload_id" = String, Path, pattern = "^[0-9a-f]{32}$"), ("part" = u32, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 204), (status = 404, body = pde_api::ErrorBody)))]
/// Stores one part of a deposited document (with the link's token as `Bearer`).
pub async fn send_part(
    State(state): State<AppState>,
    ApiPath((deposit_id, upload_id, part)): ApiPath<(pde_api::DepositId, String, u32)>,
    headers: HeaderMap,
    body: Body,
) -> Result<StatusCode, ApiError> {
    let upload = deposit_upload(&state, &deposit_id, &upload_id, &headers).await?;
    store_part(&state, &upload, part, body).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = pde_api::routes::DROP_UPLOAD_COMMIT, context_path = pde_api::API_PREFIX,
    tag = "deposits",
    params(("deposit_id" = String, Path, pattern = "^[0-9a-f]{32}$"), ("upload_id" = String, Path, pattern = "^[0-9a-f]{32}$")),
    request_body = DepositCommitRequest,
    responses((status = 201, body = DepositReceived), (status = 404, body = pde_api::ErrorBody)))]
/// Completes a deposited document: it enters the wallet marked received (no tag: only the
/// holder's key can make one).
pub async fn commit(
    State(state): State<AppState>,
    ApiPath((deposit_id, upload_id)): ApiPath<(pde_api::DepositId, String)>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<DepositCommitRequest>,
) -> Result<(StatusCode, ApiJson<DepositReceived>), ApiError> {
    let upload = deposit_upload(&state, &deposit_id, &upload_id, &headers).await?;
    finish_upload(
        &state,
        &upload,
        request.metadata.0,
        Vec::new(),
        Some(&deposit_id),
    )
    .await?;
    let files_left = state
        .store
        .deposit(&deposit_id)
        .await?
        .map_or(0, |d| (d.max_files - d.files_received).max(0) as u32);
    Ok((StatusCode::CREATED, ApiJson(DepositReceived { files_left })))
}
