//! Keys under which a server counts login attempts per name, without keeping what was typed.
//!
//! A back-off record must be found again by the name it counts, so it is keyed by a function of
//! the name. A plain hash would let anyone holding the database recover the text: a PIN typed into
//! the wallet-number field falls in 10^4 hashes. The key is therefore an HMAC-SHA256 under a
//! secret derived from the server setup, which lives outside the database.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::opaque::ServerSetup;

const KEY_INFO: &[u8] = b"pde/name-keys/v1";

/// The server's secret for name keys. No `Debug`, `Clone` or `Serialize`: it is a secret.
pub struct NameKeys(Zeroizing<[u8; 32]>);

impl NameKeys {
    /// Derives the secret from the server setup.
    pub fn from_server_setup(setup: &ServerSetup) -> Self {
        Self(setup.derive_secret(KEY_INFO))
    }

    /// The key of `name` (in canonical form) for `purpose` (which counter it is).
    ///
    /// ```
    /// use pde_crypto::{names::NameKeys, opaque::ServerSetup};
    /// let keys = NameKeys::from_server_setup(&ServerSetup::generate());
    /// let a = keys.key("login", "number:K7QM-4XTA-9CRW");
    /// assert_eq!(a, keys.key("login", "number:K7QM-4XTA-9CRW"));
    /// assert_ne!(a, keys.key("hidden", "number:K7QM-4XTA-9CRW"));
    /// ```
    pub fn key(&self, purpose: &str, name: &str) -> Vec<u8> {
        // HMAC takes keys of any length: this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.0.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(name.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    #[test]
    fn keys_depend_on_the_server_and_are_not_plain_hashes() {
        let setup = ServerSetup::generate();
        let keys = NameKeys::from_server_setup(&setup);
        let key = keys.key("login", "invalid:1234");
        assert_eq!(key.len(), 32);
        assert_eq!(
            key,
            NameKeys::from_server_setup(&setup).key("login", "invalid:1234")
        );
        let other = NameKeys::from_server_setup(&ServerSetup::generate());
        assert_ne!(key, other.key("login", "invalid:1234"));
        assert_ne!(key, keys.key("login", "invalid:1235"));
        assert_ne!(key, Sha256::digest(b"login\0invalid:1234").to_vec());
    }
}
