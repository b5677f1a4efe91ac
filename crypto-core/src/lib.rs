//! # pde-crypto
//!
//! The cryptographic core of PDE, an end-to-end encrypted document wallet. It runs unchanged in
//! the browser (`wasm32-unknown-unknown`) and natively (server, test client), does no I/O of its
//! own and never implements a primitive by hand:
//!
//! - [`opaque`]: password login with OPAQUE (`opaque-ke` 3, Ristretto255, TripleDH, Argon2id),
//!   both sides. The client obtains an *export key* that never leaves it.
//! - [`wallet`]: the wallet key (an age X25519 identity), the printable recovery key, and the
//!   wrapped copies of the wallet key stored on the server (one per unlock method).
//! - [`document`]: streaming, padded (Padmé), age-encrypted documents, and the tag that binds a
//!   document id to its ciphertext.
//! - [`metadata`]: small encrypted metadata records bound to their document id.
//! - [`grant`]: grant links — the secret in the link's fragment, the tokens the server checks,
//!   and the grant key (opened by the secret and the PIN) that granted documents are sealed to.
//! - [`hidden`]: the slot that finds a hidden part by its secret (OPRF, then Argon2id).
//! - [`names`]: the keys a server counts login attempts under, which keep no typed text.
//! - [`age_compat`]: a strict age decryption wrapper used for the conformance vectors (and for
//!   any age file from elsewhere).
//!
//! Every stored format carries a version. Secrets live in [`zeroize::Zeroizing`] buffers or in
//! types that have no `Debug`, `Display`, `Clone` or `Serialize` implementation.
//!
//! ```
//! use pde_crypto::{document, wallet::WalletKey};
//!
//! let key = WalletKey::generate();
//! let sealed = document::seal_document_bytes(&key.recipient(), b"attestation")?;
//! # let id = document::DocumentId::random();
//! # let tag = document::document_tag(&key, &id, &document::CiphertextDigest::of(&sealed));
//! let plain = document::open_document_bytes(&key, &id, &tag, &sealed)?;
//! assert_eq!(&plain[..], b"attestation");
//! # Ok::<(), pde_crypto::CryptoError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod util;

pub mod age_compat;
pub mod deposit;
pub mod document;
pub mod erasures;
pub mod grant;
pub mod hidden;
pub mod metadata;
pub mod names;
pub mod opaque;
pub mod proof;
pub mod record;
pub mod wallet;

pub use error::CryptoError;

/// Result type of this crate.
pub type Result<T> = std::result::Result<T, CryptoError>;

#[cfg(test)]
mod tests {
    /// The types a server keeps in shared state or moves to a blocking thread must be
    /// `Send + Sync` (compile-time check).
    #[test]
    fn thread_safety() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<crate::opaque::ServerSetup>();
        send_sync::<crate::opaque::ServerLoginState>();
        send_sync::<crate::opaque::PasswordFile>();
        send_sync::<crate::opaque::ClientLogin>();
        send_sync::<crate::opaque::ExportKey>();
        send_sync::<crate::wallet::WalletKey>();
        send_sync::<crate::wallet::RecoveryKey>();
        send_sync::<crate::document::DocumentSealer>();
        send_sync::<crate::CryptoError>();
    }
}
