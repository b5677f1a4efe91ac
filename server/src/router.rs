//! Routes, security headers, JSON fallbacks and request logging (method, route template, status:
//! never an address, a user agent or a wallet name).

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use pde_api::API_PREFIX;

use crate::error::ApiError;
use crate::handlers::{
    deposits, documents, feedback, grants, hidden, meta, sessions, uploads, wallets,
};
use crate::state::AppState;

/// Headers on every response.
const SECURITY_HEADERS: &[(&str, &str)] = &[
    (
        "content-security-policy",
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    // The camera for the page itself only (the recovery screen reads the sheet's QR code);
    // no frame gets it, nobody gets the microphone or the location.
    (
        "permissions-policy",
        "camera=(self), microphone=(), geolocation=(), interest-cohort=()",
    ),
];

/// The whole application.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .merge(meta::routes())
        .merge(wallets::routes())
        .merge(sessions::routes())
        .merge(uploads::routes())
        .merge(documents::routes())
        .merge(grants::routes())
        .merge(deposits::routes())
        .merge(hidden::routes())
        // After routing, so the route template is known; requests to no route are not logged
        // (and counted as "(no route)" by the fallback).
        .route_layer(middleware::from_fn(log_request))
        // Feedback after the log's layer: neither logged nor counted (not even its route), so
        // no line says when someone gave an opinion.
        .merge(feedback::routes())
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed });
    let app = Router::new()
        .nest(API_PREFIX, api)
        .merge(crate::web::routes().route_layer(middleware::from_fn(count_request)))
        .fallback(|method: axum::http::Method| async move {
            crate::metrics::record_request(
                crate::metrics::NO_ROUTE,
                &method,
                404,
                std::time::Duration::ZERO,
            );
            ApiError::NoRoute
        })
        .layer(axum::extract::DefaultBodyLimit::max(1024 * 1024));
    guarded(app, &state, SECURITY_HEADERS).with_state(state)
}

/// A body that pauses too long refused, `headers` on every response, and HSTS over HTTPS: what
/// every listener of the server (the holders' and the console's) wraps its routes in.
pub(crate) fn guarded(
    app: Router<AppState>,
    state: &AppState,
    headers: &[(&'static str, &'static str)],
) -> Router<AppState> {
    // A body that pauses longer than this is refused, and what it sent is let go.
    let mut app = app.layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
        std::time::Duration::from_secs(state.settings.body_timeout_seconds),
    ));
    for (name, value) in headers {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    // Served over HTTPS (anything but plain-HTTP development): browsers keep to HTTPS for two
    // years, so no later visit goes out in clear where the cookie could be stripped or replaced.
    if !state.settings.insecure_cookies {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000"),
        ));
    }
    app
}

/// A request served: its route template (or "(no route)"), method, response and duration,
/// counted in the metrics.
struct Served {
    route: String,
    method: axum::http::Method,
    response: Response,
    took: std::time::Duration,
}

async fn serve_counted(request: Request, next: Next) -> Served {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| crate::metrics::NO_ROUTE.to_owned());
    let response = next.run(request).await;
    let took = started.elapsed();
    crate::metrics::record_request(&route, &method, response.status().as_u16(), took);
    Served {
        route,
        method,
        response,
        took,
    }
}

/// Counts and logs an API request.
pub(crate) async fn log_request(request: Request, next: Next) -> Response {
    let Served {
        route,
        method,
        response,
        took,
    } = serve_counted(request, next).await;
    tracing::info!(
        %method,
        route,
        status = response.status().as_u16(),
        ms = took.as_millis() as u64,
        "request"
    );
    response
}

/// Counts a request to the web app's routes (not logged: every page load would be).
async fn count_request(request: Request, next: Next) -> Response {
    serve_counted(request, next).await.response
}
