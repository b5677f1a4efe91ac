//! Small internal helpers shared by the modules (no cryptographic primitives here).

use std::io;

use sha2::Sha256;
use zeroize::Zeroizing;

use crate::CryptoError;

/// 256 random bits that travel in a link's fragment as 43 characters of URL-safe base64 (the
/// secret of a grant or deposit link). No `Debug`, `Display`, `Clone` or `Serialize`.
pub(crate) struct LinkSecret(Zeroizing<[u8; 32]>);

const FRAGMENT: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

impl LinkSecret {
    /// A new random secret.
    pub(crate) fn generate() -> Self {
        use rand_core::{OsRng, RngCore};
        let mut bytes = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(&mut bytes[..]);
        Self(bytes)
    }

    /// The secret as it goes into the link's fragment.
    pub(crate) fn to_fragment(&self) -> Zeroizing<String> {
        use base64::Engine as _;
        Zeroizing::new(FRAGMENT.encode(&self.0[..]))
    }

    /// Reads the secret from a link's fragment (with or without the leading `#`); `what`
    /// names it in the error.
    pub(crate) fn from_fragment(fragment: &str, what: &'static str) -> Result<Self, CryptoError> {
        use base64::Engine as _;
        let text = fragment.trim().trim_start_matches('#');
        let decoded = Zeroizing::new(
            FRAGMENT
                .decode(text)
                .map_err(|_| CryptoError::Malformed(what))?,
        );
        let mut bytes = Zeroizing::new([0u8; 32]);
        if decoded.len() != bytes.len() {
            return Err(CryptoError::Malformed(what));
        }
        bytes.copy_from_slice(&decoded);
        Ok(Self(bytes))
    }

    /// HKDF-SHA256 of the secret under `info`.
    pub(crate) fn derive(&self, info: &[u8]) -> Zeroizing<[u8; 32]> {
        hkdf_sha256_32(&self.0[..], info)
    }
}

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
