//! Server configuration: flags and `PDE_…` environment variables, with documented defaults.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use pde_api::CreationMode;

const MIB: u64 = 1024 * 1024;

/// The shortest retention of abandoned wallets a server accepts.
pub const MIN_RETENTION_MONTHS: u32 = 24;

/// Every setting of the server. `pde-server default-config` prints them with their defaults.
#[derive(Clone, Args)]
pub struct Settings {
    /// Address to listen on. Keep it on loopback behind a TLS reverse proxy.
    #[arg(long, env = "PDE_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Data directory: the SQLite database and the blob store (ciphertext only).
    #[arg(long, env = "PDE_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Database: empty for SQLite in the data directory, or `postgres://…`.
    #[arg(long, env = "PDE_DATABASE_URL", default_value = "")]
    pub database_url: String,

    /// Secrets directory: the OPAQUE server setup (OPRF seed). Never inside the data directory;
    /// back it up separately from the data.
    #[arg(long, env = "PDE_SECRETS_DIR", default_value = "./secrets")]
    pub secrets_dir: PathBuf,

    /// Serve the web app from this directory instead of the copy built into the binary (for
    /// development and benchmarks: a freshly built `web/dist`).
    #[arg(long, env = "PDE_WEB_DIR")]
    pub web_dir: Option<PathBuf>,

    /// Plain-HTTP development on 127.0.0.1 only: the session cookie without `Secure` (and so
    /// without its `__Host-` prefix) and no HSTS. Refused on an address other than loopback.
    #[arg(long, env = "PDE_INSECURE_COOKIES", default_value_t = false)]
    pub insecure_cookies: bool,

    /// Who may create a wallet.
    #[arg(long, env = "PDE_CREATION_MODE", value_enum, default_value_t = CreationModeArg::Open)]
    pub creation_mode: CreationModeArg,

    /// Largest document (padded plaintext), in bytes.
    #[arg(long, env = "PDE_MAX_DOCUMENT_BYTES", default_value_t = 25 * MIB)]
    pub max_document_bytes: u64,

    /// Storage per wallet (ciphertext, including unfinished uploads), in bytes.
    #[arg(long, env = "PDE_WALLET_QUOTA_BYTES", default_value_t = 500 * MIB)]
    pub wallet_quota_bytes: u64,

    /// Storage for all wallets together, in bytes; uploads and new wallets are refused above it.
    #[arg(long, env = "PDE_GLOBAL_STORAGE_CAP_BYTES", default_value_t = 50 * 1024 * MIB)]
    pub global_storage_cap_bytes: u64,

    /// Size of one upload part. Parts are held in memory one at a time per request.
    #[arg(long, env = "PDE_UPLOAD_PART_BYTES", default_value_t = MIB)]
    pub upload_part_bytes: u64,

    /// Seconds an unfinished upload is kept.
    #[arg(long, env = "PDE_UPLOAD_TTL_SECONDS", default_value_t = 24 * 3600)]
    pub upload_ttl_seconds: i64,

    /// Seconds an unfinished upload keeps its reservation without a new part: announced bytes
    /// that never come are given back to the quota this long after the announcement or the last
    /// part (and a deposit link gets its place back).
    #[arg(long, env = "PDE_UPLOAD_IDLE_SECONDS", default_value_t = 15 * 60)]
    pub upload_idle_seconds: i64,

    /// Storage of each hidden part (its own, apart from the wallet's quota, and the same for
    /// every part so that it tells nothing).
    #[arg(long, env = "PDE_HIDDEN_QUOTA_BYTES", default_value_t = 50 * MIB)]
    pub hidden_quota_bytes: u64,

    /// A session ends after this many seconds without a request.
    #[arg(long, env = "PDE_SESSION_IDLE_SECONDS", default_value_t = 15 * 60)]
    pub session_idle_seconds: i64,

    /// A session ends this many seconds after login, used or not.
    #[arg(long, env = "PDE_SESSION_ABSOLUTE_SECONDS", default_value_t = 8 * 3600)]
    pub session_absolute_seconds: i64,

    /// Login attempts per wallet before back-off starts.
    #[arg(long, env = "PDE_LOGIN_FREE_ATTEMPTS", default_value_t = 3)]
    pub login_free_attempts: i64,

    /// Longest back-off between two login attempts on one wallet, in seconds.
    #[arg(long, env = "PDE_LOGIN_MAX_BACKOFF_SECONDS", default_value_t = 15 * 60)]
    pub login_max_backoff_seconds: i64,

    /// Unfinished logins per hour over all wallets (one PIN tried on many wallets) before every
    /// login start must carry a proof of work, whose price rises with the load.
    #[arg(
        long,
        env = "PDE_GLOBAL_LOGIN_FAILURES_PER_HOUR",
        default_value_t = 2000
    )]
    pub global_login_failures_per_hour: i64,

    /// New wallets allowed per hour over the whole server (so that new wallets can't fill the
    /// global storage cap at once); then creation answers 429 until the hour has passed.
    #[arg(long, env = "PDE_WALLET_CREATIONS_PER_HOUR", default_value_t = 60)]
    pub wallet_creations_per_hour: i64,

    /// Allow wallets with cheap Argon2 parameters (for tests only; never in production).
    #[arg(long, env = "PDE_ALLOW_TEST_WALLETS", default_value_t = false)]
    pub allow_test_wallets: bool,

    /// Seconds between two sweeps of expired sessions, uploads and orphan blobs.
    #[arg(long, env = "PDE_SWEEP_INTERVAL_SECONDS", default_value_t = 600)]
    pub sweep_interval_seconds: u64,

    /// Seconds a client has to send a request's head (method, path, headers); then the
    /// connection is closed. Also how long an idle kept-alive connection stays open.
    #[arg(long, env = "PDE_HEADER_TIMEOUT_SECONDS", default_value_t = 10)]
    pub header_timeout_seconds: u64,

    /// Seconds a request body may pause between two pieces before the request is refused.
    #[arg(long, env = "PDE_BODY_TIMEOUT_SECONDS", default_value_t = 30)]
    pub body_timeout_seconds: u64,

    /// Where Prometheus metrics (`/metrics`) and readiness with its reason (`/ready`) are
    /// served: loopback by default, never the public address; empty for none.
    #[arg(long, env = "PDE_METRICS_LISTEN", default_value = "127.0.0.1:9464")]
    pub metrics_listen: String,

    /// Readiness (`/api/v1/health/ready`) fails when the data directory's file system has less
    /// free space than this, in MiB.
    #[arg(long, env = "PDE_MIN_FREE_DISK_MIB", default_value_t = 512)]
    pub min_free_disk_mib: u64,

    /// Backups directory: `pde-server backup` writes its encrypted archives there, and the server
    /// writes the erasure journal there (one line per erased wallet part: the time and an HMAC
    /// of its id, so that a restore applies the erasure again). Put it on another disk than the
    /// data directory, never inside it.
    #[arg(long, env = "PDE_BACKUP_DIR", default_value = "./backups")]
    pub backup_dir: PathBuf,

    /// The operator's age recipient (`age1…`) that backups are encrypted to; its identity stays
    /// off this machine until a restore.
    #[arg(long, env = "PDE_BACKUP_RECIPIENT", default_value = "")]
    pub backup_recipient: String,

    /// Days a backup is kept: `pde-server backup` deletes older archives and erasure-journal
    /// days. Stated to holders (`GET /api/v1/info`).
    #[arg(long, env = "PDE_BACKUP_KEEP_DAYS", default_value_t = 30)]
    pub backup_keep_days: u32,

    /// Seconds a blob whose rows are gone stays in the blob store before the sweeper deletes it
    /// (it is unreadable without the holder's key): longer than any backup run, which fails
    /// rather than take longer.
    #[arg(long, env = "PDE_BLOB_DELETION_GRACE_SECONDS", default_value_t = 24 * 3600)]
    pub blob_deletion_grace_seconds: i64,

    /// Erase a wallet, hidden parts included, when none of its parts was unlocked for this many
    /// months (only a holder's unlock counts: not a deposit, not a link opened); 0, the default,
    /// never. At least 24 when set. Holders are told "kept until at least" now + this.
    #[arg(long, env = "PDE_RETENTION_MONTHS", default_value_t = 0)]
    pub retention_months: u32,

    /// Where the administration console is served: its own origin (a port of its own here, a
    /// host name of its own behind the proxy), never a path of the holders' origin; keep it on
    /// loopback and let only the operator's network reach it. Empty: no console.
    #[arg(long, env = "PDE_ADMIN_LISTEN", default_value = "127.0.0.1:8081")]
    pub admin_listen: String,

    /// The console's origin as administrators' browsers reach it (e.g.
    /// `https://admin.pde.example`): its host is the passkeys' relying party, and the admin API
    /// refuses requests from any other origin. Empty: `http://localhost:<admin port>`
    /// (development on this machine).
    #[arg(long, env = "PDE_ADMIN_ORIGIN", default_value = "")]
    pub admin_origin: String,

    /// The holders' address as people reach it (e.g. `https://pde.example`): invitation slips'
    /// QR codes point there. Empty: `http://` and the address the server listens on.
    #[arg(long, env = "PDE_PUBLIC_ORIGIN", default_value = "")]
    pub public_origin: String,

    /// Keep on each wallet made with an invitation slip the partner that gave it, for
    /// per-partner figures beyond creations. Off by default: with the creation time, a partner
    /// that knows who got which slip could single a person out. When on, the wallets' rows keep
    /// their times to the ISO week only.
    #[arg(long, env = "PDE_KEEP_PARTNER_ON_WALLET", default_value_t = false)]
    pub keep_partner_on_wallet: bool,

    /// Who is responsible for the data (the controller), as the transparency page (`/transparency`)
    /// names them: an organisation's name and address.
    #[arg(long, env = "PDE_CONTROLLER", default_value = "")]
    pub controller: String,

    /// How to reach the controller (an address, an e-mail, a telephone), on the transparency page.
    #[arg(long, env = "PDE_CONTROLLER_CONTACT", default_value = "")]
    pub controller_contact: String,

    /// Where this server's source code is (the AGPL asks that its users can get it).
    #[arg(long, env = "PDE_SOURCE_URL", default_value = "")]
    pub source_url: String,

    /// The statistics show no figure between 1 and this (and no total that would reveal
    /// one). Keep it for the whole test phase: weeks already shown are shown anew with another.
    #[arg(long, env = "PDE_STATISTICS_K", default_value_t = 5, value_parser = clap::value_parser!(u32).range(2..=100))]
    pub statistics_k: u32,

    /// Feedback from holders and workers is deleted this many months after the day it came
    /// (said on the form and on the transparency page).
    #[arg(long, env = "PDE_FEEDBACK_MONTHS", default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..=24))]
    pub feedback_months: u32,

    /// At most this many feedbacks in any hour, over the whole server (a global budget: nothing
    /// is counted per address). Each one also costs its sender a proof of work.
    #[arg(long, env = "PDE_FEEDBACK_PER_HOUR", default_value_t = 60, value_parser = clap::value_parser!(i64).range(1..=10_000))]
    pub feedback_per_hour: i64,

    /// An admin session ends after this many seconds without a request.
    #[arg(long, env = "PDE_ADMIN_SESSION_IDLE_SECONDS", default_value_t = 10 * 60)]
    pub admin_session_idle_seconds: i64,

    /// An admin session ends this many seconds after login, used or not.
    #[arg(long, env = "PDE_ADMIN_SESSION_ABSOLUTE_SECONDS", default_value_t = 4 * 3600)]
    pub admin_session_absolute_seconds: i64,

    /// Tests only: answer every registration with the cheap test parameters, as a malicious
    /// server would to weaken new credentials (the web app must refuse them).
    #[cfg(feature = "test-clock")]
    #[arg(long, default_value_t = false)]
    pub test_weak_registrations: bool,

    /// Connections served at once; more wait in the system's queue until one ends. Keep it well
    /// under the process's open-files limit (systemd `LimitNOFILE`, often 1024).
    #[arg(long, env = "PDE_MAX_CONNECTIONS", default_value_t = 512)]
    pub max_connections: usize,
}

/// `--creation-mode` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CreationModeArg {
    /// Anyone can create a wallet.
    Open,
    /// An invitation code is required (`pde-server invite`).
    Invite,
}

impl From<CreationModeArg> for CreationMode {
    fn from(value: CreationModeArg) -> Self {
        match value {
            CreationModeArg::Open => CreationMode::Open,
            CreationModeArg::Invite => CreationMode::Invite,
        }
    }
}

/// Which database the URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseKind {
    /// SQLite file.
    Sqlite(PathBuf),
    /// PostgreSQL URL.
    Postgres(String),
}

impl Settings {
    /// The database to open.
    pub fn database(&self) -> DatabaseKind {
        if self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://")
        {
            DatabaseKind::Postgres(self.database_url.clone())
        } else if let Some(path) = self.database_url.strip_prefix("sqlite://") {
            DatabaseKind::Sqlite(PathBuf::from(path))
        } else if self.database_url.is_empty() {
            DatabaseKind::Sqlite(self.data_dir.join("pde.sqlite"))
        } else {
            DatabaseKind::Sqlite(PathBuf::from(&self.database_url))
        }
    }

    /// Refuses settings that must not go together.
    pub fn check(&self) -> Result<(), String> {
        if self.insecure_cookies && !self.listen.ip().is_loopback() {
            return Err(format!(
                "--insecure-cookies is for plain-HTTP development on 127.0.0.1, but the server \
                 would listen on {}: serve over HTTPS without it",
                self.listen
            ));
        }
        if (1..MIN_RETENTION_MONTHS).contains(&self.retention_months) {
            return Err(format!(
                "--retention-months {} is too short: 0 (wallets are kept) or at least \
                 {MIN_RETENTION_MONTHS} months",
                self.retention_months
            ));
        }
        if !self.metrics_listen.is_empty() && self.metrics_address().is_none() {
            return Err(format!(
                "--metrics-listen {:?} is not an address and port (e.g. 127.0.0.1:9464), nor empty",
                self.metrics_listen
            ));
        }
        if !self.admin_listen.is_empty() && self.admin_address().is_none() {
            return Err(format!(
                "--admin-listen {:?} is not an address and port (e.g. 127.0.0.1:8081), nor empty",
                self.admin_listen
            ));
        }
        if self.admin_address() == Some(self.listen) && self.listen.port() != 0 {
            return Err(
                "--admin-listen must differ from --listen: the console has an origin of its own"
                    .to_owned(),
            );
        }
        if !self.admin_origin.is_empty() {
            crate::admin::AdminOrigin::parse(&self.admin_origin)?;
            let origin = |text: &str| url::Url::parse(text).ok().map(|url| url.origin());
            if origin(&self.admin_origin).is_some()
                && origin(&self.admin_origin) == origin(&self.public_origin)
            {
                return Err(
                    "--admin-origin must differ from --public-origin: the console's \
                     cookie and API would be open to any script of the holders' pages"
                        .to_owned(),
                );
            }
        }
        if !self.public_origin.is_empty() {
            let url = url::Url::parse(&self.public_origin).map_err(|e| {
                format!("--public-origin {:?} is not a URL: {e}", self.public_origin)
            })?;
            if !matches!(url.scheme(), "http" | "https") || url.path() != "/" {
                return Err(format!(
                    "--public-origin {:?} must be http(s)://host[:port], without a path",
                    self.public_origin
                ));
            }
        }
        Ok(())
    }

    /// Where the holders' app is reached (`--public-origin`, else this server's address).
    pub fn holders_origin(&self) -> String {
        if self.public_origin.is_empty() {
            format!("http://{}", self.listen)
        } else {
            self.public_origin.trim_end_matches('/').to_owned()
        }
    }

    /// A time as the wallets' rows keep it: to the start of its ISO week when the partner is
    /// kept on wallets (`--keep-partner-on-wallet`), else as it is.
    pub fn row_time(&self, unix_seconds: i64) -> i64 {
        if self.keep_partner_on_wallet {
            crate::clock::iso_week_start(unix_seconds)
        } else {
            unix_seconds
        }
    }

    /// Where the administration console is served, if anywhere (`--admin-listen`).
    pub fn admin_address(&self) -> Option<std::net::SocketAddr> {
        self.admin_listen.parse().ok()
    }

    /// Where metrics are served, if anywhere (`--metrics-listen`).
    pub fn metrics_address(&self) -> Option<std::net::SocketAddr> {
        self.metrics_listen.parse().ok()
    }

    /// Largest ciphertext accepted for a document: the padded limit plus age's overhead (header,
    /// and 16 bytes per 64 KiB chunk).
    pub fn max_ciphertext_bytes(&self) -> u64 {
        let chunks = self.max_document_bytes / (64 * 1024) + 1;
        self.max_document_bytes + 1024 + 16 * chunks
    }
}

/// Redacts the database URL: it may carry a password.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("database", &redact_url(&self.database_url))
            .field("secrets_dir", &self.secrets_dir)
            .field("creation_mode", &self.creation_mode)
            .field("max_document_bytes", &self.max_document_bytes)
            .field("wallet_quota_bytes", &self.wallet_quota_bytes)
            .finish_non_exhaustive()
    }
}

fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://…@{}", &url[..scheme_end], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

/// The documented defaults, as `pde-server default-config` prints them: one `PDE_…=value` line
/// per setting, with its help text.
pub fn default_config_text() -> String {
    use clap::CommandFactory;
    #[derive(clap::Parser)]
    struct Wrapper {
        #[command(flatten)]
        settings: Settings,
    }
    let command = Wrapper::command();
    let mut out = String::from("# pde-server settings and their defaults (flags or environment)\n");
    for arg in command.get_arguments() {
        let Some(env) = arg.get_env() else { continue };
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        let default = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(",");
        let flag = arg.get_long().unwrap_or_default();
        out.push_str(&format!(
            "\n# --{flag}: {help}\n{}={default}\n",
            env.to_string_lossy()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The settings of a command line.
    fn parse(args: &[&str]) -> Settings {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            settings: Settings,
        }
        <Cli as clap::Parser>::try_parse_from(
            std::iter::once("pde-server").chain(args.iter().copied()),
        )
        .expect("valid flags")
        .settings
    }

    #[test]
    fn insecure_cookies_only_on_loopback() {
        assert!(parse(&[]).check().is_ok());
        assert!(parse(&["--insecure-cookies"]).check().is_ok());
        assert!(parse(&["--insecure-cookies", "--listen", "[::1]:8080"])
            .check()
            .is_ok());
        assert!(parse(&["--retention-months", "24"]).check().is_ok());
        assert!(parse(&["--retention-months", "12"])
            .check()
            .is_err_and(|e| e.contains("at least 24")));
        let err = parse(&["--insecure-cookies", "--listen", "0.0.0.0:8080"]).check();
        assert!(err.is_err_and(|e| e.contains("plain-HTTP development")));
        assert!(parse(&["--listen", "0.0.0.0:8080"]).check().is_ok());
    }

    #[test]
    fn the_console_never_shares_the_holders_origin() {
        let check = |args: &[&str]| parse(args).check();
        let holders = ["--public-origin", "https://pde.example"];
        assert!(check(
            &[
                &holders[..],
                &["--admin-origin", "https://admin.pde.example"]
            ]
            .concat()
        )
        .is_ok());
        for same in [
            "https://pde.example",
            "https://pde.example/",
            "https://PDE.example:443",
        ] {
            assert!(
                check(&[&holders[..], &["--admin-origin", same]].concat())
                    .is_err_and(|e| e.contains("must differ from --public-origin")),
                "{same}"
            );
        }
    }

    #[test]
    fn database_url_password_is_redacted() {
        assert_eq!(
            redact_url("postgres://pde:hunter2@db/pde"),
            "postgres://…@db/pde"
        );
    }

    #[test]
    fn default_config_lists_every_setting() {
        let text = default_config_text();
        for name in [
            "PDE_LISTEN=127.0.0.1:8080",
            "PDE_DATA_DIR=./data",
            "PDE_SECRETS_DIR=./secrets",
        ] {
            assert!(text.contains(name), "{text}");
        }
    }
}
