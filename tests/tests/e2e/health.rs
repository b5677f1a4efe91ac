//! Health: liveness and readiness for operators, saying nothing but their status in public.

use super::*;

/// `GET path` on `server`: its status and its body.
async fn status_of(server: &TestServer, path: &str) -> (u16, String) {
    let response = reqwest::get(format!("{}/api/v1{path}", server.base_url))
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// Live and ready on a working server, bodies empty; not ready while the blob store can't take
/// a write (even root can't write under a file where a directory should be) or the secrets
/// are gone from their directory, ready again once they are back — live all along. A verdict
/// is reused for a few seconds, so each change is looked at after the clock moves on.
pub(crate) async fn health_answers_live_and_ready_and_nothing_more(backend: Backend) {
    let server = TestServer::start(backend).await;
    assert_eq!(
        status_of(&server, "/health/live").await,
        (200, String::new())
    );
    assert_eq!(
        status_of(&server, "/health/ready").await,
        (200, String::new())
    );

    // The probe's directory, left by the first check, becomes a file.
    let blocker = server.data_dir().join("blobs").join("health");
    let _ = std::fs::remove_dir_all(&blocker);
    std::fs::write(&blocker, b"not a directory").expect("blocker");
    server.advance_clock(10).await;
    assert_eq!(
        status_of(&server, "/health/ready").await,
        (503, String::new())
    );
    assert_eq!(status_of(&server, "/health/live").await.0, 200);
    std::fs::remove_file(&blocker).expect("unblock");
    server.advance_clock(10).await;
    assert_eq!(status_of(&server, "/health/ready").await.0, 200);

    let setup = server.secrets_dir().join("opaque-server-setup.bin");
    let kept = server.secrets_dir().with_extension("kept");
    std::fs::rename(&setup, &kept).expect("secrets away");
    server.advance_clock(10).await;
    assert_eq!(status_of(&server, "/health/ready").await.0, 503);
    std::fs::rename(&kept, &setup).expect("secrets back");
    server.advance_clock(10).await;
    assert_eq!(status_of(&server, "/health/ready").await.0, 200);
}

/// Not ready when the data directory's disk has less room than asked (here more than any
/// disk has); live all the same.
pub(crate) async fn readiness_asks_for_free_disk_space(backend: Backend) {
    let server = TestServer::start_with(backend, &["--min-free-disk-mib", "1000000000"]).await;
    assert_eq!(
        status_of(&server, "/health/ready").await,
        (503, String::new())
    );
    assert_eq!(status_of(&server, "/health/live").await.0, 200);
}

on_both_backends!(
    health_answers_live_and_ready_and_nothing_more,
    readiness_asks_for_free_disk_space,
);
