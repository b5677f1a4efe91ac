//! `cargo xtask bench`: builds the release server and the bench program, installs nginx when
//! missing (as the download baseline), and runs `pde-bench`. Figures are printed beside baselines
//! measured in the same run; nothing asserts a time.

use std::process::{Command, ExitCode};

use crate::install::{ensure_program, Apt};
use crate::util::{cargo, run, target_dir, Result};

/// The parts `pde-bench` knows.
const PARTS: [&str; 4] = ["crypto", "web", "server", "statistics"];

/// Runs the benchmarks: the `parts` named (see [`PARTS`]), or all of them.
pub fn run_bench(root: &std::path::Path, parts: &[String]) -> Result<ExitCode> {
    if let Some(unknown) = parts.iter().find(|p| !PARTS.contains(&p.as_str())) {
        return Err(format!(
            "unknown bench part `{unknown}` (known: {})",
            PARTS.join(", ")
        )
        .into());
    }
    let wanted = |part: &str| parts.is_empty() || parts.iter().any(|p| p == part);
    let mut apt = Apt::default();
    let mut bench = Command::new(target_dir()?.join("release").join("pde-bench"));
    if wanted("server") {
        ensure_nginx(&mut apt)?;
        bench.env("PDE_NGINX", "/usr/sbin/nginx");
    }
    if wanted("web") {
        let chromium = crate::install::ensure_chromium(&mut apt, true)?;
        eprintln!("==> build the web bundle and the bench bundle");
        let dist = crate::web::build_web_bundle(root, true)?;
        let bench_dist = crate::web::build_bench_bundle(root)?;
        bench
            .env("PDE_CHROMIUM", chromium)
            .env("PDE_WEB_DIST", dist)
            .env("PDE_WEB_BENCH_DIST", bench_dist);
    }
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
    eprintln!("==> run pde-bench");
    run(bench.args(parts).env(
        "PDE_SERVER_BIN",
        target_dir()?.join("release").join("pde-server"),
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn ensure_nginx(apt: &mut Apt) -> Result<()> {
    if std::path::Path::new("/usr/sbin/nginx").exists() {
        return Ok(());
    }
    ensure_program(apt, "nginx", true)
}
