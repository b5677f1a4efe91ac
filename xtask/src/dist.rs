//! `cargo xtask dist`: the release anyone can run without Rust or Node — a tarball holding the
//! server binary (the web app inside), the kiosk profile, the docs with the deployment files, the
//! README and the licence; beside it its SHA-256 (`sha256sum -c` reads it) and, given a minisign
//! secret key, its signature (`minisign -Vm <tarball> -p <public key>` checks it).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{capture, cargo, run, target_dir, Result};

/// `dist [--key <minisign secret key>] [--out <dir>]`.
pub struct DistOptions {
    pub key: Option<PathBuf>,
    pub out: Option<PathBuf>,
    /// The web bundle is built already (the test command built it): not again.
    pub web_built: bool,
}

impl DistOptions {
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut options = Self {
            key: None,
            out: None,
            web_built: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || -> Result<PathBuf> {
                Ok(PathBuf::from(
                    args.next().ok_or(format!("{arg} needs a value"))?,
                ))
            };
            match arg.as_str() {
                "--key" => options.key = Some(value()?),
                "--out" => options.out = Some(value()?),
                other => return Err(format!("dist: unknown argument {other}").into()),
            }
        }
        Ok(options)
    }
}

/// The workspace's version (`[workspace.package] version`).
fn version(root: &Path) -> Result<String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))?;
    manifest
        .lines()
        .skip_while(|line| line.trim() != "[workspace.package]")
        .find_map(|line| line.trim().strip_prefix("version = "))
        .map(|v| v.trim_matches('"').to_owned())
        .ok_or_else(|| "no version in [workspace.package]".into())
}

/// Copies `from` (a file or a directory, recursively) to `to`.
fn copy(from: &Path, to: &Path) -> Result<()> {
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, to)?;
    }
    Ok(())
}

/// What goes into the tarball beside the binary, from the workspace root.
const SHIPPED: [(&str, &str); 7] = [
    ("README.md", "README.md"),
    ("LICENSE", "LICENSE"),
    ("docs/DEPLOY.md", "docs/DEPLOY.md"),
    ("docs/SECURITY.md", "docs/SECURITY.md"),
    ("docs/deploy", "docs/deploy"),
    ("kiosk-profile", "kiosk-profile"),
    ("server/migrations", "migrations"),
];

/// Builds the tarball and its companions in `--out` (default `<target>/dist`); returns the
/// tarball's path.
pub fn run_dist(root: &Path, options: DistOptions) -> Result<PathBuf> {
    if !options.web_built {
        eprintln!("==> build the web bundle");
        crate::web::build_web_bundle(root, true)?;
    }
    eprintln!("==> build pde-server (release, the web app inside)");
    run(cargo().args(["build", "--release", "-p", "pde-server"]))?;
    let target = target_dir()?;
    let out = options.out.unwrap_or_else(|| target.join("dist"));
    let name = format!("pde-{}-{}-linux", version(root)?, std::env::consts::ARCH);
    let staging = out.join(&name);
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    copy(
        &target.join("release").join("pde-server"),
        &staging.join("bin").join("pde-server"),
    )?;
    for (from, to) in SHIPPED {
        copy(&root.join(from), &staging.join(to))?;
    }
    // The same bytes from the same commit: entries sorted, owned by root, dated by the commit.
    let commit_time = capture(Command::new("git").args(["log", "-1", "--format=%ct"]))
        .map(|t| t.trim().to_owned())
        .unwrap_or_else(|_| "0".into());
    let tarball = out.join(format!("{name}.tar.gz"));
    run(Command::new("tar")
        .arg("--sort=name")
        .args(["--owner=0", "--group=0", "--numeric-owner"])
        .arg(format!("--mtime=@{commit_time}"))
        .arg("-czf")
        .arg(&tarball)
        .arg("-C")
        .arg(&out)
        .arg(&name))?;
    std::fs::remove_dir_all(&staging)?;
    let file_name = format!("{name}.tar.gz");
    let sum = capture(Command::new("sha256sum").arg(&file_name).current_dir(&out))?;
    std::fs::write(out.join(format!("{file_name}.sha256")), sum)?;
    match &options.key {
        Some(key) => {
            run(cargo()
                .args([
                    "run",
                    "--quiet",
                    "--release",
                    "-p",
                    "pde-sign",
                    "--",
                    "sign",
                ])
                .arg(key)
                .arg(&tarball))?;
            eprintln!("signed: {}.minisig", tarball.display());
        }
        None => eprintln!("not signed: give --key <minisign secret key> to sign"),
    }
    Ok(tarball)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read() {
        let args: Vec<String> = ["--key", "k.key", "--out", "/tmp/d"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let options = DistOptions::parse(&args).expect("options");
        assert_eq!(options.key, Some(PathBuf::from("k.key")));
        assert_eq!(options.out, Some(PathBuf::from("/tmp/d")));
        assert!(DistOptions::parse(&["--nope".to_owned()]).is_err());
    }

    #[test]
    fn the_version_is_the_workspaces() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        assert!(version(&root).is_ok_and(|v| v.contains('.')));
    }
}
