//! Deposit links: a worker with no account drops documents into a holder's wallet.
//!
//! A deposit starts from a random 256-bit secret `D` in the link's fragment (`…/d/<id>#<D>`),
//! which browsers never send. From it:
//!
//! - the **access token** `HKDF(D, "pde/v1/deposit/access")`: the server keeps its SHA-256 and
//!   answers anything else like an unknown link;
//! - the **recipient check** `HMAC-SHA256(HKDF(D, "pde/v1/deposit/recipient"), recipient)`: the
//!   holder's browser computes it for the wallet's public key and the server keeps it beside the
//!   link. The worker's browser gets the public key and the check from the server and verifies
//!   the check with `D` before encrypting anything: a server that swaps in its own key can't make
//!   a check that verifies, because it never sees `D`.
//!
//! The key behind a link is the link's own: an X25519 key pair derived from the wallet key and a
//! random [`DepositKeyId`] the holder's browser picks for the link ([`link_key`]). The server
//! keeps the id and the public key beside the link and never learns the secret; the holder
//! derives it again from the wallet key whenever a document that came through the link is opened
//! ([`received_content_key`]). Every link thus shows a key of its own, never the wallet's: a
//! link made in a hidden part looks like any other and tells nobody who holds it that the part
//! exists.
//!
//! The worker seals each document to the link's recipient (age, fresh file key): neither the
//! worker nor the server can read it afterwards, and the worker's access token lets it send, not
//! list or fetch. A deposited document has no tag (the tag key comes from the wallet key, which
//! only the holder has): the wallet shows it as "received, sender unverified".
//!
//! ```
//! use pde_crypto::deposit::{link_key, received_content_key, DepositKeyId, DepositSecret};
//! use pde_crypto::wallet::WalletKey;
//!
//! // The holder.
//! let wallet = WalletKey::generate();
//! let key_id = DepositKeyId::generate();
//! let link = link_key(&wallet, &key_id);
//! assert_ne!(link.recipient(), wallet.recipient());
//! let secret = DepositSecret::generate();
//! let check = secret.recipient_check(&link.recipient());
//! let fragment = secret.to_fragment(); // after '#' in the link
//!
//! // The worker, with the link, and the key and check as the server gave them.
//! let secret = DepositSecret::from_fragment(&fragment)?;
//! let recipient = secret.verify_recipient(&link.recipient(), &check)?;
//! assert_eq!(recipient, link.recipient());
//! // A key the server swapped in is refused.
//! let other = WalletKey::generate().recipient();
//! assert!(secret.verify_recipient(&other, &check).is_err());
//!
//! // The holder, later: the same key again, from the wallet key and the id the server kept.
//! let again = received_content_key(&wallet, Some(&key_id));
//! assert_eq!(again.recipient(), link.recipient());
//! # Ok::<(), pde_crypto::CryptoError>(())
//! ```

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::grant::GrantToken;
use crate::util::LinkSecret;
use crate::wallet::{WalletKey, WalletRecipient};
use crate::{CryptoError, Result};

/// Length of a [`DepositKeyId`].
pub const DEPOSIT_KEY_ID_LEN: usize = 16;

/// Names the key pair of one deposit link: random, public (the server keeps it beside the link
/// and beside every document that came through it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DepositKeyId([u8; DEPOSIT_KEY_ID_LEN]);

impl DepositKeyId {
    /// A new random id.
    pub fn generate() -> Self {
        let mut bytes = [0u8; DEPOSIT_KEY_ID_LEN];
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut bytes);
        Self(bytes)
    }

    /// Reads an id ([`CryptoError::Malformed`] unless it has exactly 16 bytes).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        bytes
            .try_into()
            .map(Self)
            .map_err(|_| CryptoError::Malformed("deposit key id"))
    }

    /// The id's bytes.
    pub fn as_bytes(&self) -> &[u8; DEPOSIT_KEY_ID_LEN] {
        &self.0
    }
}

/// The key pair of the deposit link named `key_id`: its secret comes from the wallet key, so
/// only the holder has it, and nothing about it (nor its public key) links it to the wallet.
pub fn link_key(wallet: &WalletKey, key_id: &DepositKeyId) -> WalletKey {
    let mut info = b"pde/v1/deposit/link-key/".to_vec();
    info.extend_from_slice(&key_id.0);
    WalletKey::from_secret_bytes(&wallet.derive(&info))
}

/// The key that opens what came through a deposit link: the link's own ([`link_key`]), or the
/// wallet's for a link made before links had keys of their own (`None`).
pub fn received_content_key(wallet: &WalletKey, key_id: Option<&DepositKeyId>) -> WalletKey {
    match key_id {
        Some(key_id) => link_key(wallet, key_id),
        None => wallet.duplicate(),
    }
}

/// The deposit link's secret `D`. No `Debug`, `Display`, `Clone` or `Serialize`.
pub struct DepositSecret(LinkSecret);

impl DepositSecret {
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
        LinkSecret::from_fragment(fragment, "deposit secret").map(Self)
    }

    /// The token that lets the worker see the link and send documents (the server stores its
    /// hash).
    pub fn access_token(&self) -> GrantToken {
        GrantToken::from_bytes(*self.0.derive(b"pde/v1/deposit/access"))
    }

    fn recipient_mac(&self) -> Hmac<Sha256> {
        let key = self.0.derive(b"pde/v1/deposit/recipient");
        // HMAC takes keys of any length: this cannot fail.
        <Hmac<Sha256> as Mac>::new_from_slice(&key[..])
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
    }

    /// The check the holder's browser stores beside the link for the wallet's public key.
    pub fn recipient_check(&self, recipient: &WalletRecipient) -> [u8; 32] {
        let mut mac = self.recipient_mac();
        mac.update(recipient.as_str().as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Checks (in constant time) the public key the server gave against the check, and returns
    /// it to encrypt to. [`CryptoError::Tampered`] when the key is not the one the holder put
    /// behind the link.
    pub fn verify_recipient(
        &self,
        recipient: &WalletRecipient,
        check: &[u8],
    ) -> Result<WalletRecipient> {
        let mut mac = self.recipient_mac();
        mac.update(recipient.as_str().as_bytes());
        mac.verify_slice(check).map_err(|_| CryptoError::Tampered)?;
        Ok(recipient.clone())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::document::{open_document, seal_document_bytes, DocumentId};
    use crate::metadata::{open_metadata, seal_metadata, Category, DocumentMetadata};

    #[test]
    fn fragments_round_trip_and_bad_ones_are_refused() {
        let secret = DepositSecret::generate();
        let fragment = secret.to_fragment();
        assert_eq!(fragment.len(), 43);
        let back = DepositSecret::from_fragment(&format!("#{}", &*fragment)).unwrap();
        assert_eq!(back.access_token(), secret.access_token());
        for bad in [
            "",
            "#",
            "abc",
            &fragment[..42],
            &format!("{}AA", &*fragment),
        ] {
            assert!(DepositSecret::from_fragment(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_recipient_check_binds_the_key_to_the_secret() {
        let wallet = WalletKey::generate();
        let secret = DepositSecret::generate();
        let check = secret.recipient_check(&wallet.recipient());
        assert_eq!(
            secret
                .verify_recipient(&wallet.recipient(), &check)
                .unwrap(),
            wallet.recipient()
        );
        // Another key, another secret, a changed check: all refused.
        let other = WalletKey::generate().recipient();
        assert!(secret.verify_recipient(&other, &check).is_err());
        let another = DepositSecret::generate();
        assert!(another
            .verify_recipient(&wallet.recipient(), &check)
            .is_err());
        let mut changed = check;
        changed[0] ^= 1;
        assert!(secret
            .verify_recipient(&wallet.recipient(), &changed)
            .is_err());
        assert!(secret
            .verify_recipient(&wallet.recipient(), &check[..31])
            .is_err());
    }

    #[test]
    fn the_access_token_differs_from_a_grants() {
        let secret = DepositSecret::generate();
        let as_grant = crate::grant::GrantSecret::from_fragment(&secret.to_fragment()).unwrap();
        assert_ne!(secret.access_token(), as_grant.access_token());
    }

    #[test]
    fn each_link_has_a_key_of_its_own_that_only_the_wallet_key_gives_back() {
        let wallet = WalletKey::generate();
        let first = DepositKeyId::generate();
        let second = DepositKeyId::generate();
        let a = link_key(&wallet, &first);
        let b = link_key(&wallet, &second);
        // Deterministic from the wallet key and the id, different per link and per wallet.
        assert_eq!(link_key(&wallet, &first).recipient(), a.recipient());
        assert_ne!(a.recipient(), b.recipient());
        assert_ne!(a.recipient(), wallet.recipient());
        assert_ne!(
            link_key(&WalletKey::generate(), &first).recipient(),
            a.recipient()
        );
        // A real age key pair: what the worker seals to it opens with it and nothing else.
        let id = DocumentId::random();
        let sealed = seal_document_bytes(&a.recipient(), b"attestation").unwrap();
        let opener = received_content_key(&wallet, Some(&first));
        let opened = open_document(&opener, &sealed[..], &mut Vec::new()).unwrap();
        assert_eq!(opened, 11);
        assert!(open_document(&wallet, &sealed[..], &mut Vec::new()).is_err());
        assert!(open_document(&b, &sealed[..], &mut Vec::new()).is_err());
        let meta = DocumentMetadata {
            name: "attestation.pdf".into(),
            mime: "application/pdf".into(),
            category: Category::Other,
            note: String::new(),
            created_at: 1,
            issued_on: None,
            expires_on: None,
            thumbnail: None,
            copy_sha256: None,
        };
        let record = seal_metadata(&a.recipient(), &id, &meta).unwrap();
        assert_eq!(open_metadata(&opener, &id, &record).unwrap(), meta);
        // Links made before keys of their own: the wallet key opens them.
        assert_eq!(
            received_content_key(&wallet, None).recipient(),
            wallet.recipient()
        );
    }

    #[test]
    fn key_ids_have_sixteen_bytes() {
        let id = DepositKeyId::generate();
        assert_eq!(DepositKeyId::from_bytes(id.as_bytes()).unwrap(), id);
        assert!(DepositKeyId::from_bytes(&[0; 15]).is_err());
        assert!(DepositKeyId::from_bytes(&[0; 17]).is_err());
    }
}
