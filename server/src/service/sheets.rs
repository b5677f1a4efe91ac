//! Recovery sheets after the first: a new sheet replaces the current one at once when the
//! holder shows the current sheet, and only after [`pde_api::NEW_SHEET_DELAY_SECONDS`] when made
//! with the secret alone — meanwhile the old sheet still works and cancels it, so someone who
//! forced the secret out of the holder can't take the wallet for good.

use pde_api::ErrorCode;
use pde_crypto::wallet::{UnlockMethod, WrappedWalletKey};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::ApiError;
use crate::ids::WalletId;
use crate::service::credentials::{MAX_WRAPPED_KEY_BYTES, RECOVERY_TOKEN_LEN};
use crate::state::AppState;
use crate::store::{PendingSheet, RecoverySheet};

/// A new sheet as the client sends it: its token (kept as a verifier only) and the wallet key
/// wrapped under it, checked to be a recovery wrapping.
pub(crate) fn sheet_from(token: &[u8], wrapped: &[u8]) -> Result<RecoverySheet, ApiError> {
    let invalid = |what: &str| ApiError::refused(ErrorCode::InvalidFields, what.to_owned());
    if token.len() != RECOVERY_TOKEN_LEN {
        return Err(invalid("The recovery token is not valid."));
    }
    if wrapped.len() > MAX_WRAPPED_KEY_BYTES {
        return Err(invalid("The wrapped key is not valid."));
    }
    let key = WrappedWalletKey::from_bytes(wrapped)
        .ok()
        .filter(|key| key.method == UnlockMethod::Recovery)
        .ok_or_else(|| invalid("The wrapped key is not valid."))?;
    Ok(RecoverySheet {
        verifier: Sha256::digest(token).to_vec(),
        key_id: key.key_id,
        wrapped: wrapped.to_vec(),
    })
}

/// A new sheet whose time has come replaces the current one; the one still waiting, if any.
pub(crate) async fn settle_pending_sheet(
    state: &AppState,
    wallet_id: &WalletId,
    now: i64,
) -> Result<Option<PendingSheet>, ApiError> {
    let Some(pending) = state.store.pending_sheet(wallet_id).await? else {
        return Ok(None);
    };
    if pending.effective_at > now {
        return Ok(Some(pending));
    }
    state
        .store
        .replace_recovery_sheet(wallet_id, &pending.sheet, now)
        .await?;
    Ok(None)
}

/// Whether `token` is the wallet's current sheet's (compared in constant time).
pub(crate) async fn is_current_sheet(
    state: &AppState,
    wallet_id: &WalletId,
    token: &[u8],
) -> Result<bool, ApiError> {
    let presented = Sha256::digest(token);
    Ok(match state.store.recovery_verifier(wallet_id).await? {
        Some(stored) => bool::from(stored.as_slice().ct_eq(presented.as_slice())),
        None => false,
    })
}

/// The refusal for a sheet that is not the current one.
pub(crate) fn wrong_sheet() -> ApiError {
    ApiError::refused(
        ErrorCode::RecoveryKeyWrong,
        "This recovery key is not the wallet's current one.",
    )
}
