//! One module per screen.

pub mod create;
pub mod created;
pub mod deposit;
pub mod document;
pub mod language;
pub mod meeting;
pub mod share;
pub mod social_worker;
pub mod start;
pub mod unlock;
pub mod wallet;
