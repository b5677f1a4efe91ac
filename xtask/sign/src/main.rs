//! `pde-sign`: minisign signatures for release files, with the `minisign` crate (signatures the
//! reference `minisign -V` verifies).
//!
//! ```text
//! pde-sign keygen <secret key file> <public key file>   an unencrypted key pair (tests)
//! pde-sign sign <secret key file> <file>                 writes <file>.minisig
//! pde-sign verify <public key file> <file>               checks <file>.minisig
//! ```
//!
//! A key made by `minisign -G` is password-protected: the password is read from
//! `PDE_SIGN_PASSWORD`.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use minisign::{KeyPair, PublicKeyBox, SecretKeyBox, SignatureBox};

type Result<T> = std::result::Result<T, String>;

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn signature_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".minisig");
    PathBuf::from(name)
}

fn keygen(secret: &Path, public: &Path) -> Result<()> {
    let KeyPair { pk, sk } = KeyPair::generate_unencrypted_keypair().map_err(|e| e.to_string())?;
    let secret_text = sk
        .to_box(Some("pde release key"))
        .map_err(|e| e.to_string())?
        .into_string();
    let public_text = pk.to_box().map_err(|e| e.to_string())?.into_string();
    fs::write(secret, secret_text).map_err(|e| format!("{}: {e}", secret.display()))?;
    fs::write(public, public_text).map_err(|e| format!("{}: {e}", public.display()))
}

fn sign(secret: &Path, file: &Path) -> Result<()> {
    let password = std::env::var("PDE_SIGN_PASSWORD").ok();
    // Never an interactive prompt: a password-protected key takes PDE_SIGN_PASSWORD.
    let key = SecretKeyBox::from_string(&read(secret)?)
        .and_then(|boxed| match password {
            Some(password) => boxed.into_secret_key(Some(password)),
            None => boxed.into_unencrypted_secret_key(),
        })
        .map_err(|e| format!("{}: {e}", secret.display()))?;
    let data = fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let signature = minisign::sign(
        None,
        &key,
        Cursor::new(data),
        Some(&format!("file:{name}")),
        Some("signature of a PDE release"),
    )
    .map_err(|e| e.to_string())?;
    let target = signature_path(file);
    fs::write(&target, signature.into_string()).map_err(|e| format!("{}: {e}", target.display()))
}

fn verify(public: &Path, file: &Path) -> Result<()> {
    let key = PublicKeyBox::from_string(&read(public)?)
        .and_then(PublicKeyBox::into_public_key)
        .map_err(|e| format!("{}: {e}", public.display()))?;
    let signature =
        SignatureBox::from_string(&read(&signature_path(file))?).map_err(|e| e.to_string())?;
    let data = fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    minisign::verify(&key, &signature, Cursor::new(data), true, false, false)
        .map_err(|e| format!("{}: {e}", file.display()))
}

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let command = args.first().and_then(|c| c.to_str()).unwrap_or_default();
    let outcome = match (command, &args[1.min(args.len())..]) {
        ("keygen", [secret, public]) => keygen(secret, public),
        ("sign", [secret, file]) => sign(secret, file),
        ("verify", [public, file]) => verify(public, file),
        _ => Err("usage: pde-sign keygen <secret> <public> | sign <secret> <file> | verify <public> <file>".into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pde-sign: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_and_a_changed_file_does_not() {
        let dir = std::env::temp_dir().join(format!("pde-sign-test-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("dir");
        let (secret, public, file) = (dir.join("k.key"), dir.join("k.pub"), dir.join("f.tar.gz"));
        keygen(&secret, &public).expect("keygen");
        fs::write(&file, b"release").expect("file");
        sign(&secret, &file).expect("sign");
        verify(&public, &file).expect("verifies");
        fs::write(&file, b"releasf").expect("file");
        assert!(verify(&public, &file).is_err(), "a changed file is refused");
        let _ = fs::remove_dir_all(&dir);
    }
}
