//! End-to-end tests: the real server binary on 127.0.0.1, the native client, SQLite and
//! PostgreSQL. Every scenario runs against both backends.

use pde_api::ErrorCode;
use pde_crypto::document::DocumentId;
use pde_crypto::metadata::Category;
use pde_crypto::wallet::{self, RecoveryKey, UnlockMethod, WrappedWalletKey};
use pde_tests::scan::{files_under, find_canary};
use pde_tests::{Backend, ClientError, CreateWallet, PdeClient, TestServer};
use rand::RngCore;

const SECRET: &str = "correct horse battery staple";

/// The secret chosen when the first one is forgotten.
const NEW_SECRET: &str = "a brand new passphrase 2026";

fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes
}

async fn new_wallet(server: &TestServer) -> (PdeClient, pde_tests::OpenWallet) {
    pde_tests::new_test_wallet(server, SECRET).await
}

/// Runs each scenario against both backends.
macro_rules! on_both_backends {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $scenario() { super::$scenario(pde_tests::Backend::Sqlite).await }) *
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $scenario() { super::$scenario(pde_tests::Backend::Postgres).await }) *
        }
    };
}

/// The written recovery key of a wallet just created.
fn sheet(wallet: &pde_tests::OpenWallet) -> String {
    wallet
        .recovery_key
        .as_ref()
        .expect("a recovery key is made at creation")
        .to_display()
        .to_string()
}

/// The HTTP status and the code of a refusal: the one way these tests look at a server's "no"
/// (0 and `Unknown` when it was not one).
fn refusal(err: &ClientError) -> (u16, ErrorCode) {
    (
        err.status().unwrap_or(0),
        err.code().unwrap_or(ErrorCode::Unknown),
    )
}

/// The same link with another secret (so a wrong access token).
struct DepositLinkForTest;

impl DepositLinkForTest {
    fn wrong(link: &pde_tests::DepositLink) -> pde_tests::DepositLink {
        pde_tests::DepositLink {
            deposit_id: link.deposit_id.clone(),
            fragment: pde_crypto::deposit::DepositSecret::generate().to_fragment(),
        }
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A wallet with a hidden part opened by `hidden`, its hidden counter cleared by the holder's
/// own hidden login; and a client in its everyday part, as whoever forced the everyday secret.
async fn wallet_with_hidden_part(
    server: &TestServer,
    hidden: &str,
) -> (PdeClient, pde_tests::OpenWallet) {
    let (holder, wallet) = new_wallet(server).await;
    holder
        .create_hidden_part(&wallet.number, hidden)
        .await
        .expect("hidden part set up");
    PdeClient::new(&server.base_url)
        .login_hidden(&wallet.number, hidden)
        .await
        .expect("the holder opens the hidden part");
    let forced = PdeClient::new(&server.base_url);
    forced
        .login(&wallet.number, SECRET)
        .await
        .expect("everyday login");
    (forced, wallet)
}

mod deposits;
mod documents;
mod erase;
mod feedback;
mod grants;
mod health;
mod hidden;
mod logins;
mod recovery;
mod retention;
mod secret;
mod sheets;
mod time_lock;
mod wallets;
