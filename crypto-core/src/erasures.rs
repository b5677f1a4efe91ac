//! Marks of erased wallets, for the erasure journal that a restore replays.
//!
//! A restore from a backup must not bring back a wallet erased after that backup was taken, so
//! the server writes each erasure to a journal beside the backups. The journal must not itself
//! say which wallets existed: it holds an HMAC-SHA256 of the wallet id under a secret derived
//! from the server setup (which lives outside the data and the backups), so a journal read
//! without the secrets directory matches nothing.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::opaque::ServerSetup;

const KEY_INFO: &[u8] = b"pde/erasure-marks/v1";

/// The server's secret for erasure marks. No `Debug`, `Clone` or `Serialize`: it is a secret.
pub struct ErasureMarks(Zeroizing<[u8; 32]>);

impl ErasureMarks {
    /// Derives the secret from the server setup.
    pub fn from_server_setup(setup: &ServerSetup) -> Self {
        Self(setup.derive_secret(KEY_INFO))
    }

    /// The mark of the wallet part `wallet_id`.
    ///
    /// ```
    /// use pde_crypto::{erasures::ErasureMarks, opaque::ServerSetup};
    /// let marks = ErasureMarks::from_server_setup(&ServerSetup::generate());
    /// assert_eq!(marks.mark("w1"), marks.mark("w1"));
    /// assert_ne!(marks.mark("w1"), marks.mark("w2"));
    /// ```
    pub fn mark(&self, wallet_id: &str) -> [u8; 32] {
        // HMAC takes keys of any length: this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.0.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(wallet_id.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_depend_on_the_server_and_on_nothing_else() {
        let setup = ServerSetup::generate();
        let marks = ErasureMarks::from_server_setup(&setup);
        let other = ErasureMarks::from_server_setup(&ServerSetup::generate());
        assert_ne!(marks.mark("w1"), other.mark("w1"));
        assert_eq!(
            marks.mark("w1"),
            ErasureMarks::from_server_setup(&setup).mark("w1")
        );
    }
}
