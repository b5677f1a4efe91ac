//! `cargo xtask fuzz [target] [seconds]`: builds the fuzz targets of `crypto-core/fuzz` and
//! `server/fuzz` with libFuzzer's coverage instrumentation (the pinned nightly of the web bundle; cargo-fuzz is not
//! needed) and runs each for `seconds` (600 by default), keeping its corpus between runs under
//! `<target>/fuzz/corpus/<name>`. A crash stops the run and leaves its input under
//! `<target>/fuzz/artifacts/<name>/`. Not part of `cargo xtask test`: it takes minutes per target.

use std::path::Path;
use std::process::{Command, ExitCode};

use crate::install;
use crate::util::{run, target_dir, Result};

/// Each target and the fuzz crate it is in.
const TARGETS: [(&str, &str); 5] = [
    ("open_document", "crypto-core/fuzz"),
    ("open_frame", "crypto-core/fuzz"),
    ("age_compat", "crypto-core/fuzz"),
    ("parsers", "crypto-core/fuzz"),
    ("requests", "server/fuzz"),
];

/// libFuzzer's instrumentation, as cargo-fuzz sets it.
const FUZZ_RUSTFLAGS: &str = "-Cpasses=sancov-module \
    -Cllvm-args=-sanitizer-coverage-level=4 \
    -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
    -Cllvm-args=-sanitizer-coverage-pc-table \
    -Cllvm-args=-sanitizer-coverage-trace-compares \
    --cfg fuzzing -Cdebug-assertions -Coverflow-checks";

const HOST: &str = "x86_64-unknown-linux-gnu";

/// Runs the fuzz targets named in `args` (all by default), each for the given seconds.
pub fn run_fuzz(root: &Path, args: &[String]) -> Result<ExitCode> {
    let mut targets = Vec::new();
    let mut seconds = 600u64;
    for arg in args {
        if let Ok(n) = arg.parse() {
            seconds = n;
        } else if let Some(target) = TARGETS.iter().find(|(name, _)| name == arg) {
            targets.push(*target);
        } else {
            let known: Vec<_> = TARGETS.iter().map(|(name, _)| *name).collect();
            return Err(
                format!("unknown fuzz target `{arg}` (known: {})", known.join(", ")).into(),
            );
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    install::ensure_wasm_toolchain(true)?;
    let fuzz_dir = target_dir()?.join("fuzz");
    let mut crates: Vec<&str> = targets.iter().map(|(_, dir)| *dir).collect();
    crates.sort_unstable();
    crates.dedup();
    for dir in crates {
        eprintln!(
            "==> build the fuzz targets of {dir} (libFuzzer, {})",
            install::WASM_TOOLCHAIN
        );
        run(Command::new("rustup")
            .args([
                "run",
                install::WASM_TOOLCHAIN,
                "cargo",
                "build",
                "--release",
            ])
            .args(["--target", HOST])
            .arg("--manifest-path")
            .arg(root.join(dir).join("Cargo.toml"))
            .env_remove("RUSTC")
            .env_remove("RUSTDOC")
            .env_remove("RUSTC_WRAPPER")
            .env_remove("CARGO")
            .env("CARGO_TARGET_DIR", fuzz_dir.join("build"))
            .env("RUSTFLAGS", FUZZ_RUSTFLAGS))?;
    }
    for (target, _) in targets {
        let corpus = fuzz_dir.join("corpus").join(target);
        let artifacts = fuzz_dir.join("artifacts").join(target);
        std::fs::create_dir_all(&corpus)?;
        std::fs::create_dir_all(&artifacts)?;
        eprintln!(
            "==> fuzz {target} for {seconds} s (corpus {})",
            corpus.display()
        );
        run(Command::new(
            fuzz_dir
                .join("build")
                .join(HOST)
                .join("release")
                .join(target),
        )
        .arg(&corpus)
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .arg("-print_final_stats=1"))
        .map_err(|e| {
            format!(
                "{target} stopped: {e} (the input that did it is in {})",
                artifacts.display()
            )
        })?;
    }
    Ok(ExitCode::SUCCESS)
}
