//! The page: what the person sees and touches, on the main thread. It holds no key: every
//! piece of cryptography and every request that needs one goes to the vault worker as a
//! [`crate::protocol`] message, through [`vault_client`].
//!
//! No URL router: the app has one address per kind of visit (`/`, a grant link `/g/…`, a deposit
//! link `/d/…`) and keeps the screen in its state, so the browser's history and address bar never
//! hold where a holder went in their wallet (a public computer's next user could read it).

pub mod app;
pub mod components;
pub mod kiosk;
pub mod managed;
pub mod pages;
pub mod pdf;
pub mod state;
pub mod vault_client;
