//! Small internal helpers shared by the modules (no cryptographic primitives here).

use std::io;

use sha2::Sha256;
use zeroize::Zeroizing;

use crate::CryptoError;

/// HKDF-SHA256 (no salt) expanding `ikm` to 32 bytes under `info`.
pub(crate) fn hkdf_sha256_32(ikm: &[u8], info: &[u8]) -> Zeroizing<[u8; 32]> {
    let hk = hkdf::Hkdf::<Sha256>::new(None, ikm);
    let mut out = Zeroizing::new([0u8; 32]);
    // 32 bytes is far below HKDF-SHA256's 255 * 32 byte limit: this cannot fail.
    #[allow(clippy::expect_used)]
    hk.expand(info, &mut out[..])
        .expect("HKDF-SHA256 can always expand to 32 bytes");
    out
}

/// Maps an I/O error raised while reading an age payload: authentication failures and
/// truncation (reported by age's STREAM reader as `InvalidData` / `UnexpectedEof`) become
/// [`CryptoError::Tampered`], anything else stays an I/O error.
pub(crate) fn map_payload_read_error(e: io::Error) -> CryptoError {
    match e.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => CryptoError::Tampered,
        _ => CryptoError::Io(e.to_string()),
    }
}

/// Maps an age header error for our own formats (always binary, always X25519).
pub(crate) fn map_decrypt_error(e: age::DecryptError) -> CryptoError {
    match e {
        age::DecryptError::NoMatchingKeys
        | age::DecryptError::DecryptionFailed
        | age::DecryptError::KeyDecryptionFailed => CryptoError::WrongSecret,
        age::DecryptError::InvalidMac => CryptoError::Tampered,
        age::DecryptError::Io(e) if e.kind() != io::ErrorKind::UnexpectedEof => {
            CryptoError::Io(e.to_string())
        }
        age::DecryptError::UnknownFormat => CryptoError::Malformed("unknown age version"),
        _ => CryptoError::Malformed("age header"),
    }
}

/// Serde helpers: bytes as standard base64 strings (padded).
pub(crate) mod base64_bytes {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(s.as_bytes())
            .map_err(serde::de::Error::custom)
    }
}

/// Serde helpers: optional bytes as an optional base64 string.
pub(crate) mod base64_opt_bytes {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        bytes: &Option<Vec<u8>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(b) => s.serialize_some(&base64::engine::general_purpose::STANDARD.encode(b)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        let s = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        s.map(|s| {
            base64::engine::general_purpose::STANDARD
                .decode(s.as_bytes())
                .map_err(serde::de::Error::custom)
        })
        .transpose()
    }
}
