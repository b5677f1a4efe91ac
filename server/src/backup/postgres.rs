//! PostgreSQL's side of backups: `pg_dump` and `pg_restore`, PostgreSQL's own tools, run by
//! `pde-server backup` and `restore` so that the steps around them (which blobs to copy, what a
//! restore must undo) are the same as on SQLite.
//!
//! The dump and the list of blobs to copy come from one snapshot: a read-only repeatable-read
//! transaction exports its snapshot, `pg_dump --snapshot` copies exactly that, and the blob list
//! is read in the same transaction. The URL reaches the tools as libpq's environment variables,
//! never on a command line (which other users of the machine can read).

use std::path::Path;
use std::process::Command;

use sqlx::Connection;

use super::BackupError;
use crate::store::StoreError;

/// libpq's environment for `url` (host, port, user, password, database, TLS mode).
fn libpq_environment(url: &str) -> Result<Vec<(&'static str, String)>, BackupError> {
    let parsed = url::Url::parse(url)
        .map_err(|_| BackupError::NotABackup("the database URL can't be read".into()))?;
    let mut env = Vec::new();
    if let Some(host) = parsed.host_str() {
        env.push(("PGHOST", host.to_owned()));
    }
    if let Some(port) = parsed.port() {
        env.push(("PGPORT", port.to_string()));
    }
    let decode = |text: &str| {
        url::form_urlencoded::parse(format!("v={text}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    if !parsed.username().is_empty() {
        env.push(("PGUSER", decode(parsed.username())));
    }
    if let Some(password) = parsed.password() {
        env.push(("PGPASSWORD", decode(password)));
    }
    let database = parsed.path().trim_start_matches('/');
    if !database.is_empty() {
        env.push(("PGDATABASE", decode(database)));
    }
    for (key, value) in parsed.query_pairs() {
        match key.as_ref() {
            "sslmode" => env.push(("PGSSLMODE", value.into_owned())),
            "host" => env.push(("PGHOST", value.into_owned())),
            _ => {}
        }
    }
    Ok(env)
}

fn run(tool: &str, args: &[&str], url: &str) -> Result<(), BackupError> {
    let output = Command::new(tool)
        .args(args)
        .env_remove("PGSERVICE")
        .envs(libpq_environment(url)?)
        .output()
        .map_err(super::io(format!(
            "{tool} (PostgreSQL's client tools must be installed: postgresql-client)"
        )))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool {
            tool: tool.to_owned(),
            said: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

/// Dumps the database into `file` (`pg_dump`'s custom format) and returns the blobs that dump's
/// rows point to.
pub(super) async fn dump(url: &str, file: &Path) -> Result<Vec<String>, BackupError> {
    let mut connection = sqlx::PgConnection::connect(url)
        .await
        .map_err(StoreError::from)?;
    sqlx::query("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut connection)
        .await
        .map_err(StoreError::from)?;
    let (snapshot,): (String,) = sqlx::query_as("SELECT pg_export_snapshot()")
        .fetch_one(&mut connection)
        .await
        .map_err(StoreError::from)?;
    let target = file.to_string_lossy().into_owned();
    let url_owned = url.to_owned();
    tokio::task::spawn_blocking(move || {
        run(
            "pg_dump",
            &[
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                &format!("--snapshot={snapshot}"),
                "--file",
                &target,
            ],
            &url_owned,
        )
    })
    .await
    .map_err(|e| super::io("pg_dump")(std::io::Error::other(e)))??;
    let rows: Vec<(String,)> = sqlx::query_as(crate::store::REFERENCED_BLOBS)
        .fetch_all(&mut connection)
        .await
        .map_err(StoreError::from)?;
    sqlx::query("COMMIT")
        .execute(&mut connection)
        .await
        .map_err(StoreError::from)?;
    Ok(rows.into_iter().map(|(key,)| key).collect())
}

/// Whether the database holds no table yet (a restore goes into an empty database only).
pub(super) async fn is_empty(url: &str) -> Result<bool, BackupError> {
    let mut connection = sqlx::PgConnection::connect(url)
        .await
        .map_err(StoreError::from)?;
    let (tables,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()")
            .fetch_one(&mut connection)
            .await
            .map_err(StoreError::from)?;
    Ok(tables == 0)
}

/// Restores `file` (a `pg_dump` of PDE's database) into the empty database `url`, in one
/// transaction.
pub(super) async fn restore(url: &str, file: &Path) -> Result<(), BackupError> {
    let database = libpq_environment(url)?
        .into_iter()
        .find(|(name, _)| *name == "PGDATABASE")
        .map(|(_, value)| value)
        .unwrap_or_else(|| "postgres".to_owned());
    let source = file.to_string_lossy().into_owned();
    let url_owned = url.to_owned();
    tokio::task::spawn_blocking(move || {
        run(
            "pg_restore",
            &[
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                &database,
                &source,
            ],
            &url_owned,
        )
    })
    .await
    .map_err(|e| super::io("pg_restore")(std::io::Error::other(e)))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_becomes_libpqs_environment() {
        let env =
            libpq_environment("postgres://pde:p%40ss@db.example:5433/pde_prod?sslmode=require")
                .expect("a URL");
        let get = |name: &str| {
            env.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("PGHOST"), Some("db.example"));
        assert_eq!(get("PGPORT"), Some("5433"));
        assert_eq!(get("PGUSER"), Some("pde"));
        assert_eq!(get("PGPASSWORD"), Some("p@ss"));
        assert_eq!(get("PGDATABASE"), Some("pde_prod"));
        assert_eq!(get("PGSSLMODE"), Some("require"));
    }
}
