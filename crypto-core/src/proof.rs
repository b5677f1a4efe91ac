//! Proof of work for login starts once a server's hourly budget of unfinished logins is used up.
//!
//! A server limits how many logins may be left unfinished per hour over all wallets, so that
//! nobody guesses secrets across many wallets at once. A hard limit would let anyone who sends
//! ~0.6 login starts a second keep every holder out. Past the budget, a login start is therefore
//! not refused but priced: it must carry the answer to a fresh challenge, a nonce such that
//! `SHA-256(DOMAIN ‖ challenge ‖ nonce)` starts with `bits` zero bits (2^bits hashes on average).
//! The price rises with the load and is the same for every name, known or not.
//!
//! A challenge is `version ‖ 16 random bytes ‖ expiry ‖ bits ‖ HMAC-SHA256` under a key derived
//! from the server setup: any server of the deployment checks it without storing it; the server
//! records each answered challenge (by [`Checked::spent_id`]) so that it is used once.

use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::opaque::ServerSetup;

const KEY_INFO: &[u8] = b"pde/login-proof/v1";
const DOMAIN: &[u8] = b"pde/v1/login-proof";
const VERSION: u8 = 1;
const RANDOM_LEN: usize = 16;
const TAG_LEN: usize = 32;
const SIGNED_LEN: usize = 1 + RANDOM_LEN + 8 + 1;
/// Length of a challenge in bytes.
pub const CHALLENGE_LEN: usize = SIGNED_LEN + TAG_LEN;

/// Zero bits asked as soon as the budget is used up (about 16,000 hashes).
pub const MIN_BITS: u8 = 14;
/// Zero bits asked at the highest load (about 260,000 hashes: well under 3 s for the web app's
/// WebAssembly on a slow public computer; `cargo xtask bench` measures the rate).
pub const MAX_BITS: u8 = 18;
/// The most any challenge may ask (about 4.2 million hashes): the administration console's
/// logins rise to it, as their people wait at their own computer. A challenge asking more is
/// malformed, so that no server can make a client work without end.
pub const LIMIT_BITS: u8 = 22;

/// The zero bits a login start costs when `unfinished` logins of the last hour stand against a
/// budget of `budget`: none below the budget, then [`MIN_BITS`], one more bit each time the load
/// doubles, at most [`MAX_BITS`].
///
/// ```
/// use pde_crypto::proof::{bits_for_load, MAX_BITS, MIN_BITS};
/// assert_eq!(bits_for_load(99, 100), 0);
/// assert_eq!(bits_for_load(100, 100), MIN_BITS);
/// assert_eq!(bits_for_load(200, 100), MIN_BITS + 1);
/// assert_eq!(bits_for_load(1_000_000, 100), MAX_BITS);
/// ```
pub fn bits_for_load(unfinished: i64, budget: i64) -> u8 {
    bits_for_load_up_to(unfinished, budget, MAX_BITS)
}

/// As [`bits_for_load`], rising up to `max_bits` rather than [`MAX_BITS`]: for people at their
/// own computer who can wait longer than a holder at a public one (the administration console).
///
/// ```
/// use pde_crypto::proof::{bits_for_load_up_to, MIN_BITS};
/// assert_eq!(bits_for_load_up_to(19, 20, 22), 0);
/// assert_eq!(bits_for_load_up_to(20, 20, 22), MIN_BITS);
/// assert_eq!(bits_for_load_up_to(5_120, 20, 22), 22);
/// assert_eq!(bits_for_load_up_to(1_000_000, 20, 22), 22);
/// ```
pub fn bits_for_load_up_to(unfinished: i64, budget: i64, max_bits: u8) -> u8 {
    if unfinished < budget {
        return 0;
    }
    let ratio = (unfinished / budget.max(1)).max(1) as u64;
    let doublings = (u64::BITS - 1 - ratio.leading_zeros()) as u8;
    MIN_BITS.saturating_add(doublings).min(max_bits)
}

/// Why a proof is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProofRefused {
    /// Not a challenge of this format.
    #[error("malformed challenge")]
    Malformed,
    /// Not made by a server of this deployment (or altered).
    #[error("challenge not issued here")]
    Forged,
    /// Its time is over.
    #[error("challenge expired")]
    Expired,
    /// The nonce does not give the asked zero bits.
    #[error("challenge not solved")]
    NotSolved,
}

/// A server's key for challenges. No `Debug`, `Clone` or `Serialize`: it is a secret.
pub struct ProofKey(Zeroizing<[u8; 32]>);

/// A checked proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Records the challenge as used (a digest of it).
    pub spent_id: [u8; 32],
    /// Until when it had to be used (Unix seconds): the record may go after that.
    pub expires_at: i64,
    /// The zero bits it asked: a challenge issued at a lower load pays no higher price.
    pub bits: u8,
}

impl ProofKey {
    /// Derives the key from the server setup.
    pub fn from_server_setup(setup: &ServerSetup) -> Self {
        Self(setup.derive_secret(KEY_INFO))
    }

    fn mac(&self, signed: &[u8]) -> Hmac<Sha256> {
        // HMAC takes keys of any length: this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.0.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(signed);
        mac
    }

    /// A new challenge asking `bits` zero bits, to be answered before `expires_at`.
    pub fn challenge(&self, bits: u8, expires_at: i64) -> Vec<u8> {
        let mut challenge = Vec::with_capacity(CHALLENGE_LEN);
        challenge.push(VERSION);
        let mut random = [0u8; RANDOM_LEN];
        OsRng.fill_bytes(&mut random);
        challenge.extend_from_slice(&random);
        challenge.extend_from_slice(&expires_at.to_be_bytes());
        challenge.push(bits);
        let tag = self.mac(&challenge).finalize().into_bytes();
        challenge.extend_from_slice(&tag);
        challenge
    }

    /// Checks that `challenge` is one of ours, still valid at `now`, and that `nonce` solves it.
    /// Whether it was used before is for the caller to check, with [`Checked::spent_id`].
    pub fn check(&self, challenge: &[u8], nonce: u64, now: i64) -> Result<Checked, ProofRefused> {
        let fields = Fields::parse(challenge)?;
        let (signed, tag) = challenge.split_at(SIGNED_LEN);
        // Compared in constant time.
        self.mac(signed)
            .verify_slice(tag)
            .map_err(|_| ProofRefused::Forged)?;
        if now > fields.expires_at {
            return Err(ProofRefused::Expired);
        }
        if !solves(challenge, nonce, fields.bits) {
            return Err(ProofRefused::NotSolved);
        }
        Ok(Checked {
            spent_id: Sha256::digest(challenge).into(),
            expires_at: fields.expires_at,
            bits: fields.bits,
        })
    }
}

struct Fields {
    expires_at: i64,
    bits: u8,
}

impl Fields {
    fn parse(challenge: &[u8]) -> Result<Self, ProofRefused> {
        if challenge.len() != CHALLENGE_LEN || challenge[0] != VERSION {
            return Err(ProofRefused::Malformed);
        }
        let mut expiry = [0u8; 8];
        expiry.copy_from_slice(&challenge[1 + RANDOM_LEN..1 + RANDOM_LEN + 8]);
        let bits = challenge[SIGNED_LEN - 1];
        if bits > LIMIT_BITS {
            return Err(ProofRefused::Malformed);
        }
        Ok(Self {
            expires_at: i64::from_be_bytes(expiry),
            bits,
        })
    }
}

/// The zero bits a challenge asks (what a client will have to pay), if it is well formed.
pub fn challenge_bits(challenge: &[u8]) -> Option<u8> {
    Fields::parse(challenge).ok().map(|fields| fields.bits)
}

fn prefix_hasher(challenge: &[u8]) -> Sha256 {
    let mut hasher = Sha256::new();
    hasher.update(DOMAIN);
    hasher.update(challenge);
    hasher
}

fn leading_zero_bits_at_least(digest: &[u8], bits: u8) -> bool {
    let mut left = u32::from(bits);
    for byte in digest {
        if left == 0 {
            return true;
        }
        let zeros = byte.leading_zeros().min(8);
        if zeros < left.min(8) {
            return false;
        }
        left = left.saturating_sub(8);
    }
    left == 0
}

fn solves(challenge: &[u8], nonce: u64, bits: u8) -> bool {
    let mut hasher = prefix_hasher(challenge);
    hasher.update(nonce.to_le_bytes());
    leading_zero_bits_at_least(&hasher.finalize(), bits)
}

/// Finds the nonce that answers `challenge` (the first that does, counting from 0), or `None`
/// for a malformed challenge. Costs 2^bits hashes on average.
pub fn solve(challenge: &[u8]) -> Option<u64> {
    let bits = challenge_bits(challenge)?;
    let prefix = prefix_hasher(challenge);
    (0..=u64::MAX).find(|nonce| {
        let mut hasher = prefix.clone();
        hasher.update(nonce.to_le_bytes());
        leading_zero_bits_at_least(&hasher.finalize(), bits)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> ProofKey {
        ProofKey::from_server_setup(&ServerSetup::generate())
    }

    #[test]
    fn a_solved_challenge_is_accepted_once_per_spent_id() {
        let key = key();
        let challenge = key.challenge(10, 1_000);
        let nonce = solve(&challenge).expect("well formed");
        let checked = key.check(&challenge, nonce, 999).expect("solved");
        assert_eq!(checked.expires_at, 1_000);
        assert_eq!(
            checked.spent_id,
            key.check(&challenge, nonce, 1_000)
                .expect("solved")
                .spent_id
        );
        assert_ne!(checked.spent_id, {
            let other = key.challenge(10, 1_000);
            key.check(&other, solve(&other).expect("solvable"), 0)
                .expect("solved")
                .spent_id
        });
    }

    #[test]
    fn wrong_nonces_forged_and_late_challenges_are_refused() {
        let key = key();
        let challenge = key.challenge(12, 1_000);
        let nonce = solve(&challenge).expect("solvable");
        // The first nonce that solves it: every smaller one does not.
        for wrong in 0..nonce.min(200) {
            assert_eq!(
                key.check(&challenge, wrong, 0),
                Err(ProofRefused::NotSolved)
            );
        }
        assert_eq!(
            key.check(&challenge, nonce, 1_001),
            Err(ProofRefused::Expired)
        );
        assert_eq!(
            ProofKey::from_server_setup(&ServerSetup::generate()).check(&challenge, nonce, 0),
            Err(ProofRefused::Forged)
        );
        // Asking fewer bits (or a later expiry) breaks the tag.
        let mut cheaper = challenge.clone();
        cheaper[SIGNED_LEN - 1] = 1;
        assert_eq!(
            key.check(&cheaper, solve(&cheaper).expect("solvable"), 0),
            Err(ProofRefused::Forged)
        );
        assert_eq!(
            key.check(&challenge[1..], nonce, 0),
            Err(ProofRefused::Malformed)
        );
    }

    #[test]
    fn a_challenge_says_its_price_and_none_asks_past_the_limit() {
        let key = key();
        let challenge = key.challenge(LIMIT_BITS, 1_000);
        assert_eq!(challenge_bits(&challenge), Some(LIMIT_BITS));
        let cheap = key.challenge(3, 1_000);
        let checked = key
            .check(&cheap, solve(&cheap).expect("solvable"), 0)
            .expect("solved");
        assert_eq!(checked.bits, 3);
        let endless = key.challenge(LIMIT_BITS + 1, 1_000);
        assert_eq!(challenge_bits(&endless), None);
        assert_eq!(solve(&endless), None, "a client does not start on it");
        assert_eq!(key.check(&endless, 0, 0), Err(ProofRefused::Malformed));
    }

    #[test]
    fn zero_bits_are_counted_across_bytes() {
        assert!(leading_zero_bits_at_least(&[0, 0x0f, 0xff], 12));
        assert!(!leading_zero_bits_at_least(&[0, 0x1f, 0xff], 12));
        assert!(leading_zero_bits_at_least(&[0, 0, 0x80], 16));
        assert!(!leading_zero_bits_at_least(&[0, 1, 0], 16));
        assert!(leading_zero_bits_at_least(&[0xff], 0));
    }

    #[test]
    fn the_price_rises_with_the_load_and_stays_bounded() {
        let budget = 2000;
        let mut last = 0;
        for unfinished in (0..200_000).step_by(997) {
            let bits = bits_for_load(unfinished, budget);
            assert!(bits >= last && bits <= MAX_BITS);
            last = bits;
        }
        assert_eq!(bits_for_load(4000, budget), MIN_BITS + 1);
        assert_eq!(bits_for_load(0, 0), MIN_BITS);
    }
}
