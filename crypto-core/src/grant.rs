//! Grant links: the holder shows chosen documents to a worker who has no account.
//!
//! A grant starts from a random 256-bit secret `G` that travels only in the link's fragment
//! (`…/g/<id>#<G>`), which browsers never send to a server. Everything else is derived from it:
//!
//! - the **access token** `HKDF(G, "pde/v1/grant/access")`: the server keeps its SHA-256 and
//!   answers anything else like an unknown grant, so a leaked `/g/<id>` alone can neither read
//!   nor use up the grant;
//! - with a PIN (4–8 digits, told aloud), the **PIN token** `HKDF(G, "pde/v1/grant/pin:" ‖ PIN)`:
//!   the server keeps its SHA-256 and counts wrong ones, so a link that leaked without its PIN
//!   gives five guesses, not ten thousand;
//! - the **grant key**, a fresh age X25519 identity made by the holder's browser. The documents
//!   are sealed again to it (fresh file keys; the wallet key is never shared), and it is stored
//!   on the server wrapped under `HKDF(G, "pde/v1/grant/key" [‖ ":" ‖ PIN])`: opening the
//!   documents takes the secret *and* the PIN.
//!
//! The server never sees `G` or the PIN, only hashes of tokens derived from them. What a PIN
//! does not protect against: the server itself, which holds everything but `G`, could try
//! every PIN offline if it ever learned `G` (see docs/SECURITY.md).
//!
//! ```
//! use pde_crypto::grant::{self, GrantPin, GrantSecret};
//! use pde_crypto::document;
//!
//! // The holder.
//! let secret = GrantSecret::generate();
//! let pin = GrantPin::parse("4821")?;
//! let (grant_key, wrapped) = grant::new_grant_key(&secret, Some(&pin));
//! let sealed = document::seal_document_bytes(&grant_key.recipient(), b"CPAS decision")?;
//! let fragment = secret.to_fragment(); // put after '#' in the link
//!
//! // The worker, with the link and the PIN told aloud.
//! let secret = GrantSecret::from_fragment(&fragment)?;
//! let _access = secret.access_token(); // sent to see the grant
//! let _pin_token = secret.pin_token(&pin); // sent to open it (counted)
//! let key = grant::open_grant_key(&secret, Some(&pin), &wrapped)?;
//! let mut plain = Vec::new();
//! document::open_document(&key, &sealed[..], &mut plain)?;
//! assert_eq!(plain, b"CPAS decision");
//! # Ok::<(), pde_crypto::CryptoError>(())
//! ```

use std::fmt;

use base64::Engine as _;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use std::io::Write;

use crate::document::{self, DocumentId};
use crate::metadata::{self, DocumentMetadata};
use crate::util::LinkSecret;
use crate::wallet::{self, WalletKey, WalletRecipient, WrappedWalletKey};
use crate::{CryptoError, Result};

/// Length of a grant secret in bytes.
pub const GRANT_SECRET_LEN: usize = 32;
/// Fewest digits in a grant PIN.
pub const MIN_PIN_DIGITS: usize = 4;
/// Most digits in a grant PIN.
pub const MAX_PIN_DIGITS: usize = 8;

const FRAGMENT: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The grant's secret `G`. No `Debug`, `Display`, `Clone` or `Serialize`: it opens the grant.
pub struct GrantSecret(LinkSecret);

impl GrantSecret {
    /// A new random secret.
    pub fn generate() -> Self {
        Self(LinkSecret::generate())
    }

    /// The secret as it goes into the link's fragment: 43 characters of URL-safe base64.
    pub fn to_fragment(&self) -> Zeroizing<String> {
        self.0.to_fragment()
    }

    /// Reads the secret from a link's fragment (with or without the leading `#`).
    pub fn from_fragment(fragment: &str) -> Result<Self> {
        LinkSecret::from_fragment(fragment, "grant secret").map(Self)
    }

    /// The token that shows the grant exists (sent to the server, which stores its hash).
    pub fn access_token(&self) -> GrantToken {
        GrantToken(*self.0.derive(b"pde/v1/grant/access"))
    }

    /// The token that proves the PIN (sent to the server, which stores its hash and counts
    /// wrong ones).
    pub fn pin_token(&self, pin: &GrantPin) -> GrantToken {
        let info = Zeroizing::new(format!("pde/v1/grant/pin:{}", pin.digits()));
        GrantToken(*self.0.derive(info.as_bytes()))
    }

    /// The secret that wraps the grant key: from `G`, and the PIN when there is one.
    fn key_secret(&self, pin: Option<&GrantPin>) -> Zeroizing<[u8; 32]> {
        let info = Zeroizing::new(match pin {
            Some(pin) => format!("pde/v1/grant/key:{}", pin.digits()),
            None => "pde/v1/grant/key".to_owned(),
        });
        self.0.derive(info.as_bytes())
    }
}

/// A grant PIN: 4 to 8 digits, meant to be told aloud. No `Debug` or `Display`.
pub struct GrantPin(Zeroizing<String>);

impl GrantPin {
    /// Accepts 4 to 8 ASCII digits; spaces (as in "48 21") are ignored.
    pub fn parse(text: &str) -> Result<Self> {
        let digits: Zeroizing<String> =
            Zeroizing::new(text.chars().filter(|c| *c != ' ').collect());
        let count = digits.chars().count();
        if !(MIN_PIN_DIGITS..=MAX_PIN_DIGITS).contains(&count)
            || !digits.chars().all(|c| c.is_ascii_digit())
        {
            return Err(CryptoError::InvalidParameters("grant PIN: 4 to 8 digits"));
        }
        Ok(Self(digits))
    }

    fn digits(&self) -> &str {
        &self.0
    }
}

/// A token derived from the grant secret, sent to the server. The server stores only its
/// [`GrantToken::hash`] and compares hashes.
#[derive(Clone, PartialEq, Eq)]
pub struct GrantToken([u8; 32]);

impl GrantToken {
    pub(crate) fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A random token (the server's opening tokens).
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// Reads a token sent as URL-safe base64 (as in [`GrantToken::to_text`]).
    pub fn from_text(text: &str) -> Result<Self> {
        let bytes = FRAGMENT
            .decode(text.trim())
            .map_err(|_| CryptoError::Malformed("grant token"))?;
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|_| CryptoError::Malformed("grant token"))?;
        Ok(Self(bytes))
    }

    /// The token as sent to the server: URL-safe base64.
    pub fn to_text(&self) -> String {
        FRAGMENT.encode(self.0)
    }

    /// SHA-256 of the token: what the server stores and compares.
    pub fn hash(&self) -> [u8; 32] {
        Sha256::digest(self.0).into()
    }
}

impl fmt::Debug for GrantToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("GrantToken(…)")
    }
}

/// The id a granted document's metadata is sealed under: its place in the grant, so that the
/// server can't reorder or swap the records of a grant unnoticed (the copies themselves are
/// bound by their digest, see [`seal_copy_record`]).
pub fn document_id(position: u32) -> DocumentId {
    let mut bytes = *b"pde-grant-doc\0\0\0";
    bytes[12..].copy_from_slice(&position.to_be_bytes());
    DocumentId::from_bytes(bytes)
}

/// Seals the record of the copy at `position` to the grant key: the holder's (chosen) metadata
/// and the SHA-256 of the copy's ciphertext, so that the server can't serve one copy of the
/// grant under another's name.
pub fn seal_copy_record(
    grant_recipient: &WalletRecipient,
    position: u32,
    meta: &DocumentMetadata,
    copy: &[u8],
) -> Result<Vec<u8>> {
    let record = DocumentMetadata {
        copy_sha256: Some(Sha256::digest(copy).to_vec()),
        ..meta.clone()
    };
    metadata::seal_metadata(grant_recipient, &document_id(position), &record)
}

/// Opens the record of the copy at `position`; a record without a copy digest is refused.
pub fn open_copy_record(key: &WalletKey, position: u32, sealed: &[u8]) -> Result<DocumentMetadata> {
    let record = metadata::open_metadata(key, &document_id(position), sealed)?;
    match &record.copy_sha256 {
        Some(digest) if digest.len() == 32 => Ok(record),
        _ => Err(CryptoError::Malformed("grant copy digest")),
    }
}

/// Decrypts a granted copy into `output` after checking it is the one `record` describes
/// ([`CryptoError::Tampered`] otherwise: nothing is written).
pub fn open_copy<W: Write>(
    key: &WalletKey,
    record: &DocumentMetadata,
    copy: &[u8],
    output: W,
) -> Result<u64> {
    let expected = record
        .copy_sha256
        .as_deref()
        .ok_or(CryptoError::Malformed("grant copy digest"))?;
    if Sha256::digest(copy).as_slice() != expected {
        return Err(CryptoError::Tampered);
    }
    document::open_document(key, copy, output)
}

/// Makes a fresh grant key and wraps it for the server under the secret (and the PIN, when
/// there is one). Seal the granted documents to the key's recipient, then drop the key.
pub fn new_grant_key(
    secret: &GrantSecret,
    pin: Option<&GrantPin>,
) -> (WalletKey, WrappedWalletKey) {
    let key = WalletKey::generate();
    let wrapped = wallet::wrap_with_grant_secret(&key, &secret.key_secret(pin));
    (key, wrapped)
}

/// Unwraps the grant key with the secret and the PIN. [`CryptoError::WrongSecret`] when either
/// is wrong (or a PIN is given for a grant without one, or the other way round).
pub fn open_grant_key(
    secret: &GrantSecret,
    pin: Option<&GrantPin>,
    wrapped: &WrappedWalletKey,
) -> Result<WalletKey> {
    wallet::unwrap_with_grant_secret(wrapped, &secret.key_secret(pin))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::metadata::Category;

    #[test]
    fn fragments_round_trip_and_bad_ones_are_refused() {
        let secret = GrantSecret::generate();
        let fragment = secret.to_fragment();
        assert_eq!(fragment.len(), 43);
        assert!(fragment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let back = GrantSecret::from_fragment(&format!("#{}", &*fragment)).unwrap();
        assert_eq!(back.access_token(), secret.access_token());
        for bad in [
            "",
            "#",
            "abc",
            &fragment[..42],
            &format!("{}AA", &*fragment),
            "!!!!",
        ] {
            assert!(GrantSecret::from_fragment(bad).is_err(), "{bad:?}");
        }
        assert_ne!(
            GrantSecret::generate().access_token(),
            secret.access_token()
        );
    }

    #[test]
    fn pins_are_four_to_eight_digits() {
        for good in ["0000", "4821", "48 21", "12345678"] {
            assert!(GrantPin::parse(good).is_ok(), "{good}");
        }
        for bad in ["", "123", "123456789", "12a4", "１２３４", "12-34"] {
            assert!(GrantPin::parse(bad).is_err(), "{bad}");
        }
        let secret = GrantSecret::generate();
        assert_eq!(
            secret.pin_token(&GrantPin::parse("48 21").unwrap()),
            secret.pin_token(&GrantPin::parse("4821").unwrap())
        );
    }

    #[test]
    fn tokens_depend_on_what_they_should() {
        let secret = GrantSecret::generate();
        let (a, b) = (
            GrantPin::parse("1111").unwrap(),
            GrantPin::parse("1112").unwrap(),
        );
        let access = secret.access_token();
        assert_ne!(secret.pin_token(&a), secret.pin_token(&b));
        assert_ne!(secret.pin_token(&a), access);
        assert_ne!(GrantSecret::generate().pin_token(&a), secret.pin_token(&a));
        assert_eq!(GrantToken::from_text(&access.to_text()).unwrap(), access);
        assert!(GrantToken::from_text("short").is_err());
        assert_ne!(GrantToken::random(), GrantToken::random());
        assert_ne!(access.hash(), access.0);
        assert!(!format!("{access:?}").contains(&access.to_text()));
    }

    #[test]
    fn the_grant_key_needs_the_secret_and_the_pin() {
        let secret = GrantSecret::generate();
        let pin = GrantPin::parse("4821").unwrap();
        let (key, wrapped) = new_grant_key(&secret, Some(&pin));
        let sealed = document::seal_document_bytes(&key.recipient(), b"decision").unwrap();

        let opened = open_grant_key(&secret, Some(&pin), &wrapped).unwrap();
        let mut plain = Vec::new();
        document::open_document(&opened, &sealed[..], &mut plain).unwrap();
        assert_eq!(plain, b"decision");

        let wrong_pin = GrantPin::parse("4822").unwrap();
        assert_eq!(
            open_grant_key(&secret, Some(&wrong_pin), &wrapped).err(),
            Some(CryptoError::WrongSecret)
        );
        assert_eq!(
            open_grant_key(&secret, None, &wrapped).err(),
            Some(CryptoError::WrongSecret)
        );
        assert_eq!(
            open_grant_key(&GrantSecret::generate(), Some(&pin), &wrapped).err(),
            Some(CryptoError::WrongSecret)
        );

        // Without a PIN, the secret alone opens it, and a PIN is then refused.
        let (key, wrapped) = new_grant_key(&secret, None);
        assert_eq!(
            open_grant_key(&secret, None, &wrapped).unwrap().recipient(),
            key.recipient()
        );
        assert!(open_grant_key(&secret, Some(&pin), &wrapped).is_err());
        // A grant key is a different key from any wallet key, every time.
        assert_ne!(new_grant_key(&secret, None).0.recipient(), key.recipient());
    }

    fn record(name: &str) -> DocumentMetadata {
        DocumentMetadata {
            name: name.into(),
            mime: "application/pdf".into(),
            category: Category::SocialAid,
            note: String::new(),
            created_at: 0,
            issued_on: None,
            expires_on: None,
            thumbnail: None,
            copy_sha256: None,
        }
    }

    #[test]
    fn copies_swapped_inside_a_grant_are_refused() {
        let secret = GrantSecret::generate();
        let (key, _) = new_grant_key(&secret, None);
        let copies = [b"CPAS decision".as_slice(), b"medical card".as_slice()];
        let mut records = Vec::new();
        let mut sealed = Vec::new();
        for (position, content) in copies.iter().enumerate() {
            let copy = document::seal_document_bytes(&key.recipient(), content).unwrap();
            let name = format!("document {position}");
            records.push(
                seal_copy_record(&key.recipient(), position as u32, &record(&name), &copy).unwrap(),
            );
            sealed.push(copy);
        }
        let first = open_copy_record(&key, 0, &records[0]).unwrap();
        assert_eq!(first.name, "document 0");
        let mut plain = Vec::new();
        open_copy(&key, &first, &sealed[0], &mut plain).unwrap();
        assert_eq!(plain, copies[0]);

        // The server serves the second copy at the first position: refused, nothing shown.
        let mut plain = Vec::new();
        assert_eq!(
            open_copy(&key, &first, &sealed[1], &mut plain).err(),
            Some(CryptoError::Tampered)
        );
        assert!(plain.is_empty());
        // Nor can it swap the records themselves.
        assert_eq!(
            open_copy_record(&key, 0, &records[1]).err(),
            Some(CryptoError::Tampered)
        );
        // A record without a digest (sealed the old way) is refused.
        let bare =
            metadata::seal_metadata(&key.recipient(), &document_id(0), &record("x")).unwrap();
        assert!(open_copy_record(&key, 0, &bare).is_err());
    }

    #[test]
    fn document_ids_follow_the_position() {
        assert_ne!(document_id(0), document_id(1));
        assert_eq!(document_id(7), document_id(7));
    }

    #[test]
    fn the_wrapped_key_says_it_is_a_grant_key() {
        let secret = GrantSecret::generate();
        let (_, wrapped) = new_grant_key(&secret, None);
        assert_eq!(wrapped.method, wallet::UnlockMethod::Grant);
        let parsed = WrappedWalletKey::from_bytes(&wrapped.to_bytes()).unwrap();
        assert!(open_grant_key(&secret, None, &parsed).is_ok());
        // It can't be mistaken for a wallet's recovery copy.
        let recovery = wallet::RecoveryKey::generate();
        assert!(wallet::unwrap_with_recovery_key(&parsed, &recovery).is_err());
    }
}
