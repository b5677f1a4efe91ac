//! Reading an archive back (an import into a new wallet): a locked one with its passphrase, a
//! plain one as it is. Documents are read one at a time, on demand.

use std::io::{Cursor, Read, Seek, SeekFrom};

use age::secrecy::SecretString;
use zip::ZipArchive;

use crate::{ArchiveError, ArchiveIndex, FORMAT, INDEX_FILE};

/// The first bytes of an age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
/// Most bytes of a machine index read (thousands of documents fit).
const MAX_INDEX_BYTES: u64 = 16 * 1024 * 1024;

/// Whether `start` (an archive's first bytes) is a locked archive, which needs its passphrase.
pub fn is_locked(start: &[u8]) -> bool {
    start.starts_with(AGE_MAGIC)
}

/// The archive's bytes, decrypted as they are read when it is locked.
enum Source {
    Plain(Cursor<Vec<u8>>),
    Locked(Box<age::stream::StreamReader<Cursor<Vec<u8>>>>),
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Source::Plain(cursor) => cursor.read(buf),
            Source::Locked(age) => age.read(buf),
        }
    }
}

impl Seek for Source {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        match self {
            Source::Plain(cursor) => cursor.seek(pos),
            Source::Locked(age) => age.seek(pos),
        }
    }
}

/// An archive opened for reading.
pub struct ArchiveReader {
    zip: ZipArchive<Source>,
    index: ArchiveIndex,
}

impl ArchiveReader {
    /// Opens `bytes`: with `passphrase` when it is locked (refused above `max_work_factor`).
    pub fn open(
        bytes: Vec<u8>,
        passphrase: Option<SecretString>,
        max_work_factor: u8,
    ) -> Result<Self, ArchiveError> {
        let source = if is_locked(&bytes) {
            let passphrase = passphrase.ok_or(ArchiveError::WrongPassphrase)?;
            let decryptor = age::Decryptor::new(Cursor::new(bytes)).map_err(decrypt_error)?;
            let mut identity = age::scrypt::Identity::new(passphrase);
            identity.set_max_work_factor(max_work_factor);
            let reader = decryptor
                .decrypt(std::iter::once(&identity as &dyn age::Identity))
                .map_err(decrypt_error)?;
            Source::Locked(Box::new(reader))
        } else {
            Source::Plain(Cursor::new(bytes))
        };
        let mut zip = ZipArchive::new(source).map_err(|e| match e {
            zip::result::ZipError::InvalidArchive(_) => ArchiveError::NotAnArchive,
            other => other.into(),
        })?;
        let index: ArchiveIndex = {
            let file = zip
                .by_name(INDEX_FILE)
                .map_err(|_| ArchiveError::NotAnArchive)?;
            let mut json = Vec::new();
            file.take(MAX_INDEX_BYTES)
                .read_to_end(&mut json)
                .map_err(|e| ArchiveError::Damaged(e.to_string()))?;
            serde_json::from_slice(&json).map_err(|_| ArchiveError::NotAnArchive)?
        };
        if index.format != FORMAT {
            return Err(ArchiveError::NotAnArchive);
        }
        Ok(Self { zip, index })
    }

    /// What the archive holds.
    pub fn index(&self) -> &ArchiveIndex {
        &self.index
    }

    /// The content of the document saved as `file`, checked against its CRC; at most
    /// `max_bytes` (more is refused as damage).
    pub fn read(&mut self, file: &str, max_bytes: u64) -> Result<Vec<u8>, ArchiveError> {
        let entry = self.zip.by_name(file)?;
        if entry.size() > max_bytes {
            return Err(ArchiveError::Damaged(format!("{file} is too large")));
        }
        let mut content = Vec::with_capacity(entry.size() as usize);
        entry
            .take(max_bytes + 1)
            .read_to_end(&mut content)
            .map_err(|e| ArchiveError::Damaged(e.to_string()))?;
        if content.len() as u64 > max_bytes {
            return Err(ArchiveError::Damaged(format!("{file} is too large")));
        }
        Ok(content)
    }
}

fn decrypt_error(error: age::DecryptError) -> ArchiveError {
    match error {
        age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => {
            ArchiveError::WrongPassphrase
        }
        age::DecryptError::ExcessiveWork { .. } => ArchiveError::TooCostly,
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => {
            ArchiveError::NotAnArchive
        }
        other => ArchiveError::Damaged(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{ArchiveWriter, Protection};
    use crate::IndexEntry;

    fn entry(name: &str, received_from: Option<&str>) -> IndexEntry {
        IndexEntry {
            file: String::new(),
            name: name.to_owned(),
            category: "identity".to_owned(),
            note: "note".to_owned(),
            added_at: 1_796_342_400,
            received_from: received_from.map(str::to_owned),
            issued_on: None,
            expires_on: Some("2031-05-01".to_owned()),
        }
    }

    /// Writes `documents` as the page does, taking the bytes out after each one.
    fn archive(protection: Protection, documents: &[(&str, Vec<u8>)]) -> (Vec<u8>, Vec<String>) {
        let mut writer = ArchiveWriter::new(protection).expect("writer");
        let mut out = Vec::new();
        let mut files = Vec::new();
        for (name, content) in documents {
            files.push(
                writer
                    .add_document(name, content, entry(name, None))
                    .expect("add"),
            );
            let taken = writer.take();
            out.extend_from_slice(&taken);
        }
        out.extend(writer.finish("read me", 1_796_342_400).expect("finish"));
        (out, files)
    }

    fn documents() -> Vec<(&'static str, Vec<u8>)> {
        vec![
            ("../carte.pdf", b"%PDF-1.7 card".to_vec()),
            (
                "photo.jpg",
                (0..200_000u32).map(|i| (i * 7) as u8).collect(),
            ),
            ("CON.pdf", Vec::new()),
        ]
    }

    #[test]
    fn a_plain_archive_holds_the_documents_byte_for_byte_under_safe_names() {
        let (bytes, files) = archive(Protection::None, &documents());
        assert_eq!(files, ["_carte.pdf", "photo.jpg", "_CON.pdf"]);
        // Any ZIP reader opens it.
        let mut zip = ZipArchive::new(Cursor::new(bytes.clone())).expect("zip");
        assert_eq!(zip.len(), 5);
        let mut text = String::new();
        zip.by_name(crate::READ_ME_FILE)
            .expect("read me")
            .read_to_string(&mut text)
            .expect("text");
        assert_eq!(text, "read me");
        let mut reader = ArchiveReader::open(bytes, None, 1).expect("open");
        assert_eq!(reader.index().documents.len(), 3);
        for ((_, content), file) in documents().iter().zip(&files) {
            assert_eq!(&reader.read(file, 1 << 20).expect("read"), content);
        }
        assert_eq!(reader.index().documents[0].name, "../carte.pdf");
        assert!(matches!(
            reader.read("photo.jpg", 1000),
            Err(ArchiveError::Damaged(_))
        ));
    }

    fn locked(passphrase: &str, work_factor: u8) -> Protection {
        Protection::Passphrase {
            passphrase: SecretString::from(passphrase.to_owned()),
            work_factor,
        }
    }

    #[test]
    fn a_locked_archive_opens_with_its_passphrase_only() {
        let (bytes, files) = archive(locked("le chat de Molenbeek", 10), &documents());
        assert!(is_locked(&bytes));
        let plain = b"%PDF-1.7 card";
        assert!(!bytes.windows(plain.len()).any(|w| w == plain));
        let open = |passphrase: &str, max| {
            ArchiveReader::open(
                bytes.clone(),
                Some(SecretString::from(passphrase.to_owned())),
                max,
            )
        };
        assert!(matches!(
            open("le chat de Molenbeek!", 10),
            Err(ArchiveError::WrongPassphrase)
        ));
        assert!(matches!(
            ArchiveReader::open(bytes.clone(), None, 10),
            Err(ArchiveError::WrongPassphrase)
        ));
        assert!(matches!(
            open("le chat de Molenbeek", 9),
            Err(ArchiveError::TooCostly)
        ));
        let mut reader = open("le chat de Molenbeek", 10).expect("open");
        for ((_, content), file) in documents().iter().zip(&files) {
            assert_eq!(&reader.read(file, 1 << 20).expect("read"), content);
        }
        // Cut short, it is refused as damaged, not read in part.
        let cut = bytes[..bytes.len() - 100].to_vec();
        assert!(ArchiveReader::open(
            cut,
            Some(SecretString::from("le chat de Molenbeek".to_owned())),
            10
        )
        .is_err());
    }

    #[test]
    fn the_real_work_factor_is_written_and_accepted() {
        let (bytes, _) = archive(
            locked("a b c d e f", crate::passphrase::WORK_FACTOR),
            &documents()[..1],
        );
        let header = String::from_utf8_lossy(&bytes[..200]).into_owned();
        assert!(
            header.contains(&format!(" {}\n", crate::passphrase::WORK_FACTOR)),
            "{header}"
        );
        assert!(ArchiveReader::open(
            bytes,
            Some(SecretString::from("a b c d e f".to_owned())),
            crate::passphrase::WORK_FACTOR
        )
        .is_ok());
    }

    #[test]
    fn what_is_not_an_archive_says_so() {
        assert!(matches!(
            ArchiveReader::open(b"hello".to_vec(), None, 10),
            Err(ArchiveError::NotAnArchive)
        ));
        // A ZIP without PDE's index.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .expect("start");
        std::io::Write::write_all(&mut zip, b"a").expect("write");
        let bytes = zip.finish().expect("finish").into_inner();
        assert!(matches!(
            ArchiveReader::open(bytes, None, 10),
            Err(ArchiveError::NotAnArchive)
        ));
    }
}
