//! The deployment files of `docs/deploy/`, as shipped: the systemd units pass `systemd-analyze
//! verify` (and the service's sandboxing is measured), and the nginx site, in front of a real
//! pde-server, logs no client address and no id of a path, even when pde-server is down.
//!
//! A missing tool skips a test with a note; `cargo xtask test` installs them and sets
//! `PDE_REQUIRE_DEPLOY_TOOLS`, so there these tests cannot skip.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use pde_tests::scan::files_under;
use pde_tests::{Backend, TestServer};

fn deploy_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/deploy")
}

/// Whether `program` is there; a missing one fails under `PDE_REQUIRE_DEPLOY_TOOLS`.
fn have(program: &str) -> bool {
    if Path::new(program).exists() {
        return true;
    }
    assert!(
        std::env::var_os("PDE_REQUIRE_DEPLOY_TOOLS").is_none(),
        "{program} is missing (`cargo xtask test` installs it)"
    );
    eprintln!("skipped: {program} is missing");
    false
}

/// `text` with `from` replaced by `to`, which must be there (so a change to the shipped file
/// that this test no longer matches fails it, rather than testing something else).
fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(
        text.contains(from),
        "the shipped file no longer has {from:?}"
    );
    text.replace(from, to)
}

const UNITS: [&str; 3] = [
    "pde-server.service",
    "pde-backup.service",
    "pde-backup.timer",
];

/// Each unit as shipped, its `ExecStart` pointed at the binary built here (systemd-analyze checks
/// that the program exists): verified without a warning. The server's exposure score, as
/// `systemd-analyze security` measures its sandboxing, stays at or under 1.5 ("OK").
#[test]
fn the_systemd_units_pass_systemd_analyze_verify() {
    if !have("/usr/bin/systemd-analyze") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let binary = pde_tests::harness::server_binary(false);
    assert!(binary.exists(), "build pde-server first");
    for unit in UNITS {
        let text = std::fs::read_to_string(deploy_dir().join(unit)).expect("unit");
        let text = if unit.ends_with(".service") {
            replaced(
                &text,
                "ExecStart=/usr/local/bin/pde-server",
                &format!("ExecStart={}", binary.display()),
            )
        } else {
            text
        };
        std::fs::write(dir.path().join(unit), text).expect("write unit");
    }
    for unit in UNITS {
        let output = Command::new("systemd-analyze")
            .arg("verify")
            .arg(dir.path().join(unit))
            .current_dir(dir.path())
            .output()
            .expect("systemd-analyze runs");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && said.trim().is_empty(),
            "{unit}: {said}"
        );
    }
    let output = Command::new("systemd-analyze")
        .args(["security", "--offline=yes", "--no-pager"])
        .arg(dir.path().join("pde-server.service"))
        .output()
        .expect("systemd-analyze security runs");
    let report = String::from_utf8_lossy(&output.stdout);
    let score: f64 = report
        .lines()
        .find_map(|line| line.split("exposure level for pde-server.service: ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|score| score.parse().ok())
        .unwrap_or_else(|| panic!("no exposure level in:\n{report}"));
    println!("systemd-analyze security: pde-server.service exposure {score}");
    assert!(score <= 1.5, "exposure {score}:\n{report}");
}

/// A TCP port free on 127.0.0.1 now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A pde-server, a private directory with a certificate and a `logs/` directory, and two free
/// ports: what a proxy test stands on.
struct Stage {
    server: TestServer,
    dir: tempfile::TempDir,
    http_port: u16,
    https_port: u16,
}

impl Stage {
    async fn new() -> Self {
        let server = TestServer::start(Backend::Sqlite).await;
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("logs")).expect("logs dir");
        make_certificate(dir.path());
        Self {
            server,
            dir,
            http_port: free_port(),
            https_port: free_port(),
        }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    fn logs(&self) -> PathBuf {
        self.dir.path().join("logs")
    }

    /// pde-server's address, as a proxy's upstream.
    fn upstream(&self) -> String {
        self.server
            .base_url
            .strip_prefix("http://")
            .expect("plain HTTP")
            .to_owned()
    }

    /// The console's listener, as the proxy's upstream for the admin host.
    fn admin_upstream(&self) -> String {
        self.server
            .admin_url
            .strip_prefix("http://")
            .expect("plain HTTP")
            .replace("localhost", "127.0.0.1")
    }

    /// Every log file written (the proxy's, pde-server's), and the proxy's access log.
    fn logs_written(&self) -> (Vec<(PathBuf, String)>, String) {
        let mut places = logs_under(&self.logs());
        places.push((
            self.server.log_path(),
            std::fs::read_to_string(self.server.log_path()).expect("pde-server log"),
        ));
        let access = places
            .iter()
            .find(|(path, _)| path.ends_with("pde-access.log"))
            .map(|(_, text)| text.clone())
            .expect("an access log");
        (places, access)
    }
}

/// A proxy process, killed when dropped.
struct Proxy(Child);

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Every text under `dir`.
fn logs_under(dir: &Path) -> Vec<(PathBuf, String)> {
    files_under(dir)
        .into_iter()
        .map(|path| {
            let text =
                String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
            (path, text)
        })
        .collect()
}

/// The shipped nginx site in front of a real pde-server (only its certificate, ports, log
/// directory and upstream address changed). A client at 127.0.0.2 opens pages and API routes
/// whose paths and queries carry ids, plain HTTP is redirected, then pde-server stops and the
/// same requests fail upstream (502): no log file — nginx's access and error logs of the site,
/// nginx's own error log (at `info`), pde-server's log — holds the client's address or an id,
/// while the access log does count each request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_nginx_site_logs_no_address_and_no_id_even_on_upstream_errors() {
    if !have("/usr/sbin/nginx") || !have("/usr/bin/openssl") {
        return;
    }
    let mut stage = Stage::new().await;
    let (root, logs, upstream) = (stage.root(), stage.logs(), stage.upstream());
    let (http_port, https_port) = (stage.http_port, stage.https_port);
    let site = std::fs::read_to_string(deploy_dir().join("nginx-pde.conf")).expect("site");
    let site = replaced(
        &site,
        "server 127.0.0.1:8080;",
        &format!("server {upstream};"),
    );
    let site = replaced(&site, "    listen [::]:80;\n", "");
    let site = replaced(&site, "    listen [::]:443 ssl http2;\n", "");
    let site = replaced(
        &site,
        "listen 80;",
        &format!("listen 127.0.0.1:{http_port};"),
    );
    let site = replaced(
        &site,
        "listen 443 ssl http2;",
        &format!("listen 127.0.0.1:{https_port} ssl http2;"),
    );
    let site = replaced(
        &site,
        "/etc/letsencrypt/live/pde.example.org/",
        &format!("{}/", root.display()),
    );
    let site = replaced(
        &site,
        "/etc/letsencrypt/live/admin.pde.example.org/",
        &format!("{}/", root.display()),
    );
    let site = replaced(&site, "allow 192.0.2.0/24;", "allow 127.0.0.3;");
    let site = replaced(
        &site,
        "proxy_pass http://127.0.0.1:8081;",
        &format!("proxy_pass http://{};", stage.admin_upstream()),
    );
    let site = replaced(&site, "/var/log/nginx/", &format!("{}/", logs.display()));
    std::fs::write(root.join("pde.conf"), site).expect("site");
    // As root, the workers stay root (they write into this private directory).
    let user = if running_as_root() {
        "user root;\n"
    } else {
        ""
    };
    let main = format!(
        "{user}daemon off;\npid {root}/nginx.pid;\nerror_log {root}/logs/nginx-error.log info;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  client_body_temp_path {root}/body;\n  proxy_temp_path {root}/proxy;\n  \
         fastcgi_temp_path {root}/fastcgi;\n  uwsgi_temp_path {root}/uwsgi;\n  scgi_temp_path {root}/scgi;\n  \
         include {root}/pde.conf;\n}}\n",
        root = root.display()
    );
    std::fs::write(root.join("nginx.conf"), main).expect("main configuration");
    let nginx = Proxy(
        Command::new("/usr/sbin/nginx")
            .arg("-p")
            .arg(&root)
            .arg("-c")
            .arg(root.join("nginx.conf"))
            .arg("-e")
            .arg(logs.join("nginx-start.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("nginx starts"),
    );
    wait_for_port(https_port).await;

    let visited = visit_through_the_proxy(&mut stage.server, http_port, https_port).await;
    drop(nginx);

    let (places, access) = stage.logs_written();
    assert_eq!(access.lines().count(), visited.answers.len(), "{access}");
    assert_eq!(access.matches(" 502 ").count(), 5, "{access}");
    assert!(access.contains(" GET /api/v1/documents 401 "), "{access}");
    assert!(access.contains(" GET /g 200 "), "{access}");
    assert!(!access.contains("feedback"), "{access}");
    assert_eq!(
        visited.admin,
        [("outside", 403, false), ("operator", 200, true)],
        "the console's host: the operator's network only"
    );
    visited.assert_absent_from(&places);
}

/// The shipped Caddyfile in front of a real pde-server (only its certificate, ports, log files
/// and upstream address changed, and the admin API off): the same visits as through nginx; no
/// log file — Caddy's access log (its redirect to HTTPS included), its own log (every logger but the excluded errors, at
/// `INFO`), pde-server's log — holds the client's address or an id, while the access log counts
/// each request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_caddyfile_logs_no_address_and_no_id_even_on_upstream_errors() {
    if !have("/usr/bin/caddy") || !have("/usr/bin/openssl") {
        return;
    }
    let mut stage = Stage::new().await;
    let (root, logs, upstream) = (stage.root(), stage.logs(), stage.upstream());
    let (http_port, https_port) = (stage.http_port, stage.https_port);
    let file = std::fs::read_to_string(deploy_dir().join("Caddyfile")).expect("Caddyfile");
    let file = replaced(
        &file,
        "{\n\tlog default {\n\t\toutput stderr\n",
        &format!(
            "{{\n\tadmin off\n\thttp_port {http_port}\n\thttps_port {https_port}\n\t\
             storage file_system {root}/caddy-data\n\tlog default {{\n\t\toutput file {logs}/caddy.log\n",
            root = root.display(),
            logs = logs.display()
        ),
    );
    let file = replaced(
        &file,
        "pde.example.org {\n",
        &format!(
            "pde.example.org {{\n\ttls {root}/fullchain.pem {root}/privkey.pem\n",
            root = root.display()
        ),
    );
    let file = replaced(
        &file,
        "reverse_proxy 127.0.0.1:8080",
        &format!("reverse_proxy {upstream}"),
    );
    let file = replaced(
        &file,
        "reverse_proxy 127.0.0.1:8081",
        &format!("reverse_proxy {}", stage.admin_upstream()),
    );
    let file = replaced(&file, "remote_ip 192.0.2.0/24", "remote_ip 127.0.0.3");
    let file = replaced(&file, "/var/log/caddy/", &format!("{}/", logs.display()));
    std::fs::write(root.join("Caddyfile"), file).expect("Caddyfile");
    let caddy = Proxy(
        Command::new("/usr/bin/caddy")
            .args(["run", "--adapter", "caddyfile", "--config"])
            .arg(root.join("Caddyfile"))
            .env("HOME", &root)
            .env("XDG_DATA_HOME", root.join("caddy-data"))
            .env("XDG_CONFIG_HOME", root.join("caddy-config"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(logs.join("caddy-stderr.log")).expect("stderr file"))
            .spawn()
            .expect("caddy starts"),
    );
    wait_for_port(https_port).await;
    let visited = visit_through_the_proxy(&mut stage.server, http_port, https_port).await;
    drop(caddy);

    let (places, access) = stage.logs_written();
    // Caddy's redirect to HTTPS is counted too.
    assert_eq!(
        access.lines().count(),
        visited.answers.len() + 1,
        "{access}"
    );
    assert_eq!(access.matches("\"status\":502").count(), 5, "{access}");
    assert!(access.contains("\"status\":401"), "{access}");
    assert!(
        !access.contains("\"status\":429"),
        "no line for feedback: {access}"
    );
    assert_eq!(
        visited.admin,
        [("outside", 403, false), ("operator", 200, true)],
        "the console's host: the operator's network only"
    );
    visited.assert_absent_from(&places);
}

/// A self-signed certificate for `pde.example.org`: `fullchain.pem` and `privkey.pem` in `dir`.
fn make_certificate(dir: &Path) {
    let certificate = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=pde.example.org",
            "-addext",
            "subjectAltName=DNS:pde.example.org",
            "-keyout",
        ])
        .arg(dir.join("privkey.pem"))
        .arg("-out")
        .arg(dir.join("fullchain.pem"))
        .output()
        .expect("openssl runs");
    assert!(certificate.status.success(), "{certificate:?}");
}

/// Waits until something listens on 127.0.0.1:`port`.
async fn wait_for_port(port: u16) {
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("nothing listens on port {port}");
}

/// What a client at 127.0.0.2 did through a proxy: the ids its paths carried and the answers.
struct Visited {
    ids: Vec<String>,
    answers: Vec<(&'static str, &'static str, u16)>,
    /// The console's host: who asked, the status, whether the console's page came.
    admin: Vec<(&'static str, u16, bool)>,
}

/// A client at `address` that finds both host names at the proxy's `https_port`.
fn client_at(address: Ipv4Addr, https_port: u16) -> reqwest::Client {
    let proxy = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), https_port);
    reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .local_address(IpAddr::V4(address))
        .redirect(reqwest::redirect::Policy::none())
        .resolve("pde.example.org", proxy)
        .resolve("admin.pde.example.org", proxy)
        .build()
        .expect("client")
}

impl Visited {
    /// No log holds the client's address or one of the ids.
    fn assert_absent_from(&self, places: &[(PathBuf, String)]) {
        for (path, text) in places {
            for address in ["127.0.0.2", "127.0.0.3"] {
                assert!(
                    !text.contains(address),
                    "{} holds a client's address:\n{text}",
                    path.display()
                );
            }
            for id in &self.ids {
                assert!(
                    !text.contains(id.as_str()),
                    "{} holds an id of a path:\n{text}",
                    path.display()
                );
            }
        }
    }
}

/// Pages and API routes whose paths and queries carry ids, through the proxy at `https_port`
/// (as `pde.example.org`); then pde-server stops and the same requests fail upstream (502);
/// plain HTTP at `http_port` is redirected.
async fn visit_through_the_proxy(
    server: &mut TestServer,
    http_port: u16,
    https_port: u16,
) -> Visited {
    let client = client_at(Ipv4Addr::new(127, 0, 0, 2), https_port);
    // The console's host: refused to an address outside the operator's network (the shipped
    // example network replaced by 127.0.0.3 for the test), served to one inside it.
    let admin_base = format!("https://admin.pde.example.org:{https_port}");
    let mut admin = Vec::new();
    for (who, from) in [
        ("outside", client.clone()),
        (
            "operator",
            client_at(Ipv4Addr::new(127, 0, 0, 3), https_port),
        ),
    ] {
        let answer = from
            .get(format!("{admin_base}/"))
            .send()
            .await
            .expect("the console's host answers");
        let status = answer.status().as_u16();
        let page = answer.text().await.unwrap_or_default();
        admin.push((who, status, page.contains("admin")));
    }
    let test_id = || {
        use rand::RngCore;
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        hex::encode(bytes)
    };
    let base = format!("https://pde.example.org:{https_port}");
    let mut ids = Vec::new();
    let mut visit = |path: &str| {
        let id = test_id();
        ids.push(id.clone());
        format!("{base}{}", path.replace("ID", &id))
    };
    // Feedback goes through the proxy like any request, and leaves no line in its access log.
    let terms = client
        .get(format!("{base}/api/v1/feedback/terms"))
        .send()
        .await
        .expect("feedback terms");
    assert_eq!(terms.status().as_u16(), 200, "{terms:?}");
    let sent = client
        .post(format!("{base}/api/v1/feedback"))
        .json(&serde_json::json!({ "face": "happy", "language": "fr", "from": "holder" }))
        .send()
        .await
        .expect("feedback");
    assert_eq!(sent.status().as_u16(), 429, "a proof of work is asked");
    let mut answers = Vec::new();
    for round in ["up", "down"] {
        if round == "down" {
            assert!(server.stop(), "pde-server stops");
        }
        for path in [
            "/api/v1/health/ready",
            "/api/v1/documents/ID/content",
            "/g/ID",
            "/api/v1/shared/ID/status?from=ID",
            "/d/ID",
        ] {
            let status = client
                .get(visit(path))
                .send()
                .await
                .expect("an answer")
                .status()
                .as_u16();
            answers.push((round, path, status));
        }
    }
    let redirect = client
        .get(format!(
            "http://pde.example.org:{http_port}/g/{}",
            test_id()
        ))
        .send()
        .await
        .expect("redirect");
    assert!(
        [301, 308].contains(&redirect.status().as_u16()),
        "{redirect:?}"
    );
    assert!(
        answers
            .iter()
            .filter(|(round, _, _)| *round == "down")
            .all(|(_, _, status)| *status == 502),
        "{answers:?}"
    );
    assert!(
        answers
            .iter()
            .any(|(round, path, status)| *round == "up" && *path == "/g/ID" && *status == 200),
        "{answers:?}"
    );
    Visited {
        ids,
        answers,
        admin,
    }
}

/// Whether this process runs as root (from `/proc`, no unsafe call).
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("Uid:"))
                .and_then(|ids| ids.split_whitespace().nth(1).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

/// The Containerfile, read (the test machines have no container runtime to build it): its last
/// user is unprivileged, and every directory the server writes (data, secrets, backups, as its
/// environment sets them) is a volume, so the root file system can be mounted read-only.
#[test]
fn the_containerfile_runs_unprivileged_and_writes_only_to_its_volumes() {
    let text = std::fs::read_to_string(deploy_dir().join("Containerfile")).expect("Containerfile");
    // Instructions, their continuation lines joined.
    let joined = text.replace("\\\n", " ");
    let instructions: Vec<&str> = joined
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    let user = instructions
        .iter()
        .rev()
        .find_map(|line| line.strip_prefix("USER "))
        .expect("a USER instruction");
    let uid = user.split(':').next().unwrap_or_default().trim();
    assert!(
        uid != "0" && uid != "root" && !uid.is_empty(),
        "USER {user}"
    );
    let volumes = instructions
        .iter()
        .find_map(|line| line.strip_prefix("VOLUME "))
        .expect("a VOLUME instruction");
    let environment = instructions
        .iter()
        .find_map(|line| line.strip_prefix("ENV "))
        .expect("an ENV instruction");
    for variable in ["PDE_DATA_DIR", "PDE_SECRETS_DIR", "PDE_BACKUP_DIR"] {
        let value = environment
            .split_whitespace()
            .find_map(|pair| pair.strip_prefix(&format!("{variable}=")))
            .unwrap_or_else(|| panic!("{variable} is set"));
        assert!(
            volumes.contains(&format!("\"{value}\"")),
            "{value} is a volume"
        );
    }
    assert!(instructions
        .iter()
        .any(|line| line.starts_with("ENTRYPOINT [\"/usr/local/bin/pde-server\"]")));
}
