//! Building the web bundle that pde-server serves: `web/dist/` with the WASM (release, size
//! profile, crypto at opt-level 3, SIMD, built by a pinned nightly: see [`WASM_RUSTFLAGS`]), the
//! minified wasm-bindgen glue, the worker and boot scripts, the minified stylesheet, and
//! `index.html` with Subresource Integrity hashes filled in.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::install;
use crate::util::{capture, cargo, find_cargo_bin, run, target_dir, Result};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Compiler flags of the bundle:
/// - SIMD for the ciphers and image scaling;
/// - `erase_components`: leptos erases each component's view type, so far fewer generic copies
///   of the rendering code;
/// - a panic stops the WebAssembly at once, without formatting a message (it only ever reached
///   the console), and the code carries no source locations;
/// - `{:?}` formats nothing: the code that must describe a value does it with `Display` or JS
///   (`api::describe`), so no `Debug` implementation is in the bundle.
///
/// Not `-Z inline-mir=no`: a little smaller, but WASM encryption ran at half speed. The
/// measurements behind each choice: docs/TOOLCHAIN.md.
const WASM_RUSTFLAGS: &str = "-C target-feature=+simd128 --cfg erase_components \
     -Z unstable-options -C panic=immediate-abort -Z location-detail=none -Z fmt-debug=none";
/// binaryen from npm (Debian's 108 produces modules that Chromium 156 refuses: docs/TOOLCHAIN.md).
const BINARYEN: &str = "binaryen@132.0.0";

/// esbuild, which minifies the scripts and the stylesheet.
const ESBUILD: &str = "esbuild@0.25.12";

/// axe-core, the accessibility checker the browser tests inject into every screen.
const AXE: &str = "axe-core@4.10.3";

/// A file of an npm package installed under `<target>/pde-tools` (installed unless present).
fn ensure_npm_file(package: &str, file: &[&str], install: bool) -> Result<PathBuf> {
    let tools = target_dir()?.join("pde-tools");
    let path = file
        .iter()
        .fold(tools.join("node_modules"), |path, part| path.join(part));
    if path.exists() {
        return Ok(path);
    }
    if !install {
        return Err(format!(
            "{} is missing: npm install --prefix {} {package}",
            path.display(),
            tools.display()
        )
        .into());
    }
    std::fs::create_dir_all(&tools)?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&tools)
        .arg(package))?;
    if path.exists() {
        Ok(path)
    } else {
        Err(format!("npm installed {package} but {} is missing", path.display()).into())
    }
}

/// `wasm-opt` from npm's binaryen.
fn ensure_wasm_opt(install: bool) -> Result<PathBuf> {
    ensure_npm_file(BINARYEN, &[".bin", "wasm-opt"], install)
}

/// `esbuild` from npm.
fn ensure_esbuild(install: bool) -> Result<PathBuf> {
    ensure_npm_file(ESBUILD, &[".bin", "esbuild"], install)
}

/// Minifies a script or stylesheet in place (same behaviour, fewer bytes).
fn minify(esbuild: &Path, file: &Path) -> Result<()> {
    let minified = file.with_extension("min");
    run(Command::new(esbuild)
        .arg(file)
        .args(["--minify", "--log-level=warning"])
        .arg(format!("--outfile={}", minified.display())))?;
    std::fs::rename(&minified, file)?;
    Ok(())
}

/// `axe.min.js` from npm's axe-core.
pub fn ensure_axe(install: bool) -> Result<PathBuf> {
    ensure_npm_file(AXE, &["axe-core", "axe.min.js"], install)
}

/// Applies wasm-opt's renaming of imports and exports (its JSON) to the wasm-bindgen glue: the
/// keys of the import object, its module name, and every `wasm.<export>`. Done by Node, which
/// then checks the result against the module itself: every import it asks for is provided, and
/// the glue uses no export the module lacks.
fn rename_in_glue(glue: &Path, wasm: &Path, renaming: &Path) -> Result<()> {
    let script = include_str!("rename-glue.js");
    run(Command::new("node")
        .args(["-e", script])
        .arg(glue)
        .arg(wasm)
        .arg(renaming))
}

/// `sha384-…` of each file, computed by Node (xtask stays std-only).
fn sri(files: &[&Path]) -> Result<Vec<String>> {
    let script = "const c=require('crypto'),f=require('fs');\
                  for(const p of process.argv.slice(1))\
                  console.log('sha384-'+c.createHash('sha384').update(f.readFileSync(p)).digest('base64'))";
    let out = capture(Command::new("node").args(["-e", script]).args(files))?;
    let hashes: Vec<String> = out.lines().map(str::to_owned).collect();
    if hashes.len() != files.len() {
        return Err("node printed the wrong number of hashes".into());
    }
    Ok(hashes)
}

fn fill(template: &str, values: &[(&str, &str)]) -> Result<String> {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{{{name}}}}}"), value);
    }
    if out.contains("{{") {
        return Err("a template placeholder was left unfilled".into());
    }
    Ok(out)
}

/// Builds the WebAssembly module of `package` into `dist` (`<name>_bg.wasm` and its glue
/// `<name>.js`), optimised by wasm-opt at `level`; every import and export then gets a one- or
/// two-letter name (wasm-bindgen's carry a 16-digit hash each, in the WASM and again in the
/// glue): wasm-opt prints the renaming, applied to the glue. Returns the WASM.
fn build_module(
    wasm_bindgen: &Path,
    wasm_opt: &Path,
    package: &str,
    features: &[&str],
    level: &str,
    dist: &Path,
) -> Result<PathBuf> {
    run(Command::new("rustup")
        .args(["run", install::WASM_TOOLCHAIN, "cargo", "build"])
        .args(["-p", package, "--lib", "--target", WASM_TARGET])
        .args(["--profile", "wasm-release"])
        .args(features)
        // The standard library rebuilt with the bundle's profile (for size), with its
        // size-over-speed choices (sorting, formatting).
        .args([
            "-Zbuild-std=std,panic_abort",
            "-Zbuild-std-features=optimize_for_size",
        ])
        // Whatever compiler the outer `cargo xtask` ran with must not leak into this build.
        .env_remove("RUSTC")
        .env_remove("RUSTDOC")
        .env_remove("RUSTC_WRAPPER")
        .env_remove("CARGO")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            WASM_RUSTFLAGS,
        ))?;
    let name = package.replace('-', "_");
    let built = target_dir()?
        .join(WASM_TARGET)
        .join("wasm-release")
        .join(format!("{name}.wasm"));
    run(Command::new(wasm_bindgen)
        // The glue never guesses the WASM's address: boot.js and the vault always give it.
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--omit-default-module-path",
        ])
        .arg("--out-dir")
        .arg(dist)
        .arg(&built))?;
    let wasm = dist.join(format!("{name}_bg.wasm"));
    let optimised = dist.join(format!("{name}_bg.opt.wasm"));
    let renaming = capture(
        Command::new(wasm_opt)
            .args([
                level,
                "--minify-imports-and-exports-and-modules",
                "--enable-simd",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
                "-o",
            ])
            .arg(&optimised)
            .arg(&wasm),
    )?;
    std::fs::rename(&optimised, &wasm)?;
    let renaming_file = dist.join(format!("{name}.renaming.json"));
    std::fs::write(&renaming_file, renaming)?;
    rename_in_glue(&dist.join(format!("{name}.js")), &wasm, &renaming_file)?;
    std::fs::remove_file(&renaming_file)?;
    Ok(wasm)
}

/// Builds `web/dist/`. `install`: may install the wasm target, wasm-bindgen-cli and binaryen.
pub fn build_web_bundle(root: &Path, install: bool) -> Result<PathBuf> {
    build_bundle(root, install, &[], &root.join("web").join("dist"))
}

/// Builds the bench bundle (with the `bench` feature's timing exports) into
/// `<target>/web-bench-dist`; never served by a shipped server.
pub fn build_bench_bundle(root: &Path) -> Result<PathBuf> {
    let out = target_dir()?.join("web-bench-dist");
    build_bundle(root, true, &["--features", "bench"], &out)
}

fn build_bundle(root: &Path, install: bool, features: &[&str], dist: &Path) -> Result<PathBuf> {
    install::ensure_wasm_toolchain(install)?;
    let version = install::locked_wasm_bindgen(root)?.ok_or("no wasm-bindgen in Cargo.lock")?;
    install::ensure_wasm_bindgen_cli(&version, install)?;
    let wasm_bindgen = find_cargo_bin("wasm-bindgen").ok_or("wasm-bindgen not found")?;
    let wasm_opt = ensure_wasm_opt(install)?;
    let esbuild = ensure_esbuild(install)?;

    let dist = dist.to_path_buf();
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    std::fs::create_dir_all(&dist)?;
    // -O3 once: a second round makes it smaller and WASM encryption slower (docs/TOOLCHAIN.md).
    let wasm = build_module(&wasm_bindgen, &wasm_opt, "pde-web", features, "-O3", &dist)?;
    // The QR code maker, loaded on demand (see web/qr): size is all that counts there.
    let qr_wasm = build_module(&wasm_bindgen, &wasm_opt, "pde-qr", &[], "-Oz", &dist)?;
    // The wallet's management screens, loaded on demand too (see web/manage).
    let manage_wasm = build_module(&wasm_bindgen, &wasm_opt, "pde-manage", &[], "-Oz", &dist)?;
    // The QR code reader, loaded the first time the camera reads one (see web/qr-reader).
    let qr_reader_wasm =
        build_module(&wasm_bindgen, &wasm_opt, "pde-qr-reader", &[], "-Oz", &dist)?;
    // The PDF cleaner, loaded the first time a PDF is added (see web/pdf).
    let pdf_wasm = build_module(&wasm_bindgen, &wasm_opt, "pde-pdf", &[], "-Oz", &dist)?;
    // The page of a grant link, a bundle of its own (see web/grant-page): it decrypts, so -O3.
    let grant_wasm = build_module(
        &wasm_bindgen,
        &wasm_opt,
        "pde-grant-page",
        &[],
        "-O3",
        &dist,
    )?;

    let statics = root.join("web").join("static");
    std::fs::copy(statics.join("style.css"), dist.join("style.css"))?;
    minify(&esbuild, &dist.join("style.css"))?;
    minify(&esbuild, &dist.join("pde_web.js"))?;
    minify(&esbuild, &dist.join("pde_qr.js"))?;
    minify(&esbuild, &dist.join("pde_manage.js"))?;
    minify(&esbuild, &dist.join("pde_pdf.js"))?;
    minify(&esbuild, &dist.join("pde_qr_reader.js"))?;
    minify(&esbuild, &dist.join("pde_grant_page.js"))?;
    // Each language file beside the bundle: the page fetches one when it is chosen, checked
    // against the hash built into the WebAssembly (web/build.rs).
    for entry in std::fs::read_dir(root.join("web").join("locales"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "ftl") {
            if let Some(name) = path.file_name() {
                std::fs::copy(&path, dist.join(name))?;
            }
        }
    }
    let glue = dist.join("pde_web.js");
    let style = dist.join("style.css");
    let qr_glue = dist.join("pde_qr.js");
    let manage_glue = dist.join("pde_manage.js");
    let grant_glue = dist.join("pde_grant_page.js");
    let pdf_glue = dist.join("pde_pdf.js");
    let qr_reader_glue = dist.join("pde_qr_reader.js");
    let hashes = sri(&[
        &wasm,
        &glue,
        &style,
        &qr_wasm,
        &qr_glue,
        &manage_wasm,
        &manage_glue,
        &grant_wasm,
        &grant_glue,
        &pdf_wasm,
        &pdf_glue,
        &qr_reader_wasm,
        &qr_reader_glue,
    ])?;
    let (wasm_sri, glue_sri, style_sri) = (&hashes[0], &hashes[1], &hashes[2]);
    let (qr_sri, qr_glue_sri) = (&hashes[3], &hashes[4]);
    let (manage_sri, manage_glue_sri) = (&hashes[5], &hashes[6]);
    let (grant_sri, grant_glue_sri) = (&hashes[7], &hashes[8]);
    let (pdf_sri, pdf_glue_sri) = (&hashes[9], &hashes[10]);
    let (qr_reader_sri, qr_reader_glue_sri) = (&hashes[11], &hashes[12]);
    let boot = std::fs::read_to_string(statics.join("boot.js"))?;
    std::fs::write(
        dist.join("boot.js"),
        fill(
            &boot,
            &[
                ("WASM_SRI", wasm_sri),
                ("QR_SRI", qr_sri),
                ("QR_GLUE_SRI", qr_glue_sri),
                ("MANAGE_SRI", manage_sri),
                ("MANAGE_GLUE_SRI", manage_glue_sri),
                ("PDF_SRI", pdf_sri),
                ("PDF_GLUE_SRI", pdf_glue_sri),
                ("QR_READER_SRI", qr_reader_sri),
                ("QR_READER_GLUE_SRI", qr_reader_glue_sri),
            ],
        )?,
    )?;
    minify(&esbuild, &dist.join("boot.js"))?;
    // The vault gets the page's checked module (see vault.js): no hash of its own.
    std::fs::copy(statics.join("vault.js"), dist.join("vault.js"))?;
    minify(&esbuild, &dist.join("vault.js"))?;
    let boot_sri = sri(&[&dist.join("boot.js")])?.remove(0);
    let index = std::fs::read_to_string(statics.join("index.html"))?;
    std::fs::write(
        dist.join("index.html"),
        fill(
            &index,
            &[
                ("STYLE_SRI", style_sri),
                ("GLUE_SRI", glue_sri),
                ("BOOT_SRI", &boot_sri),
            ],
        )?,
    )?;
    // The grant link's page: its boot script and its page, pinned the same way.
    let grant_boot = std::fs::read_to_string(statics.join("grant-page.js"))?;
    std::fs::write(
        dist.join("grant-page.js"),
        fill(&grant_boot, &[("GRANT_SRI", grant_sri)])?,
    )?;
    minify(&esbuild, &dist.join("grant-page.js"))?;
    let grant_boot_sri = sri(&[&dist.join("grant-page.js")])?.remove(0);
    let grant_page = std::fs::read_to_string(statics.join("grant-page.html"))?;
    std::fs::write(
        dist.join("grant-page.html"),
        fill(
            &grant_page,
            &[
                ("STYLE_SRI", style_sri),
                ("GRANT_GLUE_SRI", grant_glue_sri),
                ("GRANT_SRI", grant_sri),
                ("GRANT_BOOT_SRI", &grant_boot_sri),
            ],
        )?,
    )?;
    let admin = build_admin_console(root, &wasm_bindgen, &wasm_opt, &esbuild, &dist)?;
    // Brotli and gzip copies beside each file, for the server to send to browsers that take them.
    for dir in [&dist, &admin] {
        run(cargo()
            .args(["run", "--quiet", "-p", "pde-precompress", "--"])
            .arg(dir))?;
    }
    eprintln!("web bundle: {}", dist.display());
    Ok(dist)
}

/// The administration console (web/admin), a bundle of its own in `<dist>/admin/`: the server
/// serves it on the console's origin only. Its page, boot script, stylesheet and module are
/// pinned by their hashes as the holders' are.
fn build_admin_console(
    root: &Path,
    wasm_bindgen: &Path,
    wasm_opt: &Path,
    esbuild: &Path,
    dist: &Path,
) -> Result<PathBuf> {
    let out = dist.join("admin");
    std::fs::create_dir_all(&out)?;
    let wasm = build_module(wasm_bindgen, wasm_opt, "pde-admin", &[], "-Oz", &out)?;
    let statics = root.join("web").join("admin").join("static");
    let (glue, style) = (out.join("pde_admin.js"), out.join("admin.css"));
    std::fs::copy(statics.join("admin.css"), &style)?;
    minify(esbuild, &style)?;
    minify(esbuild, &glue)?;
    let hashes = sri(&[&wasm, &glue, &style])?;
    let (wasm_sri, glue_sri, style_sri) = (&hashes[0], &hashes[1], &hashes[2]);
    let boot = std::fs::read_to_string(statics.join("admin.js"))?;
    std::fs::write(
        out.join("admin.js"),
        fill(&boot, &[("WASM_SRI", wasm_sri)])?,
    )?;
    minify(esbuild, &out.join("admin.js"))?;
    let boot_sri = sri(&[&out.join("admin.js")])?.remove(0);
    let page = std::fs::read_to_string(statics.join("index.html"))?;
    std::fs::write(
        out.join("index.html"),
        fill(
            &page,
            &[
                ("STYLE_SRI", style_sri),
                ("GLUE_SRI", glue_sri),
                ("WASM_SRI", wasm_sri),
                ("BOOT_SRI", &boot_sri),
            ],
        )?,
    )?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module as wasm-opt leaves it: it imports `a.x` and exports `y` (both functions).
    const MINIFIED_MODULE: &[u8] = &[
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // one type: () -> ()
        0x02, 0x07, 0x01, 0x01, b'a', 0x01, b'x', 0x00, 0x00, // import a.x
        0x03, 0x02, 0x01, 0x00, // one function
        0x07, 0x05, 0x01, 0x01, b'y', 0x00, 0x01, // export y
        0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b, // its body
    ];

    /// Glue as wasm-bindgen writes it, before the renaming.
    const GLUE: &str = "const imports = { \"./m_bg.js\": { __wbg_log_4f2a: () => {} } };\n\
                        export function run() { wasm.long_export_name(); }\n";

    fn rename(dir: &Path, renaming: &str) -> Result<String> {
        let (glue, wasm, json) = (dir.join("m.js"), dir.join("m.wasm"), dir.join("m.json"));
        std::fs::write(&glue, GLUE)?;
        std::fs::write(&wasm, MINIFIED_MODULE)?;
        std::fs::write(&json, renaming)?;
        rename_in_glue(&glue, &wasm, &json)?;
        Ok(std::fs::read_to_string(&glue)?)
    }

    #[test]
    fn renaming_the_glue_follows_the_module() {
        let dir = std::env::temp_dir().join(format!("pde-rename-glue-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let renamed = rename(
            &dir,
            r#"{"imports": [["./m_bg.js", "__wbg_log_4f2a", "x"]],
                "exports": [["long_export_name", "y"]]}"#,
        )
        .expect("renamed");
        assert!(renamed.contains(r#"{ "a": { x: () => {} } }"#), "{renamed}");
        assert!(renamed.contains("wasm.y()"), "{renamed}");
        assert!(!renamed.contains("long_export_name") && !renamed.contains("__wbg_log"));

        // A renaming that does not fit the module is refused, not written.
        let wrong_export = rename(
            &dir,
            r#"{"imports": [["./m_bg.js", "__wbg_log_4f2a", "x"]],
                "exports": [["long_export_name", "z"]]}"#,
        );
        assert!(wrong_export.is_err());
        let unknown_import = rename(
            &dir,
            r#"{"imports": [["./m_bg.js", "__wbg_gone_0000", "x"]], "exports": []}"#,
        );
        assert!(unknown_import.is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
