//! The wallet key, its public recipient, the printable recovery key, and the wrapped copies of
//! the wallet key that the server stores (one per unlock method).
//!
//! Wrapping: `KEK = HKDF-SHA256(ikm = unlock secret, info = "pde/v1/wrap/<method>")`, then
//! XChaCha20-Poly1305 under the KEK with a random 24-byte nonce over the wallet key's age
//! secret string, with the record's `version`, `method`, `key_id` and `kdf` as associated data
//! (so none of them can be changed without detection). `key_id` is a short public fingerprint
//! of the unlock secret (`HKDF-SHA256(secret, "pde/v1/key-id/<method>")`, 8 bytes, hex) that
//! lets the app tell which secret a record expects; it reveals nothing the ciphertext doesn't.
//!
//! ```
//! use pde_crypto::wallet::*;
//!
//! let key = WalletKey::generate();
//! let recovery = RecoveryKey::generate();
//! let sheet = recovery.to_display(); // printed on the recovery sheet
//! let stored = wrap_with_recovery_key(&key, &recovery).to_bytes();
//!
//! // Later, typed back in sloppily:
//! let typed = sheet.to_lowercase().replace('-', " ");
//! let recovered = RecoveryKey::parse(&typed)?;
//! let wrapped = WrappedWalletKey::from_bytes(&stored)?;
//! let key2 = unwrap_with_recovery_key(&wrapped, &recovered)?;
//! assert_eq!(key2.recipient(), key.recipient());
//! # Ok::<(), pde_crypto::CryptoError>(())
//! ```

use std::{fmt, str::FromStr};

use chacha20poly1305::{
    aead::{Aead, KeyInit, Payload},
    XChaCha20Poly1305, XNonce,
};
use rand_core::{OsRng, RngCore};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::{opaque::ExportKey, util::hkdf_sha256_32, CryptoError, Result};

// ---------------------------------------------------------------------------------------------
// Wallet key and recipient
// ---------------------------------------------------------------------------------------------

/// The wallet's private key, an age X25519 identity. Documents and metadata are encrypted to
/// its [`WalletRecipient`].
///
/// No `Debug`, `Display`, `Clone` or `Serialize`: it is the wallet's master secret. age zeroizes
/// the key on drop. Move it into the place that needs it; store it only wrapped.
pub struct WalletKey(age::x25519::Identity);

impl WalletKey {
    /// Generates a new wallet key from the operating system's random generator.
    pub fn generate() -> Self {
        Self(age::x25519::Identity::generate())
    }

    /// The public recipient ("age1…") to encrypt to.
    pub fn recipient(&self) -> WalletRecipient {
        WalletRecipient(self.0.to_public().to_string())
    }

    /// Exports the key as an age secret key string (`AGE-SECRET-KEY-1…`), e.g. to decrypt a
    /// document with the `age` command-line tool. Handle with care.
    pub fn to_age_secret(&self) -> Zeroizing<String> {
        Zeroizing::new(self.0.to_string().expose_secret().to_owned())
    }

    /// Imports an age X25519 secret key string.
    pub fn from_age_secret(s: &str) -> Result<Self> {
        age::x25519::Identity::from_str(s)
            .map(Self)
            .map_err(|_| CryptoError::Malformed("age secret key"))
    }

    pub(crate) fn identity(&self) -> &age::x25519::Identity {
        &self.0
    }

    /// The age identity whose secret scalar is `secret` (any 32 bytes: X25519 clamps them).
    pub(crate) fn from_secret_bytes(secret: &[u8; 32]) -> Self {
        const SECRET_KEY_PREFIX: bech32::Hrp = bech32::Hrp::parse_unchecked("AGE-SECRET-KEY-");
        // Both spellings hold the secret: each is wiped when dropped.
        let lower = Zeroizing::new(age_core::primitives::bech32_encode(
            SECRET_KEY_PREFIX,
            secret,
        ));
        let encoded = Zeroizing::new(lower.to_uppercase());
        // The string is age's own encoding of 32 bytes: it always parses.
        Self::from_age_secret(&encoded)
            .unwrap_or_else(|_| unreachable!("age parses its own encoding of 32 bytes"))
    }

    /// Another handle on the same key, for code that needs an owned one.
    pub(crate) fn duplicate(&self) -> Self {
        Self(self.0.clone())
    }

    /// Derives a 32-byte subkey for `info` from the wallet secret (HKDF-SHA256 over the
    /// canonical age encoding of the secret key, which is a fixed function of its 32 bytes).
    pub(crate) fn derive(&self, info: &[u8]) -> Zeroizing<[u8; 32]> {
        let secret = self.to_age_secret();
        hkdf_sha256_32(secret.as_bytes(), info)
    }
}

/// A wallet's public key, an age X25519 recipient (`age1…`). Validated when parsed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WalletRecipient(String);

impl WalletRecipient {
    /// The `age1…` string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn to_age(&self) -> Result<age::x25519::Recipient> {
        age::x25519::Recipient::from_str(&self.0)
            .map_err(|_| CryptoError::Malformed("age recipient"))
    }
}

impl FromStr for WalletRecipient {
    type Err = CryptoError;

    fn from_str(s: &str) -> Result<Self> {
        let r = age::x25519::Recipient::from_str(s.trim())
            .map_err(|_| CryptoError::Malformed("age recipient"))?;
        // Canonical form (lowercase Bech32).
        Ok(Self(r.to_string()))
    }
}

impl TryFrom<String> for WalletRecipient {
    type Error = CryptoError;

    fn try_from(s: String) -> Result<Self> {
        s.parse()
    }
}

impl From<WalletRecipient> for String {
    fn from(r: WalletRecipient) -> String {
        r.0
    }
}

impl fmt::Display for WalletRecipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// ---------------------------------------------------------------------------------------------
// Recovery key
// ---------------------------------------------------------------------------------------------

/// Crockford's base32 alphabet (no I, L, O, U).
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters of a written recovery key: 28 × 5 bits = 128 key bits + 12 check bits.
const RECOVERY_CHARS: usize = 28;
const RECOVERY_GROUP: usize = 4;

/// A 128-bit random recovery key, printed on the recovery sheet as 7 groups of 4 Crockford
/// base32 characters (`XXXX-XXXX-…`). The last 12 of the 140 written bits are a checksum, so a
/// typo is reported as [`CryptoError::Malformed`] rather than as a wrong key.
///
/// No `Debug`, `Display`, `Clone` or `Serialize`: it is a secret; zeroized on drop.
pub struct RecoveryKey(Zeroizing<[u8; 16]>);

impl RecoveryKey {
    /// The token that proves to the server that a client holds this recovery key (to replace a
    /// forgotten secret): `HKDF-SHA256(key, "pde/v1/recovery-auth")`. The server stores only its
    /// SHA-256; with 128 random bits behind it, a stolen database allows no guessing. It reveals
    /// nothing about the wrapping key derived from the same recovery key.
    pub fn auth_token(&self) -> Zeroizing<[u8; 32]> {
        hkdf_sha256_32(&self.0[..], b"pde/v1/recovery-auth")
    }

    /// Generates a new recovery key from the operating system's random generator.
    pub fn generate() -> Self {
        let mut k = Zeroizing::new([0u8; 16]);
        OsRng.fill_bytes(&mut k[..]);
        Self(k)
    }

    fn check_bits(key: &[u8; 16]) -> u16 {
        let digest = Sha256::new()
            .chain_update(b"pde/v1/recovery-check")
            .chain_update(key)
            .finalize();
        (u16::from(digest[0]) << 4) | (u16::from(digest[1]) >> 4)
    }

    /// The written form: 7 groups of 4 characters separated by `-`.
    pub fn to_display(&self) -> Zeroizing<String> {
        // 140 bits: key (128) then check (12), big-endian, in a u128 + u16 pair read 5 bits at
        // a time.
        let key = u128::from_be_bytes(*self.0);
        let check = Self::check_bits(&self.0);
        let mut out = Zeroizing::new(String::with_capacity(RECOVERY_CHARS + 6));
        for i in 0..RECOVERY_CHARS {
            let v = five_bits(key, check, i);
            if i > 0 && i % RECOVERY_GROUP == 0 {
                out.push('-');
            }
            out.push(char::from(CROCKFORD[usize::from(v)]));
        }
        out
    }

    /// Parses a typed recovery key, tolerating case, spaces and dashes anywhere, and the
    /// look-alikes I/L (→ 1) and O (→ 0).
    pub fn parse(s: &str) -> Result<Self> {
        let mut values = Zeroizing::new([0u8; RECOVERY_CHARS]);
        let mut n = 0usize;
        for c in s.chars() {
            let c = c.to_ascii_uppercase();
            if c == '-' || c.is_whitespace() {
                continue;
            }
            let c = match c {
                'I' | 'L' => '1',
                'O' => '0',
                c => c,
            };
            let v = CROCKFORD
                .iter()
                .position(|&a| char::from(a) == c)
                .ok_or(CryptoError::Malformed("recovery key character"))?;
            if n >= RECOVERY_CHARS {
                return Err(CryptoError::Malformed("recovery key length"));
            }
            values[n] = v as u8;
            n += 1;
        }
        if n != RECOVERY_CHARS {
            return Err(CryptoError::Malformed("recovery key length"));
        }
        let mut key: u128 = 0;
        let mut check: u16 = 0;
        for (i, &v) in values.iter().enumerate() {
            for b in (0..5).rev() {
                let bit = (v >> b) & 1;
                let pos = i * 5 + (4 - b as usize);
                if pos < 128 {
                    key = (key << 1) | u128::from(bit);
                } else {
                    check = (check << 1) | u16::from(bit);
                }
            }
        }
        let bytes = Zeroizing::new(key.to_be_bytes());
        if Self::check_bits(&bytes) != check {
            return Err(CryptoError::Malformed("recovery key checksum"));
        }
        Ok(Self(bytes))
    }

    pub(crate) fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

/// The `i`-th group of 5 bits of the 140-bit string `key (128 bits) || check (12 bits)`.
fn five_bits(key: u128, check: u16, i: usize) -> u8 {
    let mut v = 0u8;
    for j in 0..5 {
        let pos = i * 5 + j;
        let bit = if pos < 128 {
            (key >> (127 - pos)) & 1 == 1
        } else {
            (check >> (11 - (pos - 128))) & 1 == 1
        };
        v = (v << 1) | u8::from(bit);
    }
    v
}

// ---------------------------------------------------------------------------------------------
// Wrapped wallet keys
// ---------------------------------------------------------------------------------------------

/// How a wrapped copy of the wallet key is unlocked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnlockMethod {
    /// The OPAQUE export key of the passphrase login.
    Opaque,
    /// The recovery key printed on the recovery sheet (or rebuilt from Shamir shares).
    Recovery,
    /// The output of a passkey's PRF extension.
    PasskeyPrf,
    /// Not a wallet key: a grant's key, opened by the grant secret and PIN (see
    /// [`crate::grant`]).
    Grant,
}

impl UnlockMethod {
    /// The method's stable name (as in the wrapped record and the server's database).
    pub fn as_str(self) -> &'static str {
        match self {
            UnlockMethod::Opaque => "opaque",
            UnlockMethod::Recovery => "recovery",
            UnlockMethod::PasskeyPrf => "passkey_prf",
            UnlockMethod::Grant => "grant",
        }
    }
}

/// The current version of [`WrappedWalletKey`].
pub const WRAPPED_KEY_VERSION: u8 = 1;
/// The only key derivation of version 1.
pub const KDF_HKDF_SHA256: &str = "hkdf-sha256";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;

/// A wallet key encrypted under one unlock secret, as stored on the server. Serialized as JSON
/// with the ciphertext (`nonce || XChaCha20-Poly1305 output`) as a base64 string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedWalletKey {
    /// Format version ([`WRAPPED_KEY_VERSION`]).
    pub version: u8,
    /// Which secret unlocks it.
    pub method: UnlockMethod,
    /// Public fingerprint of the unlock secret.
    pub key_id: String,
    /// Key derivation from the unlock secret to the wrapping key ([`KDF_HKDF_SHA256`]).
    pub kdf: String,
    /// `nonce (24) || ciphertext || tag (16)`.
    #[serde(with = "crate::util::base64_bytes")]
    pub ciphertext: Vec<u8>,
}

impl WrappedWalletKey {
    /// The JSON encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serializing this plain struct to JSON can't fail.
        #[allow(clippy::expect_used)]
        serde_json::to_vec(self).expect("WrappedWalletKey serializes")
    }

    /// Parses the JSON encoding and checks the version and KDF.
    pub fn from_bytes(b: &[u8]) -> Result<Self> {
        let w: Self =
            serde_json::from_slice(b).map_err(|_| CryptoError::Malformed("wrapped wallet key"))?;
        w.check_format()?;
        Ok(w)
    }

    fn check_format(&self) -> Result<()> {
        if self.version != WRAPPED_KEY_VERSION {
            return Err(CryptoError::UnsupportedVersion(self.version));
        }
        if self.kdf != KDF_HKDF_SHA256 {
            return Err(CryptoError::InvalidParameters("unknown kdf"));
        }
        if self.ciphertext.len() < NONCE_LEN + TAG_LEN {
            return Err(CryptoError::Malformed("wrapped wallet key ciphertext"));
        }
        Ok(())
    }

    /// Associated data: every field but the ciphertext, each length-prefixed.
    fn aad(&self) -> Vec<u8> {
        let mut aad = b"pde/v1/wrapped-wallet-key".to_vec();
        aad.push(self.version);
        for field in [self.method.as_str(), &self.key_id, &self.kdf] {
            aad.extend_from_slice(&(field.len() as u32).to_le_bytes());
            aad.extend_from_slice(field.as_bytes());
        }
        aad
    }
}

fn key_id(method: UnlockMethod, secret: &[u8]) -> String {
    let info = format!("pde/v1/key-id/{}", method.as_str());
    hex::encode(&hkdf_sha256_32(secret, info.as_bytes())[..8])
}

fn kek(method: UnlockMethod, secret: &[u8]) -> Zeroizing<[u8; 32]> {
    let info = format!("pde/v1/wrap/{}", method.as_str());
    hkdf_sha256_32(secret, info.as_bytes())
}

fn wrap(key: &WalletKey, method: UnlockMethod, secret: &[u8]) -> WrappedWalletKey {
    let mut w = WrappedWalletKey {
        version: WRAPPED_KEY_VERSION,
        method,
        key_id: key_id(method, secret),
        kdf: KDF_HKDF_SHA256.to_owned(),
        ciphertext: Vec::new(),
    };
    let aad = w.aad();
    let kek = kek(method, secret);
    let cipher = XChaCha20Poly1305::new((&*kek).into());
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut nonce);
    let plaintext = key.to_age_secret();
    // Encryption with XChaCha20-Poly1305 fails only for inputs beyond 256 GiB.
    #[allow(clippy::expect_used)]
    let ct = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext.as_bytes(),
                aad: &aad,
            },
        )
        .expect("XChaCha20-Poly1305 encrypts a short message");
    w.ciphertext = [&nonce[..], &ct].concat();
    w
}

fn unwrap(w: &WrappedWalletKey, method: UnlockMethod, secret: &[u8]) -> Result<WalletKey> {
    w.check_format()?;
    if w.method != method {
        return Err(CryptoError::InvalidParameters("unlock method"));
    }
    if w.key_id != key_id(method, secret) {
        return Err(CryptoError::WrongSecret);
    }
    let kek = kek(method, secret);
    let cipher = XChaCha20Poly1305::new((&*kek).into());
    let (nonce, ct) = w.ciphertext.split_at(NONCE_LEN);
    let aad = w.aad();
    let plaintext = Zeroizing::new(
        cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: &aad })
            .map_err(|_| CryptoError::WrongSecret)?,
    );
    let s = std::str::from_utf8(&plaintext)
        .map_err(|_| CryptoError::Malformed("wrapped wallet key plaintext"))?;
    WalletKey::from_age_secret(s)
}

/// Wraps the wallet key under the OPAQUE export key.
pub fn wrap_with_export_key(key: &WalletKey, export: &ExportKey) -> WrappedWalletKey {
    wrap(key, UnlockMethod::Opaque, export.as_bytes())
}

/// Unwraps with the OPAQUE export key; [`CryptoError::WrongSecret`] if it isn't the right one
/// (or the record was tampered with).
pub fn unwrap_with_export_key(w: &WrappedWalletKey, export: &ExportKey) -> Result<WalletKey> {
    unwrap(w, UnlockMethod::Opaque, export.as_bytes())
}

/// Wraps the wallet key under the recovery key.
pub fn wrap_with_recovery_key(key: &WalletKey, recovery: &RecoveryKey) -> WrappedWalletKey {
    wrap(key, UnlockMethod::Recovery, recovery.as_bytes())
}

/// Unwraps with the recovery key; [`CryptoError::WrongSecret`] if it isn't the right one.
pub fn unwrap_with_recovery_key(w: &WrappedWalletKey, recovery: &RecoveryKey) -> Result<WalletKey> {
    unwrap(w, UnlockMethod::Recovery, recovery.as_bytes())
}

/// Wraps the wallet key under a passkey's PRF output (at least 32 bytes of it are required).
pub fn wrap_with_prf_output(key: &WalletKey, prf_output: &[u8]) -> Result<WrappedWalletKey> {
    if prf_output.len() < 32 {
        return Err(CryptoError::InvalidParameters("prf output too short"));
    }
    Ok(wrap(key, UnlockMethod::PasskeyPrf, prf_output))
}

/// Unwraps with a passkey's PRF output; [`CryptoError::WrongSecret`] if it isn't the right one.
pub fn unwrap_with_prf_output(w: &WrappedWalletKey, prf_output: &[u8]) -> Result<WalletKey> {
    if prf_output.len() < 32 {
        return Err(CryptoError::InvalidParameters("prf output too short"));
    }
    unwrap(w, UnlockMethod::PasskeyPrf, prf_output)
}

/// Wraps a grant's key under the secret derived from the grant secret (and PIN).
pub(crate) fn wrap_with_grant_secret(key: &WalletKey, secret: &[u8; 32]) -> WrappedWalletKey {
    wrap(key, UnlockMethod::Grant, secret)
}

/// Unwraps a grant's key; [`CryptoError::WrongSecret`] if the secret (or PIN) is wrong.
pub(crate) fn unwrap_with_grant_secret(
    w: &WrappedWalletKey,
    secret: &[u8; 32],
) -> Result<WalletKey> {
    unwrap(w, UnlockMethod::Grant, secret)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn recipient_parses_and_round_trips() {
        let key = WalletKey::generate();
        let r = key.recipient();
        assert!(r.as_str().starts_with("age1"));
        assert_eq!(r.to_string().parse::<WalletRecipient>().unwrap(), r);
        assert_eq!(
            r.as_str()
                .to_uppercase()
                .parse::<WalletRecipient>()
                .unwrap(),
            r
        );
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("\"{r}\""));
        assert_eq!(serde_json::from_str::<WalletRecipient>(&json).unwrap(), r);
        assert!("age1xyz".parse::<WalletRecipient>().is_err());
        assert!(serde_json::from_str::<WalletRecipient>("\"nope\"").is_err());
        let again = WalletKey::from_age_secret(&key.to_age_secret()).unwrap();
        assert_eq!(again.recipient(), r);
    }

    #[test]
    fn recovery_key_display_and_tolerant_parse() {
        let k = RecoveryKey::generate();
        let s = k.to_display();
        assert_eq!(s.len(), 34);
        assert_eq!(s.split('-').count(), 7);
        assert!(s.split('-').all(|g| g.len() == 4));
        let back = RecoveryKey::parse(&s).unwrap();
        assert_eq!(back.as_bytes(), k.as_bytes());
        // Sloppy typing.
        let sloppy: String = s
            .to_lowercase()
            .replace('-', " ")
            .replace('1', "l")
            .replace('0', "o");
        assert_eq!(
            RecoveryKey::parse(&format!("  {sloppy} "))
                .unwrap()
                .as_bytes(),
            k.as_bytes()
        );
        // A single typo is caught by the checksum (or is an invalid character).
        let mut typo: Vec<char> = s.chars().collect();
        typo[0] = if typo[0] == 'A' { 'B' } else { 'A' };
        let typo: String = typo.into_iter().collect();
        assert!(matches!(
            RecoveryKey::parse(&typo),
            Err(CryptoError::Malformed(_))
        ));
        assert!(RecoveryKey::parse("").is_err());
        assert!(RecoveryKey::parse(&format!("{}0", &*s)).is_err());
        assert!(RecoveryKey::parse(&s.replace('-', "").replacen(|_| true, "U", 1)).is_err());
    }

    #[test]
    fn recovery_key_known_answer() {
        let zero = RecoveryKey(Zeroizing::new([0u8; 16]));
        let s = zero.to_display();
        assert!(s.starts_with("0000-0000-0000-0000-0000-0000-0"));
        let ff = RecoveryKey(Zeroizing::new([0xff; 16]));
        assert!(ff
            .to_display()
            .starts_with("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z"));
        assert_eq!(RecoveryKey::parse(&s).unwrap().as_bytes(), &[0u8; 16]);
    }

    #[test]
    fn wrap_unwrap_each_method() {
        let key = WalletKey::generate();
        let recovery = RecoveryKey::generate();
        let w = wrap_with_recovery_key(&key, &recovery);
        assert_eq!(w.method, UnlockMethod::Recovery);
        let w2 = WrappedWalletKey::from_bytes(&w.to_bytes()).unwrap();
        assert_eq!(w2, w);
        let k2 = unwrap_with_recovery_key(&w2, &recovery).unwrap();
        assert_eq!(k2.recipient(), key.recipient());

        let prf = [7u8; 32];
        let w = wrap_with_prf_output(&key, &prf).unwrap();
        assert_eq!(
            unwrap_with_prf_output(&w, &prf).unwrap().recipient(),
            key.recipient()
        );
        assert_eq!(
            unwrap_with_prf_output(&w, &[8u8; 32]).err(),
            Some(CryptoError::WrongSecret)
        );
        assert!(wrap_with_prf_output(&key, &[0u8; 16]).is_err());
        // Wrong method.
        assert!(matches!(
            unwrap_with_recovery_key(&w, &recovery),
            Err(CryptoError::InvalidParameters(_))
        ));
    }

    #[test]
    fn wrong_recovery_key_is_wrong_secret() {
        let key = WalletKey::generate();
        let w = wrap_with_recovery_key(&key, &RecoveryKey::generate());
        assert_eq!(
            unwrap_with_recovery_key(&w, &RecoveryKey::generate()).err(),
            Some(CryptoError::WrongSecret)
        );
    }

    #[test]
    fn recovery_auth_token_is_deterministic_and_separate_from_wrapping() {
        let recovery = RecoveryKey::generate();
        let typed = RecoveryKey::parse(&recovery.to_display()).unwrap();
        // The same sheet gives the same token, so the server can recognise it later.
        assert_eq!(*recovery.auth_token(), *typed.auth_token());
        assert_ne!(
            *recovery.auth_token(),
            *RecoveryKey::generate().auth_token()
        );
        // The token is not the wrapping key, nor anything else derived from the same key.
        let token = recovery.auth_token();
        assert_ne!(*token, *kek(UnlockMethod::Recovery, recovery.as_bytes()));
        let key_id = key_id(UnlockMethod::Recovery, recovery.as_bytes());
        assert!(!hex::encode(&token[..]).contains(&key_id));
        // Pinned: HKDF-SHA256 (RFC 5869, empty salt) of sixteen zero bytes with
        // info "pde/v1/recovery-auth", computed independently.
        let zero = RecoveryKey(Zeroizing::new([0u8; 16]));
        assert_eq!(
            hex::encode(&zero.auth_token()[..]),
            "e47ee8175f44b539ae84f430cd2ce333e3258c2d175ef93fcaf6ef293331050e"
        );
        assert_ne!(
            *zero.auth_token(),
            *kek(UnlockMethod::Recovery, zero.as_bytes())
        );
    }

    #[test]
    fn json_shape() {
        let key = WalletKey::generate();
        let w = wrap_with_recovery_key(&key, &RecoveryKey::generate());
        let v: serde_json::Value = serde_json::from_slice(&w.to_bytes()).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["method"], "recovery");
        assert_eq!(v["kdf"], "hkdf-sha256");
        assert!(v["ciphertext"].is_string());
        assert_eq!(
            serde_json::to_value(UnlockMethod::PasskeyPrf).unwrap(),
            "passkey_prf"
        );
    }

    #[test]
    fn tampering_any_field_or_byte_fails() {
        let key = WalletKey::generate();
        let recovery = RecoveryKey::generate();
        let w = wrap_with_recovery_key(&key, &recovery);
        for i in 0..w.ciphertext.len() {
            for bit in [0x01u8, 0x80] {
                let mut bad = w.clone();
                bad.ciphertext[i] ^= bit;
                assert_eq!(
                    unwrap_with_recovery_key(&bad, &recovery).err(),
                    Some(CryptoError::WrongSecret)
                );
            }
        }
        let mut bad = w.clone();
        bad.key_id = "0000000000000000".into();
        assert!(unwrap_with_recovery_key(&bad, &recovery).is_err());
        let mut bad = w.clone();
        bad.version = 2;
        assert_eq!(
            unwrap_with_recovery_key(&bad, &recovery).err(),
            Some(CryptoError::UnsupportedVersion(2))
        );
        assert_eq!(
            WrappedWalletKey::from_bytes(&bad.to_bytes()).err(),
            Some(CryptoError::UnsupportedVersion(2))
        );
        let mut bad = w.clone();
        bad.kdf = "none".into();
        assert!(unwrap_with_recovery_key(&bad, &recovery).is_err());
        let mut bad = w.clone();
        bad.ciphertext.truncate(30);
        assert!(unwrap_with_recovery_key(&bad, &recovery).is_err());
        // Flipping bytes of the serialized record: parse error or unwrap error, never a key.
        let bytes = w.to_bytes();
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x01;
            if let Ok(parsed) = WrappedWalletKey::from_bytes(&b) {
                if parsed != w {
                    assert!(unwrap_with_recovery_key(&parsed, &recovery).is_err());
                }
            }
        }
    }
}
