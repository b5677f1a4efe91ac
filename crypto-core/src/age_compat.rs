//! A strict, bounded wrapper around age decryption for age files from anywhere: X25519
//! identities and/or passphrases (scrypt, work factor capped), binary or ASCII-armored input.
//! It reports the plaintext released so far (age releases a chunk only once it is
//! authenticated, so a failure later in the file leaves a verified prefix) and the class of any
//! failure, in the terms of the C2SP age test vectors (CCTV), which the crate's conformance
//! tests run natively and in WASM.
//!
//! Differences from calling `age` directly, each required by the age specification:
//! - every stanza body must end with a short line (age-rs still accepts a legacy form without
//!   it);
//! - with [`Encoding::Armored`] (or [`Encoding::Auto`] on input that looks armored) the armor's
//!   begin line must be exactly `-----BEGIN AGE ENCRYPTED FILE-----`; whitespace before it is
//!   skipped (age-rs would treat the file as binary in both cases).
//!
//! ```
//! use pde_crypto::age_compat::{decrypt, AgeIdentity, DecryptOptions};
//! use pde_crypto::{document, wallet::WalletKey};
//!
//! let key = WalletKey::generate();
//! let sealed = document::seal_document_bytes(&key.recipient(), b"hi")?;
//! let identity = AgeIdentity::from_wallet_key(&key);
//! let out = decrypt(&sealed, &[identity], &DecryptOptions::default());
//! assert!(out.failure.is_none());
//! assert_eq!(out.plaintext.len() as u64, document::padded_len(2));
//! # Ok::<(), pde_crypto::CryptoError>(())
//! ```

use std::{
    io::{self, BufRead, BufReader, Read, Write},
    str::FromStr,
};

use age::secrecy::SecretString;
use zeroize::Zeroizing;

use crate::{wallet::WalletKey, CryptoError, Result};

/// Default cap on the scrypt work factor (`log2 N`): 2^20 needs 1 GiB of memory and about a
/// second natively. The specification's own recommendation for readers is at most 22.
pub const DEFAULT_MAX_SCRYPT_LOG_N: u8 = 20;
/// Hard ceiling for [`DecryptOptions::max_scrypt_log_n`].
pub const MAX_SCRYPT_LOG_N: u8 = 22;

const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// An identity to try: an X25519 secret key or a passphrase.
///
/// No `Debug`, `Clone` or `Serialize`: both kinds are secrets.
pub enum AgeIdentity {
    /// An age X25519 identity (`AGE-SECRET-KEY-1…`).
    X25519(age::x25519::Identity),
    /// A passphrase for scrypt stanzas.
    Passphrase(SecretString),
}

impl AgeIdentity {
    /// Parses an age identity string. Post-quantum hybrid identities (`AGE-SECRET-KEY-PQ-1…`)
    /// and plugin identities are [`CryptoError::Unsupported`].
    pub fn parse(s: &str) -> Result<Self> {
        let s = s.trim();
        let upper = s.to_ascii_uppercase();
        if upper.starts_with("AGE-SECRET-KEY-PQ-") {
            return Err(CryptoError::Unsupported("post-quantum hybrid identity"));
        }
        if upper.starts_with("AGE-PLUGIN-") {
            return Err(CryptoError::Unsupported("plugin identity"));
        }
        age::x25519::Identity::from_str(s)
            .map(Self::X25519)
            .map_err(|_| CryptoError::Malformed("age identity"))
    }

    /// A passphrase identity.
    pub fn passphrase(p: &str) -> Self {
        Self::Passphrase(SecretString::from(p.to_owned()))
    }

    /// The identity of a wallet key.
    pub fn from_wallet_key(key: &WalletKey) -> Self {
        Self::X25519(key.identity().clone())
    }
}

/// How the input is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    /// The binary age format only.
    Binary,
    /// ASCII armor only (leading whitespace allowed).
    Armored,
    /// Armored if the first non-whitespace bytes are `-----BEGIN`, else binary.
    #[default]
    Auto,
}

/// Options of [`decrypt`] and [`decrypt_to`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecryptOptions {
    /// Expected encoding.
    pub encoding: Encoding,
    /// Largest scrypt work factor (`log2 N`) to attempt; capped at [`MAX_SCRYPT_LOG_N`]. A file
    /// asking for more fails with [`AgeFailure::Header`] before any work.
    pub max_scrypt_log_n: u8,
}

impl Default for DecryptOptions {
    fn default() -> Self {
        Self {
            encoding: Encoding::Auto,
            max_scrypt_log_n: DEFAULT_MAX_SCRYPT_LOG_N,
        }
    }
}

/// Why a decryption failed, in the classes of the age test vectors.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AgeFailure {
    /// The ASCII armor is invalid.
    Armor,
    /// The header is invalid or unsupported (including a too-high scrypt work factor).
    Header,
    /// The header MAC does not match (the header was modified, or the file key is wrong).
    Hmac,
    /// No identity matched a recipient stanza.
    NoMatch,
    /// The payload failed to authenticate, is truncated, or has trailing data.
    Payload,
    /// Writing the plaintext to the output failed (message of the I/O error).
    Output(String),
}

/// What [`decrypt`] returns: all plaintext released, and the failure if any.
pub struct Decrypted {
    /// The plaintext released before any failure (all of it on success).
    pub plaintext: Zeroizing<Vec<u8>>,
    /// `None` on success.
    pub failure: Option<AgeFailure>,
}

/// Decrypts an in-memory age file. See [`decrypt_to`].
pub fn decrypt(input: &[u8], identities: &[AgeIdentity], options: &DecryptOptions) -> Decrypted {
    // Plaintext is never longer than the input: reserve once so it never reallocates (which
    // would leave unzeroized copies).
    let mut plaintext = Zeroizing::new(Vec::with_capacity(input.len()));
    let failure = decrypt_to(input, identities, options, &mut *plaintext).err();
    Decrypted { plaintext, failure }
}

/// Decrypts an age file from `input`, streaming the plaintext to `output` as age releases it
/// (authenticated chunk by chunk). Returns the plaintext length, or the failure class; on
/// failure `output` holds the authenticated prefix released before the failure.
pub fn decrypt_to<R: Read, W: Write>(
    input: R,
    identities: &[AgeIdentity],
    options: &DecryptOptions,
    mut output: W,
) -> std::result::Result<u64, AgeFailure> {
    let mut input = BufReader::new(input);
    let armored = match options.encoding {
        Encoding::Binary => false,
        Encoding::Armored => true,
        Encoding::Auto => looks_armored(&mut input).map_err(|_| AgeFailure::Header)?,
    };
    if armored {
        let prefix = read_armor_begin(&mut input)?;
        let reader = age::armor::ArmoredReader::new(io::Cursor::new(prefix).chain(input));
        decrypt_inner(BufReader::new(reader), identities, options, &mut output)
    } else {
        decrypt_inner(input, identities, options, &mut output)
    }
}

fn decrypt_inner<R: BufRead, W: Write>(
    mut input: R,
    identities: &[AgeIdentity],
    options: &DecryptOptions,
    output: &mut W,
) -> std::result::Result<u64, AgeFailure> {
    // age parses the header itself; we add the check it leaves out, then replay the bytes.
    let header = read_header_bytes(&mut input)?;
    check_stanza_final_lines(&header)?;
    let input = io::Cursor::new(header).chain(input);

    let decryptor = age::Decryptor::new_buffered(input).map_err(classify_header_error)?;

    let max_log_n = options.max_scrypt_log_n.min(MAX_SCRYPT_LOG_N);
    let scrypt_identities: Vec<age::scrypt::Identity> = identities
        .iter()
        .filter_map(|i| match i {
            AgeIdentity::Passphrase(p) => {
                let mut s = age::scrypt::Identity::new(p.clone());
                s.set_max_work_factor(max_log_n);
                Some(s)
            }
            AgeIdentity::X25519(_) => None,
        })
        .collect();
    let all = identities
        .iter()
        .filter_map(|i| match i {
            AgeIdentity::X25519(x) => Some(x as &dyn age::Identity),
            AgeIdentity::Passphrase(_) => None,
        })
        .chain(scrypt_identities.iter().map(|s| s as &dyn age::Identity));

    let mut reader = decryptor.decrypt(all).map_err(classify_header_error)?;

    let mut buf = Zeroizing::new(vec![0u8; 64 * 1024]);
    let mut total = 0u64;
    loop {
        let n = match reader.read(&mut buf[..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(classify_payload_error(&e)),
        };
        output
            .write_all(&buf[..n])
            .map_err(|e| AgeFailure::Output(e.to_string()))?;
        total += n as u64;
    }
    Ok(total)
}

fn is_armor_error(e: &io::Error) -> bool {
    e.get_ref()
        .is_some_and(|inner| inner.is::<age::armor::ArmoredReadError>())
}

fn classify_header_error(e: age::DecryptError) -> AgeFailure {
    match e {
        age::DecryptError::InvalidMac => AgeFailure::Hmac,
        age::DecryptError::NoMatchingKeys
        | age::DecryptError::DecryptionFailed
        | age::DecryptError::KeyDecryptionFailed => AgeFailure::NoMatch,
        age::DecryptError::Io(e) if is_armor_error(&e) => AgeFailure::Armor,
        // InvalidHeader, UnknownFormat, ExcessiveWork, truncated header, and anything newer.
        _ => AgeFailure::Header,
    }
}

fn classify_payload_error(e: &io::Error) -> AgeFailure {
    if is_armor_error(e) {
        AgeFailure::Armor
    } else {
        AgeFailure::Payload
    }
}

fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Peeks (without consuming) past leading whitespace for `-----BEGIN`. Only the first
/// buffered block is examined: an input with more leading whitespace than that is treated as
/// binary (and then fails as such).
fn looks_armored<R: Read>(input: &mut BufReader<R>) -> io::Result<bool> {
    let buf = input.fill_buf()?;
    let rest = &buf[buf.iter().take_while(|&&b| is_ascii_ws(b)).count()..];
    let n = rest.len().min(10);
    Ok(n > 0 && rest[..n] == b"-----BEGIN"[..n])
}

/// Skips leading whitespace and reads the armor's begin line, which must be exactly the
/// begin marker followed by LF or CRLF. Returns the line to replay into age's armor reader.
fn read_armor_begin<R: Read>(input: &mut BufReader<R>) -> std::result::Result<Vec<u8>, AgeFailure> {
    loop {
        let buf = input.fill_buf().map_err(|_| AgeFailure::Armor)?;
        if buf.is_empty() {
            return Err(AgeFailure::Armor);
        }
        let ws = buf.iter().take_while(|&&b| is_ascii_ws(b)).count();
        if ws == 0 {
            break;
        }
        input.consume(ws);
    }
    let mut line = Vec::with_capacity(ARMOR_BEGIN.len() + 2);
    input
        .by_ref()
        .take(ARMOR_BEGIN.len() as u64 + 2)
        .read_until(b'\n', &mut line)
        .map_err(|_| AgeFailure::Armor)?;
    let ok = line.strip_suffix(b"\n").is_some_and(|l| {
        let l = l.strip_suffix(b"\r").unwrap_or(l);
        l == ARMOR_BEGIN
    });
    if ok {
        Ok(line)
    } else {
        Err(AgeFailure::Armor)
    }
}

/// Longest header we are willing to buffer (age's own parser has a similar bound).
const MAX_HEADER_LEN: usize = 1 << 20;

/// Reads the header up to and including the MAC line (`--- …\n`), or as much as there is when
/// it is malformed (age will then report the error itself).
fn read_header_bytes<R: BufRead>(input: &mut R) -> std::result::Result<Vec<u8>, AgeFailure> {
    let mut header = Vec::new();
    loop {
        let start = header.len();
        let n = input
            .by_ref()
            .take((MAX_HEADER_LEN - start) as u64)
            .read_until(b'\n', &mut header)
            .map_err(|e| {
                if is_armor_error(&e) {
                    AgeFailure::Armor
                } else {
                    AgeFailure::Header
                }
            })?;
        let line = &header[start..];
        if n == 0 || !line.ends_with(b"\n") || line.starts_with(b"---") {
            return Ok(header);
        }
        if header.len() >= MAX_HEADER_LEN {
            return Err(AgeFailure::Header);
        }
    }
}

/// The age specification ends every stanza body with a line shorter than 64 columns (possibly
/// empty); age-rs still accepts a body whose last line is full. Rejects such headers.
fn check_stanza_final_lines(header: &[u8]) -> std::result::Result<(), AgeFailure> {
    let mut in_stanza = false;
    let mut last_body_line_full = false;
    for line in header.split(|&b| b == b'\n') {
        if line.starts_with(b"-> ") || line.starts_with(b"---") {
            if in_stanza && last_body_line_full {
                return Err(AgeFailure::Header);
            }
            in_stanza = line.starts_with(b"-> ");
            // A stanza with no body line at all is missing its final (empty) line too.
            last_body_line_full = true;
            if line.starts_with(b"---") {
                break;
            }
        } else if in_stanza {
            last_body_line_full = line.len() == 64;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::document;

    #[test]
    fn decrypts_our_documents_with_the_wallet_key() {
        let key = WalletKey::generate();
        let sealed = document::seal_document_bytes(&key.recipient(), b"abc").unwrap();
        let out = decrypt(
            &sealed,
            &[AgeIdentity::from_wallet_key(&key)],
            &DecryptOptions::default(),
        );
        assert_eq!(out.failure, None);
        assert_eq!(&out.plaintext[9..12], b"abc");
        let other = decrypt(
            &sealed,
            &[AgeIdentity::from_wallet_key(&WalletKey::generate())],
            &DecryptOptions::default(),
        );
        assert_eq!(other.failure, Some(AgeFailure::NoMatch));
        assert!(other.plaintext.is_empty());
        let armored_only = decrypt(
            &sealed,
            &[AgeIdentity::from_wallet_key(&key)],
            &DecryptOptions {
                encoding: Encoding::Armored,
                ..DecryptOptions::default()
            },
        );
        assert_eq!(armored_only.failure, Some(AgeFailure::Armor));
    }

    #[test]
    fn identity_parsing() {
        let key = WalletKey::generate();
        assert!(AgeIdentity::parse(&key.to_age_secret()).is_ok());
        assert!(matches!(
            AgeIdentity::parse("AGE-SECRET-KEY-PQ-1XYZ"),
            Err(CryptoError::Unsupported(_))
        ));
        assert!(matches!(
            AgeIdentity::parse("AGE-SECRET-KEY-1XYZ"),
            Err(CryptoError::Malformed(_))
        ));
    }

    #[test]
    fn stanza_final_line_rule() {
        let ok = b"age-encryption.org/v1\n-> X25519 abc\nshort\n--- mac\n";
        assert!(check_stanza_final_lines(ok).is_ok());
        let full = [b'A'; 64];
        let mut bad = b"age-encryption.org/v1\n-> X25519 abc\n".to_vec();
        bad.extend_from_slice(&full);
        bad.extend_from_slice(b"\n--- mac\n");
        assert!(check_stanza_final_lines(&bad).is_err());
        let mut good = b"age-encryption.org/v1\n-> X25519 abc\n".to_vec();
        good.extend_from_slice(&full);
        good.extend_from_slice(b"\n\n--- mac\n");
        assert!(check_stanza_final_lines(&good).is_ok());
        let missing = b"age-encryption.org/v1\n-> X25519 abc\n-> b\n\n--- mac\n";
        assert!(check_stanza_final_lines(missing).is_err());
    }
}
