//! Grant links (see `pde_crypto::grant`). The holder creates a grant with hashes of its tokens,
//! then sends each document (sealed to the grant key in the browser); the worker, with no
//! account, shows the access token (a mismatch is "not found" and is not counted), then opens
//! the grant — the PIN token checked and counted atomically, the opening counted when a token is
//! exchanged — and fetches the documents with the opening token. Expiry, revocation, the opening
//! limit and the five-PIN limit are enforced here; the sweeper deletes the ciphertext of every
//! grant that can no longer be opened.

use super::RouteEndpoint;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures::TryStreamExt;
use pde_api::endpoints;
use pde_api::{
    ErrorCode, GrantCreateRequest, GrantCreated, GrantList, GrantOpened, GrantState, GrantStatus,
    GrantSummary, GrantTokens, GrantedDocument, MAX_GRANT_DOCUMENTS, MAX_GRANT_OPENINGS,
    MAX_GRANT_PIN_FAILURES, MAX_GRANT_SECONDS,
};
use pde_crypto::grant::GrantToken;
use pde_crypto::metadata::MAX_SEALED_METADATA;
use pde_crypto::wallet::{UnlockMethod, WrappedWalletKey};

use crate::auth::Session;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::service::ciphertext::{self, BlobTarget};
use crate::service::{purge_grant, quota_of};
use crate::state::AppState;
use crate::store::{CreateGrantOutcome, GrantDocumentRecord, GrantRecord};

/// Longest a worker's opening token lasts (never beyond the grant's expiry).
const OPENING_SECONDS: i64 = 3600;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new()
        .endpoint(endpoints::CREATE_GRANT, create_grant)
        .endpoint(endpoints::GRANTS, list_grants)
        .endpoint(endpoints::REVOKE_GRANT, revoke_grant)
        .endpoint(endpoints::GRANT_DOCUMENT, put_document)
        .endpoint(endpoints::SHARED_STATUS, status)
        .endpoint(endpoints::SHARED_OPEN, open)
        .endpoint(endpoints::SHARED_DOCUMENT, fetch_document)
}

/// Where a grant stands at `now`. A purged grant (no document rows left) is always revoked,
/// burned or expired, which are told before "incomplete".
pub fn grant_state(grant: &GrantRecord, documents_stored: i64, now: i64) -> GrantState {
    if grant.revoked_at.is_some() {
        GrantState::Revoked
    } else if grant.pin_failures >= MAX_GRANT_PIN_FAILURES {
        GrantState::Burned
    } else if grant.expires_at <= now {
        GrantState::Expired
    } else if grant.max_openings.is_some_and(|max| grant.openings >= max) {
        GrantState::UsedUp
    } else if documents_stored < grant.document_count {
        GrantState::Incomplete
    } else {
        GrantState::Active
    }
}

/// The error a worker gets for a grant that can't be opened.
fn refusal(state: GrantState) -> ApiError {
    let (code, message) = match state {
        GrantState::Expired => (ErrorCode::GrantExpired, "This link has expired."),
        GrantState::Revoked => (ErrorCode::GrantRevoked, "This link was stopped."),
        GrantState::UsedUp => (
            ErrorCode::GrantUsedUp,
            "This link has been opened as many times as allowed.",
        ),
        GrantState::Burned => (ErrorCode::GrantBurned, "Too many wrong PINs."),
        GrantState::Incomplete | GrantState::Active => {
            return ApiError::refused(ErrorCode::GrantIncomplete, "This link is not ready yet.")
        }
    };
    ApiError::Refused {
        code,
        message: message.into(),
    }
}

fn invalid(message: &str) -> ApiError {
    ApiError::refused(ErrorCode::InvalidFields, message.to_owned())
}

fn hash_field(bytes: &[u8]) -> Result<Vec<u8>, ApiError> {
    if bytes.len() != 32 {
        return Err(invalid("A token hash must have 32 bytes."));
    }
    Ok(bytes.to_vec())
}

/// Reads and drops up to `limit` bytes of `body` (stops early when the client stops).
async fn drain(body: Body, limit: u64) {
    let mut stream = body.into_data_stream();
    let mut read = 0u64;
    while read < limit {
        match stream.try_next().await {
            Ok(Some(chunk)) => read += chunk.len() as u64,
            _ => break,
        }
    }
}

#[utoipa::path(post, path = pde_api::routes::GRANTS, context_path = pde_api::API_PREFIX, tag = "grants", security(("session" = [])), request_body = GrantCreateRequest,
    responses((status = 201, body = GrantCreated), (status = 400, body = pde_api::ErrorBody),
              (status = 413, body = pde_api::ErrorBody)))]
/// Creates a grant; the declared sizes are reserved against the wallet's quota.
pub async fn create_grant(
    State(state): State<AppState>,
    session: Session,
    ApiJson(request): ApiJson<GrantCreateRequest>,
) -> Result<(StatusCode, ApiJson<GrantCreated>), ApiError> {
    let settings = &state.settings;
    if request.documents.is_empty() || request.documents.len() > MAX_GRANT_DOCUMENTS {
        return Err(invalid(&format!(
            "A grant holds 1 to {MAX_GRANT_DOCUMENTS} documents."
        )));
    }
    if request.expires_in_seconds == 0 || request.expires_in_seconds > MAX_GRANT_SECONDS {
        return Err(invalid(&format!(
            "A grant lasts at most {} days.",
            MAX_GRANT_SECONDS / 86_400
        )));
    }
    if request
        .max_openings
        .is_some_and(|max| max == 0 || max > MAX_GRANT_OPENINGS)
    {
        return Err(invalid(&format!(
            "A grant allows 1 to {MAX_GRANT_OPENINGS} openings."
        )));
    }
    if request.label.0.len() > MAX_SEALED_METADATA {
        return Err(invalid("The label is too large."));
    }
    let wrapped = WrappedWalletKey::from_bytes(&request.wrapped_key.0).map_err(|_| {
        ApiError::refused(ErrorCode::InvalidWrappedKeys, "The grant key is not valid.")
    })?;
    if wrapped.method != UnlockMethod::Grant || request.wrapped_key.0.len() > 1024 {
        return Err(ApiError::refused(
            ErrorCode::InvalidWrappedKeys,
            "The grant key is not valid.",
        ));
    }
    let mut reserved: u64 = 0;
    for document in &request.documents {
        if document.ciphertext_len == 0 || document.ciphertext_len > settings.max_ciphertext_bytes()
        {
            return Err(ApiError::refused(
                ErrorCode::DocumentTooLarge,
                "A document is empty or larger than the limit.",
            ));
        }
        if document.metadata.0.is_empty() || document.metadata.0.len() > MAX_SEALED_METADATA {
            return Err(invalid(
                "A document's name and type are missing or too large.",
            ));
        }
        reserved = reserved.saturating_add(document.ciphertext_len);
    }
    let now = state.clock.now();
    let grant = GrantRecord {
        id: pde_api::GrantId::random(),
        wallet_id: session.wallet_id.clone(),
        access_hash: hash_field(&request.access_hash.0)?,
        pin_hash: request
            .pin_hash
            .as_ref()
            .map(|h| hash_field(&h.0))
            .transpose()?,
        pin_failures: 0,
        wrapped_key: request.wrapped_key.0.clone(),
        label: request.label.0.clone(),
        document_count: request.documents.len() as i64,
        reserved_bytes: i64::try_from(reserved).unwrap_or(i64::MAX),
        max_openings: request.max_openings.map(i64::from),
        openings: 0,
        created_at: state.settings.row_time(now),
        expires_at: now + request.expires_in_seconds as i64,
        revoked_at: None,
        purged_at: None,
    };
    let documents: Vec<GrantDocumentRecord> = request
        .documents
        .iter()
        .enumerate()
        .map(|(position, d)| GrantDocumentRecord {
            grant_id: grant.id.clone(),
            position: position as i64,
            blob_key: crate::ids::new_blob_key(),
            size: d.ciphertext_len as i64,
            metadata: d.metadata.0.clone(),
            stored_at: None,
        })
        .collect();
    let quota = i64::try_from(quota_of(&state, &session.wallet_id).await?).unwrap_or(i64::MAX);
    let cap = i64::try_from(settings.global_storage_cap_bytes).unwrap_or(i64::MAX);
    match state
        .store
        .create_grant(&grant, &documents, quota, cap)
        .await?
    {
        CreateGrantOutcome::Created => {}
        CreateGrantOutcome::QuotaExceeded => {
            return Err(ApiError::refused(
                ErrorCode::QuotaExceeded,
                "Your wallet is full. Delete a document or stop a shared link to make room.",
            ))
        }
        CreateGrantOutcome::ServerFull => {
            return Err(ApiError::Refused {
                code: ErrorCode::ServerFull,
                message: "The server is full at the moment. Nothing was stored.".into(),
            })
        }
    }
    Ok((
        StatusCode::CREATED,
        ApiJson(GrantCreated {
            grant_id: grant.id,
            expires_at: grant.expires_at,
        }),
    ))
}

/// A grant of this wallet.
async fn own_grant(
    state: &AppState,
    session: &Session,
    id: &pde_api::GrantId,
) -> Result<GrantRecord, ApiError> {
    state
        .store
        .grant(id)
        .await?
        .filter(|g| g.wallet_id == session.wallet_id)
        .ok_or(ApiError::NotFound)
}

fn stored_count(documents: &[GrantDocumentRecord]) -> i64 {
    documents.iter().filter(|d| d.stored_at.is_some()).count() as i64
}

#[utoipa::path(put, path = pde_api::routes::GRANT_DOCUMENT, context_path = pde_api::API_PREFIX, tag = "grants", security(("session" = [])),
    params(("grant_id" = String, Path, pattern = "^[0-9a-f]{32}$"), ("position" = u32, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 204), (status = 400, body = pde_api::ErrorBody),
              (status = 404, body = pde_api::ErrorBody), (status = 409, body = pde_api::ErrorBody)))]
/// Stores one declared document of a grant (its ciphertext, exactly the declared size),
/// streamed to the blob store.
pub async fn put_document(
    State(state): State<AppState>,
    session: Session,
    ApiPath((grant_id, position)): ApiPath<(pde_api::GrantId, u32)>,
    body: Body,
) -> Result<StatusCode, ApiError> {
    let grant = own_grant(&state, &session, &grant_id).await?;
    let documents = state.store.grant_documents(&grant.id).await?;
    let document = documents
        .iter()
        .find(|d| d.position == i64::from(position))
        .ok_or(ApiError::NotFound)?;
    let now = state.clock.now();
    let current = grant_state(&grant, stored_count(&documents), now);
    let early_refusal = if document.stored_at.is_some() {
        Some(ApiError::refused(
            ErrorCode::DocumentExists,
            "This document of the grant was already sent.",
        ))
    } else if current != GrantState::Incomplete {
        Some(refusal(current))
    } else {
        None
    };
    if let Some(refusal) = early_refusal {
        // Read what the client is sending (no more than announced) before answering, so
        // that it gets the answer rather than a connection cut in the middle of its body.
        drain(body, document.size as u64 + 1).await;
        return Err(refusal);
    }
    // Each request writes a blob of its own, switched in only if this request is the one
    // accepted: a refused request's bytes never reach the worker.
    let blob_key = crate::ids::new_blob_key();
    let target = BlobTarget::Document {
        blob_key: &blob_key,
    };
    ciphertext::receive(&state, target, body, document.size as u64, "document").await?;
    if !state
        .store
        .mark_grant_document_stored(&grant.id, i64::from(position), &blob_key, now)
        .await?
    {
        // Sent twice at once (the other request's blob stands), or the link was stopped
        // meanwhile: this request's blob is nobody's (no row ever named it, so no backup needs
        // it: deleted at once).
        state.blobs.delete_document(&blob_key).await?;
        return Err(ApiError::refused(
            ErrorCode::DocumentExists,
            "This document of the grant was already sent, or the link was stopped.",
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = pde_api::routes::GRANTS, context_path = pde_api::API_PREFIX, tag = "grants", security(("session" = [])),
    responses((status = 200, body = GrantList), (status = 401, body = pde_api::ErrorBody)))]
/// The wallet's grants, with their state and access log.
pub async fn list_grants(
    State(state): State<AppState>,
    session: Session,
) -> Result<ApiJson<GrantList>, ApiError> {
    let now = state.clock.now();
    let mut grants = Vec::new();
    for grant in state.store.wallet_grants(&session.wallet_id).await? {
        let documents = state.store.grant_documents(&grant.id).await?;
        let stored = stored_count(&documents);
        grants.push(GrantSummary {
            grant_id: grant.id.clone(),
            label: grant.label.clone().into(),
            state: grant_state(&grant, stored, now),
            has_pin: grant.pin_hash.is_some(),
            document_count: grant.document_count as u32,
            created_at: grant.created_at,
            expires_at: grant.expires_at,
            max_openings: grant.max_openings.map(|m| m as u32),
            opened_at: state.store.grant_openings(&grant.id).await?,
        });
    }
    Ok(ApiJson(GrantList { grants }))
}

#[utoipa::path(delete, path = pde_api::routes::GRANT, context_path = pde_api::API_PREFIX, tag = "grants", security(("session" = [])),
    params(("grant_id" = String, Path, pattern = "^[0-9a-f]{32}$")),
    responses((status = 204), (status = 404, body = pde_api::ErrorBody)))]
/// Revokes a grant at once and deletes its documents' ciphertext.
pub async fn revoke_grant(
    State(state): State<AppState>,
    session: Session,
    ApiPath(grant_id): ApiPath<pde_api::GrantId>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    if !state
        .store
        .revoke_grant(&session.wallet_id, &grant_id, now)
        .await?
    {
        return Err(ApiError::NotFound);
    }
    purge_grant(&state, &grant_id, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The grant a worker's access token opens: anything else is "not found", and not counted.
async fn shown_grant(
    state: &AppState,
    grant_id: &pde_api::GrantId,
    tokens: &GrantTokens,
) -> Result<GrantRecord, ApiError> {
    let grant = state
        .store
        .grant(grant_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !super::token_matches(&tokens.access_token, &grant.access_hash) {
        return Err(ApiError::NotFound);
    }
    Ok(grant)
}

#[utoipa::path(post, path = pde_api::routes::SHARED_STATUS, context_path = pde_api::API_PREFIX, tag = "shared",
    params(("grant_id" = String, Path, pattern = "^[0-9a-f]{32}$")), request_body = GrantTokens,
    responses((status = 200, body = GrantStatus), (status = 404, body = pde_api::ErrorBody)))]
/// What the worker's page needs before opening: the state, whether a PIN is asked, the expiry.
/// Nothing is counted.
pub async fn status(
    State(state): State<AppState>,
    ApiPath(grant_id): ApiPath<pde_api::GrantId>,
    ApiJson(tokens): ApiJson<GrantTokens>,
) -> Result<ApiJson<GrantStatus>, ApiError> {
    let grant = shown_grant(&state, &grant_id, &tokens).await?;
    let documents = state.store.grant_documents(&grant.id).await?;
    let stored = stored_count(&documents);
    Ok(ApiJson(GrantStatus {
        state: grant_state(&grant, stored, state.clock.now()),
        has_pin: grant.pin_hash.is_some(),
        expires_at: grant.expires_at,
    }))
}

#[utoipa::path(post, path = pde_api::routes::SHARED_OPEN, context_path = pde_api::API_PREFIX, tag = "shared",
    params(("grant_id" = String, Path, pattern = "^[0-9a-f]{32}$")), request_body = GrantTokens,
    responses((status = 200, body = GrantOpened), (status = 403, body = pde_api::ErrorBody),
              (status = 404, body = pde_api::ErrorBody), (status = 410, body = pde_api::ErrorBody)))]
/// Opens the grant: checks the PIN token (a wrong one is counted, five burn the grant), counts
/// the opening, and gives the wrapped grant key, the documents and a token to fetch them.
pub async fn open(
    State(state): State<AppState>,
    ApiPath(grant_id): ApiPath<pde_api::GrantId>,
    ApiJson(tokens): ApiJson<GrantTokens>,
) -> Result<ApiJson<GrantOpened>, ApiError> {
    let grant = shown_grant(&state, &grant_id, &tokens).await?;
    let now = state.clock.now();
    let documents = state.store.grant_documents(&grant.id).await?;
    let current = grant_state(&grant, stored_count(&documents), now);
    if current != GrantState::Active {
        return Err(refusal(current));
    }
    if let Some(pin_hash) = &grant.pin_hash {
        let given = tokens
            .pin_token
            .as_deref()
            .and_then(|t| GrantToken::from_text(t).ok())
            .map(|t| t.hash());
        let right = given.is_some_and(|hash| {
            bool::from(subtle::ConstantTimeEq::ct_eq(&hash[..], &pin_hash[..]))
        });
        if !right {
            return match state
                .store
                .count_grant_pin_failure(&grant.id, MAX_GRANT_PIN_FAILURES)
                .await?
            {
                Some(failures) if failures < MAX_GRANT_PIN_FAILURES => Err(ApiError::WrongPin {
                    tries_left: MAX_GRANT_PIN_FAILURES - failures,
                }),
                _ => {
                    purge_grant(&state, &grant.id, now).await?;
                    Err(refusal(GrantState::Burned))
                }
            };
        }
    }
    let opening = GrantToken::random();
    let token_expires_at = (now + OPENING_SECONDS).min(grant.expires_at);
    if !state
        .store
        .open_grant(
            &grant.id,
            &opening.hash(),
            now,
            token_expires_at,
            MAX_GRANT_PIN_FAILURES,
        )
        .await?
    {
        // Used up, revoked or expired between the check and the count.
        let fresh = state
            .store
            .grant(&grant.id)
            .await?
            .ok_or(ApiError::NotFound)?;
        return Err(refusal(grant_state(&fresh, grant.document_count, now)));
    }
    Ok(ApiJson(GrantOpened {
        opening_token: opening.to_text(),
        wrapped_key: grant.wrapped_key.clone().into(),
        expires_at: grant.expires_at,
        documents: documents
            .iter()
            .map(|d| GrantedDocument {
                position: d.position as u32,
                size: d.size as u64,
                metadata: d.metadata.clone().into(),
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = pde_api::routes::SHARED_DOCUMENT, context_path = pde_api::API_PREFIX, tag = "shared",
    params(("grant_id" = String, Path, pattern = "^[0-9a-f]{32}$"), ("position" = u32, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>),
              (status = 404, body = pde_api::ErrorBody), (status = 410, body = pde_api::ErrorBody)))]
/// One granted document's ciphertext, streamed, for the bearer of an opening token — while the
/// grant is neither expired nor revoked.
pub async fn fetch_document(
    State(state): State<AppState>,
    ApiPath((grant_id, position)): ApiPath<(pde_api::GrantId, u32)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let token = super::bearer_token(&headers)?;
    let now = state.clock.now();
    let opened = state
        .store
        .grant_of_opening(&token.hash(), now)
        .await?
        .ok_or(ApiError::NotFound)?;
    if opened != grant_id {
        return Err(ApiError::NotFound);
    }
    let grant = state
        .store
        .grant(&grant_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if grant.purged_at.is_some() || grant.revoked_at.is_some() || grant.expires_at <= now {
        let stored = grant.document_count;
        return Err(refusal(grant_state(&grant, stored, now)));
    }
    let documents = state.store.grant_documents(&grant_id).await?;
    let document = documents
        .iter()
        .find(|d| d.position == i64::from(position) && d.stored_at.is_some())
        .ok_or(ApiError::NotFound)?;
    let (size, stream) = state.blobs.read_document(&document.blob_key).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_LENGTH, size.to_string()),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}
