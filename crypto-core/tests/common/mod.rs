//! Shared runner for the C2SP age conformance vectors (CCTV), used natively (`age_cctv.rs`,
//! from the files) and in wasm32 (`age_cctv_wasm.rs`, embedded with `include_bytes!`).
#![allow(dead_code, clippy::unwrap_used)]

pub mod embedded;

use std::io::Read;

use pde_crypto::{
    age_compat::{decrypt, AgeFailure, AgeIdentity, DecryptOptions, Encoding},
    CryptoError,
};
use sha2::{Digest, Sha256};

/// The number of vectors in the collection.
pub const EXPECTED_TOTAL: usize = 143;

/// One parsed vector.
pub struct Vector {
    pub name: String,
    /// `None` = success.
    pub expect: Option<AgeFailure>,
    pub payload_sha256: Option<[u8; 32]>,
    pub identities: Vec<String>,
    pub passphrases: Vec<String>,
    pub armored: bool,
    pub unknown_keys: Vec<String>,
    pub age_file: Vec<u8>,
}

/// What happened to one vector.
pub enum Outcome {
    Passed,
    Skipped(String),
    Failed(String),
}

pub fn parse(name: &str, bytes: &[u8]) -> Result<Vector, String> {
    let split = bytes
        .windows(2)
        .position(|w| w == b"\n\n")
        .ok_or("no blank line after the header")?;
    let header = std::str::from_utf8(&bytes[..split]).map_err(|e| e.to_string())?;
    let body = &bytes[split + 2..];

    let mut v = Vector {
        name: name.to_owned(),
        expect: None,
        payload_sha256: None,
        identities: Vec::new(),
        passphrases: Vec::new(),
        armored: false,
        unknown_keys: Vec::new(),
        age_file: Vec::new(),
    };
    let mut expect_seen = false;
    let mut compressed = false;
    for line in header.lines() {
        let (key, value) = line
            .split_once(": ")
            .ok_or_else(|| format!("bad header line {line:?}"))?;
        match key {
            "expect" => {
                expect_seen = true;
                v.expect = match value {
                    "success" => None,
                    "no match" => Some(AgeFailure::NoMatch),
                    "HMAC failure" => Some(AgeFailure::Hmac),
                    "header failure" => Some(AgeFailure::Header),
                    "payload failure" => Some(AgeFailure::Payload),
                    "armor failure" => Some(AgeFailure::Armor),
                    other => return Err(format!("unknown expect {other:?}")),
                }
            }
            "payload" => {
                let mut h = [0u8; 32];
                hex::decode_to_slice(value, &mut h).map_err(|e| e.to_string())?;
                v.payload_sha256 = Some(h);
            }
            "identity" => v.identities.push(value.to_owned()),
            "passphrase" => v.passphrases.push(value.to_owned()),
            "armored" => v.armored = value == "yes",
            "compressed" => match value {
                "zlib" => compressed = true,
                other => v.unknown_keys.push(format!("compressed: {other}")),
            },
            "file key" | "comment" => {}
            other => v.unknown_keys.push(other.to_owned()),
        }
    }
    if !expect_seen {
        return Err("no expect line".into());
    }
    if compressed {
        flate2::read::ZlibDecoder::new(body)
            .read_to_end(&mut v.age_file)
            .map_err(|e| format!("zlib: {e}"))?;
    } else {
        v.age_file = body.to_vec();
    }
    Ok(v)
}

pub fn run(v: &Vector) -> Outcome {
    if !v.unknown_keys.is_empty() {
        return Outcome::Skipped(format!("unknown header keys {:?}", v.unknown_keys));
    }
    let mut identities = Vec::new();
    for s in &v.identities {
        match AgeIdentity::parse(s) {
            Ok(i) => identities.push(i),
            Err(CryptoError::Unsupported(what)) => return Outcome::Skipped(what.to_owned()),
            Err(e) => return Outcome::Failed(format!("identity does not parse: {e}")),
        }
    }
    identities.extend(v.passphrases.iter().map(|p| AgeIdentity::passphrase(p)));

    let options = DecryptOptions {
        encoding: if v.armored {
            Encoding::Armored
        } else {
            Encoding::Binary
        },
        ..DecryptOptions::default()
    };
    let out = decrypt(&v.age_file, &identities, &options);
    if out.failure != v.expect {
        return Outcome::Failed(format!(
            "expected {:?}, got {:?} ({} bytes released)",
            v.expect,
            out.failure,
            out.plaintext.len()
        ));
    }
    let released: [u8; 32] = Sha256::digest(&out.plaintext[..]).into();
    match v.payload_sha256 {
        Some(h) if h != released => Outcome::Failed(format!(
            "payload sha256 {} != expected {}",
            hex::encode(released),
            hex::encode(h)
        )),
        None if !out.plaintext.is_empty() => Outcome::Failed(format!(
            "{} bytes released where none were expected",
            out.plaintext.len()
        )),
        _ => Outcome::Passed,
    }
}

/// Totals over a set of vectors.
#[derive(Default)]
pub struct Summary {
    pub passed: Vec<String>,
    pub skipped: Vec<(String, String)>,
    pub failed: Vec<(String, String)>,
}

impl Summary {
    pub fn total(&self) -> usize {
        self.passed.len() + self.skipped.len() + self.failed.len()
    }

    /// A report: counts, skip reasons grouped, and each failure.
    pub fn report(&self) -> String {
        let mut s = format!(
            "age CCTV vectors: {} passed, {} skipped, {} failed, {} total\n",
            self.passed.len(),
            self.skipped.len(),
            self.failed.len(),
            self.total()
        );
        let mut reasons: Vec<(&str, usize)> = Vec::new();
        for (_, r) in &self.skipped {
            match reasons.iter_mut().find(|(x, _)| *x == r.as_str()) {
                Some((_, n)) => *n += 1,
                None => reasons.push((r, 1)),
            }
        }
        for (r, n) in reasons {
            s.push_str(&format!("  skipped {n}: {r}\n"));
        }
        for (name, why) in &self.failed {
            s.push_str(&format!("  FAILED {name}: {why}\n"));
        }
        s
    }

    /// Panics unless every vector passed or was skipped and the total is right.
    pub fn assert_ok(&self) {
        assert!(self.failed.is_empty(), "{}", self.report());
        assert_eq!(self.total(), EXPECTED_TOTAL, "{}", self.report());
    }
}

pub fn run_all<'a>(vectors: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Summary {
    let mut summary = Summary::default();
    for (name, bytes) in vectors {
        match parse(name, bytes) {
            Err(e) => summary
                .failed
                .push((name.to_owned(), format!("unparsable: {e}"))),
            Ok(v) => match run(&v) {
                Outcome::Passed => summary.passed.push(name.to_owned()),
                Outcome::Skipped(r) => summary.skipped.push((name.to_owned(), r)),
                Outcome::Failed(e) => summary.failed.push((name.to_owned(), e)),
            },
        }
    }
    summary
}
