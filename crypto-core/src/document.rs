//! Documents: padded, versioned frames age-encrypted to the wallet's recipient, streamed, and
//! a tag binding each document id to its ciphertext.
//!
//! Frame (the age plaintext): `[version u8 = 1][plaintext length u64 LE][content][zeros]`, its
//! total length [`padded_len`] (Padmé over header + content) so that the server learns the size
//! only to within a few percent. The age file is encrypted to the recipient under a fresh file
//! key (age's STREAM: ChaCha20-Poly1305, 64 KiB chunks). Its exact length is known before any
//! content is encrypted ([`DocumentSealer::ciphertext_len`]); [`ciphertext_len`] bounds it for a
//! given plaintext length (age adds a random-length "grease" stanza to every header).
//!
//! ```
//! use pde_crypto::{document::*, wallet::WalletKey};
//!
//! let key = WalletKey::generate();
//! let plaintext = b"%PDF-1.7 ...".to_vec();
//!
//! // Streaming: any `Read` in, any `Write` out; the age stream is finished inside.
//! let sealer = DocumentSealer::new(&key.recipient(), plaintext.len() as u64)?;
//! let announced = sealer.ciphertext_len(); // e.g. declared when the upload starts
//! assert!(ciphertext_len_bounds(plaintext.len() as u64).contains(&announced));
//! let mut sealed = Vec::new();
//! let info = sealer.seal(&plaintext[..], &mut sealed)?;
//! assert_eq!(info.ciphertext_len, announced);
//! assert_eq!(info.ciphertext_len, sealed.len() as u64);
//!
//! // Or in one call:
//! let mut sealed2 = Vec::new();
//! seal_document(&key.recipient(), &plaintext[..], plaintext.len() as u64, &mut sealed2)?;
//!
//! // The tag binds the id to the ciphertext; the server stores it next to the blob.
//! let id = DocumentId::random();
//! let tag = document_tag(&key, &id, &info.digest);
//! verify_document_tag(&key, &id, &CiphertextDigest::of(&sealed), &tag)?;
//!
//! let mut opened = Vec::new();
//! let len = open_document(&key, &sealed[..], &mut opened)?;
//! assert_eq!(len, plaintext.len() as u64);
//! assert_eq!(opened, plaintext);
//! # Ok::<(), pde_crypto::CryptoError>(())
//! ```

use std::{
    fmt,
    io::{BufRead, Read, Write},
    str::FromStr,
    sync::{Arc, Mutex},
};

use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::{
    util::{map_decrypt_error, map_payload_read_error},
    wallet::{WalletKey, WalletRecipient},
    CryptoError, Result,
};

/// Version byte of the document frame.
pub const FRAME_VERSION: u8 = 1;
/// Length of the frame header (version + length).
pub const FRAME_HEADER_LEN: u64 = 9;
/// Largest padded frame this crate will seal or open (1 TiB): a structural bound against
/// overflow and absurd declarations. Servers enforce their own, much smaller quotas on
/// [`ciphertext_len`].
pub const MAX_PADDED_LEN: u64 = 1 << 40;
/// Version byte of document tags.
pub const TAG_VERSION: u8 = 1;
/// Length of a document tag: version byte + HMAC-SHA256.
pub const TAG_LEN: usize = 33;

/// age's STREAM chunk size.
const CHUNK: u64 = 64 * 1024;
/// age header for exactly one X25519 recipient, without the grease stanza, then the 16-byte
/// payload nonce: `"age-encryption.org/v1\n"` (22) + `"-> X25519 " + 43 + "\n"` (54) + body
/// 43 + `"\n"` (44) + `"--- " + 43 + "\n"` (48) + nonce (16).
const AGE_X25519_OVERHEAD: u64 = 22 + 54 + 44 + 48 + 16;
/// Upper bound on the random "grease" stanza that age adds to every header it writes (age 0.12:
/// 13 to 190 bytes, random per file), so the exact ciphertext length is known only once a
/// header exists: see [`DocumentSealer::ciphertext_len`].
pub const MAX_AGE_GREASE_LEN: u64 = 256;
/// Poly1305 tag per STREAM chunk.
const CHUNK_TAG: u64 = 16;
/// Buffer size for streaming.
const BUF: usize = 256 * 1024;

// ---------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------

/// A document's id: 16 random bytes, written as 32 lowercase hex characters (also in serde).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DocumentId([u8; 16]);

impl DocumentId {
    /// A fresh random id.
    pub fn random() -> Self {
        let mut b = [0u8; 16];
        OsRng.fill_bytes(&mut b);
        Self(b)
    }

    /// The id from its 16 bytes.
    pub const fn from_bytes(b: [u8; 16]) -> Self {
        Self(b)
    }

    /// The 16 bytes.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl FromStr for DocumentId {
    type Err = CryptoError;

    /// Exactly 32 lowercase hex characters (the canonical form, so one id has one spelling).
    fn from_str(s: &str) -> Result<Self> {
        if s.len() != 32 || !s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(CryptoError::Malformed("document id"));
        }
        let mut b = [0u8; 16];
        hex::decode_to_slice(s, &mut b).map_err(|_| CryptoError::Malformed("document id"))?;
        Ok(Self(b))
    }
}

impl TryFrom<String> for DocumentId {
    type Error = CryptoError;

    fn try_from(s: String) -> Result<Self> {
        s.parse()
    }
}

impl From<DocumentId> for String {
    fn from(id: DocumentId) -> String {
        id.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------------

/// Padmé (Nikitin et al., PETS 2019): rounds `len` up so that at most
/// `⌊log2 ⌊log2 len⌋⌋ + 1` bits of the result are significant; the overhead is at most about
/// 12 % and the number of distinct sizes is logarithmic. Saturates at `u64::MAX`.
pub fn padme(len: u64) -> u64 {
    if len < 2 {
        return len;
    }
    let e = 63 - u64::from(len.leading_zeros()); // ⌊log2 len⌋ ≥ 1
    let s = 64 - u64::from(e.leading_zeros()); // ⌊log2 e⌋ + 1
    let last_bits = e - s;
    let mask = (1u64 << last_bits) - 1;
    match len.checked_add(mask) {
        Some(v) => v & !mask,
        None => u64::MAX,
    }
}

/// The length of the padded frame that gets encrypted for a document of `plaintext_len` bytes
/// (header + content + padding). Size limits apply to this. Saturates at `u64::MAX`.
pub fn padded_len(plaintext_len: u64) -> u64 {
    padme(plaintext_len.saturating_add(FRAME_HEADER_LEN))
}

/// The largest possible length of the age file [`seal_document`] produces for
/// `plaintext_len` bytes (see [`ciphertext_len_bounds`]); use it for quota checks. The exact
/// length of one encryption is [`DocumentSealer::ciphertext_len`], known before any content is
/// encrypted. Saturates at `u64::MAX`.
pub fn ciphertext_len(plaintext_len: u64) -> u64 {
    age_len_max(padded_len(plaintext_len))
}

/// The range in which the length of the age file for `plaintext_len` bytes falls: age adds a
/// random "grease" stanza of up to [`MAX_AGE_GREASE_LEN`] bytes to every header.
pub fn ciphertext_len_bounds(plaintext_len: u64) -> std::ops::RangeInclusive<u64> {
    let padded = padded_len(plaintext_len);
    age_len_min(padded)..=age_len_max(padded)
}

/// Length of the STREAM payload (all chunks with their tags) for `payload` plaintext bytes.
fn stream_len(payload: u64) -> u64 {
    let chunks = payload.div_ceil(CHUNK).max(1);
    payload.saturating_add(chunks.saturating_mul(CHUNK_TAG))
}

/// Smallest length of an age file with one X25519 recipient and `payload` plaintext bytes.
pub(crate) fn age_len_min(payload: u64) -> u64 {
    stream_len(payload).saturating_add(AGE_X25519_OVERHEAD)
}

/// Largest length of an age file with one X25519 recipient and `payload` plaintext bytes.
pub(crate) fn age_len_max(payload: u64) -> u64 {
    age_len_min(payload).saturating_add(MAX_AGE_GREASE_LEN)
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

// ---------------------------------------------------------------------------------------------
// What a tag binds of a ciphertext
// ---------------------------------------------------------------------------------------------

/// How many leading bytes of a ciphertext [`CiphertextDigest`] hashes. They always hold the
/// whole age header (recipient stanza, grease, header MAC) and the payload nonce: a sealer
/// refuses to make a file whose header and nonce don't fit.
pub const DIGEST_PREFIX_LEN: usize = 4096;

/// What a [`document_tag`] binds of a ciphertext: its length and the SHA-256 of its first
/// [`DIGEST_PREFIX_LEN`] bytes (or of all of it when shorter).
///
/// Why not a hash of the whole file: the prefix holds the age header and the payload nonce,
/// which fix the payload key (the header MAC is keyed by the file key; the payload key is
/// derived from the file key and the nonce), and every payload chunk after it is authenticated
/// under that key, with the last chunk marked. So once the prefix is fixed, only someone who
/// knows the file key can change a single later byte without decryption failing, and the file
/// key of a document sealed by [`DocumentSealer`] is known only to the wallet holder. Hashing
/// the whole ciphertext would cost a full SHA-256 pass, slower than the encryption itself.
///
/// A file whose file key someone else chose (a deposited document) must be sealed again by
/// the holder before it is tagged: its author could otherwise change the payload later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CiphertextDigest {
    /// Total ciphertext length in bytes.
    pub len: u64,
    /// SHA-256 of the first `min(len, DIGEST_PREFIX_LEN)` bytes.
    pub prefix_sha256: [u8; 32],
}

impl CiphertextDigest {
    /// The digest of a ciphertext held in memory.
    pub fn of(ciphertext: &[u8]) -> Self {
        let mut digester = CiphertextDigester::default();
        digester.update(ciphertext);
        digester.finish()
    }
}

/// Computes a [`CiphertextDigest`] over a ciphertext that arrives in pieces (a download).
#[derive(Clone, Default)]
pub struct CiphertextDigester {
    prefix: Sha256,
    len: u64,
}

impl CiphertextDigester {
    /// Feeds the next bytes of the ciphertext.
    pub fn update(&mut self, bytes: &[u8]) {
        let hashed = usize::try_from(self.len).unwrap_or(usize::MAX);
        if hashed < DIGEST_PREFIX_LEN {
            let take = (DIGEST_PREFIX_LEN - hashed).min(bytes.len());
            self.prefix.update(&bytes[..take]);
        }
        self.len = self.len.saturating_add(bytes.len() as u64);
    }

    /// The digest of everything fed so far.
    pub fn finish(self) -> CiphertextDigest {
        CiphertextDigest {
            len: self.len,
            prefix_sha256: self.prefix.finalize().into(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sealing and opening
// ---------------------------------------------------------------------------------------------

/// What [`seal_document`] produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SealedDocument {
    /// Bytes written to the output (as announced by [`DocumentSealer::ciphertext_len`]).
    pub ciphertext_len: u64,
    /// The digest of the bytes written, for [`document_tag`].
    pub digest: CiphertextDigest,
}

/// The age encryptor for one wallet recipient, under a fresh file key.
fn encryptor(recipient: &WalletRecipient) -> Result<age::Encryptor> {
    let recipient = recipient.to_age()?;
    age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|_| CryptoError::InvalidParameters("recipient"))
}

/// The padded frame length for `plaintext_len`, or [`CryptoError::TooLarge`].
fn checked_padded_len(plaintext_len: u64) -> Result<u64> {
    let padded = padded_len(plaintext_len);
    if padded > MAX_PADDED_LEN {
        return Err(CryptoError::TooLarge);
    }
    Ok(padded)
}

/// The frame header: version and content length.
fn frame_header(plaintext_len: u64) -> [u8; FRAME_HEADER_LEN as usize] {
    let mut header = [0u8; FRAME_HEADER_LEN as usize];
    header[0] = FRAME_VERSION;
    header[1..].copy_from_slice(&plaintext_len.to_le_bytes());
    header
}

/// Writes `len` zero bytes of padding through `stream`.
fn write_padding<W: Write>(stream: &mut W, mut len: u64) -> Result<()> {
    let zeros = vec![0u8; BUF.min(usize::try_from(len).unwrap_or(BUF))];
    while len > 0 {
        let n = len.min(zeros.len() as u64) as usize;
        stream.write_all(&zeros[..n])?;
        len -= n as u64;
    }
    Ok(())
}

/// Refuses a file whose age header and nonce don't fit in the digested prefix (see
/// [`DIGEST_PREFIX_LEN`]), given the file's length and its padded frame length.
fn check_header_fits(ciphertext_len: u64, padded: u64) -> Result<()> {
    if ciphertext_len.saturating_sub(stream_len(padded)) > DIGEST_PREFIX_LEN as u64 {
        return Err(CryptoError::InvalidParameters("age header too long"));
    }
    Ok(())
}

/// Passes the age file through to the caller's writer, digesting it on the way.
struct Digesting<W> {
    inner: W,
    digester: CiphertextDigester,
}

impl<W: Write> Write for Digesting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.digester.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Collects what age's stream writer emits, so that [`DocumentSealer`] can create the age
/// header (and learn its exact length) before it has anywhere to write it. The collected bytes
/// are handed over whole, never copied again.
#[derive(Clone, Default)]
struct Pipe(Arc<Mutex<Vec<u8>>>);

impl Pipe {
    /// Everything collected so far, digested; the pipe starts a new buffer of that size (the
    /// next piece is usually as large).
    fn take(&self, digester: &mut CiphertextDigester) -> Vec<u8> {
        // A poisoned lock can only follow a panic inside `extend_from_slice`; the bytes are
        // still whole.
        let mut buf = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let capacity = buf.len();
        let taken = std::mem::replace(&mut *buf, Vec::with_capacity(capacity));
        digester.update(&taken);
        taken
    }

    fn len(&self) -> usize {
        self.0.lock().map(|b| b.len()).unwrap_or(0)
    }
}

impl Write for Pipe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned pipe"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Two-step encryption of one document, for callers that must announce the ciphertext's
/// length before they have the content (an upload declared up front, a browser reading a
/// file in pieces): [`DocumentSealer::new`] creates the age header under a fresh file key, so
/// [`DocumentSealer::ciphertext_len`] gives the exact output length before any content is
/// read; [`DocumentSealer::start`] then takes the content piece by piece. [`seal_document`]
/// does it all in one call, straight from a reader to a writer.
///
/// No `Debug` or `Clone`: it holds the file's payload key.
pub struct DocumentSealer {
    stream: age::stream::StreamWriter<Pipe>,
    pipe: Pipe,
    plaintext_len: u64,
    ciphertext_len: u64,
}

impl DocumentSealer {
    /// Prepares the encryption of a document of exactly `plaintext_len` bytes to `recipient`.
    /// [`CryptoError::TooLarge`] beyond [`MAX_PADDED_LEN`].
    pub fn new(recipient: &WalletRecipient, plaintext_len: u64) -> Result<Self> {
        let padded = checked_padded_len(plaintext_len)?;
        let pipe = Pipe::default();
        let mut stream = encryptor(recipient)?.wrap_output(pipe.clone())?;
        // The header and nonce are now in the pipe; the tag's digest must cover them.
        let ciphertext_len = (pipe.len() as u64).saturating_add(stream_len(padded));
        check_header_fits(ciphertext_len, padded)?;
        stream.write_all(&frame_header(plaintext_len))?;
        Ok(Self {
            stream,
            pipe,
            plaintext_len,
            ciphertext_len,
        })
    }

    /// The exact number of bytes [`DocumentSealer::seal`] (or the [`SealingStream`]) will
    /// write.
    pub fn ciphertext_len(&self) -> u64 {
        self.ciphertext_len
    }

    /// Encrypts exactly the announced number of bytes read from `input`, writing the age file to
    /// `output`, and finishes the age stream.
    ///
    /// Fails with [`CryptoError::InvalidParameters`] when `input` holds fewer or more bytes
    /// than announced. On error the output holds an unusable partial file: discard it.
    pub fn seal<R: Read, W: Write>(self, mut input: R, mut output: W) -> Result<SealedDocument> {
        let mut stream = self.start();
        let mut buf = Zeroizing::new(vec![0u8; BUF]);
        loop {
            let n = match input.read(&mut buf[..]) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            output.write_all(&stream.push(&buf[..n])?)?;
        }
        let (rest, sealed) = stream.finish()?;
        output.write_all(&rest)?;
        output.flush()?;
        Ok(sealed)
    }

    /// Starts push-style sealing: see [`SealingStream`].
    pub fn start(self) -> SealingStream {
        let padding = padded_len(self.plaintext_len) - FRAME_HEADER_LEN - self.plaintext_len;
        SealingStream {
            stream: self.stream,
            pipe: self.pipe,
            remaining: self.plaintext_len,
            padding,
            ciphertext_len: self.ciphertext_len,
            digester: CiphertextDigester::default(),
        }
    }
}

/// Push-style sealing of one document: [`SealingStream::push`] takes the next piece of
/// content and gives back the ciphertext ready so far (the first call also gives the age
/// header); [`SealingStream::finish`] adds the padding, ends the age stream and gives back the
/// rest. Memory stays bounded by the piece size plus one 64 KiB chunk.
///
/// No `Debug` or `Clone`: it holds the file's payload key.
pub struct SealingStream {
    stream: age::stream::StreamWriter<Pipe>,
    pipe: Pipe,
    remaining: u64,
    padding: u64,
    ciphertext_len: u64,
    digester: CiphertextDigester,
}

impl SealingStream {
    /// The exact number of ciphertext bytes this stream gives back in all.
    pub fn ciphertext_len(&self) -> u64 {
        self.ciphertext_len
    }

    /// Encrypts the next piece of content. [`CryptoError::InvalidParameters`] when the
    /// content grows beyond the length announced to [`DocumentSealer::new`].
    pub fn push(&mut self, plaintext: &[u8]) -> Result<Vec<u8>> {
        if plaintext.len() as u64 > self.remaining {
            return Err(CryptoError::InvalidParameters(
                "input longer than plaintext_len",
            ));
        }
        self.stream.write_all(plaintext)?;
        self.remaining -= plaintext.len() as u64;
        Ok(self.pipe.take(&mut self.digester))
    }

    /// Pads, finishes the age stream and returns the last ciphertext with the facts of the
    /// whole file. [`CryptoError::InvalidParameters`] when less content was pushed than
    /// announced.
    pub fn finish(self) -> Result<(Vec<u8>, SealedDocument)> {
        if self.remaining > 0 {
            return Err(CryptoError::InvalidParameters(
                "input shorter than plaintext_len",
            ));
        }
        let Self {
            mut stream,
            pipe,
            mut digester,
            ciphertext_len,
            padding,
            ..
        } = self;
        write_padding(&mut stream, padding)?;
        stream.finish()?;
        let out = pipe.take(&mut digester);
        let digest = digester.finish();
        if digest.len != ciphertext_len {
            // Would mean age's output length changed under us: refuse rather than mislead.
            return Err(CryptoError::Io(
                "ciphertext length differs from announced".into(),
            ));
        }
        Ok((
            out,
            SealedDocument {
                ciphertext_len: digest.len,
                digest,
            },
        ))
    }
}

/// Encrypts exactly `plaintext_len` bytes read from `input` to `recipient` under a fresh file
/// key, writing the age file straight to `output`, and finishes the age stream. `input` is a
/// [`BufRead`] so that content already in memory (`&[u8]`) is encrypted without a copy; wrap a
/// file in a [`std::io::BufReader`].
///
/// Fails with [`CryptoError::InvalidParameters`] when `input` holds fewer or more bytes than
/// `plaintext_len`, and with [`CryptoError::TooLarge`] beyond [`MAX_PADDED_LEN`]. On error the
/// output holds an unusable partial file: discard it.
pub fn seal_document<R: BufRead, W: Write>(
    recipient: &WalletRecipient,
    mut input: R,
    plaintext_len: u64,
    output: W,
) -> Result<SealedDocument> {
    let padded = checked_padded_len(plaintext_len)?;
    let mut stream = encryptor(recipient)?.wrap_output(Digesting {
        inner: output,
        digester: CiphertextDigester::default(),
    })?;
    stream.write_all(&frame_header(plaintext_len))?;
    let mut remaining = plaintext_len;
    loop {
        // Straight from the reader's buffer (no copy for content already in memory).
        let piece = match input.fill_buf() {
            Ok([]) => break,
            Ok(piece) => piece,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        let n = piece.len();
        if n as u64 > remaining {
            return Err(CryptoError::InvalidParameters(
                "input longer than plaintext_len",
            ));
        }
        stream.write_all(piece)?;
        input.consume(n);
        remaining -= n as u64;
    }
    if remaining > 0 {
        return Err(CryptoError::InvalidParameters(
            "input shorter than plaintext_len",
        ));
    }
    write_padding(&mut stream, padded - FRAME_HEADER_LEN - plaintext_len)?;
    let Digesting {
        mut inner,
        digester,
    } = stream.finish()?;
    inner.flush()?;
    let digest = digester.finish();
    check_header_fits(digest.len, padded)?;
    Ok(SealedDocument {
        ciphertext_len: digest.len,
        digest,
    })
}

/// Decrypts a document sealed to `key`'s recipient, writing the content to `output` and
/// returning its length. Verifies the age file (header MAC, every chunk, no truncation, no
/// trailing data), the frame version, the declared length and that the padding is all zeros.
///
/// Content is written as age authenticates it chunk by chunk: on error, `output` may hold a
/// prefix of the content: discard it (the error says whether the file was tampered with).
pub fn open_document<R: Read, W: Write>(key: &WalletKey, input: R, mut output: W) -> Result<u64> {
    let decryptor = age::Decryptor::new(input).map_err(map_decrypt_error)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(key.identity() as &dyn age::Identity))
        .map_err(map_decrypt_error)?;

    let mut header = [0u8; FRAME_HEADER_LEN as usize];
    read_exact_payload(&mut reader, &mut header)?;
    if header[0] != FRAME_VERSION {
        return Err(CryptoError::UnsupportedVersion(header[0]));
    }
    let mut len_bytes = [0u8; 8];
    len_bytes.copy_from_slice(&header[1..]);
    let len = u64::from_le_bytes(len_bytes);
    let padded = padded_len(len);
    if padded > MAX_PADDED_LEN {
        return Err(CryptoError::Malformed("document length"));
    }

    let mut buf = Zeroizing::new(vec![0u8; BUF]);
    let mut remaining = len;
    while remaining > 0 {
        let n = remaining.min(BUF as u64) as usize;
        read_exact_payload(&mut reader, &mut buf[..n])?;
        output.write_all(&buf[..n])?;
        remaining -= n as u64;
    }
    let mut padding = padded - FRAME_HEADER_LEN - len;
    while padding > 0 {
        let n = padding.min(BUF as u64) as usize;
        read_exact_payload(&mut reader, &mut buf[..n])?;
        if buf[..n].iter().any(|&b| b != 0) {
            return Err(CryptoError::Malformed("document padding"));
        }
        padding -= n as u64;
    }
    // The frame must end exactly here (reading on also makes age check the final chunk).
    let n = read_some_payload(&mut reader, &mut buf[..1])?;
    if n != 0 {
        return Err(CryptoError::Malformed("document trailing data"));
    }
    output.flush()?;
    Ok(len)
}

fn read_exact_payload<R: Read>(r: &mut R, buf: &mut [u8]) -> Result<()> {
    r.read_exact(buf).map_err(map_payload_read_error)
}

fn read_some_payload<R: Read>(r: &mut R, buf: &mut [u8]) -> Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return other.map_err(map_payload_read_error),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tags
// ---------------------------------------------------------------------------------------------

fn tag_mac(key: &WalletKey, id: &DocumentId, digest: &CiphertextDigest) -> Hmac<Sha256> {
    let k = key.derive(b"pde/v1/document-tag");
    // HMAC accepts keys of any length.
    #[allow(clippy::expect_used)]
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&k[..]).expect("HMAC takes any key");
    mac.update(&[TAG_VERSION]);
    mac.update(id.as_bytes());
    mac.update(&digest.len.to_le_bytes());
    mac.update(&digest.prefix_sha256);
    mac
}

/// The document tag: `version || HMAC-SHA256(K, version || id || len || prefix_sha256)` with
/// `K = HKDF-SHA256(wallet secret, "pde/v1/document-tag")` and the ciphertext's
/// [`CiphertextDigest`]. Only the wallet holder can make one, so the server (or a depositor
/// who knows only the public key) can't swap or forge documents unnoticed.
pub fn document_tag(key: &WalletKey, id: &DocumentId, digest: &CiphertextDigest) -> Vec<u8> {
    let mac = tag_mac(key, id, digest).finalize().into_bytes();
    let mut tag = Vec::with_capacity(TAG_LEN);
    tag.push(TAG_VERSION);
    tag.extend_from_slice(&mac);
    tag
}

/// Verifies a [`document_tag`] in constant time: [`CryptoError::Tampered`] on mismatch.
pub fn verify_document_tag(
    key: &WalletKey,
    id: &DocumentId,
    digest: &CiphertextDigest,
    tag: &[u8],
) -> Result<()> {
    let (&version, mac) = tag
        .split_first()
        .ok_or(CryptoError::Malformed("document tag"))?;
    if version != TAG_VERSION {
        return Err(CryptoError::UnsupportedVersion(version));
    }
    if tag.len() != TAG_LEN {
        return Err(CryptoError::Malformed("document tag"));
    }
    tag_mac(key, id, digest)
        .verify_slice(mac)
        .map_err(|_| CryptoError::Tampered)
}

// ---------------------------------------------------------------------------------------------
// In-memory conveniences
// ---------------------------------------------------------------------------------------------

/// Seals a document held in memory (see [`seal_document`]).
pub fn seal_document_bytes(recipient: &WalletRecipient, plaintext: &[u8]) -> Result<Vec<u8>> {
    let len = plaintext.len() as u64;
    let mut out = Vec::with_capacity(usize::try_from(ciphertext_len(len)).unwrap_or(0));
    seal_document(recipient, plaintext, len, &mut out)?;
    Ok(out)
}

/// Checks the tag of `ciphertext` for `id` first, then opens it (see [`open_document`]) into a
/// zeroizing buffer.
pub fn open_document_bytes(
    key: &WalletKey,
    id: &DocumentId,
    tag: &[u8],
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    verify_document_tag(key, id, &CiphertextDigest::of(ciphertext), tag)?;
    // Reserve the upper bound up front so the buffer never reallocates (which would leave
    // unzeroized copies of plaintext behind).
    let mut out = Zeroizing::new(Vec::with_capacity(ciphertext.len()));
    open_document(key, ciphertext, &mut *out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn padme_known_values() {
        let cases = [
            (0, 0),
            (1, 1),
            (2, 2),
            (3, 3),
            (4, 4),
            (7, 7),
            (8, 8),
            (9, 10),
            (10, 10),
            (11, 12),
            (17, 18),
            (100, 104),
            (1000, 1024),
            (1025, 1088),
            (65536, 65536),
            (65537, 67584),
            (1_000_000, 1_015_808),
        ];
        for (l, p) in cases {
            assert_eq!(padme(l), p, "padme({l})");
        }
        assert_eq!(padme(u64::MAX), u64::MAX);
        assert_eq!(padded_len(u64::MAX), u64::MAX);
        assert_eq!(ciphertext_len(u64::MAX), u64::MAX);
    }

    #[test]
    fn padme_properties() {
        let mut prev = 0;
        for l in 0..20_000u64 {
            let p = padme(l);
            assert!(p >= l);
            assert!(p >= prev, "monotonic");
            assert_eq!(padme(p), p, "idempotent at {l}");
            // Overhead bound: at most 1/8 above 256 bytes (Padmé's ≤ 12 %).
            if l > 256 {
                assert!((p - l) * 8 <= l, "overhead at {l}");
            }
            prev = p;
        }
    }

    #[test]
    fn document_ids() {
        let id = DocumentId::random();
        let s = id.to_string();
        assert_eq!(s.len(), 32);
        assert_eq!(s.parse::<DocumentId>().unwrap(), id);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{s}\""));
        assert_eq!(
            serde_json::from_str::<DocumentId>(&format!("\"{s}\"")).unwrap(),
            id
        );
        assert!("00".parse::<DocumentId>().is_err());
        assert!("0123456789ABCDEF0123456789abcdef"
            .parse::<DocumentId>()
            .is_err());
        assert!("0123456789abcdef0123456789abcdeg"
            .parse::<DocumentId>()
            .is_err());
        assert_ne!(DocumentId::random(), id);
    }

    #[test]
    fn exact_lengths_match_age_output() {
        let key = WalletKey::generate();
        let r = key.recipient();
        let boundaries = [
            0u64,
            1,
            55,
            56,
            CHUNK - 9,
            CHUNK - 8,
            CHUNK,
            CHUNK + 1,
            2 * CHUNK - 9,
            2 * CHUNK,
            3 * CHUNK + 17,
        ];
        for len in boundaries {
            let data = vec![0xa5u8; len as usize];
            let sealer = DocumentSealer::new(&r, len).unwrap();
            let announced = sealer.ciphertext_len();
            let mut sealed = Vec::new();
            sealer.seal(&data[..], &mut sealed).unwrap();
            assert_eq!(sealed.len() as u64, announced, "len {len}");
            assert!(ciphertext_len_bounds(len).contains(&announced), "len {len}");
            assert_eq!(*ciphertext_len_bounds(len).end(), ciphertext_len(len));
            let mut out = Vec::new();
            assert_eq!(open_document(&key, &sealed[..], &mut out).unwrap(), len);
            assert_eq!(out, data);

            // The one-call path writes straight to its output: same facts, same frame.
            let mut direct = Vec::new();
            let info = seal_document(&r, &data[..], len, &mut direct).unwrap();
            assert_eq!(info.ciphertext_len, direct.len() as u64, "len {len}");
            assert_eq!(info.digest, CiphertextDigest::of(&direct), "len {len}");
            assert!(ciphertext_len_bounds(len).contains(&info.ciphertext_len));
            let mut out = Vec::new();
            assert_eq!(open_document(&key, &direct[..], &mut out).unwrap(), len);
            assert_eq!(out, data);
        }
    }

    #[test]
    fn grease_stays_within_bounds() {
        let r = WalletKey::generate().recipient();
        let bounds = ciphertext_len_bounds(5);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..300 {
            let sealer = DocumentSealer::new(&r, 5).unwrap();
            let len = sealer.ciphertext_len();
            assert!(bounds.contains(&len), "{len} outside {bounds:?}");
            seen.insert(len);
        }
        // The header length really is random (so it can't be predicted from the size alone).
        assert!(seen.len() > 10);
    }

    #[test]
    fn declared_length_must_match_input() {
        let r = WalletKey::generate().recipient();
        let mut out = Vec::new();
        assert!(matches!(
            seal_document(&r, &b"abc"[..], 4, &mut out),
            Err(CryptoError::InvalidParameters(_))
        ));
        assert!(matches!(
            seal_document(&r, &b"abc"[..], 2, &mut out),
            Err(CryptoError::InvalidParameters(_))
        ));
        assert!(matches!(
            seal_document(&r, &b""[..], MAX_PADDED_LEN, &mut out),
            Err(CryptoError::TooLarge)
        ));
    }

    #[test]
    fn wrong_key_fails() {
        let key = WalletKey::generate();
        let sealed = seal_document_bytes(&key.recipient(), b"secret").unwrap();
        let other = WalletKey::generate();
        let mut out = Vec::new();
        assert_eq!(
            open_document(&other, &sealed[..], &mut out).err(),
            Some(CryptoError::WrongSecret)
        );
        assert!(out.is_empty());
    }

    #[test]
    fn tags_bind_id_and_ciphertext() {
        let key = WalletKey::generate();
        let a = DocumentId::random();
        let b = DocumentId::random();
        let digest = CiphertextDigest::of(b"ciphertext");
        let tag = document_tag(&key, &a, &digest);
        assert_eq!(tag.len(), TAG_LEN);
        assert_eq!(tag[0], TAG_VERSION);
        verify_document_tag(&key, &a, &digest, &tag).unwrap();
        assert_eq!(
            verify_document_tag(&key, &b, &digest, &tag).err(),
            Some(CryptoError::Tampered)
        );
        assert_eq!(
            verify_document_tag(&key, &a, &CiphertextDigest::of(b"other"), &tag).err(),
            Some(CryptoError::Tampered)
        );
        let longer = CiphertextDigest {
            len: digest.len + 1,
            ..digest
        };
        assert_eq!(
            verify_document_tag(&key, &a, &longer, &tag).err(),
            Some(CryptoError::Tampered)
        );
        assert_eq!(
            verify_document_tag(&WalletKey::generate(), &a, &digest, &tag).err(),
            Some(CryptoError::Tampered)
        );
        for i in 0..tag.len() {
            let mut bad = tag.clone();
            bad[i] ^= 0x04;
            assert!(verify_document_tag(&key, &a, &digest, &bad).is_err());
        }
        assert!(verify_document_tag(&key, &a, &digest, &tag[..32]).is_err());
        assert!(verify_document_tag(&key, &a, &digest, &[]).is_err());
        let mut long = tag.clone();
        long.push(0);
        assert!(verify_document_tag(&key, &a, &digest, &long).is_err());
    }

    #[test]
    fn push_style_sealing_matches_the_announcement() {
        let key = WalletKey::generate();
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let sealer = DocumentSealer::new(&key.recipient(), data.len() as u64).unwrap();
        let announced = sealer.ciphertext_len();
        let mut stream = sealer.start();
        let mut sealed = Vec::new();
        for piece in data.chunks(77_777) {
            sealed.extend_from_slice(&stream.push(piece).unwrap());
        }
        let (rest, info) = stream.finish().unwrap();
        sealed.extend_from_slice(&rest);
        assert_eq!(sealed.len() as u64, announced);
        assert_eq!(info.digest, CiphertextDigest::of(&sealed));
        let id = DocumentId::random();
        let tag = document_tag(&key, &id, &info.digest);
        assert_eq!(
            &open_document_bytes(&key, &id, &tag, &sealed).unwrap()[..],
            &data[..]
        );

        // Too much or too little content is refused.
        let mut stream = DocumentSealer::new(&key.recipient(), 10).unwrap().start();
        assert!(stream.push(&[0u8; 11]).is_err());
        let mut stream = DocumentSealer::new(&key.recipient(), 10).unwrap().start();
        stream.push(&[0u8; 9]).unwrap();
        assert!(stream.finish().is_err());
    }

    #[test]
    fn digest_covers_prefix_and_length() {
        let data: Vec<u8> = (0..3 * DIGEST_PREFIX_LEN).map(|i| i as u8).collect();
        let whole = CiphertextDigest::of(&data);
        assert_eq!(whole.len, data.len() as u64);
        assert_eq!(whole.prefix_sha256, sha256(&data[..DIGEST_PREFIX_LEN]));
        // Fed in uneven pieces, the streaming digester agrees.
        let mut digester = CiphertextDigester::default();
        for piece in data.chunks(1000) {
            digester.update(piece);
        }
        assert_eq!(digester.finish(), whole);
        // Short inputs are hashed whole.
        assert_eq!(CiphertextDigest::of(b"abc").prefix_sha256, sha256(b"abc"));
        // A change inside the prefix changes the digest.
        let mut changed = data.clone();
        changed[DIGEST_PREFIX_LEN - 1] ^= 1;
        assert_ne!(CiphertextDigest::of(&changed), whole);
    }

    /// The tag covers only the prefix: any change after it must still make opening fail,
    /// because the payload is authenticated under the key the prefix fixes.
    #[test]
    fn changes_after_the_prefix_fail_to_open() {
        let key = WalletKey::generate();
        let id = DocumentId::random();
        let data = vec![0x33u8; 200_000];
        let mut sealed = Vec::new();
        let info =
            seal_document(&key.recipient(), &data[..], data.len() as u64, &mut sealed).unwrap();
        let tag = document_tag(&key, &id, &info.digest);
        for pos in [
            DIGEST_PREFIX_LEN,
            DIGEST_PREFIX_LEN + 1,
            70_000,
            sealed.len() / 2,
            sealed.len() - 1,
        ] {
            let mut bad = sealed.clone();
            bad[pos] ^= 0x80;
            assert_eq!(
                open_document_bytes(&key, &id, &tag, &bad).err(),
                Some(CryptoError::Tampered),
                "change at {pos}"
            );
        }
        // A whole new file to the same recipient (all anyone with the public key can make)
        // does not carry the tag.
        let forged = seal_document_bytes(&key.recipient(), b"forged").unwrap();
        assert_eq!(
            open_document_bytes(&key, &id, &tag, &forged).err(),
            Some(CryptoError::Tampered)
        );
    }

    #[test]
    fn open_bytes_checks_tag_first() {
        let key = WalletKey::generate();
        let id = DocumentId::random();
        let sealed = seal_document_bytes(&key.recipient(), b"hello").unwrap();
        let tag = document_tag(&key, &id, &CiphertextDigest::of(&sealed));
        assert_eq!(
            &open_document_bytes(&key, &id, &tag, &sealed).unwrap()[..],
            b"hello"
        );
        // The tag of another document does not open this one.
        let other = DocumentId::random();
        assert_eq!(
            open_document_bytes(&key, &other, &tag, &sealed).err(),
            Some(CryptoError::Tampered)
        );
    }

    /// Builds an age file to `key` from a raw frame, as a malicious depositor could.
    fn seal_raw_frame(key: &WalletKey, frame: &[u8]) -> Vec<u8> {
        let r = key.recipient().to_age().unwrap();
        let enc =
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
        let mut out = Vec::new();
        let mut w = enc.wrap_output(&mut out).unwrap();
        w.write_all(frame).unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn malicious_frames_are_rejected() {
        let key = WalletKey::generate();
        let open = |frame: &[u8]| {
            let sealed = seal_raw_frame(&key, frame);
            open_document(&key, &sealed[..], &mut Vec::new())
        };
        let mut good = vec![FRAME_VERSION];
        good.extend_from_slice(&100u64.to_le_bytes());
        good.extend_from_slice(&[b'x'; 100]);
        good.resize(padded_len(100) as usize, 0);
        assert_eq!(good.len(), 112, "3 bytes of padding");
        assert_eq!(open(&good).unwrap(), 100);

        let mut v2 = good.clone();
        v2[0] = 2;
        assert_eq!(open(&v2).err(), Some(CryptoError::UnsupportedVersion(2)));
        let mut nonzero = good.clone();
        *nonzero.last_mut().unwrap() = 1;
        assert!(matches!(open(&nonzero), Err(CryptoError::Malformed(_))));
        let mut trailing = good.clone();
        trailing.push(0);
        assert!(matches!(open(&trailing), Err(CryptoError::Malformed(_))));
        let short = &good[..good.len() - 1];
        assert!(open(short).is_err());
        let mut huge = good.clone();
        huge[1..9].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(open(&huge).is_err());
        assert!(open(&[]).is_err());
        assert!(open(&[FRAME_VERSION, 0, 0]).is_err());
    }

    #[test]
    fn truncation_and_extension_are_detected() {
        let key = WalletKey::generate();
        let data = vec![7u8; 3 * CHUNK as usize];
        let sealed = seal_document_bytes(&key.recipient(), &data).unwrap();
        for cut in [1usize, 16, 17, CHUNK as usize + 16, sealed.len() - 200] {
            let t = &sealed[..sealed.len() - cut];
            assert!(
                open_document(&key, t, &mut Vec::new()).is_err(),
                "cut {cut}"
            );
        }
        let mut longer = sealed.clone();
        longer.extend_from_slice(&[0u8; 17]);
        assert!(open_document(&key, &longer[..], &mut Vec::new()).is_err());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    #![allow(clippy::unwrap_used)]

    use proptest::prelude::*;

    use super::*;

    /// Lengths around the interesting boundaries: 0, 1, and 64 KiB chunk edges (offset by the
    /// 9-byte frame header), plus random ones.
    fn interesting_len() -> impl Strategy<Value = usize> {
        let c = CHUNK as usize;
        prop_oneof![
            Just(0usize),
            Just(1usize),
            (0usize..2000),
            (c - 40..c + 40),
            (2 * c - 40..2 * c + 40),
            (0usize..3 * c),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn round_trip(len in interesting_len(), seed in any::<u8>()) {
            let key = WalletKey::generate();
            let data: Vec<u8> = (0..len).map(|i| (i as u8).wrapping_mul(31) ^ seed).collect();
            let mut sealed = Vec::new();
            let info = seal_document(&key.recipient(), &data[..], len as u64, &mut sealed).unwrap();
            prop_assert_eq!(info.ciphertext_len, sealed.len() as u64);
            prop_assert!(ciphertext_len_bounds(len as u64).contains(&info.ciphertext_len));
            prop_assert_eq!(info.digest, CiphertextDigest::of(&sealed));
            let id = DocumentId::random();
            let tag = document_tag(&key, &id, &info.digest);
            let opened = open_document_bytes(&key, &id, &tag, &sealed).unwrap();
            prop_assert_eq!(&opened[..], &data[..]);
        }

        /// Flipping any byte of a sealed document makes opening fail (never a wrong plaintext).
        #[test]
        fn any_flipped_byte_fails(len in 0usize..300, pos in any::<prop::sample::Index>(), bit in 0u8..8) {
            let key = WalletKey::generate();
            let data = vec![0x42u8; len];
            let mut sealed = seal_document_bytes(&key.recipient(), &data).unwrap();
            let i = pos.index(sealed.len());
            sealed[i] ^= 1 << bit;
            let mut out = Vec::new();
            let res = open_document(&key, &sealed[..], &mut out);
            prop_assert!(res.is_err(), "flip at {} of {} accepted", i, sealed.len());
        }

        #[test]
        fn padme_never_shrinks(l in any::<u64>()) {
            prop_assert!(padme(l) >= l);
            prop_assert!(padded_len(l) >= l);
        }
    }
}
