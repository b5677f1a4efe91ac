//! Invitations by partner: coordinators make batches of codes for a partner of the operator's
//! list, print them as slips (the console draws them from the codes this answer holds once), and
//! revoke them; everyone sees how many wallets each batch made before the week in course (a
//! live count, refreshed around one person's visit, would tell that this person made a wallet).

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use pde_api::admin::{
    self as api, AdminError, AdminErrorCode, BatchInfo, BatchMade, InvitationsOverview, NewBatch,
    Partner, ADMIN_API_PREFIX, MAX_BATCH_CODES, MAX_BATCH_DAYS, MAX_USES_PER_CODE,
};

use super::{coordinator, new_id, path, AdminApiError, AdminJson, AdminSession};
use crate::service::credentials::{invite_hash, new_invite_code};
use crate::state::AppState;
use crate::store::invitations::{BatchRecord, NewBatchRecord};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(path(api::INVITATIONS), get(overview))
        .route(path(api::BATCH_CREATE), post(create_batch))
        .route(path(api::BATCH_REVOKE), post(revoke_batch))
}

const ONLY_COORDINATORS: &str = "Only coordinators make or revoke invitations; observers read.";

/// A batch as the console shows it at `now`: its wallets made before this week began, with
/// nothing between 1 and k−1.
fn batch_info(record: BatchRecord, now: i64, k: u32) -> BatchInfo {
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    let made = u64::try_from(record.created_before(crate::clock::iso_week_start(now))).unwrap_or(0);
    let wallets_created = crate::service::statistics::protect(made, u64::from(k));
    BatchInfo {
        id: record.id,
        partner: record.partner,
        created_by: record.created_by,
        created_at: record.created_at,
        expires_at: record.expires_at,
        revoked_at: record.revoked_at,
        codes: count(record.codes),
        uses_per_code: count(record.uses_per_code),
        wallets_created,
    }
}

#[utoipa::path(get, path = pde_api::routes::admin::INVITATIONS, context_path = ADMIN_API_PREFIX, tag = "admin",  responses((status = 200, body = InvitationsOverview, description = "The partners and the batches"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn overview(
    State(state): State<AppState>,
    _session: AdminSession,
) -> Result<Json<InvitationsOverview>, AdminApiError> {
    let partners = state
        .store
        .partners()
        .await?
        .into_iter()
        .map(|partner| Partner {
            id: partner.id,
            label: partner.label,
        })
        .collect();
    let now = state.clock.now();
    let batches = state
        .store
        .batches()
        .await?
        .into_iter()
        .map(|record| batch_info(record, now, state.settings.statistics_k))
        .collect();
    Ok(Json(InvitationsOverview {
        holders_origin: state.settings.holders_origin(),
        partner_kept: state.settings.keep_partner_on_wallet,
        partners,
        batches,
        k: state.settings.statistics_k,
    }))
}

#[utoipa::path(post, path = pde_api::routes::admin::BATCHES, context_path = ADMIN_API_PREFIX, tag = "admin", request_body = NewBatch, responses((status = 200, body = BatchMade, description = "The batch and its codes, shown this once"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn create_batch(
    State(state): State<AppState>,
    session: AdminSession,
    AdminJson(request): AdminJson<NewBatch>,
) -> Result<Json<BatchMade>, AdminApiError> {
    coordinator(&session, ONLY_COORDINATORS)?;
    if !(1..=MAX_BATCH_CODES).contains(&request.codes)
        || !(1..=MAX_USES_PER_CODE).contains(&request.uses_per_code)
        || !(1..=MAX_BATCH_DAYS).contains(&request.days)
    {
        return Err(AdminApiError::refused(
            AdminErrorCode::InvalidFields,
            "A batch has 1 to 200 codes, each making 1 to 20 wallets, valid 1 to 365 days.",
        ));
    }
    let codes: Vec<String> = (0..request.codes).map(|_| new_invite_code()).collect();
    let now = state.clock.now();
    let id = new_id();
    let stored = state
        .store
        .create_batch(NewBatchRecord {
            id: id.clone(),
            partner_id: request.partner_id,
            created_by: session.admin.name.clone(),
            uses_per_code: i64::from(request.uses_per_code),
            created_at: now,
            expires_at: now + i64::from(request.days) * 86_400,
            code_hashes: codes.iter().map(|code| invite_hash(code)).collect(),
        })
        .await?;
    if !stored {
        return Err(AdminApiError::refused(
            AdminErrorCode::InvalidFields,
            "Pick the partner from the list.",
        ));
    }
    let batch = state
        .store
        .batches()
        .await?
        .into_iter()
        .find(|batch| batch.id == id)
        .map(|record| batch_info(record, now, state.settings.statistics_k))
        .ok_or_else(|| AdminApiError::internal("the new batch is not listed"))?;
    state
        .store
        .audit(
            now,
            &session.admin.name,
            "batch_created",
            &format!(
                "{} ({} × {})",
                batch.partner, batch.codes, batch.uses_per_code
            ),
        )
        .await?;
    Ok(Json(BatchMade {
        batch,
        holders_origin: state.settings.holders_origin(),
        codes,
    }))
}

#[utoipa::path(post, path = pde_api::routes::admin::BATCH_REVOKE, context_path = ADMIN_API_PREFIX, tag = "admin", params(("batch_id" = String, Path, description = "A batch")), responses((status = 200, description = "The batch is revoked"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn revoke_batch(
    State(state): State<AppState>,
    session: AdminSession,
    Path(batch_id): Path<String>,
) -> Result<(), AdminApiError> {
    coordinator(&session, ONLY_COORDINATORS)?;
    let now = state.clock.now();
    let batch = state
        .store
        .revoke_batch(&batch_id, now)
        .await?
        .ok_or_else(|| {
            AdminApiError::refused(
                AdminErrorCode::NotFound,
                "No such batch, or it is revoked already.",
            )
        })?;
    state
        .store
        .audit(now, &session.admin.name, "batch_revoked", &batch.partner)
        .await?;
    Ok(())
}
