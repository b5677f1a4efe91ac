//! The console's requests (each endpoint as `pde_api::admin` declares it, to this origin only)
//! and the browser's passkey calls.

use pde_api::admin::{
    url, AdminError, AdminErrorCode, AdminLoginStart, AdminProofOfWork, AssertionStarted,
    CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse,
};
use pde_api::endpoints::Endpoint;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a step failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The server refused, for this reason.
    Refused(AdminErrorCode),
    /// The server could not be reached (or answered nonsense).
    Network,
    /// The passkey did not answer (cancelled, or none on this device).
    PasskeyCancelled,
}

impl Failure {
    /// The message key that says it.
    pub fn key(&self) -> String {
        match self {
            Self::Refused(code) => crate::error_key(*code),
            Self::Network => "error-network".to_owned(),
            Self::PasskeyCancelled => "error-passkey_cancelled".to_owned(),
        }
    }
}

fn network(_: JsValue) -> Failure {
    Failure::Network
}

/// Sends `body` to `endpoint` (its `{…}` filled with `params`) and reads the declared answer.
pub async fn call<Req: Serialize, Res: DeserializeOwned>(
    endpoint: Endpoint<Req, Res>,
    params: &[&str],
    body: &Req,
) -> Result<Res, Failure> {
    let json = serde_json::to_string(body).map_err(|_| Failure::Network)?;
    let text = send(endpoint.method.as_str(), &endpoint.path_with(params), &json)
        .await?
        .map_err(|refusal| Failure::Refused(refusal.code))?;
    let text = if text.is_empty() { "null" } else { &text };
    serde_json::from_str(text).map_err(|_| Failure::Network)
}

/// A login start: the ceremony, or the challenge the server asks to have solved first.
pub async fn start_login(
    request: &AdminLoginStart,
) -> Result<Result<AssertionStarted, AdminProofOfWork>, Failure> {
    let json = serde_json::to_string(request).map_err(|_| Failure::Network)?;
    let endpoint = pde_api::admin::LOGIN_START;
    match send(endpoint.method.as_str(), endpoint.path, &json).await? {
        Ok(text) => serde_json::from_str(&text)
            .map(Ok)
            .map_err(|_| Failure::Network),
        Err(AdminError {
            proof_of_work: Some(asked),
            ..
        }) => Ok(Err(asked)),
        Err(refusal) => Err(Failure::Refused(refusal.code)),
    }
}

/// Sends `json` (`null`: no body) with `method` to the API's `path`: the answer's text, or the
/// server's refusal. (Not generic, so the bundle holds it once.)
async fn send(method: &str, path: &str, json: &str) -> Result<Result<String, AdminError>, Failure> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let headers = web_sys::Headers::new().map_err(network)?;
    if json != "null" {
        headers
            .set("content-type", "application/json")
            .map_err(network)?;
        init.set_body(&JsValue::from_str(json));
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(&url(path), &init).map_err(network)?;
    let window = web_sys::window().ok_or(Failure::Network)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(network)?
        .dyn_into()
        .map_err(network)?;
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        return Ok(Ok(text));
    }
    Ok(Err(serde_json::from_str::<AdminError>(&text).unwrap_or(
        AdminError {
            code: AdminErrorCode::Unknown,
            message: String::new(),
            proof_of_work: None,
        },
    )))
}

fn credentials() -> Result<web_sys::CredentialsContainer, Failure> {
    Ok(web_sys::window()
        .ok_or(Failure::Network)?
        .navigator()
        .credentials())
}

/// What the browser's passkey call gave, once it answered.
async fn passkey_answer(
    call: Result<js_sys::Promise, JsValue>,
) -> Result<web_sys::PublicKeyCredential, Failure> {
    let promise = call.map_err(|_| Failure::PasskeyCancelled)?;
    JsFuture::from(promise)
        .await
        .map_err(|_| Failure::PasskeyCancelled)?
        .dyn_into()
        .map_err(|_| Failure::PasskeyCancelled)
}

/// Makes a passkey (`navigator.credentials.create`) for the server's options.
pub async fn create_passkey(
    options: CreationChallengeResponse,
) -> Result<RegisterPublicKeyCredential, Failure> {
    let options: web_sys::CredentialCreationOptions = options.into();
    Ok(passkey_answer(credentials()?.create_with_options(&options))
        .await?
        .into())
}

/// Asks for a passkey's assertion (`navigator.credentials.get`) for the server's options.
pub async fn assert_passkey(
    options: RequestChallengeResponse,
) -> Result<PublicKeyCredential, Failure> {
    let options: web_sys::CredentialRequestOptions = options.into();
    Ok(passkey_answer(credentials()?.get_with_options(&options))
        .await?
        .into())
}

/// Lets the page draw what changed before a long step (a proof of work holds the page).
pub async fn let_the_page_draw() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
        }
    });
    let _ = JsFuture::from(promise).await;
}
