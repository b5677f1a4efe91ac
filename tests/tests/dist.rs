//! The release tarball of `cargo xtask dist`, as the test command makes it (signed with a key made
//! for the run): its checksum and signature check, it holds what the README says, and the server
//! in it runs from the unpacked directory alone — no Rust, no Node, no web directory — serving the
//! web app and the API.
//!
//! `cargo xtask test` sets `PDE_DIST_DIR` (the tarball's directory) and `PDE_DIST_PUBLIC_KEY`;
//! without them this test says so and skips.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn dist() -> Option<(PathBuf, PathBuf)> {
    match (
        std::env::var_os("PDE_DIST_DIR"),
        std::env::var_os("PDE_DIST_PUBLIC_KEY"),
    ) {
        (Some(dir), Some(key)) => Some((PathBuf::from(dir), PathBuf::from(key))),
        _ => {
            assert!(
                std::env::var_os("PDE_REQUIRE_DIST").is_none(),
                "PDE_DIST_DIR and PDE_DIST_PUBLIC_KEY are not set"
            );
            eprintln!("skipped: no release tarball (cargo xtask test makes one)");
            None
        }
    }
}

fn only_tarball(dir: &Path) -> PathBuf {
    let tarballs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dist dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tar.gz"))
        .collect();
    assert_eq!(tarballs.len(), 1, "{tarballs:?}");
    tarballs[0].clone()
}

#[tokio::test]
async fn the_release_tarball_is_signed_complete_and_runs_on_its_own() {
    let Some((dir, public_key)) = dist() else {
        return;
    };
    let tarball = only_tarball(&dir);
    let name = tarball
        .file_name()
        .and_then(|n| n.to_str())
        .expect("name")
        .to_owned();

    // The checksum file, as `sha256sum -c` reads it.
    let checked = Command::new("sha256sum")
        .args(["-c", &format!("{name}.sha256")])
        .current_dir(&dir)
        .output()
        .expect("sha256sum");
    assert!(checked.status.success(), "{checked:?}");

    // The signature, with minisign's format and the release's public key.
    let key = minisign::PublicKeyBox::from_string(
        &std::fs::read_to_string(&public_key).expect("public key"),
    )
    .and_then(minisign::PublicKeyBox::into_public_key)
    .expect("a minisign public key");
    let signature = minisign::SignatureBox::from_string(
        &std::fs::read_to_string(dir.join(format!("{name}.minisig"))).expect("signature"),
    )
    .expect("a minisign signature");
    let bytes = std::fs::read(&tarball).expect("tarball");
    minisign::verify(
        &key,
        &signature,
        std::io::Cursor::new(&bytes),
        true,
        false,
        false,
    )
    .expect("the signature verifies");
    let mut changed = bytes.clone();
    let last = changed.len() - 1;
    changed[last] ^= 1;
    assert!(
        minisign::verify(
            &key,
            &signature,
            std::io::Cursor::new(changed),
            true,
            false,
            false
        )
        .is_err(),
        "a changed tarball is refused"
    );

    // What it holds.
    let unpacked = tempfile::tempdir().expect("temp dir");
    let untar = Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(unpacked.path())
        .output()
        .expect("tar");
    assert!(untar.status.success(), "{untar:?}");
    let top = unpacked.path().join(name.trim_end_matches(".tar.gz"));
    for file in [
        "bin/pde-server",
        "README.md",
        "LICENSE",
        "docs/DEPLOY.md",
        "docs/SECURITY.md",
        "docs/deploy/pde-server.service",
        "docs/deploy/nginx-pde.conf",
        "docs/deploy/Caddyfile",
        "kiosk-profile/OPERATOR-GUIDE.md",
        "kiosk-profile/pde-kiosk-session",
        "migrations/sqlite/0001_init.sql",
    ] {
        assert!(top.join(file).is_file(), "{file} is in the tarball");
    }
    assert!(std::fs::read_to_string(top.join("LICENSE"))
        .expect("licence")
        .starts_with("GNU AFFERO GENERAL PUBLIC LICENSE"));

    // The server runs from there alone: secrets made, the web app and the API served.
    let server = top.join("bin/pde-server");
    let work = tempfile::tempdir().expect("work dir");
    let settings = |command: &mut Command| {
        command
            .current_dir(work.path())
            .env_clear()
            .env("PDE_DATA_DIR", work.path().join("data"))
            .env("PDE_SECRETS_DIR", work.path().join("secrets"))
            .env("PDE_BACKUP_DIR", work.path().join("backups"))
            .env("PDE_ADMIN_LISTEN", "");
    };
    let mut init = Command::new(&server);
    settings(&mut init);
    let made = init.arg("init-secrets").output().expect("init-secrets");
    assert!(made.status.success(), "{made:?}");
    let mut serve = Command::new(&server);
    settings(&mut serve);
    let mut child = serve
        .args(["--listen", "127.0.0.1:0", "--metrics-listen", ""])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("its address");
    let base = line
        .trim()
        .strip_prefix("pde-server listening on ")
        .unwrap_or_else(|| panic!("said {line:?}"))
        .to_owned();
    let page = reqwest::get(&base).await.expect("the app");
    assert_eq!(page.status(), 200);
    assert!(page.text().await.expect("html").contains("<html"));
    let ready = reqwest::get(format!("{base}/api/v1/health/ready"))
        .await
        .expect("ready");
    assert_eq!(ready.status(), 200);
    let _ = child.kill();
    let _ = child.wait();
}
