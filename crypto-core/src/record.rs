//! The holder's own records: metadata, and the labels of grant and deposit links.
//!
//! They are sealed to the wallet's *public* recipient, which the server knows (deposit links
//! need it), so sealing alone proves nothing about who wrote a record. The holder's vault
//! therefore appends an authenticator: `HMAC-SHA256(K, version ‖ kind ‖ id ‖ sealed bytes)` with
//! `K = HKDF-SHA256(wallet secret, "pde/v1/record-auth")`, checked before anything is decrypted.
//! Only the wallet key makes one, so a record written by the server (or by a depositor) never
//! passes for one of the holder's own. The kind keeps the holder's record of a *received*
//! document apart from the record of one the holder added: authenticating a received document
//! never turns it into one of the holder's own.
//!
//! ```
//! use pde_crypto::record::{self, RecordKind};
//! use pde_crypto::wallet::WalletKey;
//!
//! let key = WalletKey::generate();
//! let sealed = b"an age file".to_vec();
//! let own = record::authenticate(&key, RecordKind::GrantLabel, b"", sealed.clone());
//! assert_eq!(record::verify(&key, RecordKind::GrantLabel, b"", &own)?, &sealed[..]);
//! assert!(record::verify(&key, RecordKind::DepositLabel, b"", &own).is_err());
//! assert!(record::verify(&WalletKey::generate(), RecordKind::GrantLabel, b"", &own).is_err());
//! # Ok::<(), pde_crypto::CryptoError>(())
//! ```

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::wallet::WalletKey;
use crate::{CryptoError, Result};

/// Length of the authenticator appended to a record.
pub const AUTH_LEN: usize = 32;
const AUTH_VERSION: u8 = 1;

/// What a record is; part of what its authenticator covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    /// The metadata of a document the holder added.
    Metadata,
    /// The metadata of a document received through a deposit link, authenticated by the
    /// holder after it arrived (its sender stays unverified).
    ReceivedMetadata,
    /// The holder's record of a grant link (its label and the documents' names).
    GrantLabel,
    /// The label of a deposit link.
    DepositLabel,
}

impl RecordKind {
    fn byte(self) -> u8 {
        match self {
            RecordKind::Metadata => 1,
            RecordKind::ReceivedMetadata => 2,
            RecordKind::GrantLabel => 3,
            RecordKind::DepositLabel => 4,
        }
    }
}

fn record_mac(key: &WalletKey, kind: RecordKind, id: &[u8], sealed: &[u8]) -> Hmac<Sha256> {
    let k = key.derive(b"pde/v1/record-auth");
    // HMAC accepts keys of any length.
    #[allow(clippy::expect_used)]
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&k[..]).expect("HMAC takes any key");
    mac.update(&[AUTH_VERSION, kind.byte()]);
    mac.update(&(id.len() as u32).to_le_bytes());
    mac.update(id);
    mac.update(sealed);
    mac
}

/// Appends the authenticator of `sealed` (a record of `kind`, about `id`) under the wallet key.
pub fn authenticate(key: &WalletKey, kind: RecordKind, id: &[u8], mut sealed: Vec<u8>) -> Vec<u8> {
    let mac = record_mac(key, kind, id, &sealed).finalize().into_bytes();
    sealed.extend_from_slice(&mac);
    sealed
}

/// Checks a record's authenticator in constant time and returns the sealed bytes before it;
/// [`CryptoError::Tampered`] when the wallet key did not make it for this kind and id.
pub fn verify<'a>(
    key: &WalletKey,
    kind: RecordKind,
    id: &[u8],
    record: &'a [u8],
) -> Result<&'a [u8]> {
    let split = record
        .len()
        .checked_sub(AUTH_LEN)
        .ok_or(CryptoError::Tampered)?;
    let (sealed, mac) = record.split_at(split);
    record_mac(key, kind, id, sealed)
        .verify_slice(mac)
        .map_err(|_| CryptoError::Tampered)?;
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn only_the_wallet_key_authenticates_and_everything_is_bound() {
        let key = WalletKey::generate();
        let sealed = vec![7u8; 100];
        let own = authenticate(&key, RecordKind::Metadata, b"id-1", sealed.clone());
        assert_eq!(own.len(), sealed.len() + AUTH_LEN);
        assert_eq!(
            verify(&key, RecordKind::Metadata, b"id-1", &own).unwrap(),
            &sealed[..]
        );
        let refused = |record: &[u8], kind, id: &[u8], key: &WalletKey| {
            assert_eq!(
                verify(key, kind, id, record).err(),
                Some(CryptoError::Tampered)
            );
        };
        refused(&own, RecordKind::ReceivedMetadata, b"id-1", &key);
        refused(&own, RecordKind::Metadata, b"id-2", &key);
        refused(&own, RecordKind::Metadata, b"id-1", &WalletKey::generate());
        refused(&sealed, RecordKind::Metadata, b"id-1", &key);
        refused(&[], RecordKind::Metadata, b"id-1", &key);
        for i in [0, 50, own.len() - 1] {
            let mut bad = own.clone();
            bad[i] ^= 1;
            refused(&bad, RecordKind::Metadata, b"id-1", &key);
        }
        // The id's length is bound too: ("id-1", sealed) and ("id-", "1" ‖ sealed) differ.
        let mut shifted = b"1".to_vec();
        shifted.extend_from_slice(&sealed);
        let other = authenticate(&key, RecordKind::Metadata, b"id-", shifted);
        assert_ne!(other[other.len() - AUTH_LEN..], own[own.len() - AUTH_LEN..]);
    }
}
