//! The kiosk profile (`kiosk-profile/`): its browser policies name only settings that the
//! installed Chromium and Firefox know, with values of the right type, and its launcher wipes the
//! browser profile after an idle reset and at logout (under Xvfb, with xprintidle, in Chromium and
//! in Firefox);
//! its scripts pass shellcheck.
//!
//! A missing tool skips a test with a note; `cargo xtask test` installs them all and sets
//! `PDE_REQUIRE_BROWSER`, so there these tests cannot skip.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

/// Where the real Chromium program is (`/usr/bin/chromium` is a shell script that starts it).
const CHROMIUM_BINARY: &str = "/usr/lib/chromium/chromium";
/// Firefox ESR's archive of its own modules, which holds the policy schema.
const FIREFOX_OMNI_JA: &str = "/usr/lib/firefox-esr/browser/omni.ja";
const FIREFOX_SCHEMA: &str = "modules/policies/policies-schema.json";
/// The code of each policy: the schema keeps deprecated policies that no longer have any.
const FIREFOX_POLICIES_CODE: &str = "modules/policies/Policies.sys.mjs";
/// Generous: each step takes about a second on an idle machine; no step is timed.
const STEP_TIMEOUT: Duration = Duration::from_secs(60);

fn kiosk_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../kiosk-profile")
}

/// Whether missing tools fail the test instead of skipping it.
fn tools_required() -> bool {
    std::env::var_os("PDE_REQUIRE_BROWSER").is_some()
}

/// `Some(path)` when it exists; otherwise a note (or, under `PDE_REQUIRE_BROWSER`, a failure).
fn tool(path: PathBuf, install_hint: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    assert!(
        !tools_required(),
        "{} is missing: {install_hint}",
        path.display()
    );
    eprintln!(
        "skipped: {} is missing ({install_hint}; cargo xtask test installs it)",
        path.display()
    );
    None
}

/// A program found on `PATH`, or the path that will be reported missing.
fn on_path(program: &str) -> PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| PathBuf::from("/usr/bin").join(program))
}

/// The launcher and the X session are shell scripts that run as the person's session on a
/// public computer: shellcheck finds nothing in them, down to style (quoting, word splitting,
/// `cd` without a check).
#[test]
fn the_kiosk_scripts_pass_shellcheck() {
    let Some(shellcheck) = tool(on_path("shellcheck"), "apt-get install shellcheck") else {
        return;
    };
    let output = Command::new(shellcheck)
        .args(["--severity=style", "--format=gcc"])
        .arg(kiosk_dir().join("pde-kiosk-session"))
        .arg(kiosk_dir().join("xsession").join("pde-kiosk-xsession"))
        .output()
        .expect("shellcheck runs");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Every `*.json` file under `dir`, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a kiosk-profile folder") {
            let path = entry.expect("folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn as_object<'a>(value: &'a Value, path: &Path) -> &'a Map<String, Value> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("{} must hold a JSON object", path.display()))
}

/// The scheme and host of a URL (`https://pde.example.org/?kiosk=1` → `https://pde.example.org`).
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// The JSON type a Chromium policy takes, from its name where the naming is regular.
fn chromium_policy_type(name: &str) -> Option<&'static str> {
    let irregular = [
        ("BlockThirdPartyCookies", "boolean"),
        ("PrintHeaderFooter", "boolean"),
        ("PrintPreviewUseSystemDefaultPrinter", "boolean"),
        ("HomepageIsNewTabPage", "boolean"),
        ("BrowserSignin", "integer"),
        ("RestoreOnStartup", "integer"),
        ("DownloadRestrictions", "integer"),
        ("NetworkPredictionOptions", "integer"),
        ("HomepageLocation", "string"),
    ];
    if let Some((_, kind)) = irregular.iter().find(|(n, _)| *n == name) {
        return Some(kind);
    }
    if name.starts_with("Enable")
        || ["Enabled", "Disabled", "Allowed"]
            .iter()
            .any(|s| name.ends_with(s))
    {
        Some("boolean")
    } else if ["List", "list", "URLs"].iter().any(|s| name.ends_with(s)) {
        Some("list of strings")
    } else if ["Setting", "Availability"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        Some("integer")
    } else {
        None
    }
}

fn has_type(value: &Value, kind: &str) -> bool {
    match kind {
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64(),
        "string" => value.is_string(),
        "list of strings" => value
            .as_array()
            .is_some_and(|items| items.iter().all(Value::is_string)),
        _ => false,
    }
}

/// The NUL-terminated strings in a binary that could be policy names.
fn names_in_binary(binary: &[u8]) -> HashSet<&[u8]> {
    binary
        .split(|&byte| byte == 0)
        .filter(|s| {
            (3..=100).contains(&s.len())
                && s[0].is_ascii_uppercase()
                && s.iter().all(u8::is_ascii_alphanumeric)
        })
        .collect()
}

#[test]
fn chromium_policies_are_valid_json_and_known_names() {
    let Some(binary) = tool(PathBuf::from(CHROMIUM_BINARY), "apt-get install chromium") else {
        return;
    };
    let binary = std::fs::read(binary).expect("read the Chromium binary");
    // Chromium keeps its policy names as a table of NUL-terminated strings.
    let known = names_in_binary(&binary);
    assert!(
        known.contains(b"PasswordManagerEnabled".as_slice()),
        "no policy names found in {CHROMIUM_BINARY}: has the way Chromium stores them changed?"
    );

    let files = json_files(&kiosk_dir().join("chromium"));
    let mut policies = Map::new();
    for path in &files {
        let value = read_json(path);
        for (name, value) in as_object(&value, path) {
            assert!(
                known.contains(name.as_bytes()),
                "{}: `{name}` is not a policy this Chromium knows",
                path.display()
            );
            let kind = chromium_policy_type(name).unwrap_or_else(|| {
                panic!("`{name}`: add its type to chromium_policy_type in this test")
            });
            assert!(
                has_type(value, kind),
                "{}: `{name}` must be a {kind}, not {value}",
                path.display()
            );
            let earlier = policies.insert(name.clone(), value.clone());
            assert!(earlier.is_none(), "`{name}` is set in two files");
        }
    }
    let file_names: Vec<_> = files
        .iter()
        .filter_map(|p| p.file_name()?.to_str())
        .collect();
    assert_eq!(file_names, ["pde-kiosk-allowlist.json", "pde-kiosk.json"]);

    // The settings the operator guide promises: deleting or loosening one fails here.
    let promised = [
        ("PasswordManagerEnabled", json!(false)),
        ("AutofillAddressEnabled", json!(false)),
        ("AutofillCreditCardEnabled", json!(false)),
        ("SavingBrowserHistoryDisabled", json!(true)),
        ("SyncDisabled", json!(true)),
        ("BrowserSignin", json!(0)),
        ("DeveloperToolsAvailability", json!(2)),
        ("ExtensionInstallBlocklist", json!(["*"])),
        ("DownloadRestrictions", json!(3)),
        ("BlockThirdPartyCookies", json!(true)),
        ("BackgroundModeEnabled", json!(false)),
        ("TranslateEnabled", json!(false)),
        ("SpellCheckServiceEnabled", json!(false)),
        ("MetricsReportingEnabled", json!(false)),
        ("SearchSuggestEnabled", json!(false)),
        ("PrintHeaderFooter", json!(false)),
        ("PrinterTypeDenyList", json!(["pdf"])),
        ("RestoreOnStartup", json!(4)),
        ("URLBlocklist", json!(["*"])),
    ];
    for (name, expected) in promised {
        assert_eq!(policies.get(name), Some(&expected), "policy `{name}`");
    }
    let cleared = policies["ClearBrowsingDataOnExitList"]
        .as_array()
        .expect("a list");
    for kind in [
        "browsing_history",
        "download_history",
        "cookies_and_other_site_data",
        "cached_images_and_files",
        "password_signin",
        "autofill",
        "site_settings",
        "hosted_app_data",
    ] {
        assert!(
            cleared.contains(&json!(kind)),
            "{kind} is not cleared on exit"
        );
    }
    let home = policies["HomepageLocation"].as_str().expect("a string");
    assert!(
        home.ends_with("?kiosk=1"),
        "the home page opens PDE in kiosk mode"
    );
    assert_eq!(policies["RestoreOnStartupURLs"], json!([home]));
    let allowed = policies["URLAllowlist"].as_array().expect("a list");
    for site in [origin_of(home), "chrome://print"] {
        assert!(allowed.contains(&json!(site)), "{site} must be allowed");
    }
}

/// `value` against the part of JSON Schema that Firefox's policy schema uses; `at` names the
/// place for the message.
fn schema_errors(value: &Value, schema: &Value, definitions: &Value, at: &str) -> Vec<String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference
            .strip_prefix("#/definitions/")
            .expect("local reference");
        return schema_errors(value, &definitions[name], definitions, at);
    }
    if let Some(branches) = schema["anyOf"].as_array() {
        if !branches
            .iter()
            .any(|branch| schema_errors(value, branch, definitions, at).is_empty())
        {
            return vec![format!("{at}: {value} matches none of {}", schema["anyOf"])];
        }
    }
    let mut errors = Vec::new();
    let types: Vec<&str> = match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let type_matches = |kind: &&str| match *kind {
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "null" => value.is_null(),
        _ => false,
    };
    if !types.is_empty() && !types.iter().any(type_matches) {
        errors.push(format!("{at}: {value} is not of type {}", schema["type"]));
        return errors;
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            errors.push(format!("{at}: {value} is not one of {}", schema["enum"]));
        }
    }
    if let (Some(fields), Some(properties)) = (value.as_object(), schema["properties"].as_object())
    {
        for (name, field) in fields {
            match properties.get(name) {
                Some(field_schema) => errors.extend(schema_errors(
                    field,
                    field_schema,
                    definitions,
                    &format!("{at}.{name}"),
                )),
                None if schema.get("patternProperties").is_some() => {}
                None => errors.push(format!("{at}: unknown field `{name}`")),
            }
        }
    }
    if let (Some(items), Some(item_schema)) = (value.as_array(), schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            errors.extend(schema_errors(
                item,
                item_schema,
                definitions,
                &format!("{at}[{i}]"),
            ));
        }
    }
    errors
}

fn read_from_zip(archive: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name} is not in {FIREFOX_OMNI_JA}: {e}"))
        .read_to_string(&mut text)
        .expect("read from omni.ja");
    text
}

#[test]
fn firefox_policies_are_valid_json_and_known_names() {
    let Some(omni) = tool(
        PathBuf::from(FIREFOX_OMNI_JA),
        "apt-get install firefox-esr",
    ) else {
        return;
    };
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(omni).expect("open omni.ja")).expect("omni.ja");
    let schema: Value =
        serde_json::from_str(&read_from_zip(&mut archive, FIREFOX_SCHEMA)).expect("schema");
    let code = read_from_zip(&mut archive, FIREFOX_POLICIES_CODE);
    let known = schema["properties"].as_object().expect("schema properties");
    assert!(known.contains_key("PasswordManagerEnabled"), "schema read");

    let dir = kiosk_dir().join("firefox");
    let plain_path = dir.join("policies.json");
    let with_allowlist_path = dir.join("policies-with-allowlist.json");
    let files = json_files(&dir);
    assert_eq!(files, [with_allowlist_path.clone(), plain_path.clone()]);
    for path in &files {
        let file = read_json(path);
        let top = as_object(&file, path);
        assert_eq!(
            top.keys().collect::<Vec<_>>(),
            ["policies"],
            "{}: Firefox reads {{\"policies\": {{…}}}}",
            path.display()
        );
        for (name, value) in as_object(&top["policies"], path) {
            let Some(policy_schema) = known.get(name) else {
                panic!(
                    "{}: `{name}` is not a policy this Firefox knows",
                    path.display()
                );
            };
            assert!(
                code.contains(&format!("\n  {name}: {{")),
                "{}: `{name}` is deprecated (no code in {FIREFOX_POLICIES_CODE})",
                path.display()
            );
            let errors = schema_errors(value, policy_schema, &schema["definitions"], name);
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        }
    }

    let plain = read_json(&plain_path);
    let policies = &plain["policies"];
    // The settings the operator guide promises: deleting or loosening one fails here.
    let promised = [
        ("OfferToSaveLogins", json!(false)),
        ("PasswordManagerEnabled", json!(false)),
        ("AutofillAddressEnabled", json!(false)),
        ("AutofillCreditCardEnabled", json!(false)),
        ("DisableFormHistory", json!(true)),
        ("SanitizeOnShutdown", json!(true)),
        ("DisableFirefoxAccounts", json!(true)),
        ("DisableDeveloperTools", json!(true)),
        ("DisableTelemetry", json!(true)),
        ("DisableFirefoxStudies", json!(true)),
        ("BlockAboutConfig", json!(true)),
        ("BrowserDataBackup", json!(false)),
        (
            "ExtensionSettings",
            json!({"*": {"installation_mode": "blocked"}}),
        ),
        ("SearchSuggestEnabled", json!(false)),
        ("DontCheckDefaultBrowser", json!(true)),
        ("NoDefaultBookmarks", json!(true)),
        ("PromptForDownloadLocation", json!(false)),
        // A received PDF may carry scripts: Firefox's viewer runs none.
        (
            "Preferences",
            json!({"pdfjs.enableScripting": {"Value": false, "Status": "locked"}}),
        ),
    ];
    for (name, expected) in promised {
        assert_eq!(policies.get(name), Some(&expected), "policy `{name}`");
    }
    assert_eq!(policies["Cookies"]["Behavior"], "reject-foreign");
    assert_eq!(policies["Homepage"]["StartPage"], "homepage-locked");
    let home = policies["Homepage"]["URL"].as_str().expect("a string");
    assert!(
        home.ends_with("?kiosk=1"),
        "the home page opens PDE in kiosk mode"
    );
    // One address in every file, so the guide's single `sed` edits them all.
    let chromium = read_json(&kiosk_dir().join("chromium/policies/managed/pde-kiosk.json"));
    assert_eq!(chromium["HomepageLocation"], home);
    assert!(policies.get("WebsiteFilter").is_none());

    // The allow-list variant is the same file plus WebsiteFilter (Firefox reads a single file).
    let mut with_allowlist = read_json(&with_allowlist_path);
    let filter = with_allowlist["policies"]
        .as_object_mut()
        .expect("policies")
        .remove("WebsiteFilter")
        .expect("WebsiteFilter in the allow-list variant");
    assert_eq!(
        with_allowlist, plain,
        "the two files differ in more than WebsiteFilter"
    );
    assert_eq!(filter["Block"], json!(["<all_urls>"]));
    assert_eq!(
        filter["Exceptions"],
        json!([format!("{}/*", origin_of(home))])
    );
}

/// Pids of live processes whose command line contains `needle`.
fn processes_naming(needle: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|cmdline| String::from_utf8_lossy(&cmdline).contains(needle))
        })
        .collect()
}

fn send_signal(signal: &str, pid: u32) {
    let _ = Command::new("kill")
        .args([signal, &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

/// Xvfb, the launcher and the profile base; whatever a failing test leaves is stopped on drop.
struct KioskRun {
    xvfb: Child,
    launcher: Option<Child>,
    base: PathBuf,
    log: Arc<Mutex<String>>,
}

impl KioskRun {
    fn log(&self) -> String {
        self.log.lock().expect("log lock").clone()
    }

    /// The profile folders the launcher made.
    fn profiles(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&self.base)
            .expect("read the profile base")
            .filter_map(|entry| Some(entry.ok()?.path()))
            .collect();
        found.sort();
        found
    }

    /// Polls `check` until it gives a value; fails with the launcher's log after the timeout.
    fn wait_for<T>(&self, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            if let Some(found) = check() {
                return found;
            }
            assert!(
                start.elapsed() < STEP_TIMEOUT,
                "timed out waiting for {what}; profiles: {:?}; launcher log:\n{}",
                self.profiles(),
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for KioskRun {
    fn drop(&mut self) {
        if let Some(mut launcher) = self.launcher.take() {
            let _ = launcher.kill();
            let _ = launcher.wait();
        }
        if let Some(base) = self.base.to_str() {
            for pid in processes_naming(base) {
                send_signal("-KILL", pid);
            }
        }
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

/// The launcher, with none of this machine's `PDE_KIOSK_…` settings.
fn launcher_command() -> Command {
    let mut command = Command::new(kiosk_dir().join("pde-kiosk-session"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("PDE_KIOSK_") {
            command.env_remove(name);
        }
    }
    command
}

/// A browser the launcher can run, and how to tell that it runs in a profile.
#[derive(Clone, Copy)]
enum KioskBrowser {
    Chromium,
    Firefox,
}

impl KioskBrowser {
    fn name(self) -> &'static str {
        match self {
            KioskBrowser::Chromium => "chromium",
            KioskBrowser::Firefox => "firefox",
        }
    }

    /// The idle time before a reset in the test: long enough for the browser to take its
    /// profile's lock on a busy machine (Firefox starts slower than Chromium).
    fn idle_seconds(self) -> u32 {
        match self {
            KioskBrowser::Chromium => 3,
            KioskBrowser::Firefox => 6,
        }
    }

    /// The browser has started with this profile: it holds the profile's lock.
    fn runs_in(self, profile: &Path) -> bool {
        let browser = profile.join("browser");
        match self {
            KioskBrowser::Chromium => {
                browser.join("SingletonLock").symlink_metadata().is_ok()
                    && browser.join("Local State").exists()
            }
            KioskBrowser::Firefox => {
                browser.join("lock").symlink_metadata().is_ok()
                    && browser.join(".parentlock").exists()
            }
        }
    }
}

#[test]
fn launcher_wipes_the_chromium_profile_after_an_idle_reset_and_at_logout() {
    let chromium = std::env::var_os("PDE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if let Some(chromium) = tool(chromium, "apt-get install chromium") {
        launcher_wipes_the_profile(
            KioskBrowser::Chromium,
            &chromium,
            // The house's flags for Chromium on this machine; a real window, not headless.
            "--no-sandbox --disable-gpu --disable-quic --no-first-run \
             --disable-background-networking --disable-component-update --disable-sync",
        );
    }
}

#[test]
fn launcher_wipes_the_firefox_profile_after_an_idle_reset_and_at_logout() {
    if let Some(firefox) = tool(on_path("firefox-esr"), "apt-get install firefox-esr") {
        launcher_wipes_the_profile(KioskBrowser::Firefox, &firefox, "");
    }
}

fn launcher_wipes_the_profile(browser: KioskBrowser, browser_bin: &Path, extra_args: &str) {
    let (Some(xvfb), Some(_)) = (
        tool(on_path("Xvfb"), "apt-get install xvfb"),
        tool(on_path("xprintidle"), "apt-get install xprintidle"),
    ) else {
        return;
    };
    let name = browser.name();

    // A display of its own, with no keyboard or mouse: the idle time only grows.
    let mut xvfb = Command::new(xvfb)
        .args([
            "-displayfd",
            "1",
            "-nolisten",
            "tcp",
            "-screen",
            "0",
            "1024x768x24",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb");
    let mut display = String::new();
    let read = BufReader::new(xvfb.stdout.take().expect("Xvfb's stdout")).read_line(&mut display);
    let display = display.trim().to_owned();
    // Short: Chromium's socket path under it has at most 107 bytes (see the next test).
    let base = PathBuf::from("/dev/shm").join(format!("pde-kt-{name}-{}", std::process::id()));
    let mut run = KioskRun {
        xvfb,
        launcher: None,
        base: base.clone(),
        log: Arc::default(),
    };
    assert!(
        read.is_ok() && !display.is_empty(),
        "Xvfb did not report its display"
    );
    std::fs::create_dir(&base).expect("make the profile base on /dev/shm");

    // What a launcher killed outright left behind: the next one wipes it.
    let leftover = base.join("pde-kiosk.leftover00");
    std::fs::create_dir(&leftover).expect("make a leftover profile");
    std::fs::write(leftover.join("launcher.pid"), "2147483647\n").expect("write a dead pid");
    std::fs::write(leftover.join("secret"), "from the last person").expect("write a file");

    // The idle time comes from the file, the browser from the environment (which wins over the
    // file: with the other browser named there, this one's lock would never appear).
    let other = match browser {
        KioskBrowser::Chromium => KioskBrowser::Firefox,
        KioskBrowser::Firefox => KioskBrowser::Chromium,
    };
    let settings = tempfile::tempdir().expect("settings folder");
    let config = settings.path().join("pde-kiosk.conf");
    std::fs::write(
        &config,
        format!(
            "PDE_KIOSK_IDLE_SECONDS={}\nPDE_KIOSK_BROWSER={}\n",
            browser.idle_seconds(),
            other.name()
        ),
    )
    .expect("write the settings file");
    let fragment = "kiosk-test-fragment";
    let launcher = launcher_command()
        .env("DISPLAY", format!(":{display}"))
        .env("PDE_KIOSK_CONFIG", &config)
        .env("PDE_KIOSK_BROWSER", name)
        .env("PDE_KIOSK_BROWSER_BIN", browser_bin)
        .env("PDE_KIOSK_PROFILE_BASE", &base)
        .env("PDE_KIOSK_URL", format!("about:blank#{fragment}"))
        .env("PDE_KIOSK_BROWSER_EXTRA_ARGS", extra_args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start pde-kiosk-session");
    let launcher = run.launcher.insert(launcher);
    let stderr = launcher.stderr.take().expect("launcher's stderr");
    let log = Arc::clone(&run.log);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let mut log = log.lock().expect("log lock");
            log.push_str(&line);
            log.push('\n');
        }
    });

    run.wait_for("the leftover profile to be wiped", || {
        (!leftover.exists()).then_some(())
    });
    let first = run.wait_for(&format!("{name} to start in a fresh profile"), || {
        run.profiles().into_iter().find(|p| browser.runs_in(p))
    });
    let mode = std::fs::metadata(&first)
        .expect("profile")
        .permissions()
        .mode();
    assert_eq!(
        mode & 0o777,
        0o700,
        "only the kiosk user may read the profile"
    );
    let first_str = first.to_str().expect("UTF-8 path");
    assert!(
        !processes_naming(&format!("{first_str}/browser")).is_empty(),
        "no {name} runs with the profile {first_str}"
    );

    // Nobody touches Xvfb: after the idle time the launcher starts again with a new profile.
    run.wait_for("the first profile to be wiped", || {
        (!first.exists()).then_some(())
    });
    let second = run.wait_for(&format!("{name} to start in a new profile"), || {
        run.profiles()
            .into_iter()
            .find(|p| *p != first && browser.runs_in(p))
    });
    let log = run.log();
    assert!(log.contains("pde-kiosk: idle reset"), "{log}");
    assert!(
        log.contains(&format!("pde-kiosk: wiped {first_str}")),
        "{log}"
    );
    assert!(log.contains("pde-kiosk: new profile"), "{log}");

    // Logout.
    let launcher_pid = run.launcher.as_ref().expect("launcher").id();
    send_signal("-TERM", launcher_pid);
    let start = Instant::now();
    let status = loop {
        let launcher = run.launcher.as_mut().expect("launcher");
        if let Some(status) = launcher.try_wait().expect("launcher status") {
            break status;
        }
        assert!(
            start.elapsed() < STEP_TIMEOUT,
            "the launcher did not exit on SIGTERM; launcher log:\n{}",
            run.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "the launcher exited with {status}");
    assert_eq!(
        run.profiles(),
        Vec::<PathBuf>::new(),
        "a profile outlived the logout (the last was {})",
        second.display()
    );
    let base_str = base.to_str().expect("UTF-8 path");
    run.wait_for(&format!("every {name} process of the kiosk to end"), || {
        processes_naming(base_str).is_empty().then_some(())
    });
    let log = run.log();
    assert!(log.contains("pde-kiosk: logout"), "{log}");
    assert!(
        !log.contains(fragment) && !log.contains("about:blank"),
        "the log must not name the page:\n{log}"
    );
}

/// Runs the launcher with `true` for the browser and the idle clock, when it must stop before
/// either: its exit status (`None` if it ran on and was stopped) and its log.
fn run_launcher_that_must_stop(
    command: &mut Command,
) -> (Option<std::process::ExitStatus>, String) {
    let mut launcher = command
        .env("PDE_KIOSK_BROWSER_BIN", "true")
        .env("PDE_KIOSK_IDLE_COMMAND", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start pde-kiosk-session");
    // A launcher that accepts what it should refuse runs on: stop it rather than wait for ever.
    let start = Instant::now();
    let status = loop {
        if let Some(status) = launcher.try_wait().expect("launcher status") {
            break Some(status);
        }
        if start.elapsed() > STEP_TIMEOUT {
            let _ = launcher.kill();
            let _ = launcher.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut log = String::new();
    let _ = launcher
        .stderr
        .take()
        .expect("launcher's stderr")
        .read_to_string(&mut log);
    (status, log)
}

/// Under a base whose path is too long, Chromium's single-instance socket can't be made and it
/// stops as soon as it starts (found by the launcher test): the launcher says so and stops first.
#[test]
fn launcher_refuses_a_profile_base_too_long_for_chromium() {
    // 38 bytes: one more than the most.
    let base = PathBuf::from(format!(
        "/dev/shm/pde-kiosk-base-too-long-{:05}",
        std::process::id() % 100_000
    ));
    assert_eq!(base.as_os_str().len(), 38);
    std::fs::create_dir_all(&base).expect("make the base");
    let (status, log) = run_launcher_that_must_stop(
        launcher_command()
            .env("PDE_KIOSK_CONFIG", base.join("none.conf"))
            .env("PDE_KIOSK_PROFILE_BASE", &base)
            .env("PDE_KIOSK_BROWSER", "chromium"),
    );
    let left: Vec<_> = std::fs::read_dir(&base).expect("list").collect();
    std::fs::remove_dir_all(&base).expect("remove the base");
    let status = status.unwrap_or_else(|| panic!("the launcher ran under a long base:\n{log}"));
    assert_eq!(status.code(), Some(1), "{log}");
    assert!(
        log.contains("is too long for Chromium (at most 37 bytes)"),
        "{log}"
    );
    assert!(left.is_empty(), "no profile may be made");
}

#[test]
fn launcher_refuses_a_profile_base_on_disk() {
    let on_disk = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temporary folder");
    let filesystem = Command::new("stat")
        .args(["-f", "-c", "%T"])
        .arg(on_disk.path())
        .output()
        .expect("run stat");
    let filesystem = String::from_utf8_lossy(&filesystem.stdout);
    if ["tmpfs", "ramfs"].contains(&filesystem.trim()) {
        eprintln!("skipped: the target folder is on tmpfs here");
        return;
    }
    let (status, log) = run_launcher_that_must_stop(
        launcher_command()
            .env("PDE_KIOSK_CONFIG", on_disk.path().join("none.conf"))
            .env("PDE_KIOSK_PROFILE_BASE", on_disk.path()),
    );
    let status = status.unwrap_or_else(|| panic!("the launcher started on a disk:\n{log}"));
    assert_eq!(status.code(), Some(1), "{log}");
    assert!(log.contains("is not a RAM disk (tmpfs)"), "{log}");
    assert_eq!(
        std::fs::read_dir(on_disk.path()).expect("list").count(),
        0,
        "nothing may be written to the disk"
    );
}
