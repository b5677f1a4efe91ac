//! Feedback and "what we changed", for coordinators: read the feedback, tag it, close it, and
//! publish what changed (shown on the transparency page). Observers see the published entries
//! only: a feedback's words are for the people who act on them.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use pde_api::admin::{
    self as api, AdminError, AdminErrorCode, ChangeEntry, ChangeList, FeedbackInbox,
    FeedbackUpdate, FourLanguages, ADMIN_API_PREFIX,
};

use super::{audit_about, coordinator, path, AdminApiError, AdminJson, AdminSession};
use crate::service::feedback;
use crate::state::AppState;

const ONLY_COORDINATORS: &str =
    "Only coordinators read feedback and publish what changed; observers read what was published.";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(path(api::FEEDBACK), get(inbox))
        .route(path(api::FEEDBACK_UPDATE), post(update))
        .route(path(api::CHANGES), get(changes).post(publish))
        .route(path(api::CHANGE_REMOVE), axum::routing::delete(remove))
}

#[utoipa::path(get, path = pde_api::routes::admin::FEEDBACK, context_path = ADMIN_API_PREFIX, tag = "admin", responses((status = 200, body = FeedbackInbox, description = "Every feedback kept: a random id, the day, the face, the words"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn inbox(
    State(state): State<AppState>,
    session: AdminSession,
) -> Result<Json<FeedbackInbox>, AdminApiError> {
    coordinator(&session, ONLY_COORDINATORS)?;
    Ok(Json(feedback::inbox(&state).await?))
}

#[utoipa::path(post, path = pde_api::routes::admin::FEEDBACK_ITEM, context_path = ADMIN_API_PREFIX, tag = "admin", request_body = FeedbackUpdate, responses((status = 200, description = "Tagged"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn update(
    State(state): State<AppState>,
    session: AdminSession,
    Path(feedback_id): Path<String>,
    AdminJson(request): AdminJson<FeedbackUpdate>,
) -> Result<(), AdminApiError> {
    coordinator(&session, ONLY_COORDINATORS)?;
    if !feedback::update(&state, &feedback_id, &request).await? {
        return Err(AdminApiError::refused(
            AdminErrorCode::NotFound,
            "No such feedback (it may have been deleted after its months).",
        ));
    }
    let tags: Vec<&str> = request.tags.iter().map(|tag| tag.as_str()).collect();
    let subject = format!(
        "{} [{}]",
        if request.closed { "closed" } else { "open" },
        tags.join(", ")
    );
    audit_about(&state, &session, "feedback_updated", &subject).await?;
    Ok(())
}

#[utoipa::path(get, path = pde_api::routes::admin::CHANGES, context_path = ADMIN_API_PREFIX, tag = "admin", responses((status = 200, body = ChangeList, description = "The published entries, newest first"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn changes(
    State(state): State<AppState>,
    _session: AdminSession,
) -> Result<Json<ChangeList>, AdminApiError> {
    Ok(Json(ChangeList {
        items: feedback::changes(&state).await?,
    }))
}

#[utoipa::path(post, path = pde_api::routes::admin::CHANGES, context_path = ADMIN_API_PREFIX, tag = "admin", request_body = FourLanguages, responses((status = 200, body = ChangeEntry, description = "Published (on the transparency page)"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn publish(
    State(state): State<AppState>,
    session: AdminSession,
    AdminJson(texts): AdminJson<FourLanguages>,
) -> Result<Json<ChangeEntry>, AdminApiError> {
    coordinator(&session, ONLY_COORDINATORS)?;
    feedback::check_change(&texts)
        .map_err(|message| AdminApiError::refused(AdminErrorCode::InvalidFields, message))?;
    let entry = feedback::publish(&state, texts).await?;
    audit_about(&state, &session, "change_published", &entry.texts.fr).await?;
    Ok(Json(entry))
}

#[utoipa::path(delete, path = pde_api::routes::admin::CHANGE, context_path = ADMIN_API_PREFIX, tag = "admin", responses((status = 200, description = "Taken down"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn remove(
    State(state): State<AppState>,
    session: AdminSession,
    Path(change_id): Path<String>,
) -> Result<(), AdminApiError> {
    coordinator(&session, ONLY_COORDINATORS)?;
    let entry = feedback::changes(&state)
        .await?
        .into_iter()
        .find(|entry| entry.id == change_id);
    let removed = state.store.remove_change(&change_id).await?;
    let Some(entry) = entry.filter(|_| removed) else {
        return Err(AdminApiError::refused(
            AdminErrorCode::NotFound,
            "No such entry (it may have been taken down already).",
        ));
    };
    audit_about(&state, &session, "change_removed", &entry.texts.fr).await?;
    Ok(())
}
