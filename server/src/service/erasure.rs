//! Ending a wallet part for good, the one way: by its holder ("end my wallet") or by retention
//! (none of its parts unlocked for `--retention-months`), which is the holder's own erasure.

use crate::clock::MONTH_SECONDS;
use crate::error::ApiError;
use crate::ids::WalletId;
use crate::state::AppState;

/// Seconds in a week: the coarse unit of the last unlock kept for retention.
pub(crate) const WEEK_SECONDS: i64 = 7 * 86_400;

/// Ends the part `wallet_id` (an everyday wallet's hidden parts with it): journaled first, beside
/// the backups, so that a restore never brings it back (if the journal can't be written, nothing
/// is erased); then every row, in one transaction; its blobs become orphans for the sweeper.
pub(crate) async fn erase_part(
    state: &AppState,
    wallet_id: &WalletId,
    now: i64,
) -> Result<bool, ApiError> {
    crate::backup::journal::append(
        &state.settings.backup_dir,
        &state.erasure_marks.mark(wallet_id.as_str()),
        now,
    )
    .map_err(ApiError::internal)?;
    let erased = state.store.erase_wallet(wallet_id, now).await?;
    state.store.after_erasure().await?;
    state
        .erased_since_sweep
        .store(true, std::sync::atomic::Ordering::Relaxed);
    Ok(erased)
}

/// At an unlock of any part: with retention on, the everyday wallet's week is now's.
pub(crate) async fn record_unlock(
    state: &AppState,
    wallet_id: &WalletId,
    now: i64,
) -> Result<(), ApiError> {
    if state.settings.retention_months > 0 {
        state
            .store
            .mark_active(wallet_id, now.div_euclid(WEEK_SECONDS))
            .await?;
    }
    Ok(())
}

/// In each sweep: with retention on, wallets none of whose parts was unlocked for
/// `--retention-months` are erased (how many is returned); with it off, no week is kept.
pub(crate) async fn retire_abandoned(state: &AppState, now: i64) -> Result<u64, ApiError> {
    let months = i64::from(state.settings.retention_months);
    if months == 0 {
        state.store.forget_activity().await?;
        return Ok(0);
    }
    state
        .store
        .start_retention(now.div_euclid(WEEK_SECONDS))
        .await?;
    // A week before the cut-off week ended before the cut-off: the last unlock is more than
    // the retention period ago, never less.
    let cutoff_week = (now - months * MONTH_SECONDS).div_euclid(WEEK_SECONDS);
    let mut retired = 0;
    for wallet_id in state.store.inactive_since(cutoff_week).await? {
        if erase_part(state, &wallet_id, now).await? {
            retired += 1;
        }
    }
    if retired > 0 {
        tracing::info!(retired, "abandoned wallets erased (retention)");
    }
    Ok(retired)
}
