//! Readiness: whether this server can do its work now — the database takes a write, the blob
//! store a round trip, the data directory's disk has room, the secrets are where the next
//! start looks for them. In public only the verdict is given (200 or 503); what failed goes
//! to the server's log. A check writes, so it runs at most once every
//! [`READY_CHECK_INTERVAL_SECONDS`]: the answers in between repeat the last verdict (a flood
//! of probes costs no more than one).

use crate::state::AppState;

/// Seconds a readiness verdict is reused.
pub(crate) const READY_CHECK_INTERVAL_SECONDS: i64 = 5;

/// The last verdict and when it was reached (the server's clock).
#[derive(Default)]
pub(crate) struct LastVerdict {
    at: Option<i64>,
    problem: Option<String>,
}

/// Whether the server is ready; see the module's documentation.
pub(crate) async fn ready(state: &AppState) -> bool {
    verdict(state).await.0
}

/// Whether the server is ready, and if not why (for the metrics address only).
pub(crate) async fn verdict(state: &AppState) -> (bool, Option<String>) {
    let now = state.clock.now();
    let mut last = state.readiness.lock().await;
    let fresh = last
        .at
        .is_some_and(|at| (0..READY_CHECK_INTERVAL_SECONDS).contains(&(now - at)));
    if !fresh {
        let problem = check(state).await;
        if let Some(problem) = &problem {
            tracing::warn!(problem = %problem, "not ready");
        }
        *last = LastVerdict {
            at: Some(now),
            problem,
        };
    }
    (last.problem.is_none(), last.problem.clone())
}

/// What stops the server from working, if anything.
async fn check(state: &AppState) -> Option<String> {
    if let Err(error) = state.store.probe_write().await {
        return Some(format!("the database refuses a write: {error}"));
    }
    match state.blobs.round_trip().await {
        Ok(true) => {}
        Ok(false) => return Some("the blob store gave back other bytes".into()),
        Err(error) => return Some(format!("the blob store failed a round trip: {error}")),
    }
    let minimum = state.settings.min_free_disk_mib.saturating_mul(1024 * 1024);
    match free_bytes(&state.settings.data_dir) {
        Some(free) if free >= minimum => {}
        Some(free) => {
            return Some(format!(
                "{} MiB free in the data directory, under the {} MiB asked",
                free / (1024 * 1024),
                state.settings.min_free_disk_mib
            ))
        }
        None => return Some("the data directory's free space can't be read".into()),
    }
    if !crate::secrets::setup_present(&state.settings.secrets_dir) {
        return Some("the secrets directory no longer holds the server setup".into());
    }
    None
}

/// Bytes an unprivileged process may still write on the file system holding `dir`.
fn free_bytes(dir: &std::path::Path) -> Option<u64> {
    let stats = rustix::fs::statvfs(dir).ok()?;
    Some(stats.f_bavail.saturating_mul(stats.f_frsize))
}
