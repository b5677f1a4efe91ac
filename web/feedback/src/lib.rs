//! # pde-feedback
//!
//! The "Your opinion" form: three faces, a few optional words, and what happens to them (the
//! Paradigm team reads them; only the day is kept; they are erased after some months). Holders
//! reach it from the top bar of any screen (the management module draws it), social workers from
//! a grant link's page. It is sent by `pde-client` over a transport that carries no cookie
//! (`credentials: 'omit'`), and words that look like a name or a number are refused here, before
//! anything is sent, by the same rule the server applies (`pde_api::feedback::check_comment`).
//!
//! Its words are its own (`web/feedback/locales/`): nothing of it is in the holders' bundle.
#![forbid(unsafe_code)]

pub mod texts;

#[cfg(target_arch = "wasm32")]
mod form;
#[cfg(target_arch = "wasm32")]
pub use form::FeedbackForm;
