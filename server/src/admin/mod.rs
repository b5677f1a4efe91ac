//! The administration console: its own listener and origin, its own bundle (`web/admin`), its
//! own cookie, passkeys only (`webauthn-rs`), an append-only audit log. Nothing it serves
//! carries a document, a wallet or any per-wallet identifier.
//!
//! Administrators are made on the server (`pde-server admin enrol`, then `admin confirm` with the
//! code their browser showed), never from the console itself: see [`cli`].

mod announcements;
pub mod cli;
mod feedback;
mod handlers;
mod invitations;
pub mod openapi;
mod statistics;

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use pde_api::admin::{AdminError, AdminErrorCode, ADMIN_API_PREFIX};
use rand::RngCore;
use sha2::{Digest, Sha256};
use webauthn_rs::{Webauthn, WebauthnBuilder};
use zeroize::Zeroizing;

use crate::state::AppState;
use crate::store::admin::AdminRecord;

/// The admin session cookie over HTTPS: `__Host-` so that only this host sets it, on `/`.
pub const ADMIN_COOKIE: &str = "__Host-pde_admin";
/// The admin session cookie in plain-HTTP development (`--insecure-cookies`).
pub const DEV_ADMIN_COOKIE: &str = "pde_admin";

/// Seconds a passkey ceremony may take.
const CEREMONY_SECONDS: i64 = 5 * 60;
/// Most passkey ceremonies of one kind kept at once (each lasts [`CEREMONY_SECONDS`]) for the
/// kinds that need an enrolment link or a session to start.
const MAX_PENDING_CEREMONIES: i64 = 100;
/// Logins under way that cost nothing to start. A login starts without a session, so anyone who
/// reaches the console could fill a fixed cap and keep every administrator out; past this number
/// a login start is priced instead (a proof of work whose cost rises with the load, as for
/// wallet logins: `pde_crypto::proof`).
const FREE_LOGIN_CEREMONIES: i64 = 20;
/// The highest price of a login start, in zero bits (2^22 hashes, reached past 5,120 logins
/// under way): higher than a holder's at a public computer (`pde_crypto::proof::MAX_BITS`), as
/// an administrator waits at their own, and only while thousands of logins flood the console.
const MAX_LOGIN_PROOF_BITS: u8 = pde_crypto::proof::LIMIT_BITS;
/// Most logins under way at once, whatever was paid: it bounds the table.
const MAX_PENDING_LOGINS: i64 = 10_000;
/// Seconds after a fresh assertion during which a passkey may be added or removed.
const FRESH_SECONDS: i64 = 5 * 60;

/// The console's origin, checked: `https://host[:port]`, or `http://localhost:port` on this
/// machine (browsers allow passkeys there). Its host is the relying party id.
#[derive(Clone, Debug)]
pub struct AdminOrigin {
    url: url::Url,
    /// As browsers send it in `Origin` (no trailing slash).
    text: String,
    /// The WebAuthn relying party id.
    rp_id: String,
}

impl AdminOrigin {
    /// Reads `--admin-origin`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let url = url::Url::parse(text)
            .map_err(|e| format!("--admin-origin {text:?} is not a URL: {e}"))?;
        let host = match url.host() {
            Some(url::Host::Domain(host)) => host.to_owned(),
            _ => {
                return Err(format!(
                "--admin-origin {text:?} needs a host name (passkeys do not work on an IP address)"
            ))
            }
        };
        let secure = url.scheme() == "https" || (url.scheme() == "http" && host == "localhost");
        if !secure || url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "--admin-origin {text:?} must be https://host[:port] (or http://localhost:port on \
                 this machine), without a path"
            ));
        }
        let text = url.origin().ascii_serialization();
        Ok(Self {
            url,
            text,
            rp_id: host,
        })
    }

    /// `http://localhost:<port>`: the console on this machine.
    pub fn local(port: u16) -> Self {
        // A literal that always parses.
        Self::parse(&format!("http://localhost:{port}")).unwrap_or_else(|_| unreachable!())
    }

    /// As in an `Origin` header.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// The console's origin and passkey verifier.
pub struct AdminConsole {
    /// Origin.
    pub origin: AdminOrigin,
    webauthn: Webauthn,
}

impl AdminConsole {
    /// The console for `origin`.
    pub fn new(origin: AdminOrigin) -> Result<Self, String> {
        let webauthn = WebauthnBuilder::new(&origin.rp_id, &origin.url)
            .and_then(|builder| builder.rp_name("PDE administration").build())
            .map_err(|e| format!("passkeys for {}: {e}", origin.as_str()))?;
        Ok(Self { origin, webauthn })
    }
}

/// The console's origin for these settings once its port is known: `--admin-origin`, or
/// `http://localhost:<port>`.
pub fn origin_for(settings: &crate::settings::Settings, port: u16) -> Result<AdminOrigin, String> {
    if settings.admin_origin.is_empty() {
        Ok(AdminOrigin::local(port))
    } else {
        AdminOrigin::parse(&settings.admin_origin)
    }
}

/// An admin API refusal.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AdminApiError {
    #[error("{message}")]
    Refused {
        code: AdminErrorCode,
        message: &'static str,
    },
    /// Many logins are under way: this one must carry a solved challenge.
    #[error("proof of work required")]
    ProofOfWorkRequired { challenge: Vec<u8>, bits: u8 },
    #[error("internal: {0}")]
    Internal(String),
}

impl AdminApiError {
    fn refused(code: AdminErrorCode, message: &'static str) -> Self {
        Self::Refused { code, message }
    }

    fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }

    fn not_signed_in() -> Self {
        Self::refused(
            AdminErrorCode::NotSignedIn,
            "You are not logged in to the administration console (or your session ended). Log in with your passkey.",
        )
    }
}

impl From<axum::extract::rejection::JsonRejection> for AdminApiError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> Self {
        use axum::extract::rejection::JsonRejection;
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Self::refused(
                AdminErrorCode::InvalidFields,
                "The request must be JSON (Content-Type: application/json).",
            ),
            JsonRejection::JsonSyntaxError(_) => Self::refused(
                AdminErrorCode::InvalidFields,
                "The request is not valid JSON.",
            ),
            _ => Self::refused(
                AdminErrorCode::InvalidFields,
                "The request's fields are not as expected.",
            ),
        }
    }
}

/// `Json` whose rejections are [`AdminApiError`]s: every refusal of the admin API has the same
/// JSON shape, a malformed body too.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(AdminApiError))]
pub(crate) struct AdminJson<T>(pub T);

impl From<crate::store::StoreError> for AdminApiError {
    fn from(error: crate::store::StoreError) -> Self {
        Self::internal(error)
    }
}

impl IntoResponse for AdminApiError {
    fn into_response(self) -> Response {
        let (code, message, proof_of_work) = match self {
            Self::Refused { code, message } => (code, message.to_owned(), None),
            Self::ProofOfWorkRequired { challenge, bits } => (
                AdminErrorCode::ProofOfWorkRequired,
                "Many logins are under way: your browser solves a small puzzle (a few seconds), \
                 then the login goes again."
                    .to_owned(),
                Some(pde_api::admin::AdminProofOfWork {
                    challenge: hex::encode(challenge),
                    bits,
                }),
            ),
            Self::Internal(cause) => {
                tracing::error!(%cause, "admin internal error");
                (
                    AdminErrorCode::InternalError,
                    "Something failed on the server. Try again; if it goes on, tell the operator."
                        .to_owned(),
                    None,
                )
            }
        };
        let status =
            StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = AdminError {
            code,
            message,
            proof_of_work,
        };
        (status, axum::Json(body)).into_response()
    }
}

fn hash(token: &[u8]) -> Vec<u8> {
    Sha256::digest(token).to_vec()
}

/// A random token (32 bytes), base64url.
fn new_token() -> Zeroizing<String> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(bytes.as_mut());
    Zeroizing::new(URL_SAFE_NO_PAD.encode(&bytes[..]))
}

pub(crate) use announcements::shown as shown_announcement;

/// The path of an admin endpoint (relative to the API's prefix), for routing.
fn path<Req, Res>(endpoint: pde_api::endpoints::Endpoint<Req, Res>) -> &'static str {
    endpoint.path
}

/// Only coordinators go on; `refusal` tells an observer what they may not do.
fn coordinator(session: &AdminSession, refusal: &'static str) -> Result<(), AdminApiError> {
    if session.admin.role != pde_api::admin::AdminRole::Coordinator {
        return Err(AdminApiError::refused(AdminErrorCode::NotAllowed, refusal));
    }
    Ok(())
}

/// Records `action` by the session's administrator in the audit log, about `text` (its first
/// 80 characters).
async fn audit_about(
    state: &AppState,
    session: &AdminSession,
    action: &str,
    text: &str,
) -> Result<(), AdminApiError> {
    let subject: String = text.chars().take(80).collect();
    state
        .store
        .audit(state.clock.now(), &session.admin.name, action, &subject)
        .await?;
    Ok(())
}

/// A random id (16 bytes), hex.
pub(crate) fn new_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn cookie_form(state: &AppState) -> (&'static str, String) {
    if state.settings.insecure_cookies {
        (
            DEV_ADMIN_COOKIE,
            format!("Path={ADMIN_API_PREFIX}; HttpOnly; SameSite=Strict"),
        )
    } else {
        (
            ADMIN_COOKIE,
            "Path=/; HttpOnly; SameSite=Strict; Secure".to_owned(),
        )
    }
}

fn admin_token(headers: &HeaderMap, name: &str) -> Option<Zeroizing<Vec<u8>>> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .and_then(|(_, value)| URL_SAFE_NO_PAD.decode(value).ok())
        .filter(|token| token.len() == 32)
        .map(Zeroizing::new)
}

/// A request within a live admin session of an active administrator.
pub(crate) struct AdminSession {
    admin: AdminRecord,
    token_hash: Vec<u8>,
    fresh_until: i64,
}

impl FromRequestParts<AppState> for AdminSession {
    type Rejection = AdminApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, AdminApiError> {
        let (name, _) = cookie_form(state);
        let token = admin_token(&parts.headers, name).ok_or_else(AdminApiError::not_signed_in)?;
        let token_hash = hash(&token);
        let settings = &state.settings;
        let session = state
            .store
            .admin_session(
                &token_hash,
                state.clock.now(),
                settings.admin_session_idle_seconds,
                settings.admin_session_absolute_seconds,
            )
            .await?
            .ok_or_else(AdminApiError::not_signed_in)?;
        Ok(Self {
            admin: session.admin,
            token_hash,
            fresh_until: session.fresh_until,
        })
    }
}

/// Opens an admin session: the `Set-Cookie` header.
async fn open_session(state: &AppState, admin_id: &str) -> Result<HeaderMap, AdminApiError> {
    let mut token = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(token.as_mut());
    state
        .store
        .open_admin_session(&hash(&token[..]), admin_id, state.clock.now())
        .await?;
    let (name, attributes) = cookie_form(state);
    let cookie = Zeroizing::new(format!(
        "{name}={}; {attributes}",
        URL_SAFE_NO_PAD.encode(&token[..])
    ));
    let mut headers = HeaderMap::new();
    headers.insert(
        SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(AdminApiError::internal)?,
    );
    Ok(headers)
}

fn clear_cookie(state: &AppState) -> HeaderMap {
    let (name, attributes) = cookie_form(state);
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&format!("{name}=; {attributes}; Max-Age=0")) {
        headers.insert(SET_COOKIE, value);
    }
    headers
}

/// Whether a request comes from the console's own origin: a browser says so with
/// `Sec-Fetch-Site: same-origin` and, when it sends one, an `Origin` equal to the console's. A
/// request with neither header is refused too (no browser of the console sends that), so a
/// page of the holders' origin, even on the same host, can't use an admin cookie.
fn from_console(headers: &HeaderMap, origin: &AdminOrigin) -> bool {
    let site = headers.get("sec-fetch-site").map(HeaderValue::as_bytes);
    let sent_origin = headers
        .get(axum::http::header::ORIGIN)
        .map(HeaderValue::as_bytes);
    if site.is_none() && sent_origin.is_none() {
        return false;
    }
    site.is_none_or(|site| site == b"same-origin")
        && sent_origin.is_none_or(|sent| sent == origin.as_str().as_bytes())
}

async fn only_from_console(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let allowed = state
        .admin
        .as_ref()
        .is_some_and(|console| from_console(request.headers(), &console.origin));
    if !allowed {
        return AdminApiError::refused(
            AdminErrorCode::WrongOrigin,
            "The administration API answers the administration console's own page only.",
        )
        .into_response();
    }
    next.run(request).await
}

/// The console's page policy: its own scripts and WebAssembly, requests to its own origin.
pub const ADMIN_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
    base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Headers on every response of the console's origin.
const ADMIN_HEADERS: &[(&str, &str)] = &[
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
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ),
];

/// The console's whole origin: its API (from its own page only) and its bundle.
pub fn router(state: AppState) -> Router {
    let api = handlers::routes()
        .route_layer(middleware::from_fn(crate::router::log_request))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            only_from_console,
        ))
        // Added after the origin check, so a browser's tab reads it too: like the holders'
        // document, it says what the API is, not what it holds.
        .route(
            openapi::ADMIN_OPENAPI_PATH,
            axum::routing::get(openapi::document),
        )
        .method_not_allowed_fallback(|| async {
            AdminApiError::refused(AdminErrorCode::NotFound, "No such route.")
        });
    let app = Router::new()
        .nest(ADMIN_API_PREFIX, api)
        .merge(crate::web::admin_routes())
        .fallback(|| async { AdminApiError::refused(AdminErrorCode::NotFound, "No such route.") })
        .layer(axum::extract::DefaultBodyLimit::max(64 * 1024));
    crate::router::guarded(app, &state, ADMIN_HEADERS).with_state(state)
}

/// Makes a console for the state (`None` without `--admin-listen`).
pub(crate) fn console_for(
    origin: Option<AdminOrigin>,
) -> Result<Option<Arc<AdminConsole>>, String> {
    origin
        .map(AdminConsole::new)
        .transpose()
        .map(|c| c.map(Arc::new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_is_https_or_localhost_and_names_a_host() {
        assert_eq!(
            AdminOrigin::parse("https://admin.pde.example").map(|o| o.text),
            Ok("https://admin.pde.example".to_owned())
        );
        assert_eq!(AdminOrigin::local(8081).as_str(), "http://localhost:8081");
        assert_eq!(AdminOrigin::local(8081).rp_id, "localhost");
        for bad in [
            "http://admin.pde.example",
            "https://127.0.0.1:8081",
            "https://admin.pde.example/console",
            "admin.pde.example",
        ] {
            assert!(AdminOrigin::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_the_consoles_own_page_passes() {
        let origin = AdminOrigin::parse("https://admin.pde.example").expect("origin");
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, HeaderValue::from_static(value));
            }
            map
        };
        assert!(from_console(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &origin
        ));
        assert!(from_console(
            &headers(&[
                ("sec-fetch-site", "same-origin"),
                ("origin", "https://admin.pde.example")
            ]),
            &origin
        ));
        assert!(!from_console(&headers(&[]), &origin), "no browser headers");
        assert!(!from_console(
            &headers(&[
                ("sec-fetch-site", "same-site"),
                ("origin", "https://pde.example")
            ]),
            &origin
        ));
        assert!(!from_console(
            &headers(&[("origin", "https://pde.example")]),
            &origin
        ));
        assert!(!from_console(
            &headers(&[("sec-fetch-site", "same-origin"), ("origin", "null")]),
            &origin
        ));
    }
}
