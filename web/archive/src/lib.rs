//! # pde-archive
//!
//! "Take everything with me" (GDPR articles 15 and 20) and its way back: the holder's documents
//! in their original form as a ZIP, with an index a person reads and one PDE reads back. The ZIP
//! is written as a stream (no seeking back), so the page hands each piece on — to a file on
//! disk or to a volume — as soon as it is written, and holds one document at a time.
//!
//! The same ZIP can travel inside an age file locked by a passphrase (scrypt, at a high work
//! factor: a lost USB stick can be attacked offline), which an import opens into a new wallet.
//! Never a PIN: [`passphrase`] generates one for a printed sheet or checks a long chosen one.
//!
//! Pure, no I/O: the page brings the bytes in and takes them away.

pub mod names;
pub mod passphrase;
pub mod read;
pub mod volumes;
pub mod write;

use serde::{Deserialize, Serialize};

/// The index PDE reads back on import, in every archive (one per volume, of that volume).
pub const INDEX_FILE: &str = "pde-index.json";
/// The plain-text index a person reads, in every archive.
pub const READ_ME_FILE: &str = "index.txt";
/// What [`ArchiveIndex::format`] says.
pub const FORMAT: &str = "pde-archive/1";

/// One document of an archive, as its index describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Its entry in the ZIP (see [`names::Names::entry`]).
    pub file: String,
    /// Its name in the wallet.
    pub name: String,
    /// Its category (the wallet's wire name, e.g. `social_aid`).
    pub category: String,
    /// The holder's note.
    pub note: String,
    /// When it was added to the wallet, Unix seconds.
    pub added_at: i64,
    /// It came through a deposit link (sender not verified): that link's private label.
    pub received_from: Option<String>,
    /// When it was issued (`YYYY-MM-DD`), if the holder said.
    #[serde(default)]
    pub issued_on: Option<String>,
    /// When it expires (`YYYY-MM-DD`), if the holder said.
    #[serde(default)]
    pub expires_on: Option<String>,
}

/// The machine-readable index ([`INDEX_FILE`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveIndex {
    /// [`FORMAT`].
    pub format: String,
    /// The documents of this archive (this volume).
    pub documents: Vec<IndexEntry>,
}

/// Why an archive could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The passphrase does not open this archive.
    #[error("the passphrase does not open this archive")]
    WrongPassphrase,
    /// The archive asks for more scrypt work than an import accepts.
    #[error("the archive asks for too much work to open")]
    TooCostly,
    /// Not an archive PDE wrote.
    #[error("not a PDE archive")]
    NotAnArchive,
    /// Cut or changed.
    #[error("the archive is damaged: {0}")]
    Damaged(String),
    /// The ZIP could not be written.
    #[error("the archive could not be written: {0}")]
    Write(String),
}

impl From<zip::result::ZipError> for ArchiveError {
    fn from(error: zip::result::ZipError) -> Self {
        ArchiveError::Damaged(error.to_string())
    }
}
