//! Installing what `cargo xtask test` needs, and skipping what is already there.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{capture, cargo, find_cargo_bin, is_root, probe, run, Result};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Debian packages, with `apt-get update` at most once per run.
#[derive(Default)]
pub struct Apt {
    updated: bool,
}

impl Apt {
    pub fn install(&mut self, packages: &[&str]) -> Result<()> {
        if !is_root()? {
            return Err(format!(
                "{} missing and not running as root: install it with \
                 `sudo apt-get install --no-install-recommends {}`",
                packages.join(", "),
                packages.join(" ")
            )
            .into());
        }
        if !self.updated {
            run(apt_get().arg("update"))?;
            self.updated = true;
        }
        run(apt_get()
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages))
    }
}

fn apt_get() -> Command {
    let mut cmd = Command::new("apt-get");
    cmd.env("DEBIAN_FRONTEND", "noninteractive");
    cmd
}

/// Debian's Chromium and ChromeDriver (and fonts with Arabic glyphs) for the browser tests;
/// returns Chromium's path.
pub fn ensure_chromium(apt: &mut Apt, install: bool) -> Result<PathBuf> {
    let chromium = PathBuf::from("/usr/bin/chromium");
    let driver = PathBuf::from("/usr/bin/chromedriver");
    if chromium.exists() && driver.exists() {
        return Ok(chromium);
    }
    if !install {
        return Err("Chromium is missing: apt-get install chromium chromium-driver".into());
    }
    apt.install(&[
        "chromium",
        "chromium-driver",
        "fonts-liberation",
        "fonts-dejavu-core",
    ])?;
    Ok(chromium)
}

/// What the kiosk profile's test needs besides Chromium: Xvfb (a display without a screen),
/// xprintidle (the launcher's idle clock), Firefox ESR (its policy schema) and shellcheck (the
/// launcher's scripts).
pub fn ensure_kiosk_tools(apt: &mut Apt, install: bool) -> Result<()> {
    ensure_files(
        apt,
        install,
        &[
            ("/usr/bin/Xvfb", "xvfb"),
            ("/usr/bin/xprintidle", "xprintidle"),
            ("/usr/lib/firefox-esr/browser/omni.ja", "firefox-esr"),
            ("/usr/bin/shellcheck", "shellcheck"),
        ],
    )
}

/// What the deployment files' test needs (tests/tests/deploy.rs): systemd-analyze (the units),
/// nginx and Caddy (the reverse proxies' files) and openssl (their test certificate).
pub fn ensure_deploy_tools(apt: &mut Apt, install: bool) -> Result<()> {
    ensure_files(
        apt,
        install,
        &[
            ("/usr/bin/systemd-analyze", "systemd"),
            ("/usr/sbin/nginx", "nginx"),
            ("/usr/bin/caddy", "caddy"),
            ("/usr/bin/openssl", "openssl"),
        ],
    )
}

/// Installs the Debian package of each (file, package) whose file is missing.
fn ensure_files(apt: &mut Apt, install: bool, wanted: &[(&str, &str)]) -> Result<()> {
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !install {
        return Err(format!(
            "{} missing: apt-get install {}",
            missing.join(", "),
            missing.join(" ")
        )
        .into());
    }
    apt.install(&missing)
}

/// Installs the Debian package of the same name as `program` when `program -V` does not run.
pub fn ensure_program(apt: &mut Apt, program: &str, install: bool) -> Result<()> {
    if probe(Command::new(program).arg("-V")).is_some() {
        return Ok(());
    }
    if !install {
        return Err(format!("{program} is missing: apt-get install {program}").into());
    }
    apt.install(&[program])
}

pub fn ensure_wasm_target(install: bool) -> Result<()> {
    let installed = capture(Command::new("rustup").args(["target", "list", "--installed"]))
        .map_err(|e| format!("cannot list the installed Rust targets with rustup: {e}"))?;
    if installed.lines().any(|t| t.trim() == WASM_TARGET) {
        eprintln!("{WASM_TARGET}: installed");
        return Ok(());
    }
    if !install {
        return Err(format!(
            "the {WASM_TARGET} target is missing: `rustup target add {WASM_TARGET}`"
        )
        .into());
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The compiler of the web bundle, and only of it: a pinned nightly, because it can rebuild the
/// standard library for size and drop panic messages, formatting of `{:?}` and source locations
/// from the WebAssembly (docs/TOOLCHAIN.md, README "The web bundle"). Everything else is stable.
pub const WASM_TOOLCHAIN: &str = "nightly-2026-05-20";

/// Installs [`WASM_TOOLCHAIN`] with the standard library's source (`rust-src`), unless present.
pub fn ensure_wasm_toolchain(install: bool) -> Result<()> {
    let installed = capture(Command::new("rustup").args([
        "component",
        "list",
        "--installed",
        "--toolchain",
        WASM_TOOLCHAIN,
    ]))
    .is_ok_and(|components| components.lines().any(|c| c.starts_with("rust-src")));
    if installed {
        eprintln!("{WASM_TOOLCHAIN} with rust-src: installed");
        return Ok(());
    }
    let install_args = [
        "toolchain",
        "install",
        WASM_TOOLCHAIN,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
    ];
    if !install {
        return Err(format!(
            "the web bundle's compiler is missing: `rustup {}`",
            install_args.join(" ")
        )
        .into());
    }
    run(Command::new("rustup").args(install_args))
}

/// The `wasm-bindgen` version in Cargo.lock, if the workspace uses wasm-bindgen at all.
pub fn locked_wasm_bindgen(root: &Path) -> Result<Option<String>> {
    let path = root.join("Cargo.lock");
    let lock = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(locked_version(&lock, "wasm-bindgen"))
}

/// Makes `wasm-bindgen` match `version` (`cargo install wasm-bindgen-cli --version`, ≈ 5 min);
/// returns the path of `wasm-bindgen-test-runner`.
pub fn ensure_wasm_bindgen_cli(version: &str, install: bool) -> Result<PathBuf> {
    if let Some(runner) = wasm_bindgen_cli_at(version) {
        eprintln!("wasm-bindgen-cli {version}: installed");
        return Ok(runner);
    }
    let install_cmd = format!("cargo install wasm-bindgen-cli --version {version}");
    if !install {
        return Err(format!(
            "wasm-bindgen-cli {version} (the version in Cargo.lock) is missing: `{install_cmd}`"
        )
        .into());
    }
    // Without --locked: the CLI's own lockfile pins a crate missing from the index.
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", version]))?;
    wasm_bindgen_cli_at(version).ok_or_else(|| {
        format!("`{install_cmd}` ran but wasm-bindgen {version} is still not found").into()
    })
}

/// The cargo-deny the test command installs (licences, bans and sources of the dependencies).
pub const CARGO_DENY_VERSION: &str = "0.20.2";

/// Makes `cargo deny` available at [`CARGO_DENY_VERSION`] (`cargo install`, ≈ 6 min).
pub fn ensure_cargo_deny(install: bool) -> Result<()> {
    let installed = find_cargo_bin("cargo-deny")
        .and_then(|deny| probe(Command::new(deny).arg("--version")))
        .is_some_and(|printed| printed.split_whitespace().nth(1) == Some(CARGO_DENY_VERSION));
    if installed {
        eprintln!("cargo-deny {CARGO_DENY_VERSION}: installed");
        return Ok(());
    }
    if !install {
        return Err(format!(
            "cargo-deny {CARGO_DENY_VERSION} is missing: \
             `cargo install cargo-deny --locked --version {CARGO_DENY_VERSION}`"
        )
        .into());
    }
    run(cargo().args([
        "install",
        "cargo-deny",
        "--locked",
        "--version",
        CARGO_DENY_VERSION,
    ]))
}

/// Where cargo-deny looks for the RustSec advisory database: its default `db-path`
/// (`$CARGO_HOME/advisory-dbs`) and the directory it names after the database's URL.
fn advisory_db_dir() -> Result<PathBuf> {
    Ok(crate::util::cargo_home()
        .ok_or("neither CARGO_HOME nor HOME is set")?
        .join("advisory-dbs")
        .join("advisory-db-3157b0e258782691"))
}

/// Local copies of github.com/rustsec/advisory-db, tried in order when github.com can't be
/// reached (the build machines here keep a mirror of it).
const ADVISORY_DB_MIRRORS: &[&str] = &["/work/.mirror/rustsec+advisory-db/repo"];

/// Makes the RustSec advisory database available to `cargo deny --offline check advisories`:
/// `cargo deny fetch db` brings it up to date from where the copy came from (github.com on a
/// machine that reaches it); with no copy and no network it is cloned from a local mirror.
/// Prints the date of the copy used, so the log says how fresh the check is.
pub fn ensure_advisory_db(install: bool) -> Result<()> {
    let dir = advisory_db_dir()?;
    let fetched = install && run(cargo().args(["deny", "fetch", "db"])).is_ok();
    if !fetched && !dir.join(".git").exists() {
        let mirror = ADVISORY_DB_MIRRORS
            .iter()
            .map(Path::new)
            .find(|m| m.exists())
            .filter(|_| install)
            .ok_or_else(|| {
                format!(
                    "no RustSec advisory database in {} and github.com can't be reached: \
                     run `cargo deny fetch db` where it can",
                    dir.display()
                )
            })?;
        // cargo-deny's failed fetch may leave an empty directory behind.
        let _ = std::fs::remove_dir_all(&dir);
        run(Command::new("git")
            .args(["clone", "--quiet"])
            .arg(mirror)
            .arg(&dir))?;
    }
    let date = capture(Command::new("git").arg("-C").arg(&dir).args([
        "show",
        "-s",
        "--format=%cs",
        "HEAD",
    ]))?;
    eprintln!("RustSec advisory database of {}", date.trim());
    Ok(())
}

/// `wasm-bindgen-test-runner` next to a `wasm-bindgen` whose version is `version`.
fn wasm_bindgen_cli_at(version: &str) -> Option<PathBuf> {
    let bindgen = find_cargo_bin("wasm-bindgen")?;
    let printed = probe(Command::new(&bindgen).arg("--version"))?;
    if printed.split_whitespace().nth(1) != Some(version) {
        eprintln!(
            "{} is `{}`, Cargo.lock wants {version}",
            bindgen.display(),
            printed.trim()
        );
        return None;
    }
    let runner = bindgen.with_file_name("wasm-bindgen-test-runner");
    crate::util::is_executable(&runner).then_some(runner)
}

/// Node runs the wasm tests; it comes with the machine, we don't install it.
pub fn check_node() -> Result<()> {
    let version = capture(Command::new("node").arg("--version")).map_err(|e| {
        format!("Node.js is required (it runs the wasm tests) but `node --version` failed: {e}")
    })?;
    eprintln!("node {}", version.trim());
    Ok(())
}

/// The version of the first `[[package]]` called `name` in a Cargo.lock.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    lock.split("[[package]]").skip(1).find_map(|block| {
        let field = |key: &str| {
            block
                .lines()
                .take_while(|line| !line.starts_with('['))
                .filter_map(|line| line.split_once('='))
                .find(|(k, _)| k.trim() == key)
                .map(|(_, v)| v.trim().trim_matches('"'))
        };
        (field("name")? == name).then(|| field("version").map(str::to_owned))?
    })
}

/// schemathesis, the schema-based API fuzzer the tests run against the server's OpenAPI
/// document, pinned.
const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// `st` (schemathesis) in a Python virtual environment of its own under `<target>/pde-tools`.
pub fn ensure_schemathesis(apt: &mut Apt, install: bool) -> Result<PathBuf> {
    let venv = crate::util::target_dir()?
        .join("pde-tools")
        .join("schemathesis");
    let st = venv.join("bin").join("st");
    let installed = probe(Command::new(&st).arg("--version"))
        .is_some_and(|printed| printed.split_whitespace().last() == Some(SCHEMATHESIS_VERSION));
    if installed {
        eprintln!("schemathesis {SCHEMATHESIS_VERSION}: installed");
        return Ok(st);
    }
    if !install {
        return Err(format!(
            "schemathesis {SCHEMATHESIS_VERSION} is missing: `python3 -m venv {0} && \
             {0}/bin/pip install schemathesis=={SCHEMATHESIS_VERSION}`",
            venv.display()
        )
        .into());
    }
    // Debian's python3 makes virtual environments only with python3-venv.
    if probe(Command::new("python3").args(["-m", "venv", "--help"])).is_none() {
        apt.install(&["python3-venv"])?;
    }
    run(Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv))?;
    run(Command::new(venv.join("bin").join("pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("schemathesis=={SCHEMATHESIS_VERSION}")))?;
    Ok(st)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_versions_in_cargo_lock() {
        let lock = r#"
version = 4

[[package]]
name = "wasm-bindgen-shared"
version = "0.2.99"

[[package]]
version = "0.2.130"
name = "wasm-bindgen"
dependencies = [
 "once_cell",
]
"#;
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(lock, "wasm-bindgen-shared").as_deref(),
            Some("0.2.99")
        );
        assert_eq!(locked_version(lock, "leptos"), None);
    }
}
