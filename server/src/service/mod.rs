//! What several handlers do alike: OPAQUE credentials, counted login attempts, the upload
//! pipeline, storing ciphertext. Handlers call into here and never into one another, so each
//! handler module is its resource's HTTP surface and nothing else.

pub(crate) mod ciphertext;
pub(crate) mod credentials;
pub(crate) mod erasure;
pub(crate) mod feedback;
pub(crate) mod health;
pub(crate) mod logins;
pub(crate) mod sheets;
pub(crate) mod statistics;
pub(crate) mod uploads;

use crate::error::ApiError;
use crate::ids::WalletId;
use crate::state::AppState;

/// Runs CPU-bound work (OPAQUE, hashing) off the async executor.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(ApiError::internal)
}

/// The storage a wallet may use: the wallet quota, or the fixed allowance of a hidden part.
pub(crate) async fn quota_of(state: &AppState, wallet_id: &WalletId) -> Result<u64, ApiError> {
    let hidden = state
        .store
        .wallet_by_id(wallet_id)
        .await?
        .is_some_and(|w| w.hidden_of.is_some());
    Ok(if hidden {
        state.settings.hidden_quota_bytes
    } else {
        state.settings.wallet_quota_bytes
    })
}

/// Deletes a grant's document rows, then tombstones their blobs (deleted after the grace period).
pub(crate) async fn purge_grant(
    state: &AppState,
    grant_id: &pde_api::GrantId,
    now: i64,
) -> Result<(), ApiError> {
    let blob_keys = state.store.purge_grant(grant_id, now).await?;
    state.store.tombstone_blobs(&blob_keys, now).await?;
    Ok(())
}
