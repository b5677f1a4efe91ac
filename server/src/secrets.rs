//! The secrets directory: the OPAQUE server setup (OPRF seed and server key pair).
//!
//! It lives outside the database and the data directory so that a stolen database or a data backup
//! alone allows no offline guessing of passphrases. Made once, by `pde-server init-secrets`, mode
//! 0600; the server itself never makes one: a server that silently made a new setup when the file
//! went missing would answer every holder "wrong secret".

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use pde_crypto::opaque::ServerSetup;

const SETUP_FILE: &str = "opaque-server-setup.bin";

/// Why the secrets could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// The secrets directory is inside the data directory (or the reverse).
    #[error("the secrets directory ({secrets}) must not be inside the data directory ({data}) nor contain it: back them up separately")]
    InsideDataDir {
        /// Secrets directory.
        secrets: String,
        /// Data directory.
        data: String,
    },
    /// File system failure.
    #[error("secrets directory {path}: {source}")]
    Io {
        /// Path involved.
        path: String,
        /// Cause.
        source: std::io::Error,
    },
    /// The file exists but is not a server setup.
    #[error("{0} is damaged or not a PDE server setup; restore it from its backup")]
    Damaged(String),
    /// There is no setup: a new server runs `init-secrets`; an existing one restores its backup.
    #[error("no OPAQUE server setup at {0}: restore it from its backup (every wallet needs it), or, for a new server with an empty database, create one with `pde-server init-secrets`")]
    Missing(String),
    /// A restore of the setup would replace one.
    #[error("{0} already holds a server setup: it is never replaced (move it away first if it is the wrong one)")]
    AlreadyThere(String),
    /// The file is readable by others.
    #[error("{0} is readable by other users; run: chmod 600 {0}")]
    TooOpen(String),
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> SecretsError + '_ {
    move |source| SecretsError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The setup file's path, once the two directories are checked to be apart (both are created
/// when missing; the secrets directory gets mode 0700).
fn setup_path(secrets_dir: &Path, data_dir: &Path) -> Result<PathBuf, SecretsError> {
    fs::create_dir_all(secrets_dir).map_err(io_error(secrets_dir))?;
    fs::create_dir_all(data_dir).map_err(io_error(data_dir))?;
    let secrets = canonical(secrets_dir)?;
    let data = canonical(data_dir)?;
    if secrets.starts_with(&data) || data.starts_with(&secrets) {
        return Err(SecretsError::InsideDataDir {
            secrets: secrets.display().to_string(),
            data: data.display().to_string(),
        });
    }
    fs::set_permissions(&secrets, fs::Permissions::from_mode(0o700)).map_err(io_error(&secrets))?;
    Ok(secrets.join(SETUP_FILE))
}

/// Loads the server setup; refuses when there is none.
/// Whether the server setup is still where the next start will look for it (readiness: a
/// secrets directory lost while the server runs is found before a restart).
pub fn setup_present(secrets_dir: &Path) -> bool {
    std::fs::metadata(secrets_dir.join(SETUP_FILE)).is_ok_and(|m| m.is_file() && m.len() > 0)
}

pub fn load_server_setup(secrets_dir: &Path, data_dir: &Path) -> Result<ServerSetup, SecretsError> {
    let path = setup_path(secrets_dir, data_dir)?;
    match fs::read(&path) {
        Ok(bytes) => {
            let mode = fs::metadata(&path)
                .map_err(io_error(&path))?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                return Err(SecretsError::TooOpen(path.display().to_string()));
            }
            let bytes = zeroize::Zeroizing::new(bytes);
            ServerSetup::from_bytes(&bytes)
                .map_err(|_| SecretsError::Damaged(path.display().to_string()))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            Err(SecretsError::Missing(path.display().to_string()))
        }
        Err(err) => Err(io_error(&path)(err)),
    }
}

/// Makes a new server setup unless one is there already (which is never replaced). True when it
/// made one.
pub fn init_server_setup(secrets_dir: &Path, data_dir: &Path) -> Result<bool, SecretsError> {
    let path = setup_path(secrets_dir, data_dir)?;
    match load_server_setup(secrets_dir, data_dir) {
        Ok(_) => Ok(false),
        Err(SecretsError::Missing(_)) => {
            write_new_secret(&path, &ServerSetup::generate().to_bytes())?;
            tracing::info!("made a new OPAQUE server setup in the secrets directory");
            Ok(true)
        }
        Err(other) => Err(other),
    }
}

/// Puts a server setup copied from its backup into the secrets directory, which must not hold
/// one (a setup is never replaced); the bytes must be a server setup.
pub fn restore_server_setup(
    secrets_dir: &Path,
    data_dir: &Path,
    bytes: &[u8],
) -> Result<(), SecretsError> {
    let path = setup_path(secrets_dir, data_dir)?;
    ServerSetup::from_bytes(bytes)
        .map_err(|_| SecretsError::Damaged("the copy of the secrets".into()))?;
    if path.exists() {
        return Err(SecretsError::AlreadyThere(
            secrets_dir.display().to_string(),
        ));
    }
    write_new_secret(&path, bytes)
}

fn canonical(path: &Path) -> Result<PathBuf, SecretsError> {
    path.canonicalize().map_err(io_error(path))
}

/// Writes a file that must not exist yet, 0600, durably (file and directory fsynced).
fn write_new_secret(path: &Path, bytes: &[u8]) -> Result<(), SecretsError> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(io_error(path))?;
    file.write_all(bytes).map_err(io_error(path))?;
    file.sync_all().map_err(io_error(path))?;
    if let Some(dir) = path.parent() {
        fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io_error(dir))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_is_made_only_by_init_then_reloaded() {
        let root = tempfile::tempdir().expect("tempdir");
        let (secrets, data) = (root.path().join("secrets"), root.path().join("data"));
        assert!(matches!(
            load_server_setup(&secrets, &data).err(),
            Some(SecretsError::Missing(_))
        ));
        assert!(init_server_setup(&secrets, &data).expect("made"));
        let first = load_server_setup(&secrets, &data).expect("loaded");
        assert!(!init_server_setup(&secrets, &data).expect("kept"));
        let again = load_server_setup(&secrets, &data).expect("reloaded");
        assert_eq!(*first.to_bytes(), *again.to_bytes());
        let mode = fs::metadata(secrets.join(SETUP_FILE))
            .expect("file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn refuses_secrets_inside_data() {
        let root = tempfile::tempdir().expect("tempdir");
        let data = root.path().join("data");
        let err = init_server_setup(&data.join("secrets"), &data).err();
        assert!(matches!(err, Some(SecretsError::InsideDataDir { .. })));
    }
}
