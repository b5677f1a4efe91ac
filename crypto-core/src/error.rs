//! The one error type of this crate.

/// Everything that can go wrong in `pde-crypto`.
///
/// The variants carry no translated text: the web app maps each variant to a translation key.
/// None of them carries secret material. Messages of wrapped errors from dependencies are
/// deliberately dropped (they could vary between versions and are of no use to a person).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// The secret was wrong: an OPAQUE login failed (wrong password, or unknown account), or a
    /// wrapped key could not be unwrapped with the given secret.
    #[error("wrong secret")]
    WrongSecret,
    /// Input that does not have the expected structure (the static string names what).
    #[error("malformed input: {0}")]
    Malformed(&'static str),
    /// A stored format carries a version this build does not know.
    #[error("unsupported format version {0}")]
    UnsupportedVersion(u8),
    /// The input or the output would exceed a size limit.
    #[error("too large")]
    TooLarge,
    /// Authenticated decryption failed or a tag did not match: the data was modified, truncated,
    /// swapped, or is not meant for this key.
    #[error("tampered or corrupted ciphertext")]
    Tampered,
    /// Parameters are outside the accepted bounds (the static string names which).
    #[error("invalid parameters: {0}")]
    InvalidParameters(&'static str),
    /// A feature of a foreign format that this crate does not support (e.g. post-quantum age
    /// identities).
    #[error("unsupported: {0}")]
    Unsupported(&'static str),
    /// Reading the input or writing the output failed (message of the underlying I/O error).
    #[error("i/o error: {0}")]
    Io(String),
}

impl From<std::io::Error> for CryptoError {
    fn from(e: std::io::Error) -> Self {
        CryptoError::Io(e.to_string())
    }
}
