//! The sweeper: removes expired sessions, logins and registrations, abandoned uploads with their
//! parts, the documents of grants that can no longer be opened, and orphan blobs (a blob no row
//! points to: after an erasure, or a crash between the blob write and the row commit). A blob
//! whose rows are gone is first tombstoned, and deleted only once the tombstone is older than
//! `--blob-deletion-grace-seconds` (a backup's database copy may still point to it). Runs at
//! start and then periodically.

use std::time::Duration;

use crate::blobs::staging_upload_id;
use crate::ids::UploadId;
use crate::state::AppState;

/// A blob younger than this may belong to a commit in progress: left alone.
const ORPHAN_GRACE_SECONDS: i64 = 3600;

/// What one sweep removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepReport {
    /// Expired rows (sessions, logins, registrations, counters).
    pub expired_rows: u64,
    /// Abandoned uploads.
    pub uploads: u64,
    /// Staged parts without an upload.
    pub staging_orphans: u64,
    /// Document blobs without a document, tombstoned.
    pub blob_orphans: u64,
    /// Tombstoned blobs deleted after their grace period.
    pub blobs_deleted: u64,
    /// Wallets erased by retention (none of their parts unlocked for `--retention-months`).
    pub wallets_retired: u64,
    /// Grants whose documents were deleted (expired, revoked or burned).
    pub grants_purged: u64,
    /// Feedback deleted `--feedback-months` after its day.
    pub feedback_deleted: u64,
}

/// One sweep.
pub async fn sweep_once(state: &AppState) -> Result<SweepReport, crate::error::ApiError> {
    let now = state.clock.now();
    let settings = &state.settings;
    let mut report = SweepReport::default();
    // Only after an erasure (the work is not done for nothing at every sweep), and first: the
    // erased rows are gone from the database's files before their blobs are deleted.
    if state
        .erased_since_sweep
        .swap(false, std::sync::atomic::Ordering::Relaxed)
    {
        state.store.reclaim_space().await?;
    }
    report.wallets_retired = crate::service::erasure::retire_abandoned(state, now).await?;
    let counts = state
        .store
        .sweep_expired(
            now,
            settings.session_idle_seconds,
            settings.session_absolute_seconds,
        )
        .await?;
    report.expired_rows = counts.expired_rows
        + state
            .store
            .sweep_admin(
                now,
                settings.admin_session_idle_seconds,
                settings.admin_session_absolute_seconds,
            )
            .await?;
    report.feedback_deleted = crate::service::feedback::delete_old(state, now).await?;
    for upload in state.store.expired_uploads(now).await? {
        // A document that never came through a deposit link gives the link its place back.
        let deposit = state.store.deposit_of_upload(&upload.id).await?;
        if let Some(removed) = state.store.delete_upload(&upload.id).await? {
            if let Some(deposit) = deposit {
                state.store.give_back_deposit_slot(&deposit).await?;
            }
            state
                .blobs
                .delete_parts(removed.id.as_str(), removed.part_count as u32)
                .await?;
            report.uploads += 1;
        }
    }
    for grant_id in state
        .store
        .grants_to_purge(now, pde_api::MAX_GRANT_PIN_FAILURES)
        .await?
    {
        crate::service::purge_grant(state, &grant_id, now).await?;
        report.grants_purged += 1;
    }
    for staged in state.blobs.list_staging().await? {
        if now - staged.modified_at < ORPHAN_GRACE_SECONDS {
            continue;
        }
        if !state
            .store
            .upload_exists(&UploadId::from_text(staging_upload_id(&staged.name)))
            .await?
        {
            state.blobs.delete_staging_object(&staged.name).await?;
            report.staging_orphans += 1;
        }
    }
    for blob in state.blobs.list_documents().await? {
        if now - blob.modified_at < ORPHAN_GRACE_SECONDS {
            continue;
        }
        if !state.store.blob_referenced(&blob.name).await?
            && !state.store.tombstoned(&blob.name).await?
        {
            state
                .store
                .tombstone_blobs(std::slice::from_ref(&blob.name), now)
                .await?;
            report.blob_orphans += 1;
        }
    }
    for blob_key in state
        .store
        .tombstones_due(now - settings.blob_deletion_grace_seconds)
        .await?
    {
        // Never a blob a row points to (a key is never reused; this guards the rule).
        if !state.store.blob_referenced(&blob_key).await? {
            state.blobs.delete_document(&blob_key).await?;
            report.blobs_deleted += 1;
        }
        state.store.forget_tombstone(&blob_key).await?;
    }
    Ok(report)
}

/// Sweeps forever, every `sweep_interval_seconds`.
pub async fn run(state: AppState) {
    let period = Duration::from_secs(state.settings.sweep_interval_seconds.max(1));
    let mut ticker = tokio::time::interval(period);
    loop {
        ticker.tick().await;
        let swept = sweep_once(&state).await;
        match &swept {
            Ok(report) => tracing::info!(?report, "sweep"),
            Err(err) => tracing::warn!(%err, "sweep failed"),
        }
        let used = state.store.storage_used().await.ok();
        crate::metrics::record_sweep(swept.as_ref().ok(), used);
    }
}
