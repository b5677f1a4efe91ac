//! The statistics: every administrator reads them, in the console or as a CSV file; both come
//! from the append-only counters through `service::statistics`.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use pde_api::admin::{self as api, AdminError, Statistics, ADMIN_API_PREFIX};

use super::{path, AdminApiError, AdminSession};
use crate::service::statistics;
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(path(api::STATISTICS), get(figures))
        .route(path(api::STATISTICS_CSV), get(csv_file))
}

/// The figures, as of now.
async fn current(state: &AppState) -> Result<Statistics, AdminApiError> {
    Ok(statistics::figures(
        state.store.as_ref(),
        state.settings.statistics_k,
        state.clock.now(),
        state.settings.keep_partner_on_wallet,
    )
    .await?)
}

#[utoipa::path(get, path = pde_api::routes::admin::STATISTICS, context_path = ADMIN_API_PREFIX, tag = "admin", responses((status = 200, body = Statistics, description = "Closed weeks and months, k-anonymous"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn figures(
    State(state): State<AppState>,
    _session: AdminSession,
) -> Result<Json<Statistics>, AdminApiError> {
    Ok(Json(current(&state).await?))
}

#[utoipa::path(get, path = pde_api::routes::admin::STATISTICS_CSV, context_path = ADMIN_API_PREFIX, tag = "admin", responses((status = 200, content_type = "text/csv", body = String, description = "The same figures, one line per period, event and partner group"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn csv_file(
    State(state): State<AppState>,
    _session: AdminSession,
) -> Result<impl IntoResponse, AdminApiError> {
    let figures = current(&state).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"pde-statistics.csv\"",
            ),
        ],
        statistics::csv(&figures),
    ))
}
