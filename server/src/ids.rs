//! Typed identifiers, so that a wallet id can't be passed where an upload id is expected.

use std::fmt;

macro_rules! random_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// A new random id (UUID v4).
            pub fn random() -> Self {
                Self(uuid::Uuid::new_v4().simple().to_string())
            }

            /// Parses an id given by a client; `None` if it is not one of ours.
            pub fn parse(text: &str) -> Option<Self> {
                uuid::Uuid::try_parse(text).ok().map(|u| Self(u.simple().to_string()))
            }

            /// Wraps an id read from the database.
            pub fn from_stored(text: String) -> Self {
                Self(text)
            }

            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
    };
}

random_id!(
    /// A wallet's internal id (never shown to people; the wallet number is).
    WalletId
);
/// An upload in progress (an id that goes on the wire, so declared with the others in pde-api).
pub use pde_api::UploadId;

/// The name of a new blob in the blob store (random; never shown to anyone).
pub fn new_blob_key() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}
