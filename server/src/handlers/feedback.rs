//! Feedback from holders and workers (`service::feedback` does the work). Routed outside the
//! request log: no line, not even the route's, says that someone gave an opinion.

use super::RouteEndpoint;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Router;

use pde_api::feedback::{FeedbackRequest, FeedbackTerms};

use crate::error::{ApiError, ApiJson};
use crate::service::feedback;
use crate::state::AppState;

/// Routes of this module (merged after the request log's layer).
pub fn routes() -> Router<AppState> {
    Router::new()
        .endpoint(pde_api::endpoints::FEEDBACK_TERMS, terms)
        .endpoint(pde_api::endpoints::FEEDBACK, send)
}

#[utoipa::path(get, path = pde_api::routes::FEEDBACK_TERMS, context_path = pde_api::API_PREFIX, tag = "feedback", responses((status = 200, body = FeedbackTerms)))]
/// What a feedback form tells before anything is sent: how long feedback is kept.
pub async fn terms(State(state): State<AppState>) -> ApiJson<FeedbackTerms> {
    ApiJson(feedback::terms(&state))
}

#[utoipa::path(post, path = pde_api::routes::FEEDBACK, context_path = pde_api::API_PREFIX, tag = "feedback", request_body = FeedbackRequest, responses((status = 204, description = "Kept, with the day only"), (status = 400, body = pde_api::ErrorBody, description = "Sent with a PDE cookie or a link's token (dropped), or words that look like a name or a number"), (status = 429, body = pde_api::ErrorBody, description = "`proof_of_work_required` (every feedback pays one: solve and send again), or `feedback_busy` (the server's hourly budget)")))]
/// Sends a feedback: without cookies, with a solved challenge; never logged.
pub async fn send(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<FeedbackRequest>,
) -> Result<StatusCode, ApiError> {
    feedback::receive(&state, &headers, request).await?;
    Ok(StatusCode::NO_CONTENT)
}
