//! Real-browser tests: Debian's Chromium driven by ChromeDriver through WebDriver (fantoccini).
//! Each [`Browser`] is a fresh profile in a temporary directory, headless, with the flags this
//! machine needs (no background networking: its connections would be refused).

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// Chromium's path from `PDE_CHROMIUM` (set by `cargo xtask test`); `None` (and a note) when
/// unset, unless `PDE_REQUIRE_BROWSER` says the browser tests must run.
pub fn chromium() -> Option<PathBuf> {
    match std::env::var_os("PDE_CHROMIUM") {
        Some(path) => Some(PathBuf::from(path)),
        None => {
            assert!(
                std::env::var_os("PDE_REQUIRE_BROWSER").is_none(),
                "PDE_CHROMIUM is not set"
            );
            eprintln!("skipped: PDE_CHROMIUM is not set (cargo xtask test sets it)");
            None
        }
    }
}

/// `web/dist` when the bundle is built; `None` (and a note) otherwise, unless required.
pub fn web_dist() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../web/dist");
    if dir.join("index.html").exists() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("PDE_REQUIRE_BROWSER").is_none(),
        "web/dist is missing: run `cargo xtask web`"
    );
    eprintln!("skipped: web/dist is missing (run `cargo xtask web`)");
    None
}

/// axe-core's script (`PDE_AXE_JS`, set by `cargo xtask test`); `None` (and a note) when unset,
/// unless `PDE_REQUIRE_BROWSER`.
pub fn axe_script() -> Option<String> {
    match std::env::var_os("PDE_AXE_JS") {
        Some(path) => Some(std::fs::read_to_string(path).expect("read axe-core")),
        None => {
            assert!(
                std::env::var_os("PDE_REQUIRE_BROWSER").is_none(),
                "PDE_AXE_JS is not set"
            );
            eprintln!("skipped: PDE_AXE_JS is not set (cargo xtask test sets it)");
            None
        }
    }
}

/// Where screenshots go (`target/browser-artifacts`, or `PDE_ARTIFACTS`).
pub fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("PDE_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/browser-artifacts")
        });
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// A request as the browser sent it (from the DevTools protocol).
#[derive(Debug, Clone)]
pub struct SentRequest {
    /// `GET`, `POST`… (empty for a headers-only report).
    pub method: String,
    /// The URL sent: path and query (a fragment is never part of it).
    pub url: String,
    /// Every header, name and value.
    pub headers: Vec<(String, String)>,
    /// The body, when the protocol reports it (binary bodies decoded lossily).
    pub body: Option<String>,
    /// Whether the body was bytes rather than text (ciphertext parts).
    pub binary_body: bool,
    /// The browser's id of the request: a request and its headers-only report share it.
    pub request_id: String,
}

impl SentRequest {
    /// The entry the recorder pushes once it is attached (not a request).
    fn attached_marker() -> Self {
        Self {
            method: "(attached)".into(),
            url: String::new(),
            headers: Vec::new(),
            body: None,
            binary_body: false,
            request_id: String::new(),
        }
    }

    fn is_marker(&self) -> bool {
        self.method == "(attached)"
    }

    fn from_event(method: &str, params: &serde_json::Value) -> Option<Self> {
        let headers_of = |value: &serde_json::Value| -> Vec<(String, String)> {
            value
                .as_object()
                .map(|map| {
                    map.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                        .collect()
                })
                .unwrap_or_default()
        };
        match method {
            "Network.requestWillBeSent" => {
                let request = &params["request"];
                // Newer Chromium gives the body as `postDataEntries` (base64).
                let entries: Option<Vec<u8>> = request["postDataEntries"].as_array().map(|parts| {
                    parts
                        .iter()
                        .filter_map(|p| p["bytes"].as_str())
                        .filter_map(base64_decode)
                        .flatten()
                        .collect()
                });
                let binary_body = entries
                    .as_deref()
                    .is_some_and(|bytes| std::str::from_utf8(bytes).is_err());
                Some(Self {
                    method: request["method"].as_str().unwrap_or_default().to_owned(),
                    url: request["url"].as_str().unwrap_or_default().to_owned(),
                    headers: headers_of(&request["headers"]),
                    body: request["postData"].as_str().map(str::to_owned).or_else(|| {
                        entries.map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                    }),
                    binary_body,
                    request_id: params["requestId"].as_str().unwrap_or_default().to_owned(),
                })
            }
            // The headers as sent (cookies included), reported apart.
            "Network.requestWillBeSentExtraInfo" => Some(Self {
                method: String::new(),
                url: String::new(),
                headers: headers_of(&params["headers"]),
                body: None,
                binary_body: false,
                request_id: params["requestId"].as_str().unwrap_or_default().to_owned(),
            }),
            _ => None,
        }
    }

    /// Every field a server receives: the URL, each header value, and each string or number
    /// in a JSON body (or the whole body if it is not JSON).
    pub fn fields(&self) -> Vec<String> {
        let mut fields = vec![self.url.clone()];
        for (name, value) in &self.headers {
            fields.push(format!("{name}: {value}"));
        }
        if let Some(body) = &self.body {
            match serde_json::from_str::<serde_json::Value>(body) {
                Ok(json) => collect_leaves(&json, &mut fields),
                Err(_) => fields.push(body.clone()),
            }
        }
        fields
    }

    /// The short words of the request's text a person could have typed (a PIN, a name):
    /// every field split on anything but letters, digits and `+=_-`, without the opaque
    /// values (ids, tokens, ciphertext, 16 characters or more, or a JSON value that decodes
    /// as base64 of 12 bytes or more) and without binary bodies. Random ciphertext holds
    /// four-digit runs by chance; a typed value sent in clear is a short word of its own.
    pub fn typed_words(&self) -> Vec<String> {
        let mut fields = vec![self.url.clone()];
        fields.extend(self.headers.iter().map(|(_, value)| value.clone()));
        if let (Some(body), false) = (&self.body, self.binary_body) {
            match serde_json::from_str::<serde_json::Value>(body) {
                Ok(json) => collect_leaves(&json, &mut fields),
                Err(_) => fields.push(body.clone()),
            }
        }
        fields
            .iter()
            .filter(|field| !decodes_as_sealed(field))
            .flat_map(|field| {
                field
                    .split(|c: char| !(c.is_ascii_alphanumeric() || "+=_-".contains(c)))
                    .filter(|word| !word.is_empty() && word.len() < 16)
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// Whether a field is a base64 value of 12 bytes or more (a sealed value or a hash).
fn decodes_as_sealed(field: &str) -> bool {
    use base64::Engine as _;
    let engines = [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
        base64::engine::general_purpose::STANDARD_NO_PAD,
    ];
    engines
        .iter()
        .any(|engine| engine.decode(field).is_ok_and(|bytes| bytes.len() >= 12))
}

fn collect_leaves(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Number(n) => out.push(n.to_string()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_leaves(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_leaves(v, out)),
        _ => {}
    }
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

/// Listens to the browser's DevTools protocol (on loopback) and records every request sent by
/// its pages and their workers: it attaches to each new target (pages, then their dedicated
/// workers, paused until the network is watched) and enables the `Network` domain there.
async fn record_requests(port: u16, requests: Arc<Mutex<Vec<SentRequest>>>) {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    let started = Instant::now();
    let version: serde_json::Value = loop {
        match reqwest::get(format!("http://127.0.0.1:{port}/json/version")).await {
            Ok(response) => break response.json().await.expect("DevTools version"),
            Err(_) if started.elapsed() < Duration::from_secs(20) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => panic!("DevTools not reachable: {e}"),
        }
    };
    let url = version["webSocketDebuggerUrl"]
        .as_str()
        .expect("DevTools URL")
        .to_owned();
    let (mut socket, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .expect("DevTools connection");
    let mut next_id = 0u64;
    let mut command = |method: &str, params: serde_json::Value, session: Option<&str>| {
        next_id += 1;
        let mut message = json!({ "id": next_id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        Message::text(message.to_string())
    };
    let auto_attach =
        json!({ "autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true });
    socket
        .send(command("Target.setAutoAttach", auto_attach.clone(), None))
        .await
        .expect("auto-attach");
    // Pages that exist already.
    socket
        .send(command(
            "Target.setDiscoverTargets",
            json!({ "discover": true }),
            None,
        ))
        .await
        .expect("discover");
    let mut attached = std::collections::HashSet::new();
    if let Ok(mut list) = requests.lock() {
        list.push(SentRequest::attached_marker());
    }
    while let Some(Ok(message)) = socket.next().await {
        let Message::Text(text) = message else {
            continue;
        };
        let Ok(event) = serde_json::from_str::<serde_json::Value>(text.as_str()) else {
            continue;
        };
        let method = event["method"].as_str().unwrap_or_default();
        let params = &event["params"];
        match method {
            "Target.targetCreated" => {
                let info = &params["targetInfo"];
                let id = info["targetId"].as_str().unwrap_or_default().to_owned();
                if info["type"] == "page" && attached.insert(id.clone()) {
                    let _ = socket
                        .send(command(
                            "Target.attachToTarget",
                            json!({ "targetId": id, "flatten": true }),
                            None,
                        ))
                        .await;
                }
            }
            "Target.attachedToTarget" => {
                let session = params["sessionId"].as_str().unwrap_or_default().to_owned();
                if let Some(id) = params["targetInfo"]["targetId"].as_str() {
                    attached.insert(id.to_owned());
                }
                for (name, arguments) in [
                    ("Network.enable", json!({})),
                    ("Target.setAutoAttach", auto_attach.clone()),
                    ("Runtime.runIfWaitingForDebugger", json!({})),
                ] {
                    let _ = socket.send(command(name, arguments, Some(&session))).await;
                }
            }
            _ => {
                if let Some(request) = SentRequest::from_event(method, params) {
                    if let Ok(mut list) = requests.lock() {
                        list.push(request);
                    }
                }
            }
        }
    }
}

/// A headless Chromium with its own ChromeDriver and profile; both end on drop.
pub struct Browser {
    pub client: Client,
    driver: Child,
    requests: Arc<Mutex<Vec<SentRequest>>>,
    recorder: tokio::task::JoinHandle<()>,
    _profile: tempfile::TempDir,
    downloads: tempfile::TempDir,
    devtools_port: u16,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl Browser {
    /// Starts ChromeDriver and a browser whose preferred language is `accept_language`.
    pub async fn start(chromium: &Path, accept_language: &str) -> Self {
        Self::start_with(chromium, accept_language, &[]).await
    }

    /// The same, whose camera films the picture `y4m` holds (see [`y4m_picture`]), the page
    /// allowed to use it without asking.
    pub async fn start_with_camera(chromium: &Path, accept_language: &str, y4m: &Path) -> Self {
        let camera = [
            "--use-fake-device-for-media-stream".to_owned(),
            "--use-fake-ui-for-media-stream".to_owned(),
            format!("--use-file-for-fake-video-capture={}", y4m.display()),
        ];
        Self::start_with(chromium, accept_language, &camera).await
    }

    async fn start_with(chromium: &Path, accept_language: &str, extra_args: &[String]) -> Self {
        let port = free_port();
        // Its own process group: Chromium is ChromeDriver's child, and a test that fails before
        // `close` must not leave browsers running (see `Drop`).
        let driver = Command::new("chromedriver")
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().expect("profile dir");
        let downloads = tempfile::tempdir().expect("downloads dir");
        let devtools_port = free_port();
        let mut capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                    format!("--accept-lang={accept_language}"),
                    // The DevTools protocol, for `sent_requests` (loopback only).
                    format!("--remote-debugging-port={devtools_port}"),
                    format!("--lang={accept_language}"),
                ],
                "prefs": {
                    "intl.accept_languages": accept_language,
                    "download.default_directory": downloads.path(),
                    "download.prompt_for_download": false,
                },
            },
        });
        if let Some(args) = capabilities["goog:chromeOptions"]["args"].as_array_mut() {
            args.extend(extra_args.iter().map(|arg| json!(arg)));
        }
        let capabilities = capabilities.as_object().cloned().expect("object");
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            // ChromeDriver listens on loopback over plain HTTP: no TLS connector needed.
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot start Chromium through ChromeDriver: {e}"),
            }
        };
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorder = tokio::spawn(record_requests(devtools_port, Arc::clone(&requests)));
        // The recorder attaches before the test goes on (so no request is missed).
        let started = Instant::now();
        while !recorder.is_finished()
            && requests.lock().map(|r| r.is_empty()).unwrap_or(false)
            && started.elapsed() < Duration::from_secs(10)
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Self {
            client,
            driver,
            requests,
            recorder,
            _profile: profile,
            downloads,
            devtools_port,
        }
    }

    /// Every cookie the browser holds, for every site and path, as the DevTools protocol's
    /// `Storage.getCookies` sees them (WebDriver only shows the page's own path).
    pub async fn all_cookies(&self) -> Vec<serde_json::Value> {
        let url = self.devtools_url("version", "browser").await;
        devtools_call(&url, "Storage.getCookies").await["cookies"]
            .as_array()
            .cloned()
            .expect("cookies")
    }

    /// The frames of the page, depth first, as `(url, mime type)`: what each frame really
    /// shows (an error page is `chrome-error://…`), which WebDriver cannot see across origins.
    pub async fn frames(&self) -> Vec<(String, String)> {
        fn walk(tree: &serde_json::Value, into: &mut Vec<(String, String)>) {
            let frame = &tree["frame"];
            let text = |key: &str| frame[key].as_str().unwrap_or_default().to_owned();
            into.push((text("url"), text("mimeType")));
            for child in tree["childFrames"].as_array().into_iter().flatten() {
                walk(child, into);
            }
        }
        let url = self.devtools_url("list", "page").await;
        let mut frames = Vec::new();
        walk(
            &devtools_call(&url, "Page.getFrameTree").await["frameTree"],
            &mut frames,
        );
        frames
    }

    /// Waits (up to 30 s) until a frame of the page shows a `blob:` document as
    /// `application/pdf`, and fails if any frame is an error page (what Chromium shows for a
    /// PDF in a sandboxed frame) or a `blob:` document of any other type.
    pub async fn wait_for_pdf_frame(&self) {
        let started = std::time::Instant::now();
        loop {
            let frames = self.frames().await;
            assert!(
                !frames
                    .iter()
                    .any(|(url, mime)| url.starts_with("chrome-error:")
                        || (url.starts_with("blob:") && mime != "application/pdf")),
                "a frame shows an error page or something else than a PDF: {frames:?}"
            );
            if frames
                .iter()
                .any(|(url, mime)| url.starts_with("blob:") && mime == "application/pdf")
            {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no PDF frame appeared: {frames:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Opens another tab in front, so the page's tab is hidden (as when someone switches
    /// tabs); [`Browser::show_page`] brings the page back.
    pub async fn hide_page(&self) -> HiddenPage {
        let page = self.devtools_target("list", "page").await["id"]
            .as_str()
            .expect("page id")
            .to_owned();
        let browser = self.devtools_url("version", "browser").await;
        let other = devtools_call_with(
            &browser,
            "Target.createTarget",
            json!({ "url": "about:blank" }),
        )
        .await["targetId"]
            .as_str()
            .expect("new tab")
            .to_owned();
        HiddenPage { page, other }
    }

    /// Brings the page's tab to the front again and closes the other tab.
    pub async fn show_page(&self, hidden: HiddenPage) {
        let browser = self.devtools_url("version", "browser").await;
        devtools_call_with(
            &browser,
            "Target.activateTarget",
            json!({ "targetId": hidden.page }),
        )
        .await;
        devtools_call_with(
            &browser,
            "Target.closeTarget",
            json!({ "targetId": hidden.other }),
        )
        .await;
    }

    /// The DevTools address of the browser, or of its first target of `kind` (`page`, …).
    async fn devtools_url(&self, listing: &str, kind: &str) -> String {
        self.devtools_target(listing, kind).await["webSocketDebuggerUrl"]
            .as_str()
            .expect("DevTools URL")
            .to_owned()
    }

    /// The browser's DevTools description (`listing` "version"), or its first target of
    /// `kind` (`listing` "list").
    async fn devtools_target(&self, listing: &str, kind: &str) -> serde_json::Value {
        let answer: serde_json::Value = reqwest::get(format!(
            "http://127.0.0.1:{}/json/{listing}",
            self.devtools_port
        ))
        .await
        .expect("DevTools")
        .json()
        .await
        .expect("DevTools listing");
        match answer.as_array() {
            Some(targets) => targets
                .iter()
                .find(|t| t["type"] == json!(kind))
                .cloned()
                .unwrap_or_else(|| panic!("no DevTools target of type {kind}")),
            None => answer,
        }
    }

    /// Opens `url` in the page's tab with `script` run first in every document it loads
    /// (DevTools' `Page.addScriptToEvaluateOnNewDocument`): e.g. to time the page from its own
    /// clock, without WebDriver's round trips. The script stays while the returned session lives.
    pub async fn open_with_script(&self, url: &str, script: &str) -> DevtoolsSession {
        let mut session = self.devtools().await;
        session.call("Page.enable", json!({})).await;
        session
            .call(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": script }),
            )
            .await;
        session.call("Page.navigate", json!({ "url": url })).await;
        session
    }

    /// A DevTools connection to the page's tab, kept open (what it sets, such as an emulated
    /// medium, lasts while it lives).
    pub async fn devtools(&self) -> DevtoolsSession {
        let page = self.devtools_url("list", "page").await;
        let (socket, _) = tokio_tungstenite::connect_async(page.as_str())
            .await
            .expect("DevTools connection");
        DevtoolsSession { socket, next_id: 1 }
    }

    /// Every request the browser sent so far (pages and their workers), as the DevTools
    /// protocol saw it (`Network.requestWillBeSent` and its `ExtraInfo`): what crossed the wire.
    pub async fn sent_requests(&self) -> Vec<SentRequest> {
        assert!(
            !self.recorder.is_finished(),
            "the DevTools recorder stopped"
        );
        self.requests
            .lock()
            .map(|r| r.iter().filter(|r| !r.is_marker()).cloned().collect())
            .unwrap_or_default()
    }

    /// Waits (up to 30 s) for a finished download and returns its name and bytes (the file is
    /// removed from the downloads folder).
    pub async fn wait_for_download(&self) -> (String, Vec<u8>) {
        let started = Instant::now();
        loop {
            let finished: Vec<_> = std::fs::read_dir(self.downloads.path())
                .expect("downloads")
                .filter_map(|e| e.ok().map(|e| e.path()))
                // Chromium writes `.org.chromium.*` and `*.crdownload` while it downloads.
                .filter(|p| {
                    let hidden = p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                    !hidden && p.extension().is_none_or(|e| e != "crdownload")
                })
                .collect();
            if let Some(path) = finished.first() {
                // Chromium may show the final name before the last bytes are written: take
                // the file once two reads 100 ms apart agree and it is not empty.
                let first = std::fs::read(path).unwrap_or_default();
                tokio::time::sleep(Duration::from_millis(100)).await;
                let second = std::fs::read(path).unwrap_or_default();
                if !second.is_empty() && first == second {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    // Taken away, so the next download is told apart from this one.
                    let _ = std::fs::remove_file(path);
                    return (name, second);
                }
            }
            if started.elapsed() > Duration::from_secs(30) {
                panic!("no download arrived");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits (up to 30 s) for an element matching the CSS selector. A search cut short by the
    /// page navigating (the kiosk's lock does) is tried again on the new page.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let started = std::time::Instant::now();
        let found = loop {
            let found = self
                .client
                .wait()
                .at_most(Duration::from_secs(30).saturating_sub(started.elapsed()))
                .for_element(Locator::Css(css))
                .await;
            match found {
                Err(e)
                    if e.to_string().contains("aborted by navigation")
                        && started.elapsed() < Duration::from_secs(30) =>
                {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                other => break other,
            }
        };
        match found {
            Ok(element) => element,
            Err(e) => {
                // What the page showed instead, to tell a slow page from a wrong one.
                let shown = self.body_text().await;
                let last: Vec<String> = self
                    .requests
                    .lock()
                    .map(|r| {
                        r.iter()
                            .filter(|r| r.url.contains("/api/"))
                            .map(|r| format!("{} {}", r.method, r.url))
                            .collect()
                    })
                    .unwrap_or_default();
                let last = &last[last.len().saturating_sub(20)..];
                panic!(
                    "no `{css}` appeared: {e}\nthe page shows:\n{shown}\nlast API requests:\n{}",
                    last.join("\n")
                )
            }
        }
    }

    /// Waits for `css` and clicks it.
    /// Presses `keys` (WebDriver's key codes: Tab `\u{e004}`, Enter `\u{e007}`, Space
    /// `\u{e00d}`, or text) on whatever has the focus, one after the other, as a keyboard does.
    pub async fn press(&self, keys: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut actions = KeyActions::new("keyboard".into());
        for value in keys.chars() {
            actions = actions
                .then(KeyAction::Down { value })
                .then(KeyAction::Up { value });
        }
        self.client
            .perform_actions(actions)
            .await
            .expect("keys pressed");
    }

    /// Presses Tab until the focus is on `css` (at most 40 times); then checks that the focus
    /// can be seen there (an outline on the element, or on the label of a hidden file input).
    pub async fn tab_to(&self, css: &str) {
        for _ in 0..40 {
            self.press("\u{e004}").await;
            let there = self
                .eval(&format!(
                    "return document.activeElement?.matches({css:?}) ?? false"
                ))
                .await;
            if there == json!(true) {
                let seen = self
                    .eval(
                        "const el = document.activeElement;
                         const shown = el.classList.contains('visually-hidden')
                             ? el.closest('label') : el;
                         return !!shown && getComputedStyle(shown).outlineStyle !== 'none';",
                    )
                    .await;
                assert_eq!(seen, json!(true), "no visible focus on {css}");
                return;
            }
        }
        let at = self
            .eval("return document.activeElement?.outerHTML.slice(0, 200)")
            .await;
        panic!("Tab never reached {css}; the focus is on {at}");
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click `{css}`: {e}"));
    }

    /// Goes back to the wallet (from a document's or a share's page) with the keyboard (Enter on
    /// "back"). A pointer click there was now and then lost in CI after a PDF was shown (the
    /// PDF viewer's frame can take the pointer), which left the test on the document's page.
    pub async fn back_to_wallet(&self) {
        self.wait_for("#back")
            .await
            .send_keys("\u{e007}")
            .await
            .expect("enter on back");
        self.wait_for("#file-input").await;
    }

    /// Picks language `lang` in the header's menu (the switch itself may take a moment: the
    /// language's file is fetched).
    pub async fn pick_in_language_menu(&self, lang: &str) {
        self.click(&format!("#language-select option[value='{lang}']"))
            .await;
    }

    /// Waits for `css` and types `text` into it (or, for a file input, picks that file).
    pub async fn type_into(&self, css: &str, text: &str) {
        self.wait_for(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into `{css}`: {e}"));
    }

    /// Waits (up to 30 s) until the page's text contains `text`.
    pub async fn wait_for_text(&self, text: &str) {
        let started = Instant::now();
        loop {
            let body = self.body_text().await;
            if body.contains(text) {
                return;
            }
            if started.elapsed() > Duration::from_secs(30) {
                panic!("`{text}` never appeared; the page says: {body}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits (up to 30 s) until the keyboard's focus is on `css`.
    pub async fn wait_for_focus_on(&self, css: &str) {
        let started = Instant::now();
        loop {
            let there = self
                .eval(&format!(
                    "return document.activeElement?.matches({css:?}) ?? false"
                ))
                .await;
            if there == json!(true) {
                return;
            }
            if started.elapsed() > Duration::from_secs(30) {
                let at = self
                    .eval("return document.activeElement?.outerHTML.slice(0, 200)")
                    .await;
                panic!("the focus never came to `{css}`; it is on {at}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The page's visible text, without the invisible marks that isolate bidirectional text
    /// around Fluent's placeables (U+2068, U+2069).
    pub async fn body_text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body
                .text()
                .await
                .unwrap_or_default()
                .replace(['\u{2068}', '\u{2069}'], ""),
            Err(_) => String::new(),
        }
    }

    /// Runs `script` in the page (WebDriver's script evaluation is not subject to the CSP).
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page as it is now and returns the
    /// serious and critical violations, one line each (rule, impact, elements); and every id
    /// the page uses twice (a label, a link to a section or a focus step would find the wrong
    /// element; axe counts it as minor only).
    pub async fn axe_violations(&self, axe_source: &str) -> Vec<String> {
        let mut problems = self.axe_only(axe_source).await;
        let twice = self
            .eval(
                "const seen = new Map();
                 for (const el of document.querySelectorAll('[id]')) {
                     seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
                 }
                 return [...seen].filter(([, n]) => n > 1).map(([id]) => id);",
            )
            .await;
        for id in twice.as_array().into_iter().flatten() {
            problems.push(format!(
                "id used twice: {}",
                id.as_str().unwrap_or_default()
            ));
        }
        problems
    }

    async fn axe_only(&self, axe_source: &str) -> Vec<String> {
        // Injected through the driver: the page's CSP rightly refuses inline scripts.
        self.client
            .execute(
                &format!("if (!window.axe) {{ {axe_source}\n }} return true;"),
                vec![],
            )
            .await
            .expect("inject axe-core");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values:
                     ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                   .then(r => done(r.violations
                       .filter(v => v.impact === 'serious' || v.impact === 'critical')
                       .map(v => v.id + ' (' + v.impact + '): ' +
                            v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("run axe-core");
        result
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_else(|| vec![format!("unexpected axe result: {result}")])
    }

    /// Resizes the window (e.g. 390 × 844, a phone's width).
    pub async fn set_window_size(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("resize the window");
    }

    /// Writes a PNG screenshot to the artifacts directory.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(artifacts_dir().join(format!("{name}.png")), png);
        }
    }

    /// Ends the session (the driver ends on drop).
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.recorder.abort();
        // The whole group: ChromeDriver and the browser it started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A JPEG photo as a phone writes it: `width`×`height` pixels (left half red, right half
/// blue), with an EXIF block holding an orientation and a GPS position (50°50'42.42"N).
pub fn jpeg_with_gps(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    use image::codecs::jpeg::JpegEncoder;
    let pixels = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&pixels)
        .expect("encode");
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = Vec::new();
        e.extend_from_slice(&tag.to_be_bytes());
        e.extend_from_slice(&kind.to_be_bytes());
        e.extend_from_slice(&count.to_be_bytes());
        e.extend_from_slice(&value.to_be_bytes());
        e
    };
    let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend(entry(0x0112, 3, 1, u32::from(orientation) << 16));
    tiff.extend(entry(0x8825, 4, 1, 38));
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_be_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, 68));
    tiff.extend_from_slice(&0u32.to_be_bytes());
    for (num, den) in GPS_LATITUDE {
        tiff.extend_from_slice(&num.to_be_bytes());
        tiff.extend_from_slice(&den.to_be_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// The latitude written by [`jpeg_with_gps`], as EXIF rationals.
pub const GPS_LATITUDE: [(u32, u32); 3] = [(50, 1), (50, 1), (4242, 100)];

/// The bytes by which the GPS latitude of [`jpeg_with_gps`] could be recognised.
pub fn gps_marker() -> Vec<u8> {
    let mut marker = Vec::new();
    for (num, den) in GPS_LATITUDE {
        marker.extend_from_slice(&num.to_be_bytes());
        marker.extend_from_slice(&den.to_be_bytes());
    }
    marker
}

/// Calls one DevTools `method` (no parameters) on the target at `url`; its result.
async fn devtools_call(url: &str, method: &str) -> serde_json::Value {
    devtools_call_with(url, method, json!({})).await
}

/// Calls one DevTools `method` with `params` on the target at `url`; its result.
async fn devtools_call_with(
    url: &str,
    method: &str,
    params: serde_json::Value,
) -> serde_json::Value {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    let (mut socket, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("DevTools connection");
    let ask = json!({ "id": 1, "method": method, "params": params });
    socket
        .send(Message::text(ask.to_string()))
        .await
        .expect("send");
    while let Some(Ok(message)) = socket.next().await {
        let Ok(text) = message.into_text() else {
            continue;
        };
        let answer: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        if answer["id"] == json!(1) {
            return answer["result"].clone();
        }
    }
    panic!("DevTools closed before answering {method}");
}

/// A DevTools connection to a page, kept open (see [`Browser::open_with_script`]).
pub struct DevtoolsSession {
    socket: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    next_id: u64,
}

impl DevtoolsSession {
    /// Calls `method` with `params`; its result.
    pub async fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        use futures_util::{SinkExt, StreamExt};
        use tokio_tungstenite::tungstenite::Message;

        let id = self.next_id;
        self.next_id += 1;
        let ask = json!({ "id": id, "method": method, "params": params });
        self.socket
            .send(Message::text(ask.to_string()))
            .await
            .expect("send");
        while let Some(Ok(message)) = self.socket.next().await {
            let Ok(text) = message.into_text() else {
                continue;
            };
            let answer: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            if answer["id"] == json!(id) {
                return answer["result"].clone();
            }
        }
        panic!("DevTools closed before answering {method}");
    }
}

/// The page's tab while another is in front (see [`Browser::hide_page`]).
pub struct HiddenPage {
    page: String,
    other: String,
}

/// `png` in grey, centred on light grey paper in a `width`×`height` video of two frames
/// (YUV4MPEG2, 4:2:0, no colour): what Chromium's fake camera films over and over.
pub fn y4m_picture(png: &[u8], width: u32, height: u32) -> Vec<u8> {
    let picture = image::load_from_memory(png).expect("png").to_luma8();
    let mut luma = vec![210u8; (width * height) as usize];
    let left = width.saturating_sub(picture.width()) / 2;
    let top = height.saturating_sub(picture.height()) / 2;
    for (x, y, pixel) in picture.enumerate_pixels() {
        if left + x < width && top + y < height {
            luma[((top + y) * width + left + x) as usize] = pixel.0[0];
        }
    }
    let chroma = vec![128u8; (width.div_ceil(2) * height.div_ceil(2)) as usize];
    let mut video = format!("YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n").into_bytes();
    for _ in 0..2 {
        video.extend_from_slice(b"FRAME\n");
        video.extend_from_slice(&luma);
        video.extend_from_slice(&chroma);
        video.extend_from_slice(&chroma);
    }
    video
}

#[cfg(test)]
mod tests {
    use super::SentRequest;

    fn request(url: &str, body: &str, binary_body: bool) -> SentRequest {
        SentRequest {
            method: "POST".into(),
            url: url.into(),
            headers: vec![("cookie".into(), "pde_session=Zm9vYmFyYmF6cXV4MTIzNA".into())],
            body: Some(body.into()),
            binary_body,
            request_id: String::new(),
        }
    }

    #[test]
    fn typed_words_find_a_pin_sent_in_clear_and_skip_opaque_values() {
        let leaked = request(
            "http://127.0.0.1/api/v1/shared/x/open?pin=7391",
            "{}",
            false,
        );
        assert!(leaked.typed_words().iter().any(|w| w.ends_with("7391")));
        let in_json = request("http://127.0.0.1/a", r#"{"pin":"7391","n":2468}"#, false);
        let words = in_json.typed_words();
        assert!(words.contains(&"7391".to_owned()) && words.contains(&"2468".to_owned()));

        // A sealed value and a binary body holding the digits by chance are not words.
        let sealed = request(
            "http://127.0.0.1/a",
            r#"{"metadata":"q8/7391+AAAAAAAAAAAAAAAAAAAA"}"#,
            false,
        );
        assert!(!sealed.typed_words().iter().any(|w| w.contains("7391")));
        let binary = request("http://127.0.0.1/a", "\u{fffd}7391\u{fffd}", true);
        assert!(!binary.typed_words().iter().any(|w| w.contains("7391")));
    }
}
