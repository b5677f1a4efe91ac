//! Sessions: a random token in an HttpOnly, SameSite=Strict cookie with neither Max-Age nor Expires
//! (the server enforces idle and absolute expiry); only the token's SHA-256 is stored.

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use pde_api::SESSION_COOKIE;

use crate::error::ApiError;
use crate::ids::WalletId;
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

fn session_token(headers: &HeaderMap) -> Option<Zeroizing<Vec<u8>>> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .and_then(|(_, value)| URL_SAFE_NO_PAD.decode(value).ok())
        .filter(|token| token.len() == 32)
        .map(Zeroizing::new)
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = session_token(&parts.headers).ok_or(ApiError::NotSignedIn)?;
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
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = Zeroizing::new(format!(
        "{SESSION_COOKIE}={}; Path=/api; HttpOnly; SameSite=Strict{secure}",
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
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}=; Path=/api; HttpOnly; SameSite=Strict; Max-Age=0{secure}"
    )) {
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
        assert_eq!(
            session_token(&headers).as_deref().map(Vec::as_slice),
            Some(&token[..])
        );
        headers.insert(COOKIE, HeaderValue::from_static("pde_session=short"));
        assert!(session_token(&headers).is_none());
    }
}
