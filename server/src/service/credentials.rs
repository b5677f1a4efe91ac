//! A wallet's OPAQUE credential as the server handles it: registration (at creation, for a hidden
//! part, after a recovery), the wrapped key that comes with it, and what a session shows of its
//! wallet.

use pde_api::{ErrorCode, WalletInfo};
use pde_crypto::opaque::{self, PasswordFile};
use pde_crypto::wallet::{UnlockMethod, WrappedWalletKey};
use sha2::{Digest, Sha256};

use super::blocking;
use crate::error::ApiError;
use crate::ids::WalletId;
use crate::state::AppState;
use crate::store::WalletRecord;

/// Largest wrapped key record.
pub(crate) const MAX_WRAPPED_KEY_BYTES: usize = 4096;

/// Length of `RecoveryKey::auth_token()`.
pub(crate) const RECOVERY_TOKEN_LEN: usize = 32;

/// A new invitation code: 16 symbols of the wallet numbers' alphabet (no look-alikes), in
/// groups of four (about 80 bits: not guessable within the creation rate limit).
pub(crate) fn new_invite_code() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    let alphabet = pde_api::wallet_number::ALPHABET;
    let symbols: Vec<u8> = (0..16)
        .map(|_| alphabet[rng.gen_range(0..alphabet.len())])
        .collect();
    symbols
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// Hash under which an invitation code is stored (codes are compared in upper case, without
/// spaces or dashes).
pub fn invite_hash(code: &str) -> Vec<u8> {
    let normalised: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    Sha256::digest(format!("pde/invite/v1/{normalised}")).to_vec()
}

/// What a session shows of its wallet. A hidden part shows its everyday wallet's number,
/// pseudonym and date (it has none of its own), with its own public key.
pub(crate) async fn wallet_info(
    state: &AppState,
    wallet: &WalletRecord,
) -> Result<WalletInfo, ApiError> {
    let shown = match &wallet.hidden_of {
        Some(parent) => state
            .store
            .wallet_by_id(parent)
            .await?
            .ok_or_else(|| ApiError::internal("hidden part without its wallet"))?,
        None => wallet.clone(),
    };
    // A hidden part has no sheet of its own.
    let pending_sheet = match wallet.hidden_of {
        Some(_) => None,
        None => {
            crate::service::sheets::settle_pending_sheet(state, &wallet.id, state.clock.now())
                .await?
        }
    };
    Ok(WalletInfo {
        wallet_number: shown
            .number
            .ok_or_else(|| ApiError::internal("everyday wallet without a number"))?,
        pseudonym: shown.pseudonym,
        recipient: wallet.recipient.clone(),
        created_at: shown.created_at,
        pending_sheet: pending_sheet.map(|p| pde_api::PendingSheetInfo {
            made_at: p.made_at,
            effective_at: p.effective_at,
        }),
        restored_from: None,
    })
}

/// What an unlock answers about the wallet: [`wallet_info`], with the restore notice taken (it
/// is shown once); the unlock counts as activity for retention.
pub(crate) async fn unlocked_wallet_info(
    state: &AppState,
    wallet: &WalletRecord,
) -> Result<WalletInfo, ApiError> {
    let mut info = wallet_info(state, wallet).await?;
    info.restored_from = state.store.take_restored_notice(&wallet.id).await?;
    crate::service::erasure::record_unlock(state, &wallet.id, state.clock.now()).await?;
    Ok(info)
}

/// The server's OPAQUE answer to a registration request for `wallet_id`'s credential (at
/// creation and when a forgotten secret is replaced).
pub(crate) async fn registration_start(
    state: &AppState,
    wallet_id: &WalletId,
    message: Vec<u8>,
) -> Result<Vec<u8>, ApiError> {
    let setup = state.opaque.clone();
    let credential_id = wallet_id.as_str().as_bytes().to_vec();
    blocking(move || opaque::server_registration_start(&setup, &message, &credential_id))
        .await?
        .map_err(|_| invalid_registration_message())
}

/// The password file from a client's registration upload.
pub(crate) async fn registration_finish(upload: Vec<u8>) -> Result<PasswordFile, ApiError> {
    blocking(move || opaque::server_registration_finish(&upload))
        .await?
        .map_err(|_| invalid_registration_message())
}

/// A wallet key wrapped for the OPAQUE export key, as a client sends it after a (re)registration.
pub(crate) fn opaque_wrapped_key(bytes: &[u8]) -> Result<WrappedWalletKey, ApiError> {
    let invalid_key = || {
        ApiError::refused(
            ErrorCode::InvalidWrappedKeys,
            "The wrapped key is not valid.",
        )
    };
    if bytes.len() > MAX_WRAPPED_KEY_BYTES {
        return Err(invalid_key());
    }
    let wrapped = WrappedWalletKey::from_bytes(bytes).map_err(|_| invalid_key())?;
    if wrapped.method != UnlockMethod::Opaque {
        return Err(invalid_key());
    }
    Ok(wrapped)
}

pub(crate) fn invalid_registration_message() -> ApiError {
    ApiError::refused(
        ErrorCode::InvalidRegistrationMessage,
        "The registration message is not valid.",
    )
}
