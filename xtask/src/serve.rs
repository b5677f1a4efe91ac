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
    let binary = target_dir()?.join("release").join("pde-server");
    // A new installation needs its server setup (made once; an existing one is kept). Only for
    // serving: with a subcommand of its own, the server is run as asked.
    let subcommands = ["serve", "default-config", "invite", "init-secrets", "admin"];
    if !args.iter().any(|arg| subcommands.contains(&arg.as_str())) {
        run(Command::new(&binary).args(args).arg("init-secrets"))?;
    }
    let mut server = Command::new(&binary);
    server.args(args);
    // The README's address is plain HTTP on 127.0.0.1: session cookies can't be `Secure` there.
    // (The server refuses this on any other address; set PDE_INSECURE_COOKIES=false behind HTTPS.)
    if std::env::var_os("PDE_INSECURE_COOKIES").is_none() {
        server.env("PDE_INSECURE_COOKIES", "true");
    }
    eprintln!("==> run pde-server\n$ {}", show(&server));
    // `exec` only returns on failure: Ctrl-C and exit codes then belong to the server.
    let error = server.exec();
    Err(format!("cannot run `{}`: {error}", show(&server)).into())
}
