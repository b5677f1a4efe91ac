//! PDE's HTTP API: request and response types, and the pure rules that server and clients must
//! apply alike (wallet numbers, pseudonyms, the passphrase policy).
//!
//! No I/O and no server dependencies: this crate is compiled into the WASM web app too.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "admin")]
pub mod admin;
pub mod endpoints;
pub mod error_code;
pub mod feedback;
pub mod ids;
pub mod passphrase;
pub mod pseudonym;
pub mod routes;
pub mod types;
pub mod wallet_number;

pub use error_code::ErrorCode;
pub use ids::{AttemptId, DepositId, GrantId, LoginId, RecoveryId, RegistrationId, UploadId};
pub use types::*;

/// What starts the `#fragment` of an invitation slip's link to the holders' start page; the
/// code follows. The app takes it out of the address bar at once.
pub const INVITE_FRAGMENT: &str = "invite=";
