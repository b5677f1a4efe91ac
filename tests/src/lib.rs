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
