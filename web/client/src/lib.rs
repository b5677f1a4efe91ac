//! PDE's client protocol, written once. Every step a holder's browser or a social worker's
//! takes against the server — register, log in (with the hidden fallback), recover, time-lock,
//! set up a hidden part, seal → parts → tag → commit, list and open with tag checks, share and
//! open grants, deposit links — lives here, over a [`Transport`] the caller brings: `fetch` in
//! the web vault, `reqwest` in the native test client. The end-to-end tests therefore drive the
//! code the browser runs.
//!
//! No I/O of its own, no global state: keys are the caller's, lent through [`KeyRing`] for the
//! synchronous moments they are needed (the vault forgets them on lock; a step that finds the
//! wallet locked fails with [`ClientError::Locked`]).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod deposits;
mod documents;
mod error;
mod feedback;
mod fragment;
mod grants;
mod transport;
mod wallet;

pub use deposits::{DepositLabel, DropLink};
pub use documents::{
    new_record, open_content, open_record, Destination, Listed, Listing, OpenedDocument, Upload,
};
pub use error::{ClientError, ClientResult};
pub use fragment::LinkFragment;
pub use grants::{DeclaredGrant, GrantDraft, GrantRecord, OpenedGrant, SharedLink};
pub use transport::{Body, HttpAnswer, HttpRequest, Transport};
pub use wallet::{CreatedWallet, HiddenSlot, OpenedWallet, Proof};

use pde_api::endpoints::{Ciphertext, Endpoint, NoBody};
use pde_api::{CarriesProof, ErrorBody, LoginProof};
use pde_crypto::wallet::WalletKey;
use serde::{de::DeserializeOwned, Serialize};

/// How often a part upload is tried before giving up (a public computer's Wi-Fi drops).
const PART_TRIES: u32 = 4;

/// Lends the open part's key for a moment.
pub trait KeyRing {
    /// Runs `f` with the key; [`ClientError::Locked`] when the wallet was locked meanwhile.
    fn with_key<R>(&self, f: impl FnOnce(&WalletKey) -> R) -> ClientResult<R>;
}

impl KeyRing for WalletKey {
    fn with_key<R>(&self, f: impl FnOnce(&WalletKey) -> R) -> ClientResult<R> {
        Ok(f(self))
    }
}

/// A client of one PDE server, over `T`.
#[derive(Clone)]
pub struct Client<T> {
    transport: T,
}

impl<T: Transport> Client<T> {
    /// A client sending through `transport`.
    pub fn new(transport: T) -> Self {
        Self { transport }
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Sends one request; a non-2xx answer becomes [`ClientError::Api`].
    async fn send(&self, request: HttpRequest<'_, T::Held>) -> ClientResult<Vec<u8>> {
        let answer = self.transport.send(request).await?;
        if (200..300).contains(&answer.status) {
            return Ok(answer.body);
        }
        Err(self.error_from(answer))
    }

    /// `endpoint` with a JSON body → its JSON answer.
    pub async fn call<Req: Serialize, Res: DeserializeOwned>(
        &self,
        endpoint: Endpoint<Req, Res>,
        ids: &[&str],
        body: &Req,
    ) -> ClientResult<Res> {
        self.call_with(endpoint, ids, body, None).await
    }

    /// The same, with `Authorization: Bearer <bearer>`.
    pub async fn call_with<Req: Serialize, Res: DeserializeOwned>(
        &self,
        endpoint: Endpoint<Req, Res>,
        ids: &[&str],
        body: &Req,
        bearer: Option<&str>,
    ) -> ClientResult<Res> {
        let body = serde_json::to_vec(body).map_err(protocol)?;
        let answer = self
            .send(HttpRequest {
                method: endpoint.method,
                path: endpoint.path_with(ids),
                body: Body::Json(body),
                bearer,
            })
            .await?;
        self.transport.decode(&answer)
    }

    /// `endpoint` with a JSON body, its empty answer.
    pub async fn call_no_answer<Req: Serialize>(
        &self,
        endpoint: Endpoint<Req, NoBody>,
        ids: &[&str],
        body: &Req,
    ) -> ClientResult<()> {
        let body = serde_json::to_vec(body).map_err(protocol)?;
        self.send(HttpRequest {
            method: endpoint.method,
            path: endpoint.path_with(ids),
            body: Body::Json(body),
            bearer: None,
        })
        .await
        .map(drop)
    }

    /// `endpoint` without a body → its JSON answer.
    pub async fn get<Res: DeserializeOwned>(
        &self,
        endpoint: Endpoint<NoBody, Res>,
        ids: &[&str],
    ) -> ClientResult<Res> {
        let answer = self
            .send(HttpRequest {
                method: endpoint.method,
                path: endpoint.path_with(ids),
                body: Body::None,
                bearer: None,
            })
            .await?;
        self.transport.decode(&answer)
    }

    /// `endpoint` without a body and without an answer.
    pub async fn act(&self, endpoint: Endpoint<NoBody, NoBody>, ids: &[&str]) -> ClientResult<()> {
        self.send(HttpRequest {
            method: endpoint.method,
            path: endpoint.path_with(ids),
            body: Body::None,
            bearer: None,
        })
        .await
        .map(drop)
    }

    /// `endpoint` → raw bytes (a sealed document).
    pub async fn fetch(
        &self,
        endpoint: Endpoint<NoBody, Ciphertext>,
        ids: &[&str],
        bearer: Option<&str>,
    ) -> ClientResult<Vec<u8>> {
        self.send(HttpRequest {
            method: endpoint.method,
            path: endpoint.path_with(ids),
            body: Body::None,
            bearer,
        })
        .await
    }

    /// `endpoint` with raw bytes (a sealed document or part), tried again on a network failure.
    pub async fn put(
        &self,
        endpoint: Endpoint<Ciphertext, NoBody>,
        ids: &[&str],
        bytes: Body<'_, T::Held>,
        bearer: Option<&str>,
    ) -> ClientResult<()> {
        let path = endpoint.path_with(ids);
        let mut tries = 0;
        loop {
            tries += 1;
            let body = match &bytes {
                Body::Bytes(bytes) => Body::Bytes(bytes),
                Body::Held(held) => Body::Held(*held),
                Body::Json(json) => Body::Json(json.clone()),
                Body::None => Body::None,
            };
            let sent = self
                .send(HttpRequest {
                    method: endpoint.method,
                    path: path.clone(),
                    body,
                    bearer,
                })
                .await;
            match sent {
                Err(ClientError::Network(_)) if tries < PART_TRIES => {
                    self.transport.pause(500 * tries).await;
                }
                other => return other.map(drop),
            }
        }
    }

    /// `endpoint` of a request the server counts against its hourly budget of logins. Past the
    /// budget the server answers with a challenge: it is solved here (2^bits hashes: a few
    /// seconds at most on a slow computer) and the request goes again with the proof.
    pub async fn call_counted<Req: Serialize + CarriesProof, Res: DeserializeOwned>(
        &self,
        endpoint: Endpoint<Req, Res>,
        mut body: Req,
    ) -> ClientResult<Res> {
        let answer = self
            .counted(endpoint.method, endpoint.path, &mut |proof| {
                if let Some(proof) = proof {
                    body.set_proof(proof);
                }
                serde_json::to_vec(&body).map_err(protocol)
            })
            .await?;
        self.transport.decode(&answer)
    }

    /// The loop of [`Client::call_counted`], not generic (compiled once in the bundle).
    async fn counted(
        &self,
        method: pde_api::endpoints::Method,
        path: &str,
        body: &mut dyn FnMut(Option<LoginProof>) -> ClientResult<Vec<u8>>,
    ) -> ClientResult<Vec<u8>> {
        let mut proof = None;
        let mut solved = 0;
        loop {
            let sent = self
                .send(HttpRequest {
                    method,
                    path: path.to_owned(),
                    body: Body::Json(body(proof.take())?),
                    bearer: None,
                })
                .await;
            match sent {
                Err(ClientError::Api {
                    proof_of_work: Some(asked),
                    ..
                }) if solved < 3 => {
                    let nonce = pde_crypto::proof::solve(&asked.challenge.0)
                        .ok_or_else(|| protocol("a malformed proof-of-work challenge"))?;
                    proof = Some(LoginProof {
                        challenge: asked.challenge,
                        nonce,
                    });
                    solved += 1;
                }
                other => return other,
            }
        }
    }
}

/// A protocol failure: the server answered something this client cannot read.
pub(crate) fn protocol(detail: impl std::fmt::Display) -> ClientError {
    ClientError::Protocol(detail.to_string())
}

impl<T: Transport> Client<T> {
    fn error_from(&self, answer: HttpAnswer) -> ClientError {
        match self.transport.decode::<ErrorBody>(&answer.body) {
            Ok(body) => ClientError::Api {
                status: answer.status,
                code: body.error.code,
                message: body.error.message,
                retry_after: body.error.retry_after_seconds.or(answer.retry_after),
                locked_until: body.error.locked_until,
                proof_of_work: body.error.proof_of_work,
                tries_left: body.error.tries_left,
            },
            Err(_) => protocol(format!("HTTP {} without an error body", answer.status)),
        }
    }
}
