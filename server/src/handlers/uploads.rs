//! Chunked uploads: announce (size reserved against the quota) → send parts (each stored durably,
//! in any order, again after a dropped connection) → commit (parts assembled into one blob, made
//! durable, then the document row committed). Never a whole document in memory.

use super::RouteEndpoint;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use pde_api::endpoints;
use pde_api::ErrorCode;

use pde_api::{DocumentInfo, UploadCommitRequest, UploadCreateRequest, UploadStatus};
use pde_crypto::metadata::MAX_SEALED_METADATA;

use super::documents::{document_info, MAX_TAG_BYTES};
use crate::auth::Session;
use crate::blobs::BlobError;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::ids::{UploadId, WalletId};
use crate::state::AppState;
use crate::store::{CreateUploadOutcome, DocumentRecord, UploadRecord};

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

pub async fn status_of(state: &AppState, upload: &UploadRecord) -> Result<UploadStatus, ApiError> {
    let received = state.store.received_parts(&upload.id).await?;
    Ok(UploadStatus {
        upload_id: upload.id.clone(),
        document_id: upload
            .document_id
            .parse()
            .map_err(|_| ApiError::internal("stored document id unparseable"))?,
        ciphertext_len: upload.ciphertext_len as u64,
        part_size: upload.part_size as u64,
        part_count: upload.part_count as u32,
        received_parts: received.into_iter().map(|(part, _)| part as u32).collect(),
        expires_at: upload.expires_at,
    })
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
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

/// Announces an upload into `wallet_id` (the holder's, or the one a deposit link leads to):
/// checks the size and reserves it against the quota.
pub async fn start_upload(
    state: &AppState,
    wallet_id: &WalletId,
    request: &UploadCreateRequest,
) -> Result<UploadRecord, ApiError> {
    let settings = &state.settings;
    if request.ciphertext_len == 0 {
        return Err(ApiError::refused(
            ErrorCode::EmptyUpload,
            "The document is empty.",
        ));
    }
    if request.ciphertext_len > settings.max_ciphertext_bytes() {
        return Err(ApiError::refused(
            ErrorCode::DocumentTooLarge,
            format!(
                "This document is larger than the limit of {}.",
                mib(settings.max_document_bytes)
            ),
        ));
    }
    let part_size = settings.upload_part_bytes.max(1);
    let part_count = request.ciphertext_len.div_ceil(part_size);
    let now = state.clock.now();
    let upload = UploadRecord {
        id: UploadId::random(),
        wallet_id: wallet_id.clone(),
        document_id: request.document_id.to_string(),
        ciphertext_len: request.ciphertext_len as i64,
        part_size: part_size as i64,
        part_count: part_count as i64,
        created_at: now,
        // Until the first part: announced bytes that never come are not held for long.
        expires_at: now
            + settings
                .upload_idle_seconds
                .min(settings.upload_ttl_seconds),
    };
    let quota_bytes = super::quota_of(state, wallet_id).await?;
    let quota = i64::try_from(quota_bytes).unwrap_or(i64::MAX);
    let cap = i64::try_from(settings.global_storage_cap_bytes).unwrap_or(i64::MAX);
    match state.store.create_upload(&upload, quota, cap).await? {
        CreateUploadOutcome::Created => {}
        CreateUploadOutcome::QuotaExceeded => {
            return Err(ApiError::refused(
                ErrorCode::QuotaExceeded,
                format!(
                    "Your wallet is full (limit {}). Delete a document to make room.",
                    mib(quota_bytes)
                ),
            ))
        }
        CreateUploadOutcome::ServerFull => {
            return Err(ApiError::Refused {
                code: ErrorCode::ServerFull,
                message: "The server is full at the moment. Nothing was stored.".into(),
            })
        }
        CreateUploadOutcome::DocumentExists => {
            return Err(ApiError::refused(
                ErrorCode::DocumentExists,
                "A document with this id already exists.",
            ))
        }
    }
    Ok(upload)
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

/// Stores part `part` of `upload` from `body`, durably, after checking its size.
pub async fn store_part(
    state: &AppState,
    upload: &UploadRecord,
    part: u32,
    body: Body,
) -> Result<(), ApiError> {
    let part_index = i64::from(part);
    if part_index >= upload.part_count {
        return Err(ApiError::refused(
            ErrorCode::PartOutOfRange,
            "This upload has no such part.",
        ));
    }
    let expected = if part_index == upload.part_count - 1 {
        upload.ciphertext_len - part_index * upload.part_size
    } else {
        upload.part_size
    } as usize;
    let collected = Limited::new(body, expected)
        .collect()
        .await
        .map_err(|err| {
            if err.downcast_ref::<LengthLimitError>().is_some() {
                ApiError::refused(
                    ErrorCode::PartTooLarge,
                    "This part is larger than announced.",
                )
            } else {
                ApiError::refused(
                    ErrorCode::BodyInterrupted,
                    "The part did not arrive whole; send it again.",
                )
            }
        })?;
    let data = collected.to_bytes();
    if data.len() != expected {
        return Err(ApiError::refused(
            ErrorCode::PartWrongSize,
            format!(
                "This part should have {expected} bytes, it has {}.",
                data.len()
            ),
        ));
    }
    state.blobs.put_part(upload.id.as_str(), part, data).await?;
    let settings = &state.settings;
    let keep_until = (state.clock.now() + settings.upload_idle_seconds)
        .min(upload.created_at + settings.upload_ttl_seconds);
    if !state
        .store
        .record_part(&upload.id, part_index, expected as i64, keep_until)
        .await?
    {
        // Committed or abandoned while this part arrived: the staged copy is the sweeper's.
        return Err(upload_gone());
    }
    Ok(())
}

/// The upload was committed or abandoned by another request meanwhile.
fn upload_gone() -> ApiError {
    ApiError::NotFound
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
    Ok((StatusCode::CREATED, ApiJson(document_info(&document)?)))
}

/// Completes `upload`: assembles its parts into the document's blob, durably, then commits
/// the document row (marked received when it came through `deposit`).
pub async fn finish_upload(
    state: &AppState,
    upload: &UploadRecord,
    metadata: Vec<u8>,
    tag: Vec<u8>,
    deposit: Option<&str>,
) -> Result<DocumentRecord, ApiError> {
    if metadata.is_empty() {
        return Err(ApiError::refused(
            ErrorCode::MetadataEmpty,
            "The document's details are missing.",
        ));
    }
    if metadata.len() > MAX_SEALED_METADATA {
        return Err(ApiError::refused(
            ErrorCode::MetadataTooLarge,
            "The document's details are too large.",
        ));
    }
    let received = state.store.received_parts(&upload.id).await?;
    let received_bytes: i64 = received.iter().map(|(_, len)| len).sum();
    if received.len() as i64 != upload.part_count || received_bytes != upload.ciphertext_len {
        // Its parts went with an abort that ran meanwhile.
        if state
            .store
            .upload(&upload.wallet_id, &upload.id)
            .await?
            .is_none()
        {
            return Err(upload_gone());
        }
        let missing = upload.part_count - received.len() as i64;
        return Err(ApiError::refused(
            ErrorCode::UploadIncomplete,
            format!("{missing} part(s) of this document have not arrived yet."),
        ));
    }
    let blob_key = crate::ids::new_blob_key();
    let part_count = upload.part_count as u32;
    let size = match state
        .blobs
        .assemble(upload.id.as_str(), part_count, &blob_key)
        .await
    {
        Ok(size) => size,
        // Its parts went with an abort that ran meanwhile.
        Err(BlobError::NotFound)
            if state
                .store
                .upload(&upload.wallet_id, &upload.id)
                .await?
                .is_none() =>
        {
            return Err(upload_gone());
        }
        Err(err) => return Err(err.into()),
    };
    if size != upload.ciphertext_len as u64 {
        state.blobs.delete_document(&blob_key).await?;
        return Err(ApiError::internal(
            "assembled size differs from the announced size",
        ));
    }
    let now = state.clock.now();
    let document = DocumentRecord {
        wallet_id: upload.wallet_id.clone(),
        id: upload.document_id.clone(),
        blob_key: blob_key.clone(),
        size: upload.ciphertext_len,
        metadata,
        tag,
        created_at: now,
        updated_at: now,
    };
    // The blob is durable; only now does the row that points to it commit.
    let committed = state
        .store
        .commit_upload(&upload.id, &document, deposit)
        .await?;
    if !committed {
        state.blobs.delete_document(&blob_key).await?;
        return Err(upload_gone());
    }
    if let Err(err) = state
        .blobs
        .delete_parts(upload.id.as_str(), part_count)
        .await
    {
        tracing::warn!(%err, "staged parts left for the sweeper");
    }
    Ok(document)
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
