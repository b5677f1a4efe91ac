//! The upload pipeline a holder's upload and a deposit link's upload share: announce (size
//! reserved against the quota) → parts stored durably → parts assembled into the document's blob
//! → the document row committed.

use axum::body::Body;
use pde_api::{DocumentInfo, ErrorCode, UploadCreateRequest, UploadStatus};
use pde_crypto::metadata::MAX_SEALED_METADATA;

use super::ciphertext::{self, BlobTarget};
use super::quota_of;
use crate::blobs::BlobError;
use crate::error::ApiError;
use crate::ids::{UploadId, WalletId};
use crate::state::AppState;
use crate::store::{CreateUploadOutcome, DocumentRecord, UploadRecord};

/// Largest document tag accepted.
pub(crate) const MAX_TAG_BYTES: usize = 128;

/// The API view of a stored document.
pub(crate) fn document_info(record: &DocumentRecord) -> DocumentInfo {
    DocumentInfo {
        id: record.id,
        size: record.size as u64,
        metadata: record.metadata.clone().into(),
        tag: record.tag.clone().into(),
        created_at: record.created_at,
        updated_at: record.updated_at,
        received_via: None,
        received_key: None,
    }
}

pub(crate) async fn status_of(
    state: &AppState,
    upload: &UploadRecord,
) -> Result<UploadStatus, ApiError> {
    let received = state.store.received_parts(&upload.id).await?;
    Ok(UploadStatus {
        upload_id: upload.id.clone(),
        document_id: upload.document_id,
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

/// Announces an upload into `wallet_id` (the holder's, or the one a deposit link leads to):
/// checks the size and reserves it against the quota.
pub(crate) async fn start_upload(
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
        document_id: request.document_id,
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
    let quota_bytes = quota_of(state, wallet_id).await?;
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

/// Stores part `part` of `upload` from `body`, durably, after checking its size.
pub(crate) async fn store_part(
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
    let target = BlobTarget::Part {
        upload_id: upload.id.as_str(),
        part,
    };
    ciphertext::receive(state, target, body, expected as u64, "part").await?;
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
pub(crate) fn upload_gone() -> ApiError {
    ApiError::NotFound
}

/// Completes `upload`: assembles its parts into the document's blob, durably, then commits
/// the document row (marked received when it came through `deposit`).
pub(crate) async fn finish_upload(
    state: &AppState,
    upload: &UploadRecord,
    metadata: Vec<u8>,
    tag: Vec<u8>,
    deposit: Option<&pde_api::DepositId>,
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
        id: upload.document_id,
        blob_key: blob_key.clone(),
        size: upload.ciphertext_len,
        metadata,
        tag,
        created_at: state.settings.row_time(now),
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
