//! PDE's task runner, run as `cargo xtask <command>` (alias in `.cargo/config.toml`).
//!
//! std only: it has to build in seconds on a fresh CI machine before anything else is installed.

mod bench;
mod dist;
mod fuzz;
mod install;
mod json;
mod pg;
mod serve;
mod steps;
mod test;
mod util;
mod web;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use util::Result;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  test [--skip-install] [--no-wasm] [-- <cargo test args>]
        the project's single test command (what CI runs): installs what is missing
        (PostgreSQL, wasm32 target, wasm-bindgen-cli), fmt, clippy, wasm build,
        server builds, a private PostgreSQL cluster, cargo test --workspace, wasm tests.
          --skip-install   install nothing (fail if something is missing)
          --no-wasm        skip the wasm build and the wasm tests
          -- <args>        appended to `cargo test --workspace`
                           (e.g. `-- my_test_name` or `-- -- --nocapture`)
  serve [-- <server args>]
        build the release server and run it (defaults: 127.0.0.1:8080, ./data, ./secrets, SQLite)
  web   build the web bundle (web/dist) that the server serves
  dist [--key <minisign secret key>] [--out <dir>]
        the release tarball (server binary with the web app, kiosk profile, docs, licence)
        in target/dist, with its SHA-256 and, given a key, its minisign signature
  pg    start a private PostgreSQL cluster, print its URL, stop it on Ctrl-D or Ctrl-C
  bench [crypto] [web] [server]
        build release binaries, install nginx if missing, print throughput and memory
        figures beside baselines measured in the same run (as ratios); all parts by default
  fuzz [target…] [seconds]
        build the fuzz targets (crypto-core/fuzz, server/fuzz) with libFuzzer and run each for
        the given seconds (600 by default), keeping the corpus under <target>/fuzz
";

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("\nxtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn real_main() -> Result<ExitCode> {
    let args = std::env::args_os()
        .skip(1)
        .map(OsString::into_string)
        .collect::<std::result::Result<Vec<String>, OsString>>()
        .map_err(|a| format!("argument is not valid UTF-8: {a:?}"))?;

    let root = workspace_root()?;
    std::env::set_current_dir(&root)
        .map_err(|e| format!("cannot enter the workspace root {}: {e}", root.display()))?;

    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Ok(ExitCode::FAILURE);
    };
    match command.as_str() {
        "test" => test::run_test(&root, test::TestOptions::parse(rest)?),
        "serve" => serve::run_serve(&root, strip_separator(rest)),
        "web" => {
            no_args("web", rest)?;
            web::build_web_bundle(&root, true).map(|_| ExitCode::SUCCESS)
        }
        "dist" => dist::run_dist(&root, dist::DistOptions::parse(rest)?).map(|tarball| {
            println!("{}", tarball.display());
            ExitCode::SUCCESS
        }),
        "pg" => {
            no_args("pg", rest)?;
            pg::run_pg_helper()
        }
        "bench" => bench::run_bench(&root, rest),
        "fuzz" => fuzz::run_fuzz(&root, rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}").into()),
    }
}

/// The workspace root: xtask lives in `<root>/xtask`.
fn workspace_root() -> Result<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| "xtask's manifest directory has no parent".into())
}

/// `serve -- --port 1` and `serve --port 1` both pass `--port 1` on.
fn strip_separator(args: &[String]) -> &[String] {
    match args.split_first() {
        Some((first, rest)) if first == "--" => rest,
        _ => args,
    }
}

fn no_args(command: &str, args: &[String]) -> Result<()> {
    match args.first() {
        None => Ok(()),
        Some(a) => Err(format!("`cargo xtask {command}` takes no arguments (got `{a}`)").into()),
    }
}
