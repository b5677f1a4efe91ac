//! `cargo xtask bench`: builds the release server and the bench program, installs nginx when
//! missing (as the download baseline), and runs `pde-bench`. Figures are printed beside baselines
//! measured in the same run; nothing asserts a time.

use std::process::{Command, ExitCode};

use crate::install::{ensure_program, Apt};
use crate::util::{cargo, run, target_dir, Result};

/// Runs the benchmarks.
pub fn run_bench(root: &std::path::Path) -> Result<ExitCode> {
    let mut apt = Apt::default();
    ensure_nginx(&mut apt)?;
    let chromium = crate::install::ensure_chromium(&mut apt, true)?;
    eprintln!("==> build the web bundle and the bench bundle");
    let dist = crate::web::build_web_bundle(root, true)?;
    let bench_dist = crate::web::build_bench_bundle(root)?;
    eprintln!("==> build pde-server and pde-bench (release)");
    run(cargo().args([
        "build",
        "--release",
        "-p",
        "pde-server",
        "-p",
        "pde-tests",
        "--bin",
        "pde-server",
        "--bin",
        "pde-bench",
    ]))?;
    let release = target_dir()?.join("release");
    eprintln!("==> run pde-bench");
    run(Command::new(release.join("pde-bench"))
        .env("PDE_SERVER_BIN", release.join("pde-server"))
        .env("PDE_NGINX", "/usr/sbin/nginx")
        .env("PDE_CHROMIUM", chromium)
        .env("PDE_WEB_DIST", dist)
        .env("PDE_WEB_BENCH_DIST", bench_dist))?;
    Ok(ExitCode::SUCCESS)
}

fn ensure_nginx(apt: &mut Apt) -> Result<()> {
    if std::path::Path::new("/usr/sbin/nginx").exists() {
        return Ok(());
    }
    ensure_program(apt, "nginx", true)
}
