//! Facts about the server: limits, health, the OpenAPI document, and (tests only) the clock.

use super::RouteEndpoint;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use utoipa::OpenApi;

use pde_api::ServerInfo;
use pde_crypto::metadata::MAX_SEALED_METADATA;

use crate::error::ApiJson;
use crate::state::AppState;

/// Routes of this module.
pub fn routes() -> Router<AppState> {
    let router = Router::new()
        .endpoint(pde_api::endpoints::INFO, server_info)
        .endpoint(pde_api::endpoints::ANNOUNCEMENT, announcement)
        .route(pde_api::routes::HEALTH_LIVE, get(live))
        .route(pde_api::routes::HEALTH_READY, get(ready))
        .route(pde_api::routes::OPENAPI, get(openapi));
    #[cfg(feature = "test-clock")]
    let router = router.route(
        pde_api::routes::TEST_CLOCK,
        axum::routing::post(advance_clock),
    );
    router
}

#[utoipa::path(get, path = pde_api::routes::INFO, context_path = pde_api::API_PREFIX, tag = "meta", responses((status = 200, body = ServerInfo)))]
/// Limits and parameters a client needs.
pub async fn server_info(State(state): State<AppState>) -> ApiJson<ServerInfo> {
    let settings = &state.settings;
    ApiJson(ServerInfo {
        creation_mode: settings.creation_mode.into(),
        max_document_bytes: settings.max_document_bytes,
        wallet_quota_bytes: settings.wallet_quota_bytes,
        upload_part_bytes: settings.upload_part_bytes,
        max_metadata_bytes: MAX_SEALED_METADATA as u64,
        ksf: state.default_ksf,
        backup_keep_days: settings.backup_keep_days,
        retention_months: settings.retention_months,
        partner_kept: settings.keep_partner_on_wallet,
    })
}

#[utoipa::path(get, path = pde_api::routes::ANNOUNCEMENT, context_path = pde_api::API_PREFIX, tag = "meta", responses((status = 200, content_type = "text/plain", body = String, description = "The coordinators' announcement shown now: a line per language (`fr …`, `nl …`, `en …`, `ar …`), empty when there is none")))]
/// The coordinators' announcement shown now, as plain text.
pub async fn announcement(
    State(state): State<AppState>,
) -> Result<impl axum::response::IntoResponse, crate::error::ApiError> {
    let text = crate::admin::shown_announcement(&state, state.clock.now()).await?;
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; charset=utf-8",
        )],
        text,
    ))
}

#[utoipa::path(get, path = pde_api::routes::HEALTH_LIVE, context_path = pde_api::API_PREFIX, tag = "meta", responses((status = 200, description = "The process serves")))]
/// Liveness: the process serves (nothing else is said).
pub async fn live() -> StatusCode {
    StatusCode::OK
}

#[utoipa::path(get, path = pde_api::routes::HEALTH_READY, context_path = pde_api::API_PREFIX, tag = "meta", responses((status = 200, description = "Ready"), (status = 503, description = "Not ready (the reason is in the server's log)")))]
/// Readiness: the database, the blob store, the disk and the secrets (`service::health`); the
/// verdict only, no detail.
pub async fn ready(State(state): State<AppState>) -> StatusCode {
    if crate::service::health::ready(&state).await {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    }
}

/// The OpenAPI document, generated from the handlers' annotations.
pub async fn openapi() -> ApiJson<utoipa::openapi::OpenApi> {
    ApiJson(crate::openapi::ApiDoc::openapi())
}

/// Moves the test clock forward.
#[cfg(feature = "test-clock")]
#[derive(serde::Deserialize)]
pub struct AdvanceClock {
    /// Seconds to add.
    pub seconds: i64,
}

#[cfg(feature = "test-clock")]
async fn advance_clock(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<AdvanceClock>,
) -> axum::http::StatusCode {
    state.clock.advance(request.seconds);
    axum::http::StatusCode::NO_CONTENT
}
