//! Deposit links: the holder makes, lists and stops them; a social worker reads one and sends
//! documents through it (see [`crate::Destination::Drop`]).

use pde_api::endpoints;
use pde_api::DepositId;
use pde_api::{DepositAccess, DepositCreateRequest, DepositCreated, DepositStatus, DepositSummary};
use pde_crypto::deposit::DepositSecret;
use pde_crypto::document;
use pde_crypto::record::{self, RecordKind};
use pde_crypto::wallet::WalletRecipient;
use zeroize::Zeroizing;

use crate::{Client, ClientError, ClientResult, KeyRing, LinkFragment, Transport};

/// A deposit link as the holder sees it, its private label opened (empty when it fails its
/// check).
pub struct DepositLabel {
    /// What the server lists.
    pub summary: DepositSummary,
    /// The holder's label.
    pub label: String,
}

/// A deposit link the worker read, with the holder's key checked against the link's secret.
/// No `Debug`.
pub struct DropLink {
    /// The link's id.
    pub deposit_id: DepositId,
    /// Its access token (sent as bearer with each part).
    pub token: Zeroizing<String>,
    /// The key the documents are sealed to, checked.
    pub recipient: WalletRecipient,
}

impl<T: Transport> Client<T> {
    /// Makes a deposit link: only the hash of its access token, the link's own public key and
    /// its check go to the server; the label is sealed to the wallet. Returns the link and its
    /// secret (for the fragment).
    pub async fn create_deposit(
        &self,
        keys: &impl KeyRing,
        label: &str,
        expires_in_seconds: u64,
        max_files: u32,
    ) -> ClientResult<(DepositCreated, DepositSecret)> {
        let secret = DepositSecret::generate();
        let request = keys.with_key(|key| {
            DepositCreateRequest::new(key, &secret, label.trim(), expires_in_seconds, max_files)
        })??;
        let created = self.call(endpoints::CREATE_DEPOSIT, &[], &request).await?;
        Ok((created, secret))
    }

    /// The holder's deposit links with their labels opened.
    pub async fn deposits(&self, keys: &impl KeyRing) -> ClientResult<Vec<DepositLabel>> {
        let list = self.get(endpoints::DEPOSITS, &[]).await?;
        keys.with_key(|key| {
            list.deposits
                .into_iter()
                .map(|summary| {
                    let mut plain = Vec::new();
                    let label =
                        record::verify(key, RecordKind::DepositLabel, b"", &summary.label.0)
                            .and_then(|sealed| document::open_document(key, sealed, &mut plain))
                            .ok()
                            .and_then(|_| String::from_utf8(plain).ok())
                            .unwrap_or_default();
                    DepositLabel { summary, label }
                })
                .collect()
        })
    }

    /// Stops a deposit link.
    pub async fn revoke_deposit(&self, deposit_id: &DepositId) -> ClientResult<()> {
        if !deposit_id.is_well_formed() {
            return Err(ClientError::BadLink);
        }
        self.act(endpoints::REVOKE_DEPOSIT, &[deposit_id.as_str()])
            .await
    }

    /// Reads a deposit link (`fragment` as it carries it, `<secret>[.<lang>]`): its state and the
    /// holder's key, checked against the link's secret before anything is sealed to it (a server
    /// can't swap in its own: [`pde_crypto::CryptoError`] then).
    pub async fn read_drop_link(
        &self,
        deposit_id: &str,
        fragment: &str,
    ) -> ClientResult<(DepositStatus, DropLink)> {
        let deposit_id = DepositId::from_text(deposit_id);
        if !deposit_id.is_well_formed() {
            return Err(ClientError::BadLink);
        }
        let secret = DepositSecret::from_fragment(LinkFragment::parse(fragment).secret())
            .map_err(|_| ClientError::BadLink)?;
        let token = Zeroizing::new(secret.access_token().to_text());
        let status = self
            .call(
                endpoints::DROP_STATUS,
                &[deposit_id.as_str()],
                &DepositAccess {
                    access_token: token.to_string(),
                },
            )
            .await?;
        let recipient = secret.verify_recipient(&status.recipient, &status.recipient_check.0)?;
        Ok((
            status,
            DropLink {
                deposit_id,
                token,
                recipient,
            },
        ))
    }
}
