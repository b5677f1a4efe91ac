//! PDE's native client (pde-crypto + HTTP) and the harness that runs the real server binary for
//! end-to-end tests.

pub mod browser;
pub mod client;
pub mod harness;
pub mod scan;

pub use client::{
    ClientError, ClientResult, CreateWallet, DeclaredShare, DepositLink, HiddenSlot,
    ListedDocument, OpenWallet, PdeClient, Reqwest, SharedLink,
};
pub use harness::{Backend, LoginCounters, TestServer};

/// A client holding a new test wallet (cheap Argon2) on `server`, opened by `secret`.
pub async fn new_test_wallet(server: &TestServer, secret: &str) -> (PdeClient, OpenWallet) {
    let client = PdeClient::new(&server.base_url);
    let wallet = client
        .create_wallet(CreateWallet {
            secret,
            test_wallet: true,
            ..Default::default()
        })
        .await
        .expect("wallet created");
    (client, wallet)
}
