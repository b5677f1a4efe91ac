//! Writing an archive as a stream: each document goes in whole, and what was written so far is
//! taken out ([`ArchiveWriter::take`]) before the next, so the page holds one document at a time.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use age::secrecy::SecretString;
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::names::Names;
use crate::{ArchiveError, ArchiveIndex, IndexEntry, FORMAT, INDEX_FILE, READ_ME_FILE};

/// How an archive is protected.
pub enum Protection {
    /// A plain ZIP (the holder takes the documents as they are).
    None,
    /// A ZIP inside an age file that this passphrase opens, at this scrypt work factor.
    Passphrase {
        /// The passphrase, exact (see [`crate::passphrase::normalise`]).
        passphrase: SecretString,
        /// log₂ N ([`crate::passphrase::WORK_FACTOR`]).
        work_factor: u8,
    },
}

/// Bytes written and not yet taken out.
#[derive(Clone, Default)]
struct Spool(Rc<RefCell<Vec<u8>>>);

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where the ZIP's bytes go: out as they are, or through age's encryption first.
enum Sink {
    Plain(Spool),
    Locked(age::stream::StreamWriter<Spool>),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Plain(spool) => spool.write(buf),
            Sink::Locked(age) => age.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Plain(spool) => spool.flush(),
            Sink::Locked(age) => age.flush(),
        }
    }
}

/// One archive (one volume) being written.
pub struct ArchiveWriter {
    zip: ZipWriter<StreamWriter<Sink>>,
    spool: Spool,
    names: Names,
    index: Vec<IndexEntry>,
}

fn write_error(error: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::Write(error.to_string())
}

impl ArchiveWriter {
    /// Starts an archive protected as `protection` says.
    pub fn new(protection: Protection) -> Result<Self, ArchiveError> {
        let spool = Spool::default();
        let sink = match protection {
            Protection::None => Sink::Plain(spool.clone()),
            Protection::Passphrase {
                passphrase,
                work_factor,
            } => {
                let mut recipient = age::scrypt::Recipient::new(passphrase);
                recipient.set_work_factor(work_factor);
                let encryptor = age::Encryptor::with_recipients(std::iter::once(
                    &recipient as &dyn age::Recipient,
                ))
                .map_err(write_error)?;
                Sink::Locked(encryptor.wrap_output(spool.clone()).map_err(write_error)?)
            }
        };
        let mut names = Names::default();
        names.reserve(INDEX_FILE);
        names.reserve(READ_ME_FILE);
        Ok(Self {
            zip: ZipWriter::new_stream(sink),
            spool,
            names,
            index: Vec::new(),
        })
    }

    /// Adds a document's `content`, saved as `saved` (its name with the extension of its
    /// recognised type), described by `entry` (whose `file` is set here); returns its entry
    /// name.
    pub fn add_document(
        &mut self,
        saved: &str,
        content: &[u8],
        mut entry: IndexEntry,
    ) -> Result<String, ArchiveError> {
        let file = self.names.entry(saved);
        self.add_file(&file, content, entry.added_at)?;
        entry.file = file.clone();
        self.index.push(entry);
        Ok(file)
    }

    /// Ends the archive with its indexes: `read_me`, the text a person reads ([`READ_ME_FILE`]),
    /// and the one PDE reads back; the last bytes are left to [`ArchiveWriter::take`].
    pub fn finish(mut self, read_me: &str, now: i64) -> Result<Vec<u8>, ArchiveError> {
        self.add_file(READ_ME_FILE, read_me.as_bytes(), now)?;
        let index = ArchiveIndex {
            format: FORMAT.to_owned(),
            documents: std::mem::take(&mut self.index),
        };
        let json = serde_json::to_vec_pretty(&index).map_err(write_error)?;
        self.add_file(INDEX_FILE, &json, now)?;
        match self.zip.finish()?.into_inner() {
            Sink::Plain(_) => {}
            Sink::Locked(age) => {
                age.finish().map_err(write_error)?;
            }
        }
        Ok(std::mem::take(&mut *self.spool.0.borrow_mut()))
    }

    /// The bytes written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut *self.spool.0.borrow_mut())
    }

    fn add_file(&mut self, name: &str, content: &[u8], at: i64) -> Result<(), ArchiveError> {
        // Documents are compressed already (JPEG, PDF): stored as they are, byte for byte.
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(zip_time(at))
            .large_file(content.len() as u64 >= u64::from(u32::MAX));
        self.zip.start_file(name, options)?;
        self.zip.write_all(content).map_err(write_error)?;
        Ok(())
    }
}

/// Unix seconds as a ZIP date (UTC; ZIP dates run from 1980 to 2107).
fn zip_time(unix: i64) -> DateTime {
    let days = unix.div_euclid(86_400);
    let seconds = unix.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    u16::try_from(year)
        .ok()
        .and_then(|year| {
            DateTime::from_date_and_time(
                year,
                month,
                day,
                (seconds / 3600) as u8,
                (seconds % 3600 / 60) as u8,
                (seconds % 60) as u8,
            )
            .ok()
        })
        .unwrap_or_default()
}

/// Days since 1970-01-01 as a (year, month, day) of the proleptic Gregorian calendar
/// (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_land_on_the_calendar() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        // ZIP keeps seconds by twos.
        let time = zip_time(1_796_342_400 + 3662);
        assert_eq!(
            (
                time.year(),
                time.month(),
                time.day(),
                time.hour(),
                time.minute(),
                time.second()
            ),
            (2026, 12, 4, 1, 1, 2)
        );
        assert_eq!(zip_time(0).year(), 1980, "before 1980: ZIP's first day");
    }
}
