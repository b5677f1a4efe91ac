//! Sessions: a random token in an HttpOnly, SameSite=Strict cookie with neither Max-Age nor Expires
//! (the server enforces idle and absolute expiry); only the token's SHA-256 is stored.
//!
//! The cookie is `__Host-pde_session`, `Secure`, on path `/`: the browser keeps it for this host
//! alone and never sends or accepts it over plain HTTP, so a sibling sub-domain or a network
//! attacker can't plant one. Plain-HTTP development on 127.0.0.1 (`--insecure-cookies`) uses
//! `pde_session` without `Secure`. A request carrying two session cookies is refused: which one
//! the browser meant can't be told, and a planted one must not win.

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use pde_api::{ErrorCode, DEV_SESSION_COOKIE, SESSION_COOKIE};

use crate::error::ApiError;
use crate::ids::WalletId;
use crate::settings::Settings;
use crate::state::AppState;

/// A request made within a live session.
pub struct Session {
    /// The session's wallet.
    pub wallet_id: WalletId,
    /// Hash of the token (to end the session).
    pub token_hash: [u8; 32],
}

fn hash_token(token: &[u8]) -> [u8; 32] {
    Sha256::digest(token).into()
}

/// The session cookie's name and attributes for these settings.
fn cookie_form(settings: &Settings) -> (&'static str, &'static str) {
    if settings.insecure_cookies {
        (DEV_SESSION_COOKIE, "Path=/api; HttpOnly; SameSite=Strict")
    } else {
        (SESSION_COOKIE, "Path=/; HttpOnly; SameSite=Strict; Secure")
    }
}

/// The session token the request carries under `name`; refused when it carries more than one
/// session cookie (of either name).
fn session_token(headers: &HeaderMap, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, ApiError> {
    let sessions: Vec<(&str, &str)> = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(cookie, _)| [SESSION_COOKIE, DEV_SESSION_COOKIE].contains(cookie))
        .collect();
    if sessions.len() > 1 {
        return Err(ApiError::refused(
            ErrorCode::MalformedRequest,
            "This request carries two sessions. Close the other PDE pages, then open the wallet again.",
        ));
    }
    Ok(sessions
        .into_iter()
        .find(|(cookie, _)| *cookie == name)
        .and_then(|(_, value)| URL_SAFE_NO_PAD.decode(value).ok())
        .filter(|token| token.len() == 32)
        .map(Zeroizing::new))
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (name, _) = cookie_form(&state.settings);
        let token = session_token(&parts.headers, name)?.ok_or(ApiError::NotSignedIn)?;
        let token_hash = hash_token(&token);
        let settings = &state.settings;
        let wallet_id = state
            .store
            .touch_session(
                &token_hash,
                state.clock.now(),
                settings.session_idle_seconds,
                settings.session_absolute_seconds,
            )
            .await?
            .ok_or(ApiError::NotSignedIn)?;
        Ok(Self {
            wallet_id,
            token_hash,
        })
    }
}

/// Opens a session for a wallet; returns the `Set-Cookie` header that carries it.
pub async fn open_session(state: &AppState, wallet_id: &WalletId) -> Result<HeaderMap, ApiError> {
    let mut token = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(token.as_mut());
    let now = state.clock.now();
    if !state
        .store
        .create_session(&hash_token(&token[..]), wallet_id, now)
        .await?
    {
        // Locked between the caller's check and here (or the wallet is gone).
        return Err(match state.store.time_locked_until(wallet_id, now).await? {
            Some(until) => ApiError::TimeLocked { until },
            None => ApiError::LoginFailed,
        });
    }
    let (name, attributes) = cookie_form(&state.settings);
    let cookie = Zeroizing::new(format!(
        "{name}={}; {attributes}",
        URL_SAFE_NO_PAD.encode(&token[..])
    ));
    let mut headers = HeaderMap::new();
    headers.insert(
        SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(ApiError::internal)?,
    );
    Ok(headers)
}

/// The `Set-Cookie` header that removes the session cookie.
pub fn clear_cookie(state: &AppState) -> HeaderMap {
    let (name, attributes) = cookie_form(&state.settings);
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&format!("{name}=; {attributes}; Max-Age=0")) {
        headers.insert(SET_COOKIE, value);
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let token = [7u8; 32];
        let mut headers = HeaderMap::new();
        let cookie = format!(
            "a=b; {SESSION_COOKIE}={}; c=d",
            URL_SAFE_NO_PAD.encode(token)
        );
        headers.insert(COOKIE, HeaderValue::from_str(&cookie).expect("header"));
        let found = session_token(&headers, SESSION_COOKIE).ok().flatten();
        assert_eq!(found.as_deref().map(Vec::as_slice), Some(&token[..]));
        // The other name is not this server's cookie.
        let other = session_token(&headers, DEV_SESSION_COOKIE).ok().flatten();
        assert!(other.is_none());
        headers.insert(COOKIE, HeaderValue::from_static("__Host-pde_session=short"));
        assert!(session_token(&headers, SESSION_COOKIE)
            .ok()
            .flatten()
            .is_none());
    }

    #[test]
    fn two_session_cookies_are_refused() {
        let token = URL_SAFE_NO_PAD.encode([7u8; 32]);
        for cookies in [
            format!("{SESSION_COOKIE}={token}; {SESSION_COOKIE}={token}"),
            format!("{SESSION_COOKIE}={token}; {DEV_SESSION_COOKIE}={token}"),
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(COOKIE, HeaderValue::from_str(&cookies).expect("header"));
            assert!(
                session_token(&headers, SESSION_COOKIE).is_err(),
                "{cookies}"
            );
        }
        // Two Cookie headers count together.
        let mut headers = HeaderMap::new();
        let one = HeaderValue::from_str(&format!("{SESSION_COOKIE}={token}")).expect("header");
        headers.append(COOKIE, one.clone());
        headers.append(COOKIE, one);
        assert!(session_token(&headers, SESSION_COOKIE).is_err());
    }
}
