//! The ids the server hands out and clients send back: one type each, so a login's id can't go
//! where a grant's is expected. The server mints them ([`GrantId::random`] and the like: 16
//! random bytes in hex); what a client sends is kept as sent and only ever looked up.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! wire_id {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name(String);

        impl $name {
            /// A new id: 16 random bytes, in hex.
            pub fn random() -> Self {
                Self(random_hex())
            }

            /// The id as written (received from a client, or read from the database).
            pub fn from_text(text: impl Into<String>) -> Self {
                Self(text.into())
            }

            /// An id a client gave in a path, if it has the form the server gives ids.
            pub fn parse(text: &str) -> Option<Self> {
                let id = Self(text.to_ascii_lowercase());
                id.is_well_formed().then_some(id)
            }

            /// Whether it has the form the server gives ids (32 hex digits): anything else
            /// never goes into a request's path.
            pub fn is_well_formed(&self) -> bool {
                self.0.len() == 32 && self.0.bytes().all(|b| b.is_ascii_hexdigit())
            }

            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        /// As read back from storage (where only minted or looked-up ids are written).
        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
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
    )*};
}

wire_id! {
    /// A registration between its two messages (a new wallet or a hidden part).
    RegistrationId;
    /// A recovery between its two messages.
    RecoveryId;
    /// A login between its two messages.
    LoginId;
    /// A counted hidden attempt, used up by the next hidden request.
    AttemptId;
    /// An upload in progress.
    UploadId;
    /// A grant link (its path).
    GrantId;
    /// A deposit link (its path).
    DepositId;
}

fn random_hex() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minted_ids_are_well_formed_and_differ() {
        let (a, b) = (GrantId::random(), GrantId::random());
        assert!(a.is_well_formed() && b.is_well_formed());
        assert_ne!(a, b);
        assert!(!GrantId::from_text("../admin").is_well_formed());
        assert!(!GrantId::from_text("").is_well_formed());
    }

    #[test]
    fn an_id_is_a_plain_string_on_the_wire() {
        let id = LoginId::from_text("00112233445566778899aabbccddeeff");
        let json = serde_json::to_string(&id).unwrap_or_default();
        assert_eq!(json, "\"00112233445566778899aabbccddeeff\"");
        let back: LoginId = serde_json::from_str(&json).unwrap_or_else(|_| LoginId::random());
        assert_eq!(back, id);
    }
}
