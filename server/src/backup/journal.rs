//! The erasure journal: one line per erased wallet part (`<unix seconds> <hex HMAC of its id>`),
//! appended and synced before the erasure is answered, in one file per UTC day under
//! `<backup dir>/erasures/`, so that a restore can apply again every erasure made after its
//! backup, even when the data disk is gone. A day's file goes once every backup is younger than
//! it; the marks match nothing without the secrets directory.

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// A journal failure.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// Reading or writing the journal failed.
    #[error("erasure journal {path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// What failed.
        source: std::io::Error,
    },
    /// A line that is not `<seconds> <64 hex digits>`.
    #[error("erasure journal {path}, line {line}: not a journal line")]
    Damaged {
        /// The file.
        path: String,
        /// Its line number (from 1).
        line: usize,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> JournalError + '_ {
    move |source| JournalError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The journal's directory inside a backups directory.
pub fn directory(backup_dir: &Path) -> PathBuf {
    backup_dir.join("erasures")
}

/// The UTC day of `unix_seconds`, as `YYYY-MM-DD`.
pub fn day_of(unix_seconds: i64) -> String {
    let date = time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Appends one erasure and syncs it (the file, and the directory when the file is new).
pub fn append(backup_dir: &Path, mark: &[u8; 32], now: i64) -> Result<(), JournalError> {
    let dir = directory(backup_dir);
    fs::create_dir_all(&dir).map_err(io(&dir))?;
    let path = dir.join(format!("{}.log", day_of(now)));
    let new = !path.exists();
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io(&path))?;
    // One write of one short line: appends from several processes do not interleave.
    file.write_all(format!("{now} {}\n", hex::encode(mark)).as_bytes())
        .map_err(io(&path))?;
    file.sync_all().map_err(io(&path))?;
    if new {
        fs::File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(io(&dir))?;
    }
    Ok(())
}

/// Every mark in the journal of `backup_dir` (none when it has no journal).
pub fn read_marks(backup_dir: &Path) -> Result<HashSet<[u8; 32]>, JournalError> {
    let dir = directory(backup_dir);
    let mut marks = HashSet::new();
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(marks),
        Err(err) => return Err(io(&dir)(err)),
    };
    for entry in entries {
        let path = entry.map_err(io(&dir))?.path();
        if path.extension().is_none_or(|e| e != "log") {
            continue;
        }
        let file = fs::File::open(&path).map_err(io(&path))?;
        for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(io(&path))?;
            if line.trim().is_empty() {
                continue;
            }
            let damaged = || JournalError::Damaged {
                path: path.display().to_string(),
                line: index + 1,
            };
            let (seconds, mark) = line.split_once(' ').ok_or_else(damaged)?;
            seconds.parse::<i64>().map_err(|_| damaged())?;
            let mut bytes = [0u8; 32];
            hex::decode_to_slice(mark, &mut bytes).map_err(|_| damaged())?;
            marks.insert(bytes);
        }
    }
    Ok(marks)
}

/// Removes the journal's days before `oldest_kept_day` (`YYYY-MM-DD`): no backup kept is older,
/// so no restore needs them. Returns how many went.
pub fn prune(backup_dir: &Path, oldest_kept_day: &str) -> Result<usize, JournalError> {
    let dir = directory(backup_dir);
    let mut removed = 0;
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(err) => return Err(io(&dir)(err)),
    };
    for entry in entries {
        let path = entry.map_err(io(&dir))?.path();
        let Some(day) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".log"))
        else {
            continue;
        };
        // Days compare as text in this format.
        if day < oldest_kept_day {
            fs::remove_file(&path).map_err(io(&path))?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_appended_are_read_back_and_old_days_pruned() {
        let dir = tempfile::tempdir().expect("temp dir");
        let day = 86_400;
        append(dir.path(), &[1; 32], 10 * day).expect("append");
        append(dir.path(), &[2; 32], 10 * day + 5).expect("append");
        append(dir.path(), &[3; 32], 12 * day).expect("append");
        let marks = read_marks(dir.path()).expect("read");
        assert_eq!(marks.len(), 3);
        assert!(marks.contains(&[2; 32]));
        assert_eq!(day_of(12 * day), "1970-01-13");
        assert_eq!(prune(dir.path(), &day_of(11 * day)).expect("prune"), 1);
        let marks = read_marks(dir.path()).expect("read");
        assert_eq!(marks, HashSet::from([[3; 32]]));
    }

    #[test]
    fn a_damaged_line_is_said() {
        let dir = tempfile::tempdir().expect("temp dir");
        append(dir.path(), &[1; 32], 0).expect("append");
        let path = directory(dir.path()).join("1970-01-01.log");
        let mut file = OpenOptions::new().append(true).open(&path).expect("open");
        file.write_all(b"12 nothex\n").expect("write");
        let err = read_marks(dir.path()).expect_err("damaged");
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
