//! A private, throw-away PostgreSQL cluster on 127.0.0.1 for the tests.
//!
//! PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user
//! (created by Debian's package; else a system user `pde-pg`) and its tools run through
//! `runuser`. The cluster is stopped and its directory deleted by [`Cluster`]'s `Drop`, and, if
//! xtask dies without unwinding (Ctrl-C, SIGTERM, SIGKILL), by a watchdog process that waits for
//! xtask to exit.

use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::install::Apt;
use crate::util::{find_in_path, is_executable, is_root, probe, run, run_quiet, Result};

const SERVICE_USER: &str = "postgres";
const FALLBACK_USER: &str = "pde-pg";
const START_ATTEMPTS: u32 = 3;

/// A PostgreSQL installation: the directory holding `initdb`, `pg_ctl` and `pg_dump`.
#[derive(Clone, Debug)]
pub struct PgBin {
    dir: PathBuf,
}

impl PgBin {
    /// `initdb` on `PATH` (symlinks resolved), else the newest `/usr/lib/postgresql/*/bin`.
    pub fn find() -> Option<PgBin> {
        let on_path = find_in_path("initdb").and_then(|p| std::fs::canonicalize(p).ok());
        let dir = on_path
            .and_then(|initdb| initdb.parent().map(Path::to_path_buf))
            .or_else(newest_debian_pg_bin)?;
        let bin = PgBin { dir };
        ["initdb", "pg_ctl", "pg_dump"]
            .iter()
            .all(|tool| is_executable(&bin.tool(tool)))
            .then_some(bin)
    }

    pub fn tool(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

/// `/usr/lib/postgresql/<highest version>/bin`, if it has an `initdb`.
fn newest_debian_pg_bin() -> Option<PathBuf> {
    std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version: u32 = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            is_executable(&bin.join("initdb")).then_some((version, bin))
        })
        .max_by_key(|(version, _)| *version)
        .map(|(_, bin)| bin)
}

/// Finds PostgreSQL's server tools, installing Debian's `postgresql` if allowed and needed.
pub fn ensure_postgres(apt: &mut Apt, install: bool) -> Result<PgBin> {
    if let Some(bin) = PgBin::find() {
        eprintln!("PostgreSQL server tools: {}", bin.dir.display());
        return Ok(bin);
    }
    if !install {
        return Err(
            "PostgreSQL's initdb was not found (PATH, /usr/lib/postgresql/*/bin): \
                    install the `postgresql` package"
                .into(),
        );
    }
    apt.install(&["postgresql"])?;
    PgBin::find().ok_or_else(|| "postgresql was installed but initdb is still not found".into())
}

/// A running private cluster. Stopped and deleted on drop.
pub struct Cluster {
    bin: PgBin,
    dir: PathBuf,
    /// The user owning the cluster when xtask runs as root.
    run_as: Option<String>,
    port: u16,
    started: bool,
    watchdog: Option<Child>,
}

impl Cluster {
    pub fn start(bin: &PgBin) -> Result<Cluster> {
        let run_as = if is_root()? {
            Some(service_user()?)
        } else {
            None
        };
        let mut cluster = Cluster {
            bin: bin.clone(),
            dir: make_temp_dir("pde-pg")?,
            run_as,
            port: 0,
            started: false,
            watchdog: None,
        };
        // From here on, a failure drops `cluster`, which deletes the directory.
        if let Some(user) = &cluster.run_as {
            run(Command::new("chown")
                .arg(format!("{user}:"))
                .arg(&cluster.dir))?;
        }
        cluster.watchdog = Some(cluster.spawn_watchdog()?);
        run_quiet(
            cluster
                .pg_command("initdb")
                .arg("-D")
                .arg(cluster.data_dir())
                .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"])
                .arg("--no-sync"),
        )?;
        cluster.start_on_free_port()?;
        Ok(cluster)
    }

    /// `pg_ctl start` on a free port, retrying if another process takes the port first.
    fn start_on_free_port(&mut self) -> Result<()> {
        let mut attempt = 1;
        loop {
            self.port = free_port()?;
            let options = format!(
                // As docs/SECURITY.md asks of a deployment: old write-ahead log segments are
                // deleted, not renamed for reuse with erased rows still in them.
                "-k {} -h 127.0.0.1 -p {} -c fsync=off -c wal_recycle=off",
                shell_quote(&self.dir.to_string_lossy()),
                self.port
            );
            let result = run_quiet(
                self.pg_command("pg_ctl")
                    .arg("-D")
                    .arg(self.data_dir())
                    .arg("-l")
                    .arg(self.log_file())
                    .args(["-w", "-o", &options, "start"]),
            );
            match result {
                Ok(()) => {
                    self.started = true;
                    eprintln!("PostgreSQL running at {}", self.url());
                    return Ok(());
                }
                Err(e) => {
                    let log = std::fs::read_to_string(self.log_file()).unwrap_or_default();
                    eprintln!("--- {} ---\n{log}---", self.log_file().display());
                    if attempt >= START_ATTEMPTS {
                        return Err(e);
                    }
                    attempt += 1;
                    eprintln!("retrying on another port");
                }
            }
        }
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    pub fn pg_dump(&self) -> PathBuf {
        self.bin.tool("pg_dump")
    }

    /// Stops the server and deletes its directory; safe to call twice.
    pub fn stop(&mut self) -> Result<()> {
        let mut result = Ok(());
        if self.started {
            self.started = false;
            result = run_quiet(
                self.pg_command("pg_ctl")
                    .arg("-D")
                    .arg(self.data_dir())
                    .args(["-m", "immediate", "-w", "stop"]),
            );
        }
        if self.dir.exists() {
            if let Err(e) = std::fs::remove_dir_all(&self.dir) {
                result = result.and(Err(
                    format!("cannot delete {}: {e}", self.dir.display()).into()
                ));
            }
        }
        if let Some(mut watchdog) = self.watchdog.take() {
            // Its only job was the cleanup we just did. Errors: it had already exited.
            let _ = watchdog.kill();
            let _ = watchdog.wait();
        }
        result
    }

    /// The cluster's files (tests read them raw after an erasure).
    pub fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn log_file(&self) -> PathBuf {
        self.dir.join("log")
    }

    /// A PostgreSQL tool, run as the cluster's owner, from the cluster's directory (the
    /// owner may not be allowed into the current one).
    fn pg_command(&self, tool: &str) -> Command {
        let program = self.bin.tool(tool);
        let mut cmd = match &self.run_as {
            Some(user) => {
                let mut cmd = Command::new("runuser");
                cmd.args(["-u", user, "--"]).arg(program);
                cmd
            }
            None => Command::new(program),
        };
        cmd.current_dir(&self.dir);
        cmd
    }

    /// A shell, in its own process group so Ctrl-C doesn't reach it, that waits for xtask to
    /// exit and then stops the cluster and deletes its directory. Killed by [`Cluster::stop`].
    fn spawn_watchdog(&self) -> Result<Child> {
        const SCRIPT: &str = r#"
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            if [ -n "$5" ]; then runuser -u "$5" -- "$2" -D "$3" -m immediate -w stop
            else "$2" -D "$3" -m immediate -w stop; fi
            rm -rf "$4"
        "#;
        Command::new("sh")
            .args(["-c", SCRIPT, "pde-pg-watchdog"])
            .arg(std::process::id().to_string())
            .arg(self.bin.tool("pg_ctl"))
            .arg(self.data_dir())
            .arg(&self.dir)
            .arg(self.run_as.as_deref().unwrap_or(""))
            .current_dir("/")
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the PostgreSQL watchdog: {e}").into())
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Err(e) = self.stop() {
            eprintln!(
                "warning: cleaning up the PostgreSQL cluster in {}: {e}",
                self.dir.display()
            );
        }
    }
}

/// The user that owns the cluster when xtask runs as root: `postgres`, else `pde-pg` (created).
fn service_user() -> Result<String> {
    for user in [SERVICE_USER, FALLBACK_USER] {
        if probe(Command::new("id").args(["-u", user])).is_some() {
            return Ok(user.to_owned());
        }
    }
    run(Command::new("useradd").args([
        "--system",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        FALLBACK_USER,
    ]))?;
    Ok(FALLBACK_USER.to_owned())
}

/// A new directory `<tmp>/<prefix>-<pid>-<nanos>`, mode 0700.
fn make_temp_dir(prefix: &str) -> Result<PathBuf> {
    use std::os::unix::fs::DirBuilderExt;
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(&dir)
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

/// A port nobody listens on right now (the kernel's pick for port 0).
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| format!("cannot find a free port on 127.0.0.1: {e}"))?;
    Ok(listener.local_addr()?.port())
}

/// Quotes for the shell that `pg_ctl` hands `-o` to.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// `cargo xtask pg`: a cluster for running tests by hand, until Ctrl-D or Ctrl-C.
pub fn run_pg_helper() -> Result<ExitCode> {
    let bin = ensure_postgres(&mut Apt::default(), true)?;
    let mut cluster = Cluster::start(&bin)?;
    println!("export PDE_TEST_POSTGRES_URL={}", cluster.url());
    println!("export PDE_PG_DUMP={}", cluster.pg_dump().display());
    println!("export PDE_PG_DATA={}", cluster.data_dir().display());
    println!("export PDE_REQUIRE_POSTGRES=1");
    eprintln!("PostgreSQL is running; press Ctrl-D (or Ctrl-C) to stop it and delete it.");
    // Any input is ignored; EOF (or a read error) means stop.
    let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
    cluster.stop()?;
    eprintln!("PostgreSQL stopped, {} deleted.", cluster.dir.display());
    Ok(ExitCode::SUCCESS)
}
