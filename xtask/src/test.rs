//! `cargo xtask test`: the project's single test command, the one CI runs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::install::{self, Apt};
use crate::pg::{self, Cluster, PgBin};
use crate::steps::Steps;
use crate::util::{cargo, run, target_dir, Result};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

#[derive(Debug, Default)]
pub struct TestOptions {
    skip_install: bool,
    no_wasm: bool,
    /// After `--`: appended to `cargo test --workspace`.
    cargo_test_args: Vec<String>,
}

impl TestOptions {
    pub fn parse(args: &[String]) -> Result<TestOptions> {
        let mut options = TestOptions::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--skip-install" => options.skip_install = true,
                "--no-wasm" => options.no_wasm = true,
                "--" => {
                    options.cargo_test_args = args.cloned().collect();
                    break;
                }
                other => {
                    return Err(format!(
                        "unknown option `{other}` for `cargo xtask test` \
                         (options: --skip-install, --no-wasm, -- <cargo test args>)"
                    )
                    .into())
                }
            }
        }
        Ok(options)
    }
}

/// What step a found or installed.
struct Tools {
    pg: PgBin,
    /// `wasm-bindgen-test-runner`, when Cargo.lock has wasm-bindgen and wasm is on.
    wasm_test_runner: Option<PathBuf>,
    /// Chromium for the browser tests, unless `--no-wasm`.
    chromium: Option<PathBuf>,
    /// axe-core's script for the accessibility checks, unless `--no-wasm`.
    axe: Option<PathBuf>,
    /// schemathesis (`st`), for the test of the OpenAPI document against the server.
    schemathesis: PathBuf,
}

pub fn run_test(root: &Path, options: TestOptions) -> Result<ExitCode> {
    let mut steps = Steps::new();
    let result = all_steps(root, &options, &mut steps);
    steps.print_summary();
    result.map(|()| {
        eprintln!("\nall tests passed");
        ExitCode::SUCCESS
    })
}

fn all_steps(root: &Path, options: &TestOptions, steps: &mut Steps) -> Result<()> {
    let tools = install_steps(root, options, steps)?;

    steps.run("cargo fmt --check", || {
        run(cargo().args(["fmt", "--all", "--", "--check"]))
    })?;
    // Offline: the advisory database was made ready by the install step. cargo-deny reads the
    // metadata of every package in the lock file, those of other platforms too, which a build
    // never downloads: `cargo fetch` brings them first (nothing to do when they are there).
    steps.run("cargo deny (advisories, licences, bans, sources)", || {
        run(cargo().args(["fetch", "--locked"]))?;
        run(cargo().args(["deny", "--offline", "check", "all"]))
    })?;
    steps.run("cargo clippy", || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    steps.run("cargo doc (warnings denied)", || {
        run(cargo()
            .args(["doc", "--workspace", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings"))
    })?;
    if options.no_wasm {
        steps.skip("cargo clippy (the web crates, wasm32)", "--no-wasm");
        steps.skip("build the web bundle (WASM)", "--no-wasm");
        steps.skip("web bundle within its budget", "--no-wasm");
    } else {
        // The app's browser-only modules compile for wasm32 only: lint them there too.
        steps.run("cargo clippy (the web crates, wasm32)", || {
            run(cargo().args([
                "clippy",
                "-p",
                "pde-web",
                "-p",
                "pde-qr",
                "-p",
                "pde-manage",
                "-p",
                "pde-grant-page",
                "-p",
                "pde-pdf",
                "-p",
                "pde-qr-reader",
                "-p",
                "pde-admin",
                "-p",
                "pde-feedback",
                "--target",
                WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ]))
        })?;
        steps.run("build the web bundle (WASM)", || {
            crate::web::build_web_bundle(root, !options.skip_install).map(drop)
        })?;
        steps.run("web bundle within its budget", || {
            check_bundle_budget(&root.join("web").join("dist"))
        })?;
    }
    let servers = steps.run("build pde-server (test-clock, default)", build_servers)?;
    // The release tarball, signed with a key made for this run (tests/tests/dist.rs checks it).
    let dist = if options.no_wasm {
        steps.skip("the release tarball (cargo xtask dist)", "--no-wasm");
        None
    } else {
        Some(steps.run("the release tarball (cargo xtask dist)", || {
            release_tarball(root)
        })?)
    };

    let mut cluster = steps.run("start PostgreSQL", || Cluster::start(&tools.pg))?;
    let tested = steps.run("cargo test --workspace", || {
        run(cargo()
            .args(["test", "--workspace"])
            .args(&options.cargo_test_args)
            .env("PDE_TEST_POSTGRES_URL", cluster.url())
            .env("PDE_PG_DUMP", cluster.pg_dump())
            .env("PDE_PG_DATA", cluster.data_dir())
            .env("PDE_SERVER_BIN", &servers.default)
            .env("PDE_SERVER_BIN_TEST_CLOCK", &servers.test_clock)
            .env("PDE_REQUIRE_POSTGRES", "1")
            .env("PDE_REQUIRE_DEPLOY_TOOLS", "1")
            .envs(dist.iter().flat_map(|(dir, key)| {
                [
                    ("PDE_DIST_DIR", dir.clone()),
                    ("PDE_DIST_PUBLIC_KEY", key.clone()),
                ]
            }))
            .envs(dist.iter().map(|_| ("PDE_REQUIRE_DIST", "1")))
            .envs(tools.chromium.iter().map(|c| ("PDE_CHROMIUM", c)))
            .envs(tools.axe.iter().map(|a| ("PDE_AXE_JS", a)))
            .env("PDE_SCHEMATHESIS", &tools.schemathesis)
            .envs((!options.no_wasm).then_some(("PDE_REQUIRE_BROWSER", "1"))))
    });
    let stopped = steps.run("stop PostgreSQL", || cluster.stop());
    tested?;
    stopped?;
    // Passing tests' output is captured: print the conformance counts (passed, skipped and why).
    steps.run("age vectors report (native)", || {
        run(cargo().args([
            "test",
            "-q",
            // `--workspace` keeps the feature set of the run above: nothing is rebuilt.
            "--workspace",
            "--test",
            "age_cctv",
            "--",
            "--nocapture",
        ]))
    })?;

    match wasm_tests(root, options, &tools) {
        Ok(runner) => steps.run("wasm tests (pde-crypto, node)", || {
            run(cargo()
                .args([
                    "test",
                    "-p",
                    "pde-crypto",
                    "--features",
                    "test-params",
                    "--target",
                    WASM_TARGET,
                    "--",
                    "--nocapture",
                ])
                .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner))
        })?,
        Err(reason) => steps.skip("wasm tests (pde-crypto, node)", reason),
    }
    Ok(())
}

/// `cargo xtask dist` into `<target>/dist-test`, signed with a key pair made for this run;
/// returns that directory and the public key.
fn release_tarball(root: &Path) -> Result<(PathBuf, PathBuf)> {
    let out = target_dir()?.join("dist-test");
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    std::fs::create_dir_all(&out)?;
    let keys = target_dir()?.join("dist-test-keys");
    std::fs::create_dir_all(&keys)?;
    let (secret, public) = (keys.join("release.key"), keys.join("release.pub"));
    run(cargo()
        .args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "pde-sign",
            "--",
            "keygen",
        ])
        .arg(&secret)
        .arg(&public))?;
    crate::dist::run_dist(
        root,
        crate::dist::DistOptions {
            key: Some(secret),
            out: Some(out.clone()),
            web_built: true,
        },
    )?;
    Ok((out, public))
}

/// Step a: what the later steps need, each skipped when already there.
fn install_steps(root: &Path, options: &TestOptions, steps: &mut Steps) -> Result<Tools> {
    let install = !options.skip_install;
    let mut apt = Apt::default();
    let pg = steps.run("install: PostgreSQL", || {
        pg::ensure_postgres(&mut apt, install)
    })?;
    steps.run("install: strace", || {
        install::ensure_program(&mut apt, "strace", install)
    })?;
    steps.run("install: systemd-analyze, nginx, Caddy, openssl", || {
        install::ensure_deploy_tools(&mut apt, install)
    })?;
    steps.run("install: cargo-deny", || {
        install::ensure_cargo_deny(install)
    })?;
    steps.run("install: RustSec advisory database", || {
        install::ensure_advisory_db(install)
    })?;
    let schemathesis = steps.run("install: schemathesis (pip)", || {
        install::ensure_schemathesis(&mut apt, install)
    })?;
    let mut tools = Tools {
        pg,
        wasm_test_runner: None,
        chromium: None,
        axe: None,
        schemathesis,
    };
    if options.no_wasm {
        steps.skip("install: Chromium", "--no-wasm");
        steps.skip(
            "install: Xvfb, xprintidle, Firefox ESR, shellcheck",
            "--no-wasm",
        );
        steps.skip("install: axe-core (npm)", "--no-wasm");
        steps.skip("install: wasm32 target", "--no-wasm");
        steps.skip("install: wasm-bindgen-cli", "--no-wasm");
    } else {
        tools.chromium = Some(steps.run("install: Chromium", || {
            install::ensure_chromium(&mut apt, install)
        })?);
        // The kiosk profile's test (tests/tests/kiosk_profile.rs), a browser test too.
        steps.run("install: Xvfb, xprintidle, Firefox ESR, shellcheck", || {
            install::ensure_kiosk_tools(&mut apt, install)
        })?;
        tools.axe = Some(steps.run("install: axe-core (npm)", || {
            crate::web::ensure_axe(install)
        })?);
        steps.run("install: wasm32 target", || {
            install::ensure_wasm_target(install)
        })?;
        match install::locked_wasm_bindgen(root)? {
            Some(version) => {
                let runner = steps.run("install: wasm-bindgen-cli", || {
                    install::ensure_wasm_bindgen_cli(&version, install)
                })?;
                tools.wasm_test_runner = Some(runner);
            }
            None => steps.skip("install: wasm-bindgen-cli", "no wasm-bindgen in Cargo.lock"),
        }
    }
    steps.run("check: node", install::check_node)?;
    Ok(tools)
}

struct ServerBins {
    default: PathBuf,
    test_clock: PathBuf,
}

/// Step e: the server with the `test-clock` feature (copied aside), then as a release ships it.
fn build_servers() -> Result<ServerBins> {
    let debug = target_dir()?.join("debug");
    let bins = ServerBins {
        default: debug.join("pde-server"),
        test_clock: debug.join("pde-server-test-clock"),
    };
    run(cargo().args(["build", "-p", "pde-server", "--features", "test-clock"]))?;
    eprintln!(
        "copy {} -> {}",
        bins.default.display(),
        bins.test_clock.display()
    );
    // Unlink first: a copy onto a binary that is still running fails ("text file busy").
    match std::fs::remove_file(&bins.test_clock) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("cannot replace {}: {e}", bins.test_clock.display()).into())
        }
        _ => {}
    }
    std::fs::copy(&bins.default, &bins.test_clock)
        .map_err(|e| format!("cannot copy {}: {e}", bins.default.display()))?;
    run(cargo().args(["build", "-p", "pde-server"]))?;
    Ok(bins)
}

/// The runner for step h, or why the wasm tests are skipped.
fn wasm_tests<'a>(
    root: &Path,
    options: &TestOptions,
    tools: &'a Tools,
) -> Result<&'a Path, &'static str> {
    if options.no_wasm {
        return Err("--no-wasm");
    }
    let runner = tools
        .wasm_test_runner
        .as_deref()
        .ok_or("no wasm-bindgen in Cargo.lock")?;
    let manifest = std::fs::read_to_string(root.join("crypto-core/Cargo.toml")).unwrap_or_default();
    if !manifest.contains("wasm-bindgen-test") {
        return Err("pde-crypto has no wasm-bindgen-test tests");
    }
    Ok(runner)
}

/// Its budget: 400 KiB brotli.
const BUNDLE_BUDGET_BYTES: u64 = 400 * 1024;

/// The modules of `boot.js`'s `onDemand`: the QR code maker and reader, the management
/// screens, the PDF cleaner.
const ON_DEMAND_MODULES: [&str; 4] = ["pde_qr", "pde_qr_reader", "pde_manage", "pde_pdf"];

/// Files the page fetches only when needed, each checked against a hash the bundle carries:
/// the language files, and the [`ON_DEMAND_MODULES`] (glue and WebAssembly each). Outside the
/// budget.
fn loaded_on_demand(name: &str) -> bool {
    name.ends_with(".ftl.br")
        || ON_DEMAND_MODULES.iter().any(|module| {
            [".js.br", "_bg.wasm.br"]
                .iter()
                .any(|end| name == format!("{module}{end}"))
        })
}

/// The grant link's page (web/grant-page): what a social worker downloads, never a holder; a
/// bundle of its own, outside the holders' budget.
fn grant_page_file(name: &str) -> bool {
    name.starts_with("grant-page.") || name.starts_with("pde_grant_page")
}

/// Fails when the holders' bundle as served (every brotli file in `dist`, the language files
/// apart: what every holder downloads) is over [`BUNDLE_BUDGET_BYTES`].
fn check_bundle_budget(dist: &Path) -> Result<()> {
    let (mut total, mut grant_page) = (0, 0);
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.ends_with(".br") || loaded_on_demand(name) {
            continue;
        }
        if grant_page_file(name) {
            grant_page += std::fs::metadata(&path)?.len();
        } else {
            total += std::fs::metadata(&path)?.len();
        }
    }
    let kib = total as f64 / 1024.0;
    eprintln!(
        "holders' bundle: {kib:.1} KiB brotli (budget {} KiB); a grant link's page: {:.1} KiB",
        BUNDLE_BUDGET_BYTES / 1024,
        grant_page as f64 / 1024.0
    );
    if total > BUNDLE_BUDGET_BYTES {
        return Err(format!(
            "the holders' bundle is {kib:.1} KiB brotli, over its budget of {} KiB: \
             load the new feature on demand or make room",
            BUNDLE_BUDGET_BYTES / 1024
        )
        .into());
    }
    check_admin_budget(&dist.join("admin"))
}

/// The administration console's own budget (brotli, every file of `dist/admin`).
const ADMIN_BUDGET_BYTES: u64 = 250 * 1024;

/// Fails when the administration console's bundle is over [`ADMIN_BUDGET_BYTES`].
fn check_admin_budget(admin: &Path) -> Result<()> {
    let mut total = 0;
    for entry in std::fs::read_dir(admin).map_err(|e| format!("{}: {e}", admin.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "br") {
            total += std::fs::metadata(&path)?.len();
        }
    }
    let kib = total as f64 / 1024.0;
    eprintln!(
        "administration console: {kib:.1} KiB brotli (budget {} KiB)",
        ADMIN_BUDGET_BYTES / 1024
    );
    if total == 0 || total > ADMIN_BUDGET_BYTES {
        return Err(format!(
            "the administration console is {kib:.1} KiB brotli: missing, or over its budget of {} KiB",
            ADMIN_BUDGET_BYTES / 1024
        )
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_options() {
        let o = TestOptions::parse(&args(&["--no-wasm", "--", "--", "--nocapture"])).ok();
        let o = o.expect("valid options");
        assert!(o.no_wasm && !o.skip_install);
        assert_eq!(o.cargo_test_args, args(&["--", "--nocapture"]));
        assert!(TestOptions::parse(&args(&["--wasm"])).is_err());
    }
}
