//! One module per screen.

pub mod create;
pub mod created;
pub mod document;
pub mod language;
pub mod recover;
pub mod start;
pub mod unlock;
pub mod wallet;
