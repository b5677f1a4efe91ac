//! What a client needs from the network, and nothing more.

use std::future::Future;

use pde_api::endpoints::Method;
use serde::de::DeserializeOwned;

use crate::{protocol, ClientResult};

/// A request, its path relative to [`pde_api::API_PREFIX`].
pub struct HttpRequest<'a, H> {
    /// The method.
    pub method: Method,
    /// The path, parameters filled in.
    pub path: String,
    /// The body.
    pub body: Body<'a, H>,
    /// `Authorization: Bearer …` (a link's token), when needed.
    pub bearer: Option<&'a str>,
}

/// A request's body.
pub enum Body<'a, H> {
    /// None.
    None,
    /// JSON (`application/json`).
    Json(Vec<u8>),
    /// Raw bytes (`application/octet-stream`).
    Bytes(&'a [u8]),
    /// Raw bytes the transport keeps outside the client's memory (see [`Transport::hold`]).
    Held(&'a H),
}

/// An answer.
pub struct HttpAnswer {
    /// The HTTP status.
    pub status: u16,
    /// `Retry-After`, in seconds.
    pub retry_after: Option<u64>,
    /// The body.
    pub body: Vec<u8>,
}

/// Sends requests. A request that never got an answer is [`crate::ClientError::Network`].
pub trait Transport {
    /// Ciphertext kept until it is sent (in the browser, a `Blob`: large copies stay out of
    /// WebAssembly memory, which never shrinks).
    type Held;

    /// Keeps `bytes` until sent.
    fn hold(&self, bytes: &[u8]) -> ClientResult<Self::Held>;

    /// Sends `request`; any status comes back as an answer.
    fn send(
        &self,
        request: HttpRequest<'_, Self::Held>,
    ) -> impl Future<Output = ClientResult<HttpAnswer>>;

    /// Waits `ms` milliseconds (before trying a part again).
    fn pause(&self, ms: u32) -> impl Future<Output = ()>;

    /// Reads a JSON answer. The browser's transport has `JSON.parse` do it (less WebAssembly
    /// than a JSON parser for every answer type).
    fn decode<T: DeserializeOwned>(&self, json: &[u8]) -> ClientResult<T> {
        serde_json::from_slice(json).map_err(protocol)
    }
}
