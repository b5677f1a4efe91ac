//! Chunked uploads: announce (size reserved against the quota) → send parts (each stored durably,
//! in any order, again after a dropped connection) → commit (parts assembled into one blob, made
//! durable, then the document row committed). Never a whole document in memory.

use super::RouteEndpoint;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Router;
use pde_api::endpoints;
use pde_api::ErrorCode;

use pde_api::{DocumentInfo, UploadCommitRequest, UploadCreateRequest, UploadStatus};

use crate::auth::Session;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::ids::{UploadId, WalletId};
use crate::service::uploads::{
    document_info, finish_upload, start_upload, status_of, store_part, upload_gone, MAX_TAG_BYTES,
};
use crate::state::AppState;
use crate::store::UploadRecord;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .endpoint(endpoints::CREATE_UPLOAD, create_upload)
        .endpoint(endpoints::UPLOAD_STATUS, upload_status)
        .endpoint(endpoints::ABORT_UPLOAD, abort_upload)
        .endpoint(endpoints::UPLOAD_PART, put_part)
        .endpoint(endpoints::COMMIT_UPLOAD, commit_upload)
}

async fn find_upload(
    state: &AppState,
    wallet: &WalletId,
    id: &str,
) -> Result<UploadRecord, ApiError> {
    let id = UploadId::parse(id).ok_or(ApiError::NotFound)?;
    state
        .store
        .upload(wallet, &id)
        .await?
        .ok_or(ApiError::NotFound)
}

#[utoipa::path(post, path = pde_api::routes::UPLOADS, context_path = pde_api::API_PREFIX, tag = "documents", security(("session" = [])),
    request_body = UploadCreateRequest,
    responses((status = 201, body = UploadStatus), (status = 409, body = pde_api::ErrorBody),
              (status = 413, body = pde_api::ErrorBody), (status = 507, body = pde_api::ErrorBody)))]
/// Announces an upload; its size is reserved against the wallet's quota.
pub async fn create_upload(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<UploadCreateRequest>,
) -> Result<(StatusCode, ApiJson<UploadStatus>), ApiError> {
    let upload = start_upload(&state, &session.wallet_id, &request).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(status_of(&state, &upload).await?),
    ))
}

#[utoipa::path(get, path = pde_api::routes::UPLOAD, context_path = pde_api::API_PREFIX, tag = "documents", security(("session" = [])),
    params(("upload_id" = String, Path, pattern = "^[0-9a-f]{32}$")),
    responses((status = 200, body = UploadStatus), (status = 404, body = pde_api::ErrorBody)))]
/// Which parts arrived (to resume after a dropped connection).
pub async fn upload_status(
    State(state): State<AppState>,
    session: Session,
    ApiPath(upload_id): ApiPath<String>,
) -> Result<ApiJson<UploadStatus>, ApiError> {
    let upload = find_upload(&state, &session.wallet_id, &upload_id).await?;
    Ok(ApiJson(status_of(&state, &upload).await?))
}

#[utoipa::path(put, path = pde_api::routes::UPLOAD_PART, context_path = pde_api::API_PREFIX, tag = "documents", security(("session" = [])),
    params(("upload_id" = String, Path, pattern = "^[0-9a-f]{32}$"), ("part" = u32, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 204), (status = 400, body = pde_api::ErrorBody), (status = 413, body = pde_api::ErrorBody)))]
/// Stores one part (ciphertext bytes), durably. Sending a part again replaces it.
pub async fn put_part(
    State(state): State<AppState>,
    session: Session,
    ApiPath((upload_id, part)): ApiPath<(String, u32)>,
    body: Body,
) -> Result<StatusCode, ApiError> {
    let upload = find_upload(&state, &session.wallet_id, &upload_id).await?;
    store_part(&state, &upload, part, body).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = pde_api::routes::UPLOAD_COMMIT, context_path = pde_api::API_PREFIX, tag = "documents", security(("session" = [])),
    params(("upload_id" = String, Path, pattern = "^[0-9a-f]{32}$")), request_body = UploadCommitRequest,
    responses((status = 201, body = DocumentInfo), (status = 409, body = pde_api::ErrorBody),
              (status = 413, body = pde_api::ErrorBody)))]
/// Completes an upload: assembles the parts into the document's blob, durably, then records it.
pub async fn commit_upload(
    State(state): State<AppState>,
    session: Session,
    ApiPath(upload_id): ApiPath<String>,
    ApiJson(request): ApiJson<UploadCommitRequest>,
) -> Result<(StatusCode, ApiJson<DocumentInfo>), ApiError> {
    if request.tag.0.is_empty() || request.tag.0.len() > MAX_TAG_BYTES {
        return Err(ApiError::refused(
            ErrorCode::InvalidTag,
            "The document's tag is not valid.",
        ));
    }
    let upload = find_upload(&state, &session.wallet_id, &upload_id).await?;
    let document = finish_upload(&state, &upload, request.metadata.0, request.tag.0, None).await?;
    Ok((StatusCode::CREATED, ApiJson(document_info(&document))))
}

#[utoipa::path(delete, path = pde_api::routes::UPLOAD, context_path = pde_api::API_PREFIX, tag = "documents", security(("session" = [])),
    params(("upload_id" = String, Path, pattern = "^[0-9a-f]{32}$")),
    responses((status = 204), (status = 404, body = pde_api::ErrorBody)))]
/// Abandons an upload and frees its reservation.
pub async fn abort_upload(
    State(state): State<AppState>,
    session: Session,
    ApiPath(upload_id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let upload = find_upload(&state, &session.wallet_id, &upload_id).await?;
    // Committed (or abandoned) by another request meanwhile: that one's outcome stands.
    let removed = state
        .store
        .delete_upload(&upload.id)
        .await?
        .ok_or_else(upload_gone)?;
    state
        .blobs
        .delete_parts(removed.id.as_str(), removed.part_count as u32)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
