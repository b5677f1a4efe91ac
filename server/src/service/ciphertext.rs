//! Ciphertext arriving in a request body, stored one way whatever it is (an upload's part, a
//! grant's copy): streamed to the blob store, exactly the announced size or nothing kept, and the
//! same refusals for the same faults.

use axum::body::Body;
use futures::TryStreamExt;
use pde_api::ErrorCode;

pub(crate) use crate::blobs::BlobTarget;
use crate::blobs::StreamedBlob;
use crate::error::ApiError;
use crate::state::AppState;

/// Stores `body` at `target`: exactly `expected` bytes, durable when this returns, or a refusal
/// naming the `piece` ("part", "document") and nothing kept.
pub(crate) async fn receive(
    state: &AppState,
    target: BlobTarget<'_>,
    body: Body,
    expected: u64,
    piece: &str,
) -> Result<(), ApiError> {
    let stream = body.into_data_stream().map_err(|_| ());
    match state.blobs.put_stream(target, stream, expected).await? {
        StreamedBlob::Stored => Ok(()),
        StreamedBlob::TooLong => Err(ApiError::refused(
            ErrorCode::PartTooLarge,
            format!("This {piece} is larger than announced."),
        )),
        StreamedBlob::WrongSize(got) => Err(ApiError::refused(
            ErrorCode::PartWrongSize,
            format!("This {piece} should have {expected} bytes, it has {got}."),
        )),
        StreamedBlob::Interrupted => Err(ApiError::refused(
            ErrorCode::BodyInterrupted,
            format!("The {piece} did not arrive whole; send it again."),
        )),
    }
}
