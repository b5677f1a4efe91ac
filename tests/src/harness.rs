//! Runs the real `pde-server` binary on 127.0.0.1 (a port the system picks) against SQLite or a
//! fresh database on the PostgreSQL server the test command started.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use rand::Rng;
use sqlx::Connection;

/// Which database the server uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite file in the data directory.
    Sqlite,
    /// A fresh database on the test PostgreSQL server.
    Postgres,
}

/// Path of the server binary: the one built with the test clock unless `release` is asked.
pub fn server_binary(with_test_clock: bool) -> PathBuf {
    let variable = if with_test_clock {
        "PDE_SERVER_BIN_TEST_CLOCK"
    } else {
        "PDE_SERVER_BIN"
    };
    if let Ok(path) = std::env::var(variable) {
        return PathBuf::from(path);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let name = if with_test_clock {
        "pde-server-test-clock"
    } else {
        "pde-server"
    };
    target.join("debug").join(name)
}

/// The test PostgreSQL server's URL; the test command sets it.
pub fn postgres_url() -> String {
    std::env::var("PDE_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!("PDE_TEST_POSTGRES_URL is not set: run the tests through `cargo xtask test`, which starts PostgreSQL")
    })
}

/// A running server and everything it wrote.
pub struct TestServer {
    /// Base URL, `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// The metrics address's URL, `http://127.0.0.1:PORT` (a port of its own, picked by the
    /// system at each start).
    pub metrics_url: String,
    /// The administration console's origin, `http://localhost:PORT` (a port of its own, picked
    /// by the system at each start; empty for a binary without a console).
    pub admin_url: String,
    /// Which database.
    pub backend: Backend,
    /// The database URL given to the server (empty for SQLite in the data dir).
    pub database_url: String,
    /// Root of the temporary directories.
    root: tempfile::TempDir,
    extra_args: Vec<String>,
    /// Whether the server takes test wallets (cheap Argon2): on unless a test turns it off.
    pub allow_test_wallets: bool,
    /// Plain-HTTP session cookies (`--insecure-cookies`), as tests speak plain HTTP to
    /// 127.0.0.1: on unless a test turns it off.
    pub insecure_cookies: bool,
    binary: PathBuf,
    child: Option<Child>,
}

impl TestServer {
    /// Starts a server with test wallets allowed and the test clock.
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, &[]).await
    }

    /// Starts a server with extra flags.
    pub async fn start_with(backend: Backend, extra_args: &[&str]) -> Self {
        Self::start_binary(backend, extra_args, server_binary(true)).await
    }

    /// Starts a given server binary.
    pub async fn start_binary(backend: Backend, extra_args: &[&str], binary: PathBuf) -> Self {
        let mut server = Self::prepare(backend, extra_args, binary).await;
        server.init_secrets();
        server.spawn();
        server
    }

    async fn prepare(backend: Backend, extra_args: &[&str], binary: PathBuf) -> Self {
        let root = tempfile::tempdir().expect("temporary directory");
        let database_url = match backend {
            Backend::Sqlite => String::new(),
            Backend::Postgres => create_postgres_database().await,
        };
        Self {
            base_url: String::new(),
            metrics_url: String::new(),
            admin_url: String::new(),
            backend,
            database_url,
            root,
            extra_args: extra_args.iter().map(|s| (*s).to_owned()).collect(),
            allow_test_wallets: true,
            insecure_cookies: true,
            binary,
            child: None,
        }
    }

    /// The server's database, opened beside it (as an operator's tool would).
    pub async fn open_store(&self) -> Box<dyn pde_server::store::Store> {
        match self.backend {
            Backend::Sqlite => Box::new(
                pde_server::store::SqliteStore::open(&self.data_dir().join("pde.sqlite"))
                    .await
                    .expect("database"),
            ),
            Backend::Postgres => Box::new(
                pde_server::store::PostgresStore::connect(&self.database_url)
                    .await
                    .expect("database"),
            ),
        }
    }

    /// The data directory (SQLite file and blobs).
    pub fn data_dir(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// The secrets directory.
    pub fn secrets_dir(&self) -> PathBuf {
        self.root.path().join("secrets")
    }

    /// The backups directory (archives and the erasure journal).
    pub fn backup_dir(&self) -> PathBuf {
        self.root.path().join("backups")
    }

    /// The server's log (standard error), appended across restarts.
    pub fn log_path(&self) -> PathBuf {
        self.root.path().join("server.log")
    }

    /// The command line the server runs with (for running its subcommands).
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.binary);
        command
            .arg("--data-dir")
            .arg(self.data_dir())
            .arg("--secrets-dir")
            .arg(self.secrets_dir())
            .arg("--database-url")
            .arg(&self.database_url)
            // As a variable, not a flag: a previous release's binary (the upgrade test) has no
            // such setting.
            .env("PDE_BACKUP_DIR", self.backup_dir())
            // No console unless the server is started to serve (then on a port of its own).
            .env("PDE_ADMIN_LISTEN", "")
            .env_remove("PDE_LISTEN");
        command
    }

    /// Runs `pde-server admin <args>` (as the operator on the server); its standard output, or
    /// a panic with its error.
    pub fn admin_command(&self, args: &[&str]) -> String {
        let output = self
            .command()
            .arg("admin")
            .args(args)
            .output()
            .expect("pde-server admin runs");
        assert!(
            output.status.success(),
            "pde-server admin {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Enrols an administrator (`pde-server admin enrol`): the enrolment link's token.
    pub fn enrol_admin(&self, name: &str, role: &str) -> String {
        let link = self.admin_command(&["enrol", "--name", name, "--role", role]);
        link.trim()
            .split_once("#enrol=")
            .map(|(_, token)| token.to_owned())
            .unwrap_or_else(|| panic!("no enrolment link in {link:?}"))
    }

    /// Makes the server setup in the secrets directory, as an operator does once for a new
    /// server (`pde-server init-secrets`).
    pub fn init_secrets(&self) {
        let output = self
            .command()
            .arg("init-secrets")
            .output()
            .expect("init-secrets runs");
        assert!(
            output.status.success(),
            "init-secrets: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_path())
            .expect("log file");
        let mut command = self.command();
        command
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--metrics-listen")
            .arg("127.0.0.1:0")
            .args(self.allow_test_wallets.then_some("--allow-test-wallets"))
            .args(self.insecure_cookies.then_some("--insecure-cookies"))
            .args(&self.extra_args)
            // A variable, not a flag: a previous release's binary has no console.
            .env("PDE_ADMIN_LISTEN", "127.0.0.1:0")
            .env("PDE_LOG", "debug,sqlx=warn,hyper=info,tower=info")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log));
        let mut child = command
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {}: {err}", self.binary.display()));
        let stdout = child.stdout.take().expect("stdout");
        let mut stdout = BufReader::new(stdout);
        let mut line = String::new();
        loop {
            line.clear();
            stdout.read_line(&mut line).expect("server output");
            if let Some(metrics) = line.trim().strip_prefix("pde-server metrics on ") {
                self.metrics_url = metrics.to_owned();
            } else if let Some(console) = line.trim().strip_prefix("pde-server admin console on ") {
                // Its origin is localhost (a passkey's relying party can't be an IP address).
                self.admin_url = console.replace("127.0.0.1", "localhost");
            } else {
                break;
            }
        }
        let address = line
            .trim()
            .strip_prefix("pde-server listening on ")
            .unwrap_or_else(|| {
                let log = std::fs::read_to_string(self.log_path()).unwrap_or_default();
                panic!("server did not start (said {line:?}); log:\n{log}")
            })
            .to_owned();
        self.base_url = address;
        self.child = Some(child);
    }

    /// The server's process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Stops the server gracefully (SIGTERM) and waits for it: `true` when it ended by itself,
    /// successfully (else it is killed after 5 s).
    pub fn stop(&mut self) -> bool {
        if let Some(mut child) = self.child.take() {
            let pid = child.id() as libc::pid_t;
            // SIGTERM asks for a graceful shutdown.
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(pid.to_string())
                .status();
            for _ in 0..100 {
                if let Ok(Some(status)) = child.try_wait() {
                    return status.success();
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        false
    }

    /// Kills the server at once (SIGKILL), like a power cut for the process.
    pub fn kill_hard(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Stops (gracefully) and starts again on the same data; the port changes.
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    /// A server not started yet, with empty directories and no secrets (a restore fills them,
    /// then [`TestServer::start_again`] starts it).
    pub async fn unstarted(backend: Backend) -> Self {
        Self::prepare(backend, &[], server_binary(true)).await
    }

    /// [`TestServer::unstarted`], for another server binary (e.g. a previous release's).
    pub async fn unstarted_binary(backend: Backend, binary: PathBuf) -> Self {
        Self::prepare(backend, &[], binary).await
    }

    /// Backs this server up (`pde-server backup`, to a new operator key), stops it, and restores
    /// the backup (`pde-server restore`) into a new server with a copy of its secrets, started.
    /// SQLite only.
    pub async fn backed_up_and_restored(&mut self) -> TestServer {
        use age::secrecy::ExposeSecret;
        let identity = age::x25519::Identity::generate();
        let identity_file = self.root.path().join("operator.key");
        std::fs::write(
            &identity_file,
            format!("{}\n", identity.to_string().expose_secret()),
        )
        .expect("identity file");
        let mut backup = self.command();
        backup
            .env("PDE_BACKUP_RECIPIENT", identity.to_public().to_string())
            .arg("backup");
        let output = backup.output().expect("backup runs");
        assert!(
            output.status.success(),
            "backup: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(self.stop(), "a clean stop");
        let mut restored = TestServer::unstarted(self.backend).await;
        std::fs::create_dir_all(restored.secrets_dir()).expect("secrets directory");
        for entry in std::fs::read_dir(self.secrets_dir())
            .expect("secrets")
            .flatten()
        {
            std::fs::copy(entry.path(), restored.secrets_dir().join(entry.file_name()))
                .expect("copy secrets");
        }
        let output = restored
            .command()
            .arg("restore")
            .arg("--from")
            .arg(self.backup_dir())
            .arg("--identity")
            .arg(&identity_file)
            .output()
            .expect("restore runs");
        assert!(
            output.status.success(),
            "restore: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        restored.spawn();
        restored
    }

    /// Starts again after [`TestServer::kill_hard`].
    pub fn start_again(&mut self) {
        self.spawn();
    }

    /// Moves the server's clock forward (test-clock builds only).
    pub async fn advance_clock(&self, seconds: i64) {
        let response = reqwest::Client::new()
            .post(format!("{}/api/v1/test/clock", self.base_url))
            .json(&serde_json::json!({ "seconds": seconds }))
            .send()
            .await
            .expect("clock request");
        assert_eq!(
            response.status(),
            204,
            "the test clock route must exist in test builds"
        );
    }

    /// The login attempt counters as the database holds them: each back-off record's failures
    /// (by its key) and the global count of unfinished logins over every bucket.
    pub async fn login_counters(&self) -> LoginCounters {
        const PER_NAME: &str = "SELECT key, failures FROM login_throttle";
        const GLOBAL: &str = "SELECT CAST(COALESCE(SUM(failures), 0) AS BIGINT) FROM login_global";
        type Rows = (
            Result<Vec<(Vec<u8>, i64)>, sqlx::Error>,
            Result<(i64,), sqlx::Error>,
        );
        let (per_name, global): Rows = match self.backend {
            Backend::Sqlite => {
                let url = format!(
                    "sqlite://{}?mode=ro",
                    self.data_dir().join("pde.sqlite").display()
                );
                let mut db = sqlx::SqliteConnection::connect(&url)
                    .await
                    .expect("open the SQLite file");
                (
                    sqlx::query_as(PER_NAME).fetch_all(&mut db).await,
                    sqlx::query_as(GLOBAL).fetch_one(&mut db).await,
                )
            }
            Backend::Postgres => {
                let mut db = sqlx::PgConnection::connect(&self.database_url)
                    .await
                    .expect("connect to PostgreSQL");
                (
                    sqlx::query_as(PER_NAME).fetch_all(&mut db).await,
                    sqlx::query_as(GLOBAL).fetch_one(&mut db).await,
                )
            }
        };
        let per_name = per_name.expect("read the back-off records");
        let (global,) = global.expect("read the global count");
        LoginCounters {
            per_name: per_name.into_iter().collect(),
            global,
        }
    }

    /// The raw files of the PostgreSQL cluster that can hold this server's rows: its
    /// database's directory, the shared catalogues and the write-ahead log (`PDE_PG_DATA`, the
    /// cluster the test command starts; `None` elsewhere).
    pub async fn postgres_raw_files(&self) -> Option<Vec<PathBuf>> {
        let data = PathBuf::from(std::env::var_os("PDE_PG_DATA")?);
        let mut db = sqlx::PgConnection::connect(&self.database_url)
            .await
            .expect("connect to PostgreSQL");
        let (oid,): (i64,) = sqlx::query_as(
            "SELECT CAST(oid AS BIGINT) FROM pg_database WHERE datname = current_database()",
        )
        .fetch_one(&mut db)
        .await
        .expect("the database's oid");
        let mut files = Vec::new();
        for place in [
            data.join("base").join(oid.to_string()),
            data.join("global"),
            data.join("pg_wal"),
        ] {
            files.extend(crate::scan::files_under(&place));
        }
        Some(files)
    }

    /// A plain-SQL dump of the PostgreSQL database (`pg_dump`).
    pub fn postgres_dump(&self) -> Vec<u8> {
        let pg_dump = std::env::var("PDE_PG_DUMP").unwrap_or_else(|_| "pg_dump".to_owned());
        let output = Command::new(pg_dump)
            .arg("--dbname")
            .arg(&self.database_url)
            .output()
            .expect("pg_dump runs");
        assert!(
            output.status.success(),
            "pg_dump: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.kill_hard();
    }
}

/// What [`TestServer::login_counters`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginCounters {
    /// Failures per back-off record (keyed as the server keys them).
    pub per_name: std::collections::BTreeMap<Vec<u8>, i64>,
    /// Unfinished logins counted in the global budget, all buckets together.
    pub global: i64,
}

impl LoginCounters {
    /// The records that are new or changed since `before`, with their failures.
    pub fn changed_since(&self, before: &LoginCounters) -> Vec<i64> {
        self.per_name
            .iter()
            .filter(|(key, failures)| before.per_name.get(*key) != Some(*failures))
            .map(|(_, failures)| *failures)
            .collect()
    }
}

/// Creates an empty database with a random name; returns its URL.
pub async fn create_postgres_database() -> String {
    let admin_url = postgres_url();
    let name = format!("pde_test_{:016x}", rand::thread_rng().gen::<u64>());
    let mut connection = sqlx::PgConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|err| panic!("cannot reach the test PostgreSQL server: {err}"));
    // The name is ours (hex digits), not input: safe to splice.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut connection)
        .await
        .expect("create database");
    let (base, _) = admin_url.rsplit_once('/').expect("database URL has a path");
    format!("{base}/{name}")
}
