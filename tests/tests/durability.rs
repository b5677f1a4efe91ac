//! Checks, with strace, that a document's blob is durable before its row commits: the blob is
//! written to a temporary name, fsynced, renamed into place, its directory fsynced, and only then
//! does SQLite sync its write-ahead log for the commit.

use pde_crypto::metadata::Category;
use pde_tests::{Backend, OpenWallet, PdeClient, TestServer};

const SECRET: &str = "correct horse battery staple";

/// A client with a new test wallet on `server`.
async fn new_wallet(server: &TestServer) -> (PdeClient, OpenWallet) {
    pde_tests::new_test_wallet(server, SECRET).await
}

#[tokio::test]
async fn blob_is_fsynced_and_renamed_before_the_row_commits() {
    let strace = std::process::Command::new("strace").arg("-V").output();
    assert!(
        strace.is_ok_and(|o| o.status.success()),
        "strace is needed for this test; `cargo xtask test` installs it"
    );
    let server = TestServer::start(Backend::Sqlite).await;
    let (client, wallet) = new_wallet(&server).await;

    // Attach to every thread of the running server (new ones are followed with -f). Attaching,
    // rather than starting the server under strace, lets the server die with the test.
    let pid = server.pid().expect("running");
    let trace_dir = tempfile::tempdir().expect("tempdir");
    let trace = trace_dir.path().join("trace");
    let mut command = std::process::Command::new("strace");
    command
        .args([
            "-f",
            "-y",
            "-qq",
            "-e",
            "trace=fsync,fdatasync,rename,renameat,renameat2",
            "-o",
        ])
        .arg(&trace);
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .expect("threads")
        .flatten()
    {
        command.arg("-p").arg(task.file_name());
    }
    let mut tracer = command.spawn().expect("strace starts");
    // Attached once a database write shows in the trace.
    let mut attached = false;
    for _ in 0..100 {
        client.logout().await.ok();
        client.login(&wallet.number, SECRET).await.expect("login");
        if std::fs::read_to_string(&trace).is_ok_and(|t| t.contains("pde.sqlite")) {
            attached = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(attached, "strace did not attach");
    client
        .upload(
            &wallet,
            "durable.bin",
            "application/octet-stream",
            Category::Other,
            &vec![7u8; 2_500_000],
        )
        .await
        .expect("upload");
    drop(server);
    let _ = tracer.wait();

    let text = std::fs::read_to_string(&trace).expect("trace");
    let lines: Vec<&str> = text.lines().collect();
    let rename_at = lines
        .iter()
        .position(|l| l.contains("rename") && l.contains("/blobs/documents/"))
        .unwrap_or_else(|| panic!("no rename into blobs/documents in the trace:\n{text}"));
    let renamed = lines[rename_at];
    // The temporary file ("<key>#<n>") was fsynced before the rename.
    let temp_synced = lines[..rename_at]
        .iter()
        .any(|l| l.contains("fsync(") && l.contains("/blobs/documents/") && l.contains('#'));
    assert!(
        temp_synced,
        "the temporary blob was not fsynced before `{renamed}`"
    );
    // Its directory was fsynced after the rename.
    let dir_synced_at = lines[rename_at..]
        .iter()
        .position(|l| l.contains("fsync(") && l.contains("/blobs/documents>"))
        .map(|i| i + rename_at)
        .unwrap_or_else(|| panic!("the documents directory was not fsynced after `{renamed}`"));
    // The SQLite commit (a sync of the WAL) comes after the directory sync.
    let commit_after = lines[dir_synced_at..].iter().any(|l| {
        (l.contains("fsync(") || l.contains("fdatasync(")) && l.contains("pde.sqlite-wal")
    });
    assert!(commit_after, "no WAL sync after the blob became durable");
}

/// SIGTERM: the requests in flight finish, then the write-ahead log goes back into the database
/// file and is removed, so `pde.sqlite` alone holds every committed row (a copy of that one
/// file is whole). Before, the file stayed a few KiB with the rows in `pde.sqlite-wal`.
#[tokio::test]
async fn a_clean_shutdown_leaves_everything_in_the_database_file() {
    let mut server = TestServer::start(Backend::Sqlite).await;
    let (client, wallet) = new_wallet(&server).await;
    for n in 0..12 {
        client
            .upload(
                &wallet,
                &format!("page-{n}.pdf"),
                "application/pdf",
                Category::Other,
                b"%PDF-1.4 a page",
            )
            .await
            .expect("upload");
    }
    let database = server.data_dir().join("pde.sqlite");
    let log = server.data_dir().join("pde.sqlite-wal");
    let log_size = || std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
    assert!(
        log_size() > 0,
        "while it runs, the latest writes are in the log"
    );
    assert!(server.stop(), "SIGTERM ends the server by itself");
    assert_eq!(log_size(), 0, "the log was written back and emptied");

    let copy = tempfile::tempdir().expect("dir");
    let alone = copy.path().join("pde.sqlite");
    std::fs::copy(&database, &alone).expect("copy");
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&alone)
        .read_only(true);
    let pool = sqlx::SqlitePool::connect_with(options)
        .await
        .expect("the copy opens");
    let (documents,): (i64,) = sqlx::query_as("SELECT count(*) FROM documents")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(documents, 12, "every document's row is in the file alone");
    pool.close().await;
}
