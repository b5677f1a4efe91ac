//! Stored documents: list (ids, encrypted metadata, padded sizes), download (streamed), replace the
//! encrypted metadata, delete (row, then blob).

use super::RouteEndpoint;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use pde_api::endpoints;
use pde_api::ErrorCode;

use pde_api::{DocumentList, MetadataUpdate};
use pde_crypto::document::DocumentId;
use pde_crypto::metadata::MAX_SEALED_METADATA;

use crate::auth::Session;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::service::quota_of;
use crate::service::uploads::document_info;
use crate::state::AppState;
use crate::store::ReceivedDocument;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .endpoint(endpoints::DOCUMENTS, list_documents)
        .endpoint(endpoints::DELETE_DOCUMENT, delete_document)
        .endpoint(endpoints::DOCUMENT_CONTENT, download)
        .endpoint(endpoints::DOCUMENT_METADATA, update_metadata)
}

/// A document id from the path; anything else is simply not found.
fn document_id(text: &str) -> Result<DocumentId, ApiError> {
    text.parse::<DocumentId>().map_err(|_| ApiError::NotFound)
}

#[utoipa::path(get, path = pde_api::routes::DOCUMENTS, context_path = pde_api::API_PREFIX, tag = "documents", security(("session" = [])),
    responses((status = 200, body = DocumentList), (status = 401, body = pde_api::ErrorBody)))]
/// The wallet's documents.
pub async fn list_documents(
    State(state): State<AppState>,
    session: Session,
) -> Result<ApiJson<DocumentList>, ApiError> {
    let records = state.store.list_documents(&session.wallet_id).await?;
    let mut received: std::collections::HashMap<DocumentId, ReceivedDocument> = state
        .store
        .received_documents(&session.wallet_id)
        .await?
        .into_iter()
        .map(|r| (r.document_id, r))
        .collect();
    let documents = records
        .iter()
        .map(|record| {
            let mut info = document_info(record);
            if let Some(via) = received.remove(&record.id) {
                info.received_via = Some(via.deposit_id);
                info.received_key = via.key_id.map(Into::into);
            }
            info
        })
        .collect();
    let used = state.store.wallet_usage(&session.wallet_id).await?;
    Ok(ApiJson(DocumentList {
        documents,
        used_bytes: used.max(0) as u64,
        quota_bytes: quota_of(&state, &session.wallet_id).await?,
    }))
}

#[utoipa::path(get, path = pde_api::routes::DOCUMENT_CONTENT, context_path = pde_api::API_PREFIX, tag = "documents", security(("session" = [])),
    params(("document_id" = String, Path, pattern = "^[0-9a-f]{32}$")),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>),
              (status = 404, body = pde_api::ErrorBody)))]
/// The document's ciphertext, streamed.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    ApiPath(document_id_text): ApiPath<String>,
) -> Result<Response, ApiError> {
    let id = document_id(&document_id_text)?;
    let record = state
        .store
        .document(&session.wallet_id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (size, stream) = match state.blobs.read_document(&record.blob_key).await {
        Ok(found) => found,
        Err(crate::blobs::BlobError::NotFound) => {
            return Err(ApiError::internal("document row without its blob"))
        }
        Err(err) => return Err(err.into()),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_LENGTH, size.to_string()),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

#[utoipa::path(put, path = pde_api::routes::DOCUMENT_METADATA, context_path = pde_api::API_PREFIX, tag = "documents", security(("session" = [])),
    params(("document_id" = String, Path, pattern = "^[0-9a-f]{32}$")), request_body = MetadataUpdate,
    responses((status = 204), (status = 404, body = pde_api::ErrorBody), (status = 413, body = pde_api::ErrorBody)))]
/// Replaces the encrypted metadata (rename, category, note).
pub async fn update_metadata(
    State(state): State<AppState>,
    session: Session,
    ApiPath(document_id_text): ApiPath<String>,
    ApiJson(update): ApiJson<MetadataUpdate>,
) -> Result<StatusCode, ApiError> {
    let id = document_id(&document_id_text)?;
    if update.metadata.0.is_empty() {
        return Err(ApiError::refused(
            ErrorCode::MetadataEmpty,
            "The document's details are missing.",
        ));
    }
    if update.metadata.0.len() > MAX_SEALED_METADATA {
        return Err(ApiError::refused(
            ErrorCode::MetadataTooLarge,
            "The document's details are too large.",
        ));
    }
    let now = state.clock.now();
    if state
        .store
        .update_metadata(&session.wallet_id, &id, &update.metadata.0, now)
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

#[utoipa::path(delete, path = pde_api::routes::DOCUMENT, context_path = pde_api::API_PREFIX, tag = "documents", security(("session" = [])),
    params(("document_id" = String, Path, pattern = "^[0-9a-f]{32}$")),
    responses((status = 204), (status = 404, body = pde_api::ErrorBody)))]
/// Deletes a document: its row, then its blob is tombstoned (the sweeper deletes it after the
/// grace period, so a backup running now still finds it; an interrupted delete leaves an orphan
/// that the sweeper tombstones, never a row without its blob).
pub async fn delete_document(
    State(state): State<AppState>,
    session: Session,
    ApiPath(document_id_text): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let id = document_id(&document_id_text)?;
    let now = state.clock.now();
    let blob_key = state
        .store
        .delete_document(&session.wallet_id, &id, now)
        .await?
        .ok_or(ApiError::NotFound)?;
    state.store.tombstone_blobs(&[blob_key], now).await?;
    Ok(StatusCode::NO_CONTENT)
}
