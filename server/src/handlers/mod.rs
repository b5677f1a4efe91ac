//! HTTP handlers, one module per resource; each exports `routes()`.

pub mod deposits;
pub mod documents;
pub mod grants;
pub mod meta;
pub mod sessions;
pub mod uploads;
pub mod wallets;

use crate::error::ApiError;

/// Runs CPU-bound work (OPAQUE, hashing) off the async executor.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(ApiError::internal)
}
