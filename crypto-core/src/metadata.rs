//! Encrypted metadata records (file name, type, category, note, dates, thumbnail), one per
//! document, bound to the document's id.
//!
//! Record: an age file (to the wallet's recipient, fresh file key) of the frame
//! `[version u8 = 2][document id 16][json length u32 LE][JSON][zeros]`, always
//! [`RECORD_FRAME_LEN`] bytes long, so that neither a name's length nor a thumbnail shows
//! through the record size (age then adds a header of slightly random length): a photo's record
//! and a paper's look alike. A thumbnail that would not fit is left out (it is only a preview);
//! a record too large even without it is refused. Version 1 frames (padded with Padmé, from
//! before) still open. The id inside is checked on open, so the server can't swap records
//! between documents.
//!
//! ```
//! use pde_crypto::{document::DocumentId, metadata::*, wallet::WalletKey};
//!
//! let key = WalletKey::generate();
//! let id = DocumentId::random();
//! let meta = DocumentMetadata {
//!     name: "carte-identite.jpg".into(),
//!     mime: "image/jpeg".into(),
//!     category: Category::Identity,
//!     note: String::new(),
//!     created_at: 1_700_000_000,
//!     issued_on: DocumentDate::parse("2021-05-01"),
//!     expires_on: DocumentDate::parse("2031-05-01"),
//!     thumbnail: None,
//!     copy_sha256: None,
//! };
//! let sealed = seal_metadata(&key.recipient(), &id, &meta)?;
//! assert_eq!(open_metadata(&key, &id, &sealed)?, meta);
//! assert!(open_metadata(&key, &DocumentId::random(), &sealed).is_err());
//! # Ok::<(), pde_crypto::CryptoError>(())
//! ```

use std::{fmt, io::Read, io::Write};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::{
    document::{age_len_max, padme, DocumentId},
    record::{self, RecordKind},
    util::{map_decrypt_error, map_payload_read_error},
    wallet::{WalletKey, WalletRecipient},
    CryptoError, Result,
};

/// Largest sealed metadata record accepted (and produced).
pub const MAX_SEALED_METADATA: usize = 256 * 1024;
/// Version byte of the metadata frame.
pub const METADATA_VERSION: u8 = 2;
/// Length of every version 2 frame: one size class for every record.
pub const RECORD_FRAME_LEN: usize = 16 * 1024;
/// Version 1 frames were padded with Padmé to at least this many bytes.
const V1_MIN_FRAME_LEN: usize = 1024;
const FRAME_HEADER_LEN: usize = 1 + 16 + 4;

/// A document's category (for filtering and icons).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Identity documents (ID card, passport, birth certificate).
    Identity,
    /// Residence and asylum (residence permit, annex, reference address).
    Residence,
    /// Social aid (CPAS/OCMW decisions, integration income).
    SocialAid,
    /// Medical documents (urgent medical aid, health insurance).
    Medical,
    /// Income (pay slips, unemployment, pension).
    Income,
    /// Housing (lease, shelter attestations).
    Housing,
    /// Legal (court, lawyer, police).
    Legal,
    /// Family and personal (marriage, children, letters).
    Family,
    /// Anything else.
    Other,
}

impl Category {
    /// Every category, in the order a holder sees them.
    pub const ALL: [Category; 9] = [
        Category::Identity,
        Category::Residence,
        Category::Medical,
        Category::SocialAid,
        Category::Income,
        Category::Housing,
        Category::Legal,
        Category::Family,
        Category::Other,
    ];

    /// The stable name used in the encrypted record (and in translation keys).
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Identity => "identity",
            Category::Residence => "residence",
            Category::SocialAid => "social_aid",
            Category::Medical => "medical",
            Category::Income => "income",
            Category::Housing => "housing",
            Category::Legal => "legal",
            Category::Family => "family",
            Category::Other => "other",
        }
    }
}

/// What the holder knows about a document. All of it is encrypted; `Debug` redacts the name
/// and the note (and shows only the thumbnail's size).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentMetadata {
    /// File name as shown to the holder.
    pub name: String,
    /// MIME type of the content.
    pub mime: String,
    /// Category.
    pub category: Category,
    /// Free-text note by the holder.
    pub note: String,
    /// When the document was added (Unix seconds).
    pub created_at: i64,
    /// The date the document was issued, when the holder gave it.
    #[serde(default, deserialize_with = "DocumentDate::lenient")]
    pub issued_on: Option<DocumentDate>,
    /// The date it expires (ID card, residence permit, urgent medical aid decision), when the
    /// holder gave it. Only the holder's browser reads it: the badges and the banner of what
    /// expires soon are computed there.
    #[serde(default, deserialize_with = "DocumentDate::lenient")]
    pub expires_on: Option<DocumentDate>,
    /// A small preview image (base64 in the JSON).
    #[serde(default, with = "crate::util::base64_opt_bytes")]
    pub thumbnail: Option<Vec<u8>>,
    /// SHA-256 of the ciphertext this record describes, checked before it is decrypted: in a
    /// grant, the copy's (see [`crate::grant::open_copy`]); for a received document, the one
    /// the holder opened first (see [`check_pinned_content`]). `None` for the holder's own
    /// documents, whose content is bound by their tag.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::util::base64_opt_bytes"
    )]
    pub copy_sha256: Option<Vec<u8>>,
}

impl DocumentMetadata {
    /// A record with nothing in it but its date, of type `application/octet-stream`: stands in
    /// for one that fails its check, and is the base of a new one.
    pub fn blank(created_at: i64) -> Self {
        Self {
            name: String::new(),
            mime: "application/octet-stream".into(),
            category: Category::Other,
            note: String::new(),
            created_at,
            issued_on: None,
            expires_on: None,
            thumbnail: None,
            copy_sha256: None,
        }
    }
}

/// A calendar date written on a document (issued on, expires on), kept as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentDate {
    year: u16,
    month: u8,
    day: u8,
}

impl DocumentDate {
    /// Years a document's date may have.
    pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=2200;

    /// The date, when it exists in the calendar (and its year is in [`Self::YEARS`]).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (Self::YEARS.contains(&year) && (1..=days).contains(&day)).then_some(Self {
            year,
            month,
            day,
        })
    }

    /// Reads `YYYY-MM-DD` (what a date field gives).
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let mut next = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u16>().ok())
        };
        let (year, month, day) = (next(4)?, next(2)?, next(2)?);
        if parts.next().is_some() {
            return None;
        }
        Self::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// A record's date as it was stored; one that isn't a date is left out rather than making
    /// the whole record unreadable.
    fn lenient<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Option<Self>, D::Error> {
        let text = Option::<String>::deserialize(deserializer)?;
        Ok(text.as_deref().and_then(Self::parse))
    }
}

impl fmt::Display for DocumentDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for DocumentDate {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom("not a date (YYYY-MM-DD)"))
    }
}

impl Serialize for DocumentDate {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Debug for DocumentMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentMetadata")
            .field("name", &"<redacted>")
            .field("mime", &self.mime)
            .field("category", &self.category)
            .field("note", &"<redacted>")
            .field("created_at", &self.created_at)
            .field("issued_on", &self.issued_on)
            .field("expires_on", &self.expires_on)
            .field("thumbnail_len", &self.thumbnail.as_ref().map(Vec::len))
            .field("copy_sha256", &self.copy_sha256.is_some())
            .finish()
    }
}

/// The frame length a version 1 record had for `json_len` bytes of JSON.
fn v1_frame_len(json_len: usize) -> usize {
    let raw = (FRAME_HEADER_LEN + json_len).max(V1_MIN_FRAME_LEN);
    usize::try_from(padme(raw as u64)).unwrap_or(usize::MAX)
}

/// The record's JSON, without the thumbnail when the whole would not fit in one frame.
fn record_json(meta: &DocumentMetadata) -> Result<Zeroizing<Vec<u8>>> {
    let fits = |json: &[u8]| FRAME_HEADER_LEN + json.len() <= RECORD_FRAME_LEN;
    let to_json = |meta: &DocumentMetadata| {
        serde_json::to_vec(meta)
            .map(Zeroizing::new)
            .map_err(|_| CryptoError::Malformed("metadata"))
    };
    let json = to_json(meta)?;
    if fits(&json) {
        return Ok(json);
    }
    if meta.thumbnail.is_some() {
        let without = DocumentMetadata {
            thumbnail: None,
            ..meta.clone()
        };
        let json = to_json(&without)?;
        if fits(&json) {
            return Ok(json);
        }
    }
    Err(CryptoError::TooLarge)
}

/// Encrypts `meta` for document `id` to `recipient`, in a frame of [`RECORD_FRAME_LEN`] bytes.
/// A thumbnail that would not fit is left out; [`CryptoError::TooLarge`] if the rest does not
/// fit either (a name and a note as long as the page allows always do).
pub fn seal_metadata(
    recipient: &WalletRecipient,
    id: &DocumentId,
    meta: &DocumentMetadata,
) -> Result<Vec<u8>> {
    let json = record_json(meta)?;
    let padded = RECORD_FRAME_LEN;
    let mut frame = Zeroizing::new(Vec::with_capacity(padded));
    frame.push(METADATA_VERSION);
    frame.extend_from_slice(id.as_bytes());
    frame.extend_from_slice(&(json.len() as u32).to_le_bytes());
    frame.extend_from_slice(&json);
    frame.resize(padded, 0);
    seal_frame(recipient, &frame)
}

fn seal_frame(recipient: &WalletRecipient, frame: &[u8]) -> Result<Vec<u8>> {
    let recipient = recipient.to_age()?;
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|_| CryptoError::InvalidParameters("recipient"))?;
    let mut out = Vec::with_capacity(age_len_max(frame.len() as u64) as usize);
    let mut w = encryptor.wrap_output(&mut out)?;
    w.write_all(frame)?;
    w.finish()?;
    Ok(out)
}

/// Who wrote a wallet's metadata record, as far as the holder's vault can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The holder added the document (the record is authenticated as such).
    Own,
    /// Received through a deposit link; the holder authenticated the record after it arrived,
    /// so the server can no longer change it, but the sender stays unverified.
    Received,
    /// Received through a deposit link, as its sender sealed it: nothing authenticates it yet.
    ReceivedUnverified,
}

impl Origin {
    /// Whether the document came through a deposit link.
    pub fn is_received(self) -> bool {
        self != Origin::Own
    }
}

/// Seals a record of the holder's wallet and authenticates it under the wallet key (see
/// [`crate::record`]); `received` keeps a received document's record marked as such.
pub fn seal_wallet_metadata(
    key: &WalletKey,
    id: &DocumentId,
    meta: &DocumentMetadata,
    received: bool,
) -> Result<Vec<u8>> {
    let sealed = seal_metadata(&key.recipient(), id, meta)?;
    let kind = if received {
        RecordKind::ReceivedMetadata
    } else {
        RecordKind::Metadata
    };
    Ok(record::authenticate(key, kind, id.as_bytes(), sealed))
}

/// Opens a record of the holder's wallet. A record authenticated by the wallet key opens with
/// its [`Origin`]; one without an authenticator opens only for a document the server lists as
/// received through a deposit link, with that link's key `received_with` (see
/// [`crate::deposit::received_content_key`]) ([`Origin::ReceivedUnverified`]); anything else is
/// [`CryptoError::Tampered`], so a record the server (or anyone with the public key) wrote
/// for one of the holder's own documents is never shown as a name.
pub fn open_wallet_metadata(
    key: &WalletKey,
    id: &DocumentId,
    record: &[u8],
    received_with: Option<&WalletKey>,
) -> Result<(DocumentMetadata, Origin)> {
    for (kind, origin) in [
        (RecordKind::Metadata, Origin::Own),
        (RecordKind::ReceivedMetadata, Origin::Received),
    ] {
        if let Ok(sealed) = record::verify(key, kind, id.as_bytes(), record) {
            return Ok((open_metadata(key, id, sealed)?, origin));
        }
    }
    if let Some(link_key) = received_with {
        return Ok((
            open_metadata(link_key, id, record)?,
            Origin::ReceivedUnverified,
        ));
    }
    Err(CryptoError::Tampered)
}

/// For a received document (no tag: only the holder makes tags), checks `ciphertext` against
/// the digest its record pinned when the holder first opened it. `Ok(true)` when the record
/// pins nothing yet: the caller pins this ciphertext ([`DocumentMetadata::copy_sha256`]) and
/// authenticates the record, so the server can't swap the content afterwards.
pub fn check_pinned_content(meta: &DocumentMetadata, ciphertext: &[u8]) -> Result<bool> {
    match &meta.copy_sha256 {
        None => Ok(true),
        Some(pinned) if pinned[..] == crate::document::sha256(ciphertext)[..] => Ok(false),
        Some(_) => Err(CryptoError::Tampered),
    }
}

/// Decrypts a metadata record and checks that it belongs to document `id`
/// ([`CryptoError::Tampered`] if it belongs to another one).
pub fn open_metadata(key: &WalletKey, id: &DocumentId, sealed: &[u8]) -> Result<DocumentMetadata> {
    if sealed.len() > MAX_SEALED_METADATA {
        return Err(CryptoError::TooLarge);
    }
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(map_decrypt_error)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(key.identity() as &dyn age::Identity))
        .map_err(map_decrypt_error)?;
    // Capacity reserved up front: no reallocation leaves plaintext copies behind.
    let mut frame = Zeroizing::new(Vec::with_capacity(sealed.len()));
    reader
        .read_to_end(&mut frame)
        .map_err(map_payload_read_error)?;

    if frame.len() < FRAME_HEADER_LEN {
        return Err(CryptoError::Malformed("metadata frame"));
    }
    let version = frame[0];
    if version != METADATA_VERSION && version != 1 {
        return Err(CryptoError::UnsupportedVersion(version));
    }
    if &frame[1..17] != id.as_bytes() {
        return Err(CryptoError::Tampered);
    }
    let mut len = [0u8; 4];
    len.copy_from_slice(&frame[17..21]);
    let json_len = u32::from_le_bytes(len) as usize;
    let end = FRAME_HEADER_LEN
        .checked_add(json_len)
        .filter(|&e| e <= frame.len())
        .ok_or(CryptoError::Malformed("metadata length"))?;
    let expected_len = if version == 1 {
        v1_frame_len(json_len)
    } else {
        RECORD_FRAME_LEN
    };
    if frame.len() != expected_len {
        return Err(CryptoError::Malformed("metadata padding"));
    }
    if frame[end..].iter().any(|&b| b != 0) {
        return Err(CryptoError::Malformed("metadata padding"));
    }
    serde_json::from_slice(&frame[FRAME_HEADER_LEN..end])
        .map_err(|_| CryptoError::Malformed("metadata json"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::document::age_len_min;

    fn sample() -> DocumentMetadata {
        DocumentMetadata {
            name: "attestation CPAS.pdf".into(),
            mime: "application/pdf".into(),
            category: Category::SocialAid,
            note: "rendez-vous mardi".into(),
            created_at: 1_700_000_000,
            issued_on: None,
            expires_on: DocumentDate::new(2031, 5, 1),
            thumbnail: Some(vec![1, 2, 3, 255]),
            copy_sha256: None,
        }
    }

    #[test]
    fn category_names_match_serde() {
        for category in Category::ALL {
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.as_str()));
        }
    }

    #[test]
    fn round_trip_and_binding() {
        let key = WalletKey::generate();
        let id = DocumentId::random();
        let sealed = seal_metadata(&key.recipient(), &id, &sample()).unwrap();
        assert_eq!(open_metadata(&key, &id, &sealed).unwrap(), sample());
        assert_eq!(
            open_metadata(&key, &DocumentId::random(), &sealed).err(),
            Some(CryptoError::Tampered)
        );
        assert_eq!(
            open_metadata(&WalletKey::generate(), &id, &sealed).err(),
            Some(CryptoError::WrongSecret)
        );
    }

    /// Sealed lengths vary only with age's random grease stanza, never with what is inside.
    fn assert_one_size_class(records: &[Vec<u8>]) {
        for record in records {
            let len = record.len() as u64;
            assert!(len >= age_len_min(RECORD_FRAME_LEN as u64), "{len}");
            assert!(len <= age_len_max(RECORD_FRAME_LEN as u64), "{len}");
        }
    }

    #[test]
    fn a_photo_and_a_paper_have_records_of_one_size() {
        let key = WalletKey::generate();
        let id = DocumentId::random();
        let mut paper = sample();
        paper.name = "a".into();
        paper.thumbnail = None;
        let mut photo = sample();
        photo.name = "a much longer file name for a photo of an identity card.jpg".into();
        photo.thumbnail = Some(vec![0x5a; 8 * 1024]);
        let records: Vec<Vec<u8>> = (0..8)
            .flat_map(|_| [&paper, &photo])
            .map(|meta| seal_metadata(&key.recipient(), &id, meta).unwrap())
            .collect();
        assert_one_size_class(&records);
        assert_eq!(open_metadata(&key, &id, &records[1]).unwrap(), photo);
    }

    #[test]
    fn the_longest_name_and_note_the_page_allows_fit_with_a_thumbnail_left_out_if_need_be() {
        let key = WalletKey::generate();
        let id = DocumentId::random();
        // The page allows 200 characters of name and 2000 of note; control characters take
        // six bytes each in JSON, the worst case.
        let mut meta = sample();
        meta.name = "\u{1}".repeat(200);
        meta.note = "\u{1}".repeat(2000);
        meta.thumbnail = Some(vec![1; 8 * 1024]);
        let sealed = seal_metadata(&key.recipient(), &id, &meta).unwrap();
        assert_one_size_class(std::slice::from_ref(&sealed));
        let opened = open_metadata(&key, &id, &sealed).unwrap();
        assert_eq!(opened.thumbnail, None, "the thumbnail gives way");
        assert_eq!((&opened.name, &opened.note), (&meta.name, &meta.note));

        // A thumbnail that fits is kept whole.
        meta.note = "rendez-vous mardi".into();
        let sealed = seal_metadata(&key.recipient(), &id, &meta).unwrap();
        assert_eq!(open_metadata(&key, &id, &sealed).unwrap(), meta);
    }

    #[test]
    fn version_1_records_still_open() {
        let key = WalletKey::generate();
        let id = DocumentId::random();
        let json = serde_json::to_vec(&sample()).unwrap();
        let mut frame = vec![1u8];
        frame.extend_from_slice(id.as_bytes());
        frame.extend_from_slice(&(json.len() as u32).to_le_bytes());
        frame.extend_from_slice(&json);
        frame.resize(v1_frame_len(json.len()), 0);
        let sealed = seal_frame(&key.recipient(), &frame).unwrap();
        assert_eq!(open_metadata(&key, &id, &sealed).unwrap(), sample());
        // A version 1 frame with version 2's length is refused, and the other way round.
        frame.resize(RECORD_FRAME_LEN, 0);
        let sealed = seal_frame(&key.recipient(), &frame).unwrap();
        assert!(open_metadata(&key, &id, &sealed).is_err());
        frame[0] = METADATA_VERSION;
        frame.truncate(v1_frame_len(json.len()));
        let sealed = seal_frame(&key.recipient(), &frame).unwrap();
        assert!(open_metadata(&key, &id, &sealed).is_err());
    }

    #[test]
    fn a_record_written_without_the_wallet_key_is_never_shown() {
        let key = WalletKey::generate();
        let id = DocumentId::random();
        let own = seal_wallet_metadata(&key, &id, &sample(), false).unwrap();
        assert_eq!(
            open_wallet_metadata(&key, &id, &own, None).unwrap(),
            (sample(), Origin::Own)
        );
        // The server seals its own record to the public recipient: refused, whatever the id.
        let mut forged = sample();
        forged.name = "forged by the server".into();
        let forged = seal_metadata(&key.recipient(), &id, &forged).unwrap();
        assert_eq!(
            open_wallet_metadata(&key, &id, &forged, None).err(),
            Some(CryptoError::Tampered)
        );
        // Listed as received, it opens only as unverified, never as the holder's own.
        assert_eq!(
            open_wallet_metadata(&key, &id, &forged, Some(&key))
                .unwrap()
                .1,
            Origin::ReceivedUnverified
        );
        // Own records don't move between documents, and received stays received.
        assert!(open_wallet_metadata(&key, &DocumentId::random(), &own, None).is_err());
        let received = seal_wallet_metadata(&key, &id, &sample(), true).unwrap();
        assert_eq!(
            open_wallet_metadata(&key, &id, &received, None).unwrap().1,
            Origin::Received
        );
    }

    #[test]
    fn a_received_document_is_pinned_to_the_content_first_opened() {
        let mut meta = sample();
        assert_eq!(check_pinned_content(&meta, b"first"), Ok(true));
        meta.copy_sha256 = Some(crate::document::sha256(b"first").to_vec());
        assert_eq!(check_pinned_content(&meta, b"first"), Ok(false));
        assert_eq!(
            check_pinned_content(&meta, b"swapped"),
            Err(CryptoError::Tampered)
        );
    }

    #[test]
    fn too_large_is_refused() {
        let key = WalletKey::generate();
        let mut m = sample();
        m.thumbnail = None;
        m.note = "x".repeat(RECORD_FRAME_LEN);
        assert_eq!(
            seal_metadata(&key.recipient(), &DocumentId::random(), &m).err(),
            Some(CryptoError::TooLarge)
        );
        let big = vec![0u8; MAX_SEALED_METADATA + 1];
        assert_eq!(
            open_metadata(&key, &DocumentId::random(), &big).err(),
            Some(CryptoError::TooLarge)
        );
    }

    #[test]
    fn debug_redacts() {
        let s = format!("{:?}", sample());
        assert!(!s.contains("CPAS"));
        assert!(!s.contains("mardi"));
        assert!(s.contains("application/pdf"));
    }

    #[test]
    fn json_shape() {
        let v = serde_json::to_value(sample()).unwrap();
        assert_eq!(v["category"], "social_aid");
        assert_eq!(v["thumbnail"], "AQID/w==");
        let mut m = sample();
        m.thumbnail = None;
        let v = serde_json::to_value(&m).unwrap();
        assert!(v["thumbnail"].is_null());
        assert_eq!(v["expires_on"], "2031-05-01");
        assert!(v["issued_on"].is_null());
    }

    #[test]
    fn dates_exist_in_the_calendar_or_are_refused() {
        assert_eq!(
            DocumentDate::parse("2028-02-29").map(|d| d.to_string()),
            Some("2028-02-29".into())
        );
        for wrong in [
            "2027-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-01-01",
            "2026-01-01-01",
            "2026/01/01",
            "",
            "1899-12-31",
            "2201-01-01",
            "+026-01-01",
        ] {
            assert_eq!(DocumentDate::parse(wrong), None, "{wrong}");
        }
        assert_eq!(DocumentDate::parse("2000-02-29").map(|d| d.day()), Some(29));
        assert!(DocumentDate::new(2026, 12, 31) > DocumentDate::new(2026, 12, 30));
    }

    #[test]
    fn a_record_from_before_dates_or_with_a_wrong_one_still_opens() {
        // Records written before these fields had a free-form `document_date`.
        let old = r#"{"name":"a","mime":"image/jpeg","category":"identity","note":"",
            "created_at":1,"document_date":"2031-05-01","thumbnail":null}"#;
        let meta: DocumentMetadata = serde_json::from_str(old).unwrap();
        assert_eq!((meta.issued_on, meta.expires_on), (None, None));
        let wrong = old.replace("\"thumbnail\"", "\"expires_on\":\"soon\",\"thumbnail\"");
        let meta: DocumentMetadata = serde_json::from_str(&wrong).unwrap();
        assert_eq!(meta.expires_on, None);
    }

    #[test]
    fn flipped_bytes_fail() {
        let key = WalletKey::generate();
        let id = DocumentId::random();
        let sealed = seal_metadata(&key.recipient(), &id, &sample()).unwrap();
        for i in (0..sealed.len()).step_by(5).chain([sealed.len() - 1]) {
            let mut bad = sealed.clone();
            bad[i] ^= 0x10;
            assert!(open_metadata(&key, &id, &bad).is_err(), "flip at {i}");
        }
        assert!(open_metadata(&key, &id, &sealed[..sealed.len() - 1]).is_err());
        assert!(open_metadata(&key, &id, &[]).is_err());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    #![allow(clippy::unwrap_used)]

    use proptest::prelude::*;

    use super::*;

    fn category() -> impl Strategy<Value = Category> {
        prop_oneof![
            Just(Category::Identity),
            Just(Category::Residence),
            Just(Category::SocialAid),
            Just(Category::Medical),
            Just(Category::Income),
            Just(Category::Housing),
            Just(Category::Legal),
            Just(Category::Family),
            Just(Category::Other),
        ]
    }

    fn metadata() -> impl Strategy<Value = DocumentMetadata> {
        (
            ".{0,80}",
            "[a-z]{1,12}/[a-z0-9.+-]{1,20}",
            category(),
            ".{0,300}",
            any::<i64>(),
            proptest::option::of((1900u16..=2200, 1u8..=12, 1u8..=28)),
            proptest::option::of(proptest::collection::vec(any::<u8>(), 0..4096)),
        )
            .prop_map(
                |(name, mime, category, note, created_at, date, thumbnail)| {
                    let date = date.and_then(|(y, m, d)| DocumentDate::new(y, m, d));
                    DocumentMetadata {
                        name,
                        mime,
                        category,
                        note,
                        created_at,
                        issued_on: date,
                        expires_on: date,
                        thumbnail,
                        copy_sha256: None,
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn round_trip(meta in metadata()) {
            let key = WalletKey::generate();
            let id = DocumentId::random();
            let sealed = seal_metadata(&key.recipient(), &id, &meta).unwrap();
            prop_assert!(sealed.len() <= MAX_SEALED_METADATA);
            prop_assert_eq!(open_metadata(&key, &id, &sealed).unwrap(), meta);
        }

        #[test]
        fn any_flipped_byte_fails(pos in any::<prop::sample::Index>(), bit in 0u8..8) {
            let key = WalletKey::generate();
            let id = DocumentId::random();
            let meta = DocumentMetadata {
                name: "x".into(), mime: "text/plain".into(), category: Category::Other,
                note: String::new(), created_at: 0, issued_on: None, expires_on: None, thumbnail: None,
                copy_sha256: None,
            };
            let mut sealed = seal_metadata(&key.recipient(), &id, &meta).unwrap();
            let i = pos.index(sealed.len());
            sealed[i] ^= 1 << bit;
            prop_assert!(open_metadata(&key, &id, &sealed).is_err());
        }
    }
}
