//! Backups that restore without undoing anyone's security actions: `pde-server backup` while the
//! server works, `pde-server restore` into an empty directory, and the grace period that keeps a
//! deleted blob for a backup in progress.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use age::secrecy::ExposeSecret;
use pde_crypto::document::DocumentId;
use pde_crypto::metadata::Category;
use pde_tests::scan::files_under;
use pde_tests::{Backend, OpenWallet, PdeClient, TestServer};
use rand::RngCore;

const SECRET: &str = "correct horse battery staple";

fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes
}

async fn new_wallet(server: &TestServer) -> (PdeClient, OpenWallet) {
    pde_tests::new_test_wallet(server, SECRET).await
}

/// The operator's age key pair: the recipient the server encrypts to, the identity file kept
/// elsewhere until a restore.
struct Operator {
    recipient: String,
    identity_file: PathBuf,
    dir: tempfile::TempDir,
}

fn operator() -> Operator {
    let identity = age::x25519::Identity::generate();
    let dir = tempfile::tempdir().expect("temp dir");
    let identity_file = dir.path().join("operator.key");
    std::fs::write(
        &identity_file,
        format!(
            "# the operator's backup key\n{}\n",
            identity.to_string().expose_secret()
        ),
    )
    .expect("identity file");
    Operator {
        recipient: identity.to_public().to_string(),
        identity_file,
        dir,
    }
}

/// Runs a server subcommand off the async runtime.
async fn run(mut command: Command) -> Output {
    tokio::task::spawn_blocking(move || command.output().expect("pde-server runs"))
        .await
        .expect("joined")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Uploads `count` documents of `size` random bytes; returns each id with its content.
async fn add_documents(
    client: &PdeClient,
    wallet: &OpenWallet,
    count: usize,
    size: usize,
) -> Vec<(DocumentId, Vec<u8>)> {
    let mut added = Vec::new();
    for n in 0..count {
        let content = random_bytes(size);
        let id = client
            .upload(
                wallet,
                &format!("page-{n}.bin"),
                "application/octet-stream",
                Category::Other,
                &content,
            )
            .await
            .expect("upload");
        added.push((id, content));
    }
    added
}

/// Every blob the database's rows point to, and every blob file present.
async fn blobs_of(server: &TestServer) -> (Vec<String>, Vec<String>) {
    let mut referenced = server
        .open_store()
        .await
        .referenced_blobs()
        .await
        .expect("blob keys");
    let mut present: Vec<String> = files_under(&server.data_dir().join("blobs/documents"))
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    referenced.sort();
    present.sort();
    (referenced, present)
}

/// The contents a listing holds, by id, each downloaded and decrypted.
async fn contents(client: &PdeClient, wallet: &OpenWallet) -> HashMap<DocumentId, Vec<u8>> {
    let mut found = HashMap::new();
    for listed in client.list(wallet).await.expect("list") {
        let bytes = client
            .download(wallet, &listed.id)
            .await
            .expect("every listed document opens");
        found.insert(listed.id, bytes.to_vec());
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_a_backup_taken_while_the_server_works_restores_without_undoing_security_actions()
{
    a_backup_taken_while_the_server_works_restores_without_undoing_security_actions(
        Backend::Sqlite,
    )
    .await;
}

/// The same on PostgreSQL: `pg_dump` and `pg_restore` run by the same commands.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_a_backup_taken_while_the_server_works_restores_without_undoing_security_actions(
) {
    a_backup_taken_while_the_server_works_restores_without_undoing_security_actions(
        Backend::Postgres,
    )
    .await;
}

async fn a_backup_taken_while_the_server_works_restores_without_undoing_security_actions(
    backend: Backend,
) {
    let mut server = TestServer::start(backend).await;
    let operator = operator();

    // Without a recipient, nothing is written unencrypted.
    let refused = run({
        let mut command = server.command();
        command.env_remove("PDE_BACKUP_RECIPIENT").arg("backup");
        command
    })
    .await;
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("no backup recipient"),
        "{}",
        text(&refused)
    );
    assert!(files_under(&server.backup_dir()).is_empty());

    // The secrets have their own copy, apart from the data and its backups.
    let secrets_copy = operator.dir.path().join("secrets.age");
    let misplaced = run({
        let mut command = server.command();
        command
            .env("PDE_BACKUP_RECIPIENT", &operator.recipient)
            .arg("backup-secrets")
            .arg("--to")
            .arg(server.backup_dir().join("secrets.age"));
        command
    })
    .await;
    assert!(!misplaced.status.success());
    assert!(
        text(&misplaced).contains("keep the copy of the secrets apart"),
        "{}",
        text(&misplaced)
    );
    let copied = run({
        let mut command = server.command();
        command
            .env("PDE_BACKUP_RECIPIENT", &operator.recipient)
            .arg("backup-secrets")
            .arg("--to")
            .arg(&secrets_copy);
        command
    })
    .await;
    assert!(copied.status.success(), "{}", text(&copied));
    assert!(std::fs::read(&secrets_copy)
        .expect("copy")
        .starts_with(b"age-encryption.org/v1"));

    // A keeps adding documents during the backup, C deletes some, B ends its wallet, E ends its
    // wallet once the backup is over; A's link is revoked during the backup.
    let (a, wallet_a) = new_wallet(&server).await;
    let (c, wallet_c) = new_wallet(&server).await;
    let (b, wallet_b) = new_wallet(&server).await;
    let (e, wallet_e) = new_wallet(&server).await;
    let before_a = add_documents(&a, &wallet_a, 24, 256 * 1024).await;
    let before_c = add_documents(&c, &wallet_c, 8, 64 * 1024).await;
    add_documents(&b, &wallet_b, 3, 64 * 1024).await;
    add_documents(&e, &wallet_e, 2, 64 * 1024).await;
    let shared = a
        .share(
            &wallet_a,
            &[("note.txt", "text/plain", b"for the CPAS")],
            None,
            3600,
            None,
        )
        .await
        .expect("share");
    let kept_link = a
        .share(
            &wallet_a,
            &[("id.txt", "text/plain", b"identity card")],
            None,
            3600,
            None,
        )
        .await
        .expect("share");
    let deposit = a
        .create_deposit(&wallet_a, "day centre", 3600, 5)
        .await
        .expect("deposit link");

    let backup = tokio::spawn(run({
        let mut command = server.command();
        command
            .env("PDE_BACKUP_RECIPIENT", &operator.recipient)
            .arg("backup");
        command
    }));
    let adder = PdeClient::new(&server.base_url);
    let adder_wallet = adder.login(&wallet_a.number, SECRET).await.expect("login");
    let deleted: Vec<DocumentId> = before_c.iter().take(4).map(|(id, _)| *id).collect();
    // While the backup runs: documents added, deleted, a wallet ended, a link revoked.
    let (during_a, ()) = tokio::join!(add_documents(&adder, &adder_wallet, 6, 128 * 1024), async {
        for id in &deleted {
            c.delete(id).await.expect("delete");
        }
        b.erase_wallet(&wallet_b.number, SECRET)
            .await
            .expect("erasure during the backup");
        a.revoke(&shared.grant_id).await.expect("revocation");
    });
    let backup = backup.await.expect("joined");
    assert!(backup.status.success(), "backup: {}", text(&backup));
    assert!(
        text(&backup).contains("backup written"),
        "{}",
        text(&backup)
    );
    e.erase_wallet(&wallet_e.number, SECRET)
        .await
        .expect("erasure after the backup");

    // One archive, encrypted: no SQLite header, no blob name in clear.
    let archives: Vec<PathBuf> = files_under(&server.backup_dir())
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tar.age"))
        .collect();
    assert_eq!(archives.len(), 1, "{archives:?}");
    let sealed = std::fs::read(&archives[0]).expect("archive");
    assert!(sealed.starts_with(b"age-encryption.org/v1"));
    assert!(!sealed.windows(15).any(|w| w == b"SQLite format 3"));
    assert!(!sealed.windows(5).any(|w| w == b"PGDMP"));
    assert!(!sealed.windows(15).any(|w| w == b"blobs/documents"));
    assert!(server.stop(), "clean stop");

    // Without the secrets directory, the restore is refused, clearly, and writes nothing.
    let mut restored = TestServer::unstarted(backend).await;
    let restore = |target: &TestServer| {
        let mut command = target.command();
        command
            .arg("restore")
            .arg("--from")
            .arg(server.backup_dir())
            .arg("--identity")
            .arg(&operator.identity_file);
        command
    };
    let refused = run(restore(&restored)).await;
    assert!(!refused.status.success());
    let said = text(&refused);
    assert!(
        said.contains("restore refused: no OPAQUE server setup")
            && said.contains("needs this server's secrets directory"),
        "{said}"
    );
    assert!(
        files_under(&restored.data_dir()).is_empty(),
        "nothing written"
    );

    // With the secrets, restored from their own copy (once: never over a setup).
    let put_back = || {
        let mut command = restored.command();
        command
            .arg("restore-secrets")
            .arg("--from")
            .arg(&secrets_copy)
            .arg("--identity")
            .arg(&operator.identity_file);
        command
    };
    let back = run(put_back()).await;
    assert!(back.status.success(), "{}", text(&back));
    let again = run(put_back()).await;
    assert!(!again.status.success());
    assert!(
        text(&again).contains("already holds a server setup"),
        "{}",
        text(&again)
    );
    let done = run(restore(&restored)).await;
    assert!(done.status.success(), "restore: {}", text(&done));
    // E's erasure at least (B's too when it came after the database copy) is made again.
    assert!(
        text(&done).contains("erasures made since applied again")
            && !text(&done).contains(" 0 erasures made since"),
        "{}",
        text(&done)
    );
    // A second restore over it is refused: a restore never overwrites data.
    let again = run(restore(&restored)).await;
    assert!(!again.status.success());
    assert!(
        text(&again).contains("already holds data"),
        "{}",
        text(&again)
    );

    // Every referenced blob exists, and no blob is left without its row (the erased wallets').
    let (referenced, present) = blobs_of(&restored).await;
    assert_eq!(referenced, present);
    assert!(!referenced.is_empty());

    restored.start_again();
    let a = PdeClient::new(&restored.base_url);
    let opened = a.login(&wallet_a.number, SECRET).await.expect("A opens");
    assert!(opened.restored_from.is_some(), "the holder is told once");
    // Every document acknowledged before the backup opens byte for byte; one added during the
    // backup is there whole or not at all.
    let found = contents(&a, &opened).await;
    for (id, content) in &before_a {
        assert_eq!(found.get(id), Some(content), "an acknowledged document");
    }
    let during: HashMap<_, _> = during_a.into_iter().collect();
    for (id, bytes) in &found {
        let expected = before_a
            .iter()
            .find(|(known, _)| known == id)
            .map(|(_, content)| content)
            .or_else(|| during.get(id));
        assert_eq!(
            expected,
            Some(bytes),
            "a listed document is one that was sent"
        );
    }
    a.logout().await.expect("logout");
    let again = a.login(&wallet_a.number, SECRET).await.expect("A opens");
    assert_eq!(again.restored_from, None, "the notice is shown once");

    let c = PdeClient::new(&restored.base_url);
    let opened_c = c.login(&wallet_c.number, SECRET).await.expect("C opens");
    let found_c = contents(&c, &opened_c).await;
    for (id, content) in &before_c {
        match found_c.get(id) {
            Some(bytes) => assert_eq!(bytes, content),
            // Deleted during the backup: gone or whole.
            None => assert!(deleted.contains(id), "a kept document is there"),
        }
    }

    // Both ended wallets are gone: B's (during the backup) and E's (after it, from the journal).
    for number in [&wallet_b.number, &wallet_e.number] {
        assert!(
            PdeClient::new(&restored.base_url)
                .login(number, SECRET)
                .await
                .is_err(),
            "an ended wallet stays ended"
        );
    }

    // Every link is refused: the one revoked during the backup, and the others too.
    let worker = PdeClient::new(&restored.base_url);
    for link in [&shared, &kept_link] {
        let refused = worker.open_shared(link, None).await.expect_err("refused");
        assert_eq!(refused.status(), Some(410), "{refused}");
    }
    assert_eq!(
        worker
            .deposit_status(&deposit)
            .await
            .expect("the link's page")
            .state,
        pde_api::DepositState::Revoked
    );
}

/// A deleted document's blob stays through the sweeps of the grace period (a backup running
/// then still finds it), and goes after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_blob_is_kept_for_the_grace_period_then_removed() {
    let server = TestServer::start_with(Backend::Sqlite, &["--sweep-interval-seconds", "1"]).await;
    let (client, wallet) = new_wallet(&server).await;
    let documents = server.data_dir().join("blobs/documents");
    let added = add_documents(&client, &wallet, 1, 1000).await;
    assert_eq!(files_under(&documents).len(), 1);
    client.delete(&added[0].0).await.expect("delete");

    let sweeps = || async {
        let text = reqwest::get(format!("{}/metrics", server.metrics_url))
            .await
            .expect("metrics")
            .text()
            .await
            .expect("text");
        text.lines()
            .find_map(|line| line.strip_prefix("pde_sweeps_total{result=\"ok\"} "))
            .and_then(|n| n.trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    let before = sweeps().await;
    while sweeps().await < before + 3 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(
        files_under(&documents).len(),
        1,
        "kept through the grace period"
    );

    server.advance_clock(24 * 3600 + 1).await;
    let mut removed = false;
    for _ in 0..100 {
        if files_under(&documents).is_empty() {
            removed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(removed, "deleted after the grace period");
}
