//! The network as `pde-client` sees it in the browser: [`Fetch`] sends every request to
//! `/api/v1` through `fetch` (from the page or the vault worker), and a [`ClientError`] becomes a
//! [`Failure`] the page can translate. Also the hash-checked loading of files served beside the
//! bundle.

use js_sys::Uint8Array;
use pde_api::endpoints::Method;
use pde_api::{ErrorCode, API_PREFIX};
use pde_client::{Body, Client, ClientError, ClientResult, HttpAnswer, HttpRequest, Transport};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, Request, RequestCredentials, RequestInit, Response};

use crate::protocol::Failure;

/// What a JavaScript value (usually a thrown error) says, for the console. The bundle has no
/// `Debug` formatting (xtask's `WASM_RUSTFLAGS`), so never `{:?}` here.
pub(crate) fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return text;
    }
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return format!(
            "{}: {}",
            String::from(error.name()),
            String::from(error.message())
        );
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| "a JavaScript value that cannot be shown".to_owned())
}

/// `fetch` from a window or a worker.
async fn fetch(request: &Request) -> Result<Response, JsValue> {
    let global = js_sys::global();
    let promise = if let Some(window) = global.dyn_ref::<web_sys::Window>() {
        window.fetch_with_request(request)
    } else {
        global
            .unchecked_ref::<web_sys::WorkerGlobalScope>()
            .fetch_with_request(request)
    };
    JsFuture::from(promise).await?.dyn_into::<Response>()
}

/// The browser's `fetch`, as `pde-client`'s transport. Copies of a grant are held as `Blob`s,
/// outside WebAssembly memory. `COOKIES`: whether requests carry this origin's cookies (the
/// session); feedback goes without (`credentials: 'omit'`).
pub struct Fetch<const COOKIES: bool = true>;

/// The protocol client of this page or worker.
pub(crate) fn client() -> Client<Fetch> {
    Client::new(Fetch)
}

/// A client whose requests carry no cookie at all (`credentials: 'omit'`): for feedback, which
/// nothing may tie to a wallet's session.
pub fn cookieless_client() -> Client<Fetch<false>> {
    Client::new(Fetch)
}

fn js_failure(value: JsValue) -> ClientError {
    ClientError::Protocol(describe(&value))
}

/// `bytes` as a `Blob` of type `mime` (copied out of WebAssembly memory).
pub(crate) fn blob_from(bytes: &[u8], mime: &str) -> Result<Blob, JsValue> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options)
}

/// `JSON.parse` (not generic: compiled once for every answer type).
#[inline(never)]
fn parse_json(json: &[u8]) -> ClientResult<JsValue> {
    let text = std::str::from_utf8(json).map_err(|e| ClientError::Protocol(e.to_string()))?;
    js_sys::JSON::parse(text).map_err(js_failure)
}

#[inline(never)]
fn unreadable(error: serde_wasm_bindgen::Error) -> ClientError {
    ClientError::Protocol(error.to_string())
}

impl<const COOKIES: bool> Transport for Fetch<COOKIES> {
    type Held = Blob;

    fn hold(&self, bytes: &[u8]) -> ClientResult<Blob> {
        blob_from(bytes, "application/octet-stream").map_err(js_failure)
    }

    async fn send(&self, request: HttpRequest<'_, Blob>) -> ClientResult<HttpAnswer> {
        let init = RequestInit::new();
        init.set_method(match request.method {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        });
        init.set_credentials(if COOKIES {
            RequestCredentials::SameOrigin
        } else {
            RequestCredentials::Omit
        });
        let headers = web_sys::Headers::new().map_err(js_failure)?;
        headers
            .set("Accept", "application/json")
            .map_err(js_failure)?;
        if let Some(token) = request.bearer {
            headers
                .set("Authorization", &format!("Bearer {token}"))
                .map_err(js_failure)?;
        }
        let (body, content_type): (JsValue, &str) = match request.body {
            Body::None => (JsValue::UNDEFINED, ""),
            Body::Json(json) => (Uint8Array::from(&json[..]).into(), "application/json"),
            Body::Bytes(bytes) => (Uint8Array::from(bytes).into(), "application/octet-stream"),
            Body::Held(blob) => (blob.into(), "application/octet-stream"),
        };
        if !content_type.is_empty() {
            headers
                .set("Content-Type", content_type)
                .map_err(js_failure)?;
            init.set_body(&body);
        }
        init.set_headers(&headers);
        let request =
            Request::new_with_str_and_init(&format!("{API_PREFIX}{}", request.path), &init)
                .map_err(js_failure)?;
        // A rejected fetch is a network failure: nothing reached the server, or we can't know.
        let network = |e: JsValue| ClientError::Network(describe(&e));
        let response = fetch(&request).await.map_err(network)?;
        let retry_after = response
            .headers()
            .get("Retry-After")
            .ok()
            .flatten()
            .and_then(|v| v.parse::<u64>().ok());
        let buffer = JsFuture::from(response.array_buffer().map_err(js_failure)?)
            .await
            .map_err(network)?;
        Ok(HttpAnswer {
            status: response.status(),
            retry_after,
            body: Uint8Array::new(&buffer).to_vec(),
        })
    }

    fn decode<T: serde::de::DeserializeOwned>(&self, json: &[u8]) -> ClientResult<T> {
        serde_wasm_bindgen::from_value(parse_json(json)?).map_err(unreadable)
    }

    async fn pause(&self, ms: u32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let global = js_sys::global();
            let _ = if let Some(window) = global.dyn_ref::<web_sys::Window>() {
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
            } else {
                global
                    .unchecked_ref::<web_sys::WorkerGlobalScope>()
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
            };
        });
        let _ = JsFuture::from(promise).await;
    }
}

impl From<ClientError> for Failure {
    fn from(error: ClientError) -> Self {
        use pde_api::passphrase::PassphraseProblem;
        match error {
            ClientError::Api {
                code: ErrorCode::NotSignedIn,
                ..
            } => Failure::SessionEnded,
            ClientError::Api {
                proof_of_work: Some(asked),
                ..
            } => Failure::ProofOfWork {
                challenge: asked.challenge.0,
            },
            ClientError::Api {
                tries_left: Some(tries_left),
                ..
            } => Failure::WrongPin { tries_left },
            ClientError::Api {
                code: ErrorCode::WalletTimeLocked,
                locked_until: Some(until),
                ..
            } => Failure::TimeLocked { until },
            ClientError::Api {
                code: ErrorCode::QuotaExceeded,
                ..
            } => Failure::QuotaFull,
            ClientError::Api {
                code, retry_after, ..
            } => Failure::Server {
                code,
                retry_after_seconds: retry_after,
            },
            ClientError::Network(_) => Failure::Network,
            ClientError::Crypto(
                pde_crypto::CryptoError::Tampered | pde_crypto::CryptoError::WrongSecret,
            ) => Failure::Tampered,
            ClientError::WeakSecret(problem) => Failure::WeakSecret {
                problem: match problem {
                    PassphraseProblem::PinTooShort => "pin-too-short",
                    PassphraseProblem::PassphraseTooShort => "passphrase-too-short",
                    PassphraseProblem::CommonPin => "common-pin",
                    PassphraseProblem::CommonPassphrase => "common-passphrase",
                    _ => "too-long",
                }
                .into(),
            },
            // Said in general words: the new secret may be a hidden part's.
            ClientError::SecretInUse => Failure::WeakSecret {
                problem: "in-use".into(),
            },
            ClientError::TooLarge { max_bytes } => Failure::FileTooLarge { max_bytes },
            ClientError::Locked => Failure::Locked,
            ClientError::BadLink => Failure::BadLink,
            other => Failure::Unexpected {
                detail: other.to_string(),
            },
        }
    }
}

/// `GET path` of a file served beside the bundle, checked by the browser against its
/// `integrity` (`sha256-…`) → its text; `None` when it can't be had whole and unchanged.
pub async fn get_checked_text(path: &str, integrity: &str) -> Option<String> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(RequestCredentials::SameOrigin);
    init.set_integrity(integrity);
    let request = Request::new_with_str_and_init(path, &init).ok()?;
    let response = fetch(&request).await.ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}
