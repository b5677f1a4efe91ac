//! Every request to `/api/v1`, through `fetch`, from the page or the vault worker. Errors come
//! back as [`Failure`]s the page can translate.

use js_sys::Uint8Array;
use pde_api::{CarriesProof, ErrorBody, ErrorCode, LoginProof, API_PREFIX};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestCredentials, RequestInit, Response};

use crate::protocol::Failure;

/// The result of a request.
pub type ApiResult<T> = Result<T, Failure>;

fn unexpected(detail: impl std::fmt::Display) -> Failure {
    Failure::Unexpected {
        detail: detail.to_string(),
    }
}

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

fn js_detail(value: JsValue) -> Failure {
    unexpected(describe(&value))
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

async fn send(method: &str, path: &str, body: Option<(&JsValue, &str)>) -> ApiResult<Response> {
    send_with(method, path, body, None).await
}

async fn send_with(
    method: &str,
    path: &str,
    body: Option<(&JsValue, &str)>,
    bearer: Option<&str>,
) -> ApiResult<Response> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    let headers = web_sys::Headers::new().map_err(js_detail)?;
    headers
        .set("Accept", "application/json")
        .map_err(js_detail)?;
    if let Some(token) = bearer {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .map_err(js_detail)?;
    }
    if let Some((body, content_type)) = body {
        headers
            .set("Content-Type", content_type)
            .map_err(js_detail)?;
        init.set_body(body);
    }
    init.set_headers(&headers);
    let request =
        Request::new_with_str_and_init(&format!("{API_PREFIX}{path}"), &init).map_err(js_detail)?;
    // A rejected fetch is a network failure: nothing reached the server, or we can't know.
    let response = fetch(&request).await.map_err(|_| Failure::Network)?;
    if response.ok() {
        return Ok(response);
    }
    Err(error_from(response).await)
}

async fn error_from(response: Response) -> Failure {
    let status = response.status();
    let retry_header = response
        .headers()
        .get("Retry-After")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<u64>().ok());
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let parsed = js_sys::JSON::parse(&text).map_err(drop);
    match parsed.and_then(|v| serde_wasm_bindgen::from_value::<ErrorBody>(v).map_err(drop)) {
        Ok(body) => {
            if body.error.code == ErrorCode::NotSignedIn {
                return Failure::SessionEnded;
            }
            if let Some(asked) = body.error.proof_of_work {
                return Failure::ProofOfWork {
                    challenge: asked.challenge.0,
                };
            }
            if let Some(tries_left) = body.error.tries_left {
                return Failure::WrongPin { tries_left };
            }
            if let Some(until) = body
                .error
                .locked_until
                .filter(|_| body.error.code == ErrorCode::WalletTimeLocked)
            {
                return Failure::TimeLocked { until };
            }
            Failure::Server {
                code: body.error.code,
                retry_after_seconds: body.error.retry_after_seconds.or(retry_header),
            }
        }
        Err(_) => unexpected(format!("HTTP {status} without an error body")),
    }
}

/// `method path` (with a JSON body) → the answer's JSON as a JavaScript value. Not generic, so
/// the waiting is compiled once, not once per answer type.
async fn exchange(
    method: &str,
    path: &str,
    body: Option<JsValue>,
    bearer: Option<&str>,
) -> ApiResult<JsValue> {
    let body = body.as_ref().map(|body| (body, "application/json"));
    let response = send_with(method, path, body, bearer).await?;
    JsFuture::from(response.json().map_err(js_detail)?)
        .await
        .map_err(|_| Failure::Network)
}

fn from_json<T: DeserializeOwned>(value: JsValue) -> ApiResult<T> {
    serde_wasm_bindgen::from_value(value).map_err(unexpected)
}

fn json_text<B: Serialize>(body: &B) -> ApiResult<JsValue> {
    let text = serde_json::to_string(body).map_err(unexpected)?;
    Ok(JsValue::from_str(&text))
}

/// `GET path` → JSON.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    from_json(exchange("GET", path, None, None).await?)
}

/// `method path` with a JSON body → JSON.
pub async fn send_json<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &B,
) -> ApiResult<T> {
    send_json_with(method, path, body, None).await
}

/// `method path` with a JSON body and `Authorization: Bearer token` → JSON.
pub async fn send_json_with<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &B,
    bearer: Option<&str>,
) -> ApiResult<T> {
    let body = json_text(body)?;
    from_json(exchange(method, path, Some(body), bearer).await?)
}

/// `POST path` of a request the server counts against its hourly budget of logins. Past the
/// budget the server answers with a challenge: it is solved here, in the vault's worker (2^bits
/// hashes: a few seconds at most on a slow computer), and the request goes again with the proof.
pub async fn send_counted<B: Serialize + CarriesProof, T: DeserializeOwned>(
    path: &str,
    mut body: B,
) -> ApiResult<T> {
    let mut solved = 0;
    loop {
        match send_json("POST", path, &body).await {
            Err(Failure::ProofOfWork { challenge }) if solved < 3 => {
                let nonce = pde_crypto::proof::solve(&challenge)
                    .ok_or_else(|| unexpected("a malformed proof-of-work challenge"))?;
                body.set_proof(LoginProof {
                    challenge: challenge.into(),
                    nonce,
                });
                solved += 1;
            }
            other => return other,
        }
    }
}

/// `method path` with a JSON body, ignoring the answer's body.
pub async fn send_json_no_reply<B: Serialize>(method: &str, path: &str, body: &B) -> ApiResult<()> {
    let body = json_text(body)?;
    send(method, path, Some((&body, "application/json")))
        .await
        .map(drop)
}

/// `method path` without a body.
pub async fn send_empty(method: &str, path: &str) -> ApiResult<()> {
    send(method, path, None).await.map(drop)
}

/// `PUT path` with raw bytes (and `Authorization: Bearer token` when given).
pub async fn put_bytes(path: &str, bytes: &[u8], bearer: Option<&str>) -> ApiResult<()> {
    let body: JsValue = Uint8Array::from(bytes).into();
    send_with(
        "PUT",
        path,
        Some((&body, "application/octet-stream")),
        bearer,
    )
    .await
    .map(drop)
}

/// `PUT path` with a `Blob` (sent without copying it into WebAssembly memory).
pub async fn put_blob(path: &str, blob: &web_sys::Blob) -> ApiResult<()> {
    send("PUT", path, Some((blob, "application/octet-stream")))
        .await
        .map(drop)
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

/// `GET path` → raw bytes.
pub async fn get_bytes(path: &str) -> ApiResult<Vec<u8>> {
    get_bytes_with(path, None).await
}

/// `GET path` with `Authorization: Bearer token` → raw bytes.
pub async fn get_bytes_with(path: &str, bearer: Option<&str>) -> ApiResult<Vec<u8>> {
    let response = send_with("GET", path, None, bearer).await?;
    let buffer = JsFuture::from(response.array_buffer().map_err(js_detail)?)
        .await
        .map_err(|_| Failure::Network)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
