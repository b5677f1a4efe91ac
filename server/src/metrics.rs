//! Prometheus metrics and readiness details, on an address of their own (`--metrics-listen`,
//! loopback by default), never on the public one. Labels name route templates, methods,
//! statuses and the sweeper's kinds of work — never a path as sent, an id, a wallet or an
//! address: a request to no route counts as `(no route)`.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, Method};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;

use crate::state::AppState;
use crate::sweeper::SweepReport;

/// The label of a request that matched no route.
pub(crate) const NO_ROUTE: &str = "(no route)";

/// Histogram buckets of request durations, in seconds.
const DURATION_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's recorder, installed once (several servers in one process share it).
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets(DURATION_BUCKETS)
            .map(PrometheusBuilder::build_recorder)
            .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder());
        let handle = recorder.handle();
        // Another recorder already installed (a test embedding the server): this one then
        // renders nothing, which is harmless.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// Counts a request: its route template (or [`NO_ROUTE`]), method and status, and its duration.
pub(crate) fn record_request(route: &str, method: &Method, status: u16, took: Duration) {
    // Only the methods the API knows; anything else (a made-up method) is one label.
    let method = match *method {
        Method::GET
        | Method::POST
        | Method::PUT
        | Method::DELETE
        | Method::HEAD
        | Method::OPTIONS
        | Method::PATCH => method.as_str().to_owned(),
        _ => "other".to_owned(),
    };
    let route = route.to_owned();
    metrics::counter!(
        "pde_http_requests_total",
        "route" => route.clone(),
        "method" => method.clone(),
        "status" => status.to_string()
    )
    .increment(1);
    metrics::histogram!(
        "pde_http_request_duration_seconds",
        "route" => route,
        "method" => method
    )
    .record(took.as_secs_f64());
}

/// Counts a sweep: what it removed, by kind, or that it failed; and the storage used after it.
pub(crate) fn record_sweep(report: Option<&SweepReport>, storage_used: Option<i64>) {
    let Some(report) = report else {
        metrics::counter!("pde_sweeps_total", "result" => "failed").increment(1);
        return;
    };
    metrics::counter!("pde_sweeps_total", "result" => "ok").increment(1);
    for (what, count) in [
        ("expired_rows", report.expired_rows),
        ("uploads", report.uploads),
        ("staging_orphans", report.staging_orphans),
        ("blob_orphans", report.blob_orphans),
        ("blobs_deleted", report.blobs_deleted),
        ("wallets_retired", report.wallets_retired),
        ("grants_purged", report.grants_purged),
    ] {
        metrics::counter!("pde_sweeper_removed_total", "what" => what).increment(count);
    }
    if let Some(used) = storage_used {
        metrics::gauge!("pde_storage_used_bytes").set(used as f64);
    }
}

/// Installs the recorder (before any request is counted).
pub(crate) fn install() {
    handle();
}

/// Binds `address` and serves `/metrics` (Prometheus's text format) and `/ready` (readiness
/// with its reason) there until the task is aborted. A failure to bind is logged, not fatal:
/// the service runs without metrics rather than not at all.
pub(crate) async fn serve(address: SocketAddr, state: AppState) -> Option<SocketAddr> {
    let listener = match TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::warn!(%address, %error, "no metrics: the address can't be bound");
            return None;
        }
    };
    let bound = listener.local_addr().ok()?;
    let app = Router::new()
        .route("/metrics", get(render))
        .route("/ready", get(ready))
        .with_state(state);
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::warn!(%error, "the metrics listener stopped");
        }
    });
    Some(bound)
}

async fn render() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle().render(),
    )
}

/// Readiness with its reason (the public address gives the status only).
async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let (ready, reason) = crate::service::health::verdict(&state).await;
    let status = if ready {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::SERVICE_UNAVAILABLE
    };
    (status, reason.unwrap_or_else(|| "ready".to_owned()))
}
