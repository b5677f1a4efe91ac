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
//! The worker seals each document to the holder's recipient (age, fresh file key): neither the
//! worker nor the server can read it afterwards, and the worker's access token lets it send, not
//! list or fetch. A deposited document has no tag (the tag key comes from the wallet key, which
//! only the holder has): the wallet shows it as "received, sender unverified".
//!
//! ```
//! use pde_crypto::deposit::DepositSecret;
//! use pde_crypto::wallet::WalletKey;
//!
//! // The holder.
//! let wallet = WalletKey::generate();
//! let secret = DepositSecret::generate();
//! let check = secret.recipient_check(&wallet.recipient());
//! let fragment = secret.to_fragment(); // after '#' in the link
//!
//! // The worker, with the link, and the key and check as the server gave them.
//! let secret = DepositSecret::from_fragment(&fragment)?;
//! let recipient = secret.verify_recipient(wallet.recipient().as_str(), &check)?;
//! assert_eq!(recipient, wallet.recipient());
//! // A key the server swapped in is refused.
//! let other = WalletKey::generate().recipient();
//! assert!(secret.verify_recipient(other.as_str(), &check).is_err());
//! # Ok::<(), pde_crypto::CryptoError>(())
//! ```

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::grant::GrantToken;
use crate::util::LinkSecret;
use crate::wallet::WalletRecipient;
use crate::{CryptoError, Result};

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

    /// Checks (in constant time) the public key the server gave against the check, and parses
    /// it. [`CryptoError::Tampered`] when the key is not the one the holder put behind the link.
    pub fn verify_recipient(&self, recipient: &str, check: &[u8]) -> Result<WalletRecipient> {
        let parsed: WalletRecipient = recipient.parse()?;
        let mut mac = self.recipient_mac();
        mac.update(parsed.as_str().as_bytes());
        mac.verify_slice(check).map_err(|_| CryptoError::Tampered)?;
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::wallet::WalletKey;

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
                .verify_recipient(wallet.recipient().as_str(), &check)
                .unwrap(),
            wallet.recipient()
        );
        // Another key, another secret, a changed check: all refused.
        let other = WalletKey::generate().recipient();
        assert!(secret.verify_recipient(other.as_str(), &check).is_err());
        let another = DepositSecret::generate();
        assert!(another
            .verify_recipient(wallet.recipient().as_str(), &check)
            .is_err());
        let mut changed = check;
        changed[0] ^= 1;
        assert!(secret
            .verify_recipient(wallet.recipient().as_str(), &changed)
            .is_err());
        assert!(secret
            .verify_recipient(wallet.recipient().as_str(), &check[..31])
            .is_err());
        assert!(secret.verify_recipient("not a key", &check).is_err());
    }

    #[test]
    fn the_access_token_differs_from_a_grants() {
        let secret = DepositSecret::generate();
        let as_grant = crate::grant::GrantSecret::from_fragment(&secret.to_fragment()).unwrap();
        assert_ne!(secret.access_token(), as_grant.access_token());
    }
}
