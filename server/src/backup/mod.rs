//! Backups that restore without undoing anyone's security actions.
//!
//! `pde-server backup` copies the database (SQLite `VACUUM INTO`: consistent while the server
//! runs, live rows only), then every blob that copy points to — blob deletions are tombstoned and
//! carried out only after a grace period that a backup run must not exceed, so each one is still
//! there — into one tar stream encrypted to the operator's age recipient. It never reads the
//! secrets directory. Archives older than the kept days go, and with them the erasure journal's
//! days that no kept archive predates.
//!
//! `pde-server restore` fills an empty data directory from an archive, then: every session and
//! login ends, every grant and deposit link is revoked, unfinished uploads go, every wallet part
//! gets a one-time notice of the backup's date, and the erasures in the journal are applied again.
//! It needs the secrets directory the database was made with, and says so when it is missing.

pub mod journal;
mod postgres;

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::blobs::{BlobError, Blobs};
use crate::settings::{DatabaseKind, Settings};
use crate::store::{OperationsStore, SqliteStore, Store, StoreError};

/// An archive's name: `pde-backup-<UTC time>.tar.age`.
const ARCHIVE_PREFIX: &str = "pde-backup-";
const ARCHIVE_SUFFIX: &str = ".tar.age";
/// The archive's description, its first entry.
const MANIFEST: &str = "backup.json";
/// The database copy inside the archive: SQLite's file, or PostgreSQL's `pg_dump`.
const DATABASE: &str = "pde.sqlite";
const POSTGRES_DUMP: &str = "pde.pgdump";
/// Where blobs go inside the archive.
const BLOBS: &str = "blobs/documents/";
/// The archive format this server writes and reads.
const FORMAT: u32 = 1;

/// Why a backup or a restore failed. Each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// No age recipient configured.
    #[error("no backup recipient: set --backup-recipient (PDE_BACKUP_RECIPIENT) to the operator's age recipient (age1…, from `age-keygen`); backups are never written unencrypted")]
    NoRecipient,
    /// The recipient is not an age X25519 recipient.
    #[error("--backup-recipient is not an age recipient (age1…)")]
    BadRecipient,
    /// The archive holds the other kind of database.
    #[error("this backup holds a {archive} database, and this server is set up for {target}: restore it with the same kind of database")]
    OtherDatabase {
        /// In the archive.
        archive: String,
        /// Configured.
        target: &'static str,
    },
    /// `pg_dump` or `pg_restore` failed.
    #[error("{tool} failed: {said}")]
    Tool {
        /// Which.
        tool: String,
        /// Its error output.
        said: String,
    },
    /// No database to back up.
    #[error("no database at {0}: nothing to back up (check --data-dir)")]
    NoDatabase(String),
    /// The copy took longer than blobs are kept after their deletion.
    #[error("the backup took {0} s, longer than --blob-deletion-grace-seconds: a blob deleted meanwhile may be missing, so this backup is not kept; raise the grace period")]
    TooSlow(u64),
    /// A blob the database copy points to is not in the blob store.
    #[error("blob {0} is missing from the blob store although the database points to it")]
    BlobMissing(String),
    /// Nothing to restore.
    #[error("no backup archive (pde-backup-….tar.age) in {0}")]
    NoArchive(String),
    /// The target is not empty.
    #[error("{0} already holds data: a restore goes into an empty database and data directory (move the old ones away first)")]
    TargetNotEmpty(String),
    /// The identity file can't be used.
    #[error("the identity file {0} holds no age identity (AGE-SECRET-KEY-…)")]
    BadIdentity(String),
    /// Decryption failed.
    #[error("the archive can't be decrypted with this identity, or is damaged: {0}")]
    Decrypt(String),
    /// The archive's content is not a PDE backup.
    #[error("the archive is not a PDE backup this server can read: {0}")]
    NotABackup(String),
    /// The secrets directory is missing or not this database's.
    #[error("restore refused: {0} A restore needs this server's secrets directory (restored from its own backup first): without it no holder could ever log in again.")]
    Secrets(String),
    /// Database problem.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Blob store problem.
    #[error(transparent)]
    Blobs(#[from] BlobError),
    /// The copy of the secrets would sit with the data or its backups.
    #[error("{0} is inside the data directory or the backups directory: keep the copy of the secrets apart from both (another disk, a USB stick in a safe)")]
    SecretsCopyPlace(String),
    /// Secrets directory problem.
    #[error(transparent)]
    SecretsDir(#[from] crate::secrets::SecretsError),
    /// Journal problem.
    #[error(transparent)]
    Journal(#[from] journal::JournalError),
    /// File problem.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// What failed.
        source: std::io::Error,
    },
}

pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> BackupError {
    let context = context.into();
    move |source| BackupError::Io { context, source }
}

/// What an archive says of itself.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    /// `sqlite` or `postgres`.
    database: String,
    /// When the database was copied, Unix seconds.
    taken_at: i64,
    /// How many blobs follow.
    blobs: u64,
}

/// What a backup wrote.
#[derive(Debug)]
pub struct BackupReport {
    /// The archive.
    pub archive: PathBuf,
    /// Blobs copied.
    pub blobs: u64,
    /// Archive size, bytes.
    pub bytes: u64,
    /// Older archives removed.
    pub archives_removed: usize,
}

/// What a restore did.
#[derive(Debug)]
pub struct RestoreReport {
    /// The archive restored.
    pub archive: PathBuf,
    /// When its database was copied, Unix seconds.
    pub taken_at: i64,
    /// Wallet parts restored (after the erasures applied again).
    pub wallet_parts: usize,
    /// Blobs restored (after the erasures applied again).
    pub blobs: usize,
    /// Wallet parts erased again from the journal.
    pub erased_again: usize,
}

/// `YYYYMMDDTHHMMSSZ` of `unix_seconds`.
fn stamp(unix_seconds: i64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// `YYYY-MM-DD HH:MM` of `unix_seconds`, UTC.
pub fn utc_text(unix_seconds: i64) -> String {
    let s = stamp(unix_seconds);
    format!(
        "{}-{}-{} {}:{}",
        &s[0..4],
        &s[4..6],
        &s[6..8],
        &s[9..11],
        &s[11..13]
    )
}

/// The time in an archive's name, if it is one.
fn archive_time(name: &str) -> Option<i64> {
    let stamp = name
        .strip_prefix(ARCHIVE_PREFIX)?
        .strip_suffix(ARCHIVE_SUFFIX)?;
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    time::PrimitiveDateTime::parse(stamp, &format)
        .ok()
        .map(|at| at.assume_utc().unix_timestamp())
}

/// The archives in `dir`, oldest first.
fn archives(dir: &Path) -> Result<Vec<(i64, PathBuf)>, BackupError> {
    let mut found = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(err) => return Err(io(format!("backups directory {}", dir.display()))(err)),
    };
    for entry in entries {
        let path = entry.map_err(io("backups directory"))?.path();
        if let Some(at) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(archive_time)
        {
            found.push((at, path));
        }
    }
    found.sort();
    Ok(found)
}

fn sync_dir(dir: &Path) -> Result<(), BackupError> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io(format!("sync {}", dir.display())))
}

fn recipient(settings: &Settings) -> Result<age::x25519::Recipient, BackupError> {
    match settings.backup_recipient.trim() {
        "" => Err(BackupError::NoRecipient),
        text => age::x25519::Recipient::from_str(text).map_err(|_| BackupError::BadRecipient),
    }
}

/// Whether `path` (which may not exist yet) is inside `dir` (which may not exist either).
fn inside(path: &Path, dir: &Path) -> bool {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|a| a.components().collect::<PathBuf>())
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (path, dir) = (absolute(path), absolute(dir));
    let resolved = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    path.starts_with(&dir)
        || path
            .parent()
            .is_some_and(|parent| resolved(parent).starts_with(resolved(&dir)))
}

/// `pde-server backup-secrets`: the server setup, encrypted to the operator's recipient, into
/// the new file `to` — never inside the data directory or the backups directory.
pub fn backup_secrets(settings: &Settings, to: &Path) -> Result<(), BackupError> {
    let recipient = recipient(settings)?;
    if inside(to, &settings.data_dir) || inside(to, &settings.backup_dir) {
        return Err(BackupError::SecretsCopyPlace(to.display().to_string()));
    }
    let setup = crate::secrets::load_server_setup(&settings.secrets_dir, &settings.data_dir)?;
    let bytes = setup.to_bytes();
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(to)
        .map_err(io(format!("copy of the secrets {}", to.display())))?;
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|_| BackupError::BadRecipient)?;
    let mut sealed = encryptor
        .wrap_output(BufWriter::new(file))
        .map_err(io("copy of the secrets"))?;
    sealed
        .write_all(&bytes)
        .map_err(io("copy of the secrets"))?;
    let mut file = sealed.finish().map_err(io("copy of the secrets"))?;
    file.flush().map_err(io("copy of the secrets"))?;
    file.into_inner()
        .map_err(|e| io("copy of the secrets")(e.into_error()))?
        .sync_all()
        .map_err(io("copy of the secrets"))
}

/// `pde-server restore-secrets`: the server setup from its copy into the secrets directory,
/// which must not hold one.
pub fn restore_secrets(
    settings: &Settings,
    from: &Path,
    identity_file: &Path,
) -> Result<(), BackupError> {
    let identities = identities(identity_file)?;
    let file =
        std::fs::File::open(from).map_err(io(format!("copy of the secrets {}", from.display())))?;
    let decryptor = age::Decryptor::new(BufReader::new(file))
        .map_err(|e| BackupError::Decrypt(e.to_string()))?;
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i as &dyn age::Identity))
        .map_err(|e| BackupError::Decrypt(e.to_string()))?;
    let mut bytes = zeroize::Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| BackupError::Decrypt(e.to_string()))?;
    crate::secrets::restore_server_setup(&settings.secrets_dir, &settings.data_dir, &bytes)?;
    Ok(())
}

/// Takes a backup into `to` while the server may be running; `now` is the current time.
pub async fn backup(settings: &Settings, to: &Path, now: i64) -> Result<BackupReport, BackupError> {
    let recipient = recipient(settings)?;
    let database = settings.database();
    if let DatabaseKind::Sqlite(path) = &database {
        if !path.is_file() {
            return Err(BackupError::NoDatabase(path.display().to_string()));
        }
    }
    let started = std::time::Instant::now();
    std::fs::create_dir_all(to).map_err(io(format!("backups directory {}", to.display())))?;
    // The database copy waits in a private directory beside the archives until it is sealed.
    let work = tempfile::Builder::new()
        .prefix(".pde-backup-")
        .tempdir_in(to)
        .map_err(io("work directory in the backups directory"))?;
    let (kind, entry, copy, referenced) = match &database {
        DatabaseKind::Sqlite(path) => {
            let copy = work.path().join(DATABASE);
            {
                // Dropped, not closed: closing checkpoints, the running server's business.
                let live = SqliteStore::open(path).await?;
                live.snapshot_into(&copy).await?;
            }
            let snapshot = SqliteStore::open(&copy).await?;
            let referenced = snapshot.referenced_blobs().await?;
            snapshot.close().await?;
            ("sqlite", DATABASE, copy, referenced)
        }
        DatabaseKind::Postgres(url) => {
            let copy = work.path().join(POSTGRES_DUMP);
            let referenced = postgres::dump(url, &copy).await?;
            ("postgres", POSTGRES_DUMP, copy, referenced)
        }
    };
    let blobs = Blobs::local(&settings.data_dir.join("blobs"))?;

    let name = format!("{ARCHIVE_PREFIX}{}{ARCHIVE_SUFFIX}", stamp(now));
    let archive = to.join(&name);
    let partial = work.path().join(format!("{name}.partial"));
    let file = std::fs::File::create(&partial).map_err(io("archive"))?;
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|_| BackupError::BadRecipient)?;
    let sealed = encryptor
        .wrap_output(BufWriter::new(file))
        .map_err(io("archive"))?;
    let mut tar = tar::Builder::new(sealed);
    let manifest = Manifest {
        format: FORMAT,
        database: kind.to_owned(),
        taken_at: now,
        blobs: referenced.len() as u64,
    };
    let manifest = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    append(&mut tar, MANIFEST, &manifest, now)?;
    let database_bytes = std::fs::read(&copy).map_err(io("database copy"))?;
    append(&mut tar, entry, &database_bytes, now)?;
    drop(database_bytes);
    for blob_key in &referenced {
        let ciphertext = match blobs.read_whole_document(blob_key).await {
            Ok(bytes) => bytes,
            Err(BlobError::NotFound) => return Err(BackupError::BlobMissing(blob_key.to_string())),
            Err(other) => return Err(other.into()),
        };
        append(&mut tar, &format!("{BLOBS}{blob_key}"), &ciphertext, now)?;
    }
    let elapsed = started.elapsed().as_secs();
    if i64::try_from(elapsed).unwrap_or(i64::MAX) >= settings.blob_deletion_grace_seconds {
        return Err(BackupError::TooSlow(elapsed));
    }
    let sealed = tar.into_inner().map_err(io("archive"))?;
    let mut file = sealed.finish().map_err(io("archive"))?;
    file.flush().map_err(io("archive"))?;
    let file = file
        .into_inner()
        .map_err(|e| io("archive")(e.into_error()))?;
    file.sync_all().map_err(io("archive"))?;
    let bytes = file.metadata().map_err(io("archive"))?.len();
    drop(file);
    std::fs::rename(&partial, &archive).map_err(io("archive"))?;
    sync_dir(to)?;

    // Older archives go; the journal keeps the days of the oldest archive kept onwards.
    let keep_from = now - i64::from(settings.backup_keep_days) * 86_400;
    let mut archives_removed = 0;
    for (at, path) in archives(to)? {
        if at < keep_from {
            std::fs::remove_file(&path).map_err(io(format!("remove {}", path.display())))?;
            archives_removed += 1;
        }
    }
    if let Some((oldest, _)) = archives(to)?.first() {
        journal::prune(to, &journal::day_of(*oldest))?;
    }
    sync_dir(to)?;
    Ok(BackupReport {
        archive,
        blobs: referenced.len() as u64,
        bytes,
        archives_removed,
    })
}

fn append<W: Write>(
    tar: &mut tar::Builder<W>,
    path: &str,
    data: &[u8],
    now: i64,
) -> Result<(), BackupError> {
    let mut header = tar::Header::new_gnu();
    header.set_size(data.len() as u64);
    header.set_mode(0o600);
    header.set_mtime(u64::try_from(now).unwrap_or(0));
    header.set_entry_type(tar::EntryType::Regular);
    tar.append_data(&mut header, path, data)
        .map_err(io(format!("archive entry {path}")))
}

/// Reads the age identities of an identity file (`AGE-SECRET-KEY-…` lines; `#` comments).
fn identities(path: &Path) -> Result<Vec<age::x25519::Identity>, BackupError> {
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(path).map_err(io(format!("identity file {}", path.display())))?,
    );
    let found: Vec<_> = text
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("AGE-SECRET-KEY-"))
        .filter_map(|line| age::x25519::Identity::from_str(line).ok())
        .collect();
    if found.is_empty() {
        return Err(BackupError::BadIdentity(path.display().to_string()));
    }
    Ok(found)
}

/// Whether a blob key is one this server makes (32 hex digits): nothing else is written.
fn is_blob_key(key: &str) -> bool {
    key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Restores an archive (`from`: a file, or a backups directory whose newest archive is taken)
/// into the empty data directory of `settings`; the erasure journal is read from the archive's
/// directory. `now` is the current time.
pub async fn restore(
    settings: &Settings,
    from: &Path,
    identity_file: &Path,
    now: i64,
) -> Result<RestoreReport, BackupError> {
    // The secrets first: without them nothing restored could be used.
    let setup = crate::secrets::load_server_setup(&settings.secrets_dir, &settings.data_dir)
        .map_err(|err| {
            BackupError::Secrets(match err {
                crate::secrets::SecretsError::Missing(path) => {
                    format!("no OPAQUE server setup at {path}.")
                }
                other => format!("{other}."),
            })
        })?;
    let database = settings.database();
    let blob_root = settings.data_dir.join("blobs");
    let documents_dir = blob_root.join("documents");
    let holds_blobs = std::fs::read_dir(&documents_dir).is_ok_and(|mut d| d.next().is_some());
    let database_empty = match &database {
        DatabaseKind::Sqlite(path) => !path.exists(),
        DatabaseKind::Postgres(url) => postgres::is_empty(url).await?,
    };
    if !database_empty || holds_blobs {
        return Err(BackupError::TargetNotEmpty(match &database {
            DatabaseKind::Sqlite(_) => settings.data_dir.display().to_string(),
            DatabaseKind::Postgres(_) => format!(
                "the PostgreSQL database (or {})",
                settings.data_dir.display()
            ),
        }));
    }
    let (target_kind, target_entry) = match &database {
        DatabaseKind::Sqlite(_) => ("sqlite", DATABASE),
        DatabaseKind::Postgres(_) => ("postgres", POSTGRES_DUMP),
    };
    let (archive, backup_dir) = if from.is_dir() {
        let newest = archives(from)?
            .pop()
            .ok_or_else(|| BackupError::NoArchive(from.display().to_string()))?;
        (newest.1, from.to_path_buf())
    } else {
        let dir = from.parent().map(Path::to_path_buf).unwrap_or_default();
        (from.to_path_buf(), dir)
    };
    let identities = identities(identity_file)?;
    let file =
        std::fs::File::open(&archive).map_err(io(format!("archive {}", archive.display())))?;
    let decryptor = age::Decryptor::new(BufReader::new(file))
        .map_err(|e| BackupError::Decrypt(e.to_string()))?;
    let reader = decryptor
        .decrypt(identities.iter().map(|i| i as &dyn age::Identity))
        .map_err(|e| BackupError::Decrypt(e.to_string()))?;

    std::fs::create_dir_all(&settings.data_dir).map_err(io("data directory"))?;
    let blobs = Blobs::local(&blob_root)?;
    // The database copy waits here until the archive is read whole.
    let work = tempfile::Builder::new()
        .prefix(".pde-restore-")
        .tempdir_in(&settings.data_dir)
        .map_err(io("work directory in the data directory"))?;
    let incoming = work.path().join(target_entry);
    let mut manifest: Option<Manifest> = None;
    let mut database_written = false;
    let mut tar = tar::Archive::new(reader);
    for entry in tar
        .entries()
        .map_err(|e| BackupError::Decrypt(e.to_string()))?
    {
        let mut entry = entry.map_err(|e| BackupError::Decrypt(e.to_string()))?;
        let path = entry
            .path()
            .map_err(|e| BackupError::NotABackup(e.to_string()))?
            .to_string_lossy()
            .into_owned();
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .map_err(|e| BackupError::Decrypt(e.to_string()))?;
        if path == MANIFEST {
            let read: Manifest = serde_json::from_slice(&data)
                .map_err(|e| BackupError::NotABackup(e.to_string()))?;
            if read.format != FORMAT {
                return Err(BackupError::NotABackup(format!(
                    "format {} (this server reads {FORMAT})",
                    read.format
                )));
            }
            if read.database != target_kind {
                return Err(BackupError::OtherDatabase {
                    archive: read.database,
                    target: target_kind,
                });
            }
            manifest = Some(read);
        } else if path == target_entry && manifest.is_some() {
            let mut out = std::fs::File::create(&incoming).map_err(io("database"))?;
            out.write_all(&data).map_err(io("database"))?;
            out.sync_all().map_err(io("database"))?;
            database_written = true;
        } else if let Some(key) = path.strip_prefix(BLOBS).filter(|k| is_blob_key(k)) {
            blobs.put_document(key, Bytes::from(data)).await?;
        } else {
            return Err(BackupError::NotABackup(format!("unexpected entry {path}")));
        }
    }
    let Some(manifest) = manifest.filter(|_| database_written) else {
        return Err(BackupError::NotABackup(
            "no database or no description".into(),
        ));
    };
    let store: Arc<dyn Store> = match &database {
        DatabaseKind::Sqlite(path) => {
            std::fs::rename(&incoming, path).map_err(io("database"))?;
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                sync_dir(parent)?;
            }
            Arc::new(SqliteStore::open(path).await?)
        }
        DatabaseKind::Postgres(url) => {
            postgres::restore(url, &incoming).await?;
            Arc::new(crate::store::PostgresStore::connect(url).await?)
        }
    };
    drop(work);
    // A backup made by an older release is brought up to this one's schema.
    store.migrate().await?;
    if !store.claim_setup_fingerprint(&setup.fingerprint()).await? {
        store.close().await?;
        return Err(BackupError::Secrets(
            "the secrets directory holds another server's OPAQUE setup than the one this backup was made with.".into(),
        ));
    }
    store.after_restore(manifest.taken_at, now).await?;

    // Erasures made after the backup are made again.
    let marks = journal::read_marks(&backup_dir)?;
    let erasure_marks = pde_crypto::erasures::ErasureMarks::from_server_setup(&setup);
    let mut erased_again = 0;
    for wallet_id in store.wallet_ids().await? {
        if marks.contains(&erasure_marks.mark(wallet_id.as_str()))
            && store.erase_wallet(&wallet_id, now).await?
        {
            erased_again += 1;
        }
    }
    store.after_erasure().await?;

    // Every blob the restored rows point to is there; what no row points to (the erased
    // wallets' ciphertext) goes now.
    let referenced: std::collections::HashSet<String> =
        store.referenced_blobs().await?.into_iter().collect();
    let present: std::collections::HashSet<String> = blobs
        .list_documents()
        .await?
        .into_iter()
        .map(|b| b.name)
        .collect();
    if let Some(missing) = referenced.difference(&present).next() {
        store.close().await?;
        return Err(BackupError::BlobMissing(missing.clone()));
    }
    for orphan in present.difference(&referenced) {
        blobs.delete_document(orphan).await?;
    }
    let wallet_parts = store.wallet_ids().await?.len();
    store.close().await?;
    Ok(RestoreReport {
        archive,
        taken_at: manifest.taken_at,
        wallet_parts,
        blobs: referenced.len(),
        erased_again,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_names_carry_their_time() {
        let at = 1_796_000_000;
        let name = format!("{ARCHIVE_PREFIX}{}{ARCHIVE_SUFFIX}", stamp(at));
        assert_eq!(archive_time(&name), Some(at));
        assert_eq!(archive_time("pde-backup-nonsense.tar.age"), None);
        assert_eq!(archive_time("other.tar.age"), None);
    }

    #[test]
    fn a_place_inside_a_directory_is_seen_as_such() {
        assert!(inside(
            Path::new("/srv/pde/backups/s.age"),
            Path::new("/srv/pde/backups")
        ));
        assert!(inside(Path::new("./backups/s.age"), Path::new("backups")));
        assert!(inside(
            Path::new("/srv/pde/backups/../backups/s.age"),
            Path::new("/srv/pde/backups")
        ));
        assert!(!inside(
            Path::new("/srv/pde/backups2/s.age"),
            Path::new("/srv/pde/backups")
        ));
        assert!(!inside(Path::new("/media/usb/s.age"), Path::new("./data")));
    }

    #[test]
    fn only_server_blob_keys_are_restored() {
        assert!(is_blob_key("0123456789abcdef0123456789abcdef"));
        assert!(!is_blob_key("../../etc/passwd"));
        assert!(!is_blob_key("0123456789abcdef0123456789abcdeg"));
    }
}
