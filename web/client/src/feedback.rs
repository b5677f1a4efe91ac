//! Feedback: what a form tells first, and sending one (with its proof of work).

use pde_api::endpoints::{FEEDBACK, FEEDBACK_TERMS};
use pde_api::feedback::{FeedbackRequest, FeedbackTerms};
use pde_api::CarriesProof;

use crate::{protocol, Client, ClientResult, Transport};

impl<T: Transport> Client<T> {
    /// How long feedback is kept, and the longest comment.
    pub async fn feedback_terms(&self) -> ClientResult<FeedbackTerms> {
        self.get(FEEDBACK_TERMS, &[]).await
    }

    /// Sends a feedback. Every feedback pays a proof of work: the first try is answered with
    /// the challenge, solved here, and the feedback goes again with it. The transport must send
    /// no cookie (in a browser, `credentials: 'omit'`): the server drops a feedback that carries
    /// a PDE cookie.
    pub async fn send_feedback(&self, mut request: FeedbackRequest) -> ClientResult<()> {
        self.counted(FEEDBACK.method, FEEDBACK.path, &mut |proof| {
            if let Some(proof) = proof {
                request.set_proof(proof);
            }
            serde_json::to_vec(&request).map_err(protocol)
        })
        .await
        .map(drop)
    }
}
