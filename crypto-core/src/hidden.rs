//! Finding a hidden part of a wallet by its secret, without the server learning anything it
//! could guess offline.
//!
//! A wallet may have hidden parts, each with its own key and its own OPAQUE credential, opened
//! by its own secret. To know *which* credential to run OPAQUE against, the client first turns
//! the typed secret into a **slot** through an OPRF (RFC 9497, Ristretto255, the `voprf` crate)
//! with a key the server derives from its OPAQUE server setup and the wallet: the server sees a
//! blinded point and learns nothing of the secret; the client gets `OPRF(key, secret)` and
//! stretches it with Argon2id into the slot it sends next. The database stores slots, which, like
//! OPAQUE password files, allow no offline guessing without the server setup (kept outside the
//! database); with the setup too, every guess still costs one Argon2id run.
//!
//! The Argon2id parameters ([`KsfParams`]) are the wallet's own, fixed when it is created and
//! told by the server with the OPRF answer (the server's defaults for a name that has no wallet):
//! a new everyday secret never changes them, or every hidden part would be lost.
//!
//! Every secret gives a slot, for every wallet, with or without hidden parts: a slot that
//! matches nothing gets OPAQUE's dummy answer, so the answers do not tell whether a wallet has
//! a hidden part.

use rand_core::OsRng;
use voprf::{BlindedElement, EvaluationElement, OprfClient, OprfServer, Ristretto255};
use zeroize::Zeroizing;

use crate::opaque::{KsfParams, ServerSetup};
use crate::{CryptoError, Result};

const SEED_INFO: &[u8] = b"pde/hidden-slot/oprf-seed/v1";
/// Argon2's salt: the OPRF output is already unique per wallet and server, so a fixed,
/// versioned label is enough.
const SLOT_SALT: &[u8] = b"pde/hidden-slot/v2";

/// Length of a slot, in bytes.
pub const SLOT_LEN: usize = 32;

/// The server's seed for slot keys, derived (HKDF-SHA512) from its OPAQUE server setup, so no
/// new secret file has to be kept and backed up. No `Debug`: it is a secret.
pub struct SlotSeed(Zeroizing<[u8; 32]>);

impl SlotSeed {
    /// Derives the seed from the server setup.
    pub fn from_server_setup(setup: &ServerSetup) -> Self {
        Self(setup.derive_secret(SEED_INFO))
    }

    /// Answers a client's blinded secret with the key of `wallet` (the wallet's id, or for an
    /// unknown login the canonical name, so unknown wallets answer alike).
    pub fn evaluate(&self, wallet: &[u8], blinded: &[u8]) -> Result<Vec<u8>> {
        let server = OprfServer::<Ristretto255>::new_from_seed(self.0.as_ref(), wallet)
            .map_err(|_| CryptoError::InvalidParameters("slot key"))?;
        let blinded = BlindedElement::<Ristretto255>::deserialize(blinded)
            .map_err(|_| CryptoError::Malformed("blinded secret"))?;
        Ok(server.blind_evaluate(&blinded).serialize().to_vec())
    }
}

/// The client between its two slot messages. No `Debug`: it holds the blind.
pub struct SlotClient(OprfClient<Ristretto255>);

/// A hidden part's slot: what the server looks it up by.
#[derive(Clone, PartialEq, Eq)]
pub struct Slot(pub [u8; SLOT_LEN]);

impl std::fmt::Debug for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Slot(…)")
    }
}

/// Blinds the secret; returns the state and the message for the server.
pub fn client_slot_start(secret: &[u8]) -> Result<(SlotClient, Vec<u8>)> {
    let blinded = OprfClient::<Ristretto255>::blind(secret, &mut OsRng)
        .map_err(|_| CryptoError::InvalidParameters("secret"))?;
    Ok((
        SlotClient(blinded.state),
        blinded.message.serialize().to_vec(),
    ))
}

/// Unblinds the server's answer and stretches it (Argon2id with `params`, checked by
/// [`KsfParams::validate`]) into the slot of `secret`.
pub fn client_slot_finish(
    state: SlotClient,
    secret: &[u8],
    evaluation: &[u8],
    params: KsfParams,
) -> Result<Slot> {
    let argon2 = params.to_argon2()?;
    let evaluation = EvaluationElement::<Ristretto255>::deserialize(evaluation)
        .map_err(|_| CryptoError::Malformed("slot answer"))?;
    let output = Zeroizing::new(
        state
            .0
            .finalize(secret, &evaluation)
            .map_err(|_| CryptoError::Malformed("slot answer"))?,
    );
    let mut slot = [0u8; SLOT_LEN];
    argon2
        .hash_password_into(output.as_slice(), SLOT_SALT, &mut slot)
        .map_err(|_| CryptoError::InvalidParameters("argon2 parameters"))?;
    Ok(Slot(slot))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn slot_with(seed: &SlotSeed, wallet: &[u8], secret: &[u8], params: KsfParams) -> Slot {
        let (state, blinded) = client_slot_start(secret).unwrap();
        let evaluation = seed.evaluate(wallet, &blinded).unwrap();
        client_slot_finish(state, secret, &evaluation, params).unwrap()
    }

    fn slot(seed: &SlotSeed, wallet: &[u8], secret: &[u8]) -> Slot {
        slot_with(seed, wallet, secret, KsfParams::TEST)
    }

    #[test]
    fn a_secret_has_one_slot_per_wallet_and_server() {
        let seed = SlotSeed::from_server_setup(&ServerSetup::generate());
        let a = slot(&seed, b"wallet-a", b"hidden secret");
        // Blinding is random; the slot is not.
        assert_eq!(a, slot(&seed, b"wallet-a", b"hidden secret"));
        assert_ne!(a, slot(&seed, b"wallet-a", b"another secret"));
        assert_ne!(a, slot(&seed, b"wallet-b", b"hidden secret"));
        let other_server = SlotSeed::from_server_setup(&ServerSetup::generate());
        assert_ne!(a, slot(&other_server, b"wallet-a", b"hidden secret"));
    }

    #[test]
    fn the_slot_is_stretched_with_the_wallets_parameters() {
        let seed = SlotSeed::from_server_setup(&ServerSetup::generate());
        let cheap = slot(&seed, b"wallet-a", b"1234");
        let costly = KsfParams {
            m_cost_kib: KsfParams::MIN_M_COST_KIB,
            t_cost: 4,
            p_cost: 1,
        };
        let stretched = slot_with(&seed, b"wallet-a", b"1234", costly);
        assert_ne!(cheap, stretched);
        assert_eq!(stretched, slot_with(&seed, b"wallet-a", b"1234", costly));
        // Parameters a client must not accept are refused before any work.
        let (state, blinded) = client_slot_start(b"1234").unwrap();
        let evaluation = seed.evaluate(b"wallet-a", &blinded).unwrap();
        let weak = KsfParams {
            m_cost_kib: 1024,
            t_cost: 1,
            p_cost: 1,
        };
        assert!(matches!(
            client_slot_finish(state, b"1234", &evaluation, weak),
            Err(CryptoError::InvalidParameters(_))
        ));
    }

    #[test]
    fn the_server_sees_neither_the_secret_nor_a_repeatable_message() {
        let (_, first) = client_slot_start(b"hidden secret").unwrap();
        let (_, second) = client_slot_start(b"hidden secret").unwrap();
        assert_ne!(first, second);
        assert!(!first.windows(6).any(|w| w == b"hidden"));
    }

    #[test]
    fn bad_messages_are_refused() {
        let seed = SlotSeed::from_server_setup(&ServerSetup::generate());
        assert!(seed.evaluate(b"w", &[0xff; 32]).is_err());
        assert!(seed.evaluate(b"w", b"short").is_err());
        let (state, _) = client_slot_start(b"s").unwrap();
        assert!(client_slot_finish(state, b"s", &[0xff; 32], KsfParams::TEST).is_err());
    }
}
