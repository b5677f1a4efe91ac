//! `cargo xtask serve`: the README's "run it" command.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitCode};

use crate::util::{cargo, run, show, target_dir, Result};

/// Builds the web bundle and the release server, then becomes the server (defaults:
/// 127.0.0.1:8080, ./data, ./secrets, SQLite); `args` go to the server.
pub fn run_serve(root: &Path, args: &[String]) -> Result<ExitCode> {
    eprintln!("==> build the web bundle");
    crate::web::build_web_bundle(root, true)?;
    eprintln!("==> build pde-server (release)");
    run(cargo().args(["build", "--release", "-p", "pde-server"]))?;
    let mut server = Command::new(target_dir()?.join("release").join("pde-server"));
    server.args(args);
    eprintln!("==> run pde-server\n$ {}", show(&server));
    // `exec` only returns on failure: Ctrl-C and exit codes then belong to the server.
    let error = server.exec();
    Err(format!("cannot run `{}`: {error}", show(&server)).into())
}
