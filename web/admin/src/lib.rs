//! # pde-admin
//!
//! The administration console: a WebAssembly bundle of its own, served on an origin of its own
//! (`--admin-listen`, `--admin-origin`), with its own policy and cookie. It logs administrators
//! in with passkeys (the browser's WebAuthn; `webauthn-rs` checks them on the server) and
//! shows what they may see: never a document, a wallet or any per-wallet identifier. It has none
//! of the holders' code: no vault, no key, no OPAQUE (of `pde-crypto` it uses the login
//! proof-of-work solver alone).

pub mod chart;
pub mod texts;

use pde_api::admin::AdminErrorCode;

/// Every error code the console translates (`error-<code>`).
pub const ERROR_CODES: &[AdminErrorCode] = &[
    AdminErrorCode::WrongOrigin,
    AdminErrorCode::NotSignedIn,
    AdminErrorCode::EnrolmentLinkInvalid,
    AdminErrorCode::CeremonyInvalid,
    AdminErrorCode::PasskeyRefused,
    AdminErrorCode::AdminInactive,
    AdminErrorCode::NoAdministrators,
    AdminErrorCode::FreshAssertionNeeded,
    AdminErrorCode::LastPasskey,
    AdminErrorCode::NotAllowed,
    AdminErrorCode::NotFound,
    AdminErrorCode::InvalidFields,
    AdminErrorCode::TooManyCeremonies,
    AdminErrorCode::ProofOfWorkRequired,
    AdminErrorCode::InternalError,
];

/// Every action the audit log names (`action-<action>`).
pub const AUDIT_ACTIONS: &[&str] = &[
    "enrolment_link_made",
    "passkey_registered",
    "admin_confirmed",
    "admin_revoked",
    "login",
    "logout",
    "passkey_added",
    "passkey_removed",
    "partner_added",
    "batch_created",
    "batch_revoked",
    "feedback_updated",
    "change_published",
    "change_removed",
    "announcement_posted",
    "announcement_ended",
];

/// The message key of an error code: `error-` and its wire name.
pub fn error_key(code: AdminErrorCode) -> String {
    let name = serde_json::to_value(code)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned());
    format!("error-{name}")
}

/// The host (and port) people type when they do not scan a slip: the origin without its
/// scheme.
pub fn typed_address(origin: &str) -> String {
    origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .trim_end_matches('/')
        .to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn people_type_the_address_without_its_scheme() {
        assert_eq!(super::typed_address("https://pde.example"), "pde.example");
        assert_eq!(
            super::typed_address("http://127.0.0.1:8080/"),
            "127.0.0.1:8080"
        );
    }
}

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod transport;

/// Entry point (called by `admin.js`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_console() {
    app::mount();
}
