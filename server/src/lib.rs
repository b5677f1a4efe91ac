//! pde-server: PDE's API. It stores ciphertext only, logs people in with OPAQUE (it never sees a
//! passphrase), and keeps every piece of shared state in the database.
#![forbid(unsafe_code)]

pub mod admin;
pub(crate) mod auth;
pub mod backup;
pub(crate) mod blobs;
pub(crate) mod clock;
pub(crate) mod connections;
pub(crate) mod error;
pub(crate) mod handlers;
pub mod ids;
pub mod inventory;
pub(crate) mod metrics;
pub(crate) mod openapi;
pub mod router;
pub mod secrets;
pub(crate) mod service;
pub mod settings;
pub mod state;
pub mod store;
pub(crate) mod sweeper;
pub(crate) mod transparency;
pub(crate) mod web;

pub use clock::{iso_week_start, month_start};
pub use service::credentials::invite_hash;
pub use service::feedback::FEEDBACK_PROOF_BITS;
pub use service::statistics::figures as statistics_figures;

use std::future::Future;
use std::io::Write;
use std::sync::Arc;

use pde_crypto::opaque::KsfParams;
use tokio::net::TcpListener;

use crate::blobs::Blobs;
use crate::settings::{DatabaseKind, Settings};
use crate::state::{AppState, Inner};
use crate::store::{PostgresStore, SqliteStore, Store};

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    /// Secrets directory problem.
    #[error(transparent)]
    Secrets(#[from] secrets::SecretsError),
    /// Database problem.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The secrets directory holds another server setup than the one the database was made with.
    #[error("the OPAQUE server setup in the secrets directory is not the one this database was made with: restore the secrets directory that belongs to this database from its backup")]
    ForeignSetup,
    /// Blob store problem.
    #[error(transparent)]
    Blobs(#[from] blobs::BlobError),
    /// Network or file problem.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Backup or restore problem.
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
    /// Settings that must not go together.
    #[error("{0}")]
    Settings(String),
}

pub(crate) async fn open_store(settings: &Settings) -> Result<Arc<dyn Store>, LaunchError> {
    let store: Arc<dyn Store> = match settings.database() {
        DatabaseKind::Sqlite(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            Arc::new(SqliteStore::open(&path).await?)
        }
        DatabaseKind::Postgres(url) => Arc::new(PostgresStore::connect(&url).await?),
    };
    store.migrate().await?;
    Ok(store)
}

/// Builds the shared state: secrets, database (migrated), blob store; the administration
/// console's passkey verifier when its origin is given.
pub async fn build_state(
    settings: Settings,
    admin_origin: Option<admin::AdminOrigin>,
) -> Result<AppState, LaunchError> {
    let admin = admin::console_for(admin_origin).map_err(LaunchError::Settings)?;
    let setup = secrets::load_server_setup(&settings.secrets_dir, &settings.data_dir)?;
    let store = open_store(&settings).await?;
    if !store.claim_setup_fingerprint(&setup.fingerprint()).await? {
        return Err(LaunchError::ForeignSetup);
    }
    let blobs = Blobs::local(&settings.data_dir.join("blobs"))?;
    let slot_seed = pde_crypto::hidden::SlotSeed::from_server_setup(&setup);
    let name_keys = pde_crypto::names::NameKeys::from_server_setup(&setup);
    let proof_key = pde_crypto::proof::ProofKey::from_server_setup(&setup);
    let erasure_marks = pde_crypto::erasures::ErasureMarks::from_server_setup(&setup);
    Ok(AppState::new(Inner {
        settings,
        store,
        blobs,
        opaque: Arc::new(setup),
        slot_seed: Arc::new(slot_seed),
        name_keys: Arc::new(name_keys),
        proof_key: Arc::new(proof_key),
        erasure_marks: Arc::new(erasure_marks),
        clock: clock::Clock::default(),
        default_ksf: KsfParams::DEFAULT,
        erased_since_sweep: std::sync::atomic::AtomicBool::new(false),
        readiness: tokio::sync::Mutex::default(),
        admin,
    }))
}

/// Binds `settings.listen` and serves until Ctrl-C or SIGTERM.
pub async fn launch(settings: Settings) -> Result<(), LaunchError> {
    settings.check().map_err(LaunchError::Settings)?;
    let listener = TcpListener::bind(settings.listen).await?;
    launch_with_listener(settings, listener, shutdown_signal()).await
}

/// Serves on `listener` until `shutdown` completes, then finishes the requests in flight.
/// Prints `pde-server listening on http://ADDR` on standard output once ready.
pub async fn launch_with_listener(
    settings: Settings,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), LaunchError> {
    settings.check().map_err(LaunchError::Settings)?;
    // The console's own listener first: its origin (and so its passkeys) may name its port.
    let admin_listener = match settings.admin_address() {
        Some(address) => Some(TcpListener::bind(address).await?),
        None => None,
    };
    let admin_origin = match &admin_listener {
        Some(listener) => Some(
            admin::origin_for(&settings, listener.local_addr()?.port())
                .map_err(LaunchError::Settings)?,
        ),
        None => None,
    };
    let mut settings = settings;
    if settings.public_origin.is_empty() {
        // The slips' links name the port actually bound (`--listen` may say 0).
        settings.public_origin = format!("http://{}", listener.local_addr()?);
    }
    let state = build_state(settings, admin_origin).await?;
    metrics::install();
    let sweeper = tokio::spawn(sweeper::run(state.clone()));
    let address = listener.local_addr()?;
    if let Some(metrics_address) = state.settings.metrics_address() {
        if let Some(bound) = metrics::serve(metrics_address, state.clone()).await {
            tracing::info!(%bound, "metrics");
            writeln!(std::io::stdout(), "pde-server metrics on http://{bound}")?;
        }
    }
    let (stop_admin, admin_stopped) = tokio::sync::oneshot::channel::<()>();
    let admin_server = match admin_listener {
        Some(listener) => {
            let bound = listener.local_addr()?;
            tracing::info!(%bound, "admin console");
            writeln!(
                std::io::stdout(),
                "pde-server admin console on http://{bound}"
            )?;
            let limits = connections::ConnectionLimits {
                max_connections: 64,
                header_timeout: std::time::Duration::from_secs(
                    state.settings.header_timeout_seconds,
                ),
            };
            Some(tokio::spawn(connections::serve(
                listener,
                admin::router(state.clone()),
                limits,
                async move {
                    let _ = admin_stopped.await;
                },
            )))
        }
        None => None,
    };
    tracing::info!(%address, "listening");
    let mut stdout = std::io::stdout();
    writeln!(stdout, "pde-server listening on http://{address}")?;
    stdout.flush()?;
    let limits = connections::ConnectionLimits {
        max_connections: state.settings.max_connections,
        header_timeout: std::time::Duration::from_secs(state.settings.header_timeout_seconds),
    };
    let store = Arc::clone(&state.store);
    connections::serve(listener, router::router(state), limits, shutdown).await;
    let _ = stop_admin.send(());
    if let Some(admin_server) = admin_server {
        let _ = admin_server.await;
    }
    sweeper.abort();
    // The sweeper may be in the middle of a statement: it ends before the store closes.
    let _ = sweeper.await;
    if let Err(error) = store.close().await {
        tracing::warn!(%error, "the database did not close cleanly");
    }
    tracing::info!("stopped");
    Ok(())
}

/// Creates an invitation code usable `uses` times within `days` days; returns the code to hand
/// out (only its hash is stored).
pub async fn create_invite(
    settings: &Settings,
    uses: i64,
    days: i64,
) -> Result<String, LaunchError> {
    let store = open_store(settings).await?;
    let code = service::credentials::new_invite_code();
    let now = clock::Clock::default().now();
    store
        .create_invite(
            &service::credentials::invite_hash(&code),
            uses,
            now + days * 86_400,
            now,
        )
        .await?;
    Ok(code)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
