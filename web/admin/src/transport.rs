//! The console's requests (each endpoint as `pde_api::admin` declares it, to this origin only)
//! and the browser's passkey calls.

use pde_api::admin::{
    url, AdminError, AdminErrorCode, CreationChallengeResponse, PublicKeyCredential,
    RegisterPublicKeyCredential, RequestChallengeResponse,
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
    let init = web_sys::RequestInit::new();
    init.set_method(endpoint.method.as_str());
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let json = serde_json::to_string(body).map_err(|_| Failure::Network)?;
    let headers = web_sys::Headers::new().map_err(network)?;
    if json != "null" {
        headers
            .set("content-type", "application/json")
            .map_err(network)?;
        init.set_body(&JsValue::from_str(&json));
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(&url(&endpoint.path_with(params)), &init)
        .map_err(network)?;
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
    if !response.ok() {
        let code = serde_json::from_str::<AdminError>(&text)
            .map(|error| error.code)
            .unwrap_or(AdminErrorCode::Unknown);
        return Err(Failure::Refused(code));
    }
    let text = if text.is_empty() { "null" } else { &text };
    serde_json::from_str(text).map_err(|_| Failure::Network)
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
