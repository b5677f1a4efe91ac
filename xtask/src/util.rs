//! Running commands, finding programs, small helpers.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

pub type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

/// Runs `cmd` with inherited stdio after printing it; fails unless it exits with status 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", show(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", program(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", show(cmd)).into())
    }
}

/// Like [`run`], but keeps the command's output to itself unless it fails.
pub fn run_quiet(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", show(cmd));
    let out = output_of(cmd)?;
    if out.status.success() {
        return Ok(());
    }
    eprint!("{}", String::from_utf8_lossy(&out.stdout));
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    Err(format!("`{}` failed ({})", show(cmd), out.status).into())
}

/// Runs `cmd` without printing it and returns its stdout; fails unless it exits with status 0.
pub fn capture(cmd: &mut Command) -> Result<String> {
    let out = output_of(cmd)?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    Err(format!(
        "`{}` failed ({}): {}",
        show(cmd),
        out.status,
        String::from_utf8_lossy(&out.stderr).trim()
    )
    .into())
}

/// Stdout of `cmd` if it could be started and succeeded, `None` otherwise: for "is X there?".
pub fn probe(cmd: &mut Command) -> Option<String> {
    capture(cmd).ok()
}

fn output_of(cmd: &mut Command) -> Result<Output> {
    cmd.output()
        .map_err(|e| format!("could not start `{}`: {e}", program(cmd)).into())
}

fn program(cmd: &Command) -> String {
    cmd.get_program().to_string_lossy().into_owned()
}

/// The command as a shell line, with the environment variables it sets, for the log.
pub fn show(cmd: &Command) -> String {
    let envs = cmd
        .get_envs()
        .filter_map(|(k, v)| v.map(|v| format!("{}={}", k.to_string_lossy(), quote(v))));
    // `$CARGO` is a long toolchain path; it is the `cargo` the reader would type.
    let program = match std::env::var_os("CARGO") {
        Some(cargo) if cargo == cmd.get_program() => "cargo".to_owned(),
        _ => quote(cmd.get_program()),
    };
    let words = std::iter::once(program).chain(cmd.get_args().map(quote));
    envs.chain(words).collect::<Vec<_>>().join(" ")
}

fn quote(s: &OsStr) -> String {
    let s = s.to_string_lossy();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:@,+%".contains(c));
    if plain {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// `cargo`, the one that runs xtask when there is one (`$CARGO`).
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// `$CARGO_HOME`, by default `~/.cargo`: where `cargo install` puts binaries (`bin/`).
pub fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
}

/// The first executable file called `name` on `PATH`.
pub fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

/// `name` on `PATH`, else in `$CARGO_HOME/bin` (which is not always on `PATH` in CI).
pub fn find_cargo_bin(name: &str) -> Option<PathBuf> {
    find_in_path(name).or_else(|| {
        let p = cargo_home()?.join("bin").join(name);
        is_executable(&p).then_some(p)
    })
}

pub fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

pub fn is_root() -> Result<bool> {
    Ok(capture(Command::new("id").arg("-u"))?.trim() == "0")
}

/// The target directory, from `cargo metadata` (honours `CARGO_TARGET_DIR` and config files).
pub fn target_dir() -> Result<PathBuf> {
    let metadata = capture(cargo().args(["metadata", "--format-version", "1", "--no-deps"]))?;
    crate::json::top_level_string(&metadata, "target_directory")
        .map(PathBuf::from)
        .ok_or_else(|| "`cargo metadata` printed no target_directory".into())
}

/// `12.3s`, `4m 05.6s`.
pub fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let minutes = (secs / 60.0).floor();
        format!("{minutes}m {:04.1}s", secs - minutes * 60.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_commands_as_shell_lines() {
        let mut cmd = Command::new("pg_ctl");
        cmd.env("A", "b c").args(["-o", "-p 5", "it's"]);
        assert_eq!(show(&cmd), r"A='b c' pg_ctl -o '-p 5' 'it'\''s'");
    }

    #[test]
    fn formats_durations() {
        assert_eq!(fmt_duration(Duration::from_millis(12_345)), "12.3s");
        assert_eq!(fmt_duration(Duration::from_millis(245_600)), "4m 05.6s");
    }
}
