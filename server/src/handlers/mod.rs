//! HTTP handlers, one module per resource; each exports `routes()`.

pub mod deposits;
pub mod documents;
pub mod feedback;
pub mod grants;
pub mod hidden;
pub mod meta;
pub mod sessions;
pub mod uploads;
pub mod wallets;

use axum::handler::Handler;
use axum::routing::{on, MethodFilter};
use axum::Router;
use pde_api::endpoints::{Endpoint, Method};

use crate::error::ApiError;
use crate::state::AppState;

/// Routes an endpoint of `pde_api::endpoints` to its handler: the method and the path come from
/// the endpoint's one declaration.
pub(crate) trait RouteEndpoint {
    /// `endpoint.method endpoint.path` → `handler` (paths shared by two methods merge).
    fn endpoint<Req, Res, H, T>(self, endpoint: Endpoint<Req, Res>, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static;
}

impl RouteEndpoint for Router<AppState> {
    fn endpoint<Req, Res, H, T>(self, endpoint: Endpoint<Req, Res>, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = match endpoint.method {
            Method::Get => MethodFilter::GET,
            Method::Post => MethodFilter::POST,
            Method::Put => MethodFilter::PUT,
            Method::Delete => MethodFilter::DELETE,
        };
        self.route(endpoint.path, on(filter, handler))
    }
}

/// The token a link's worker sends as `Authorization: Bearer …`; anything else is "not found"
/// (a link's routes never tell a bad token from an unknown link).
pub(crate) fn bearer_token(
    headers: &axum::http::HeaderMap,
) -> Result<pde_crypto::grant::GrantToken, ApiError> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|t| pde_crypto::grant::GrantToken::from_text(t).ok())
        .ok_or(ApiError::NotFound)
}

/// Whether the token sent as `text` hashes to `stored_hash`, compared in constant time.
pub(crate) fn token_matches(text: &str, stored_hash: &[u8]) -> bool {
    pde_crypto::grant::GrantToken::from_text(text).is_ok_and(|token| {
        bool::from(subtle::ConstantTimeEq::ct_eq(
            &token.hash()[..],
            stored_hash,
        ))
    })
}
