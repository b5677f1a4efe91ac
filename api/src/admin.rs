//! The administration API (feature `admin`): what the admin console and the server say to each
//! other on the admin origin, never on the holders'. Nothing here carries a document, a wallet or
//! any per-wallet identifier: administrators run the test phase without them.
//!
//! Passkeys are WebAuthn credentials; the ceremony messages are `webauthn-rs-proto`'s types
//! (what `webauthn-rs` on the server makes and checks), passed through untouched.

use serde::{Deserialize, Serialize};
pub use webauthn_rs_proto::{
    CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse,
};

use crate::endpoints::{CsvText, Endpoint, Method, NoBody};
use crate::routes::admin as routes;

/// Where the administration API lives on the admin origin.
pub const ADMIN_API_PREFIX: &str = "/admin-api/v1";

/// Longest name of an administrator or label of a passkey, in characters.
pub const MAX_ADMIN_NAME_CHARS: usize = 60;

/// A stable reason for an admin API error (on the wire, its `snake_case` name; a name this
/// version does not know reads as `Unknown`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminErrorCode {
    /// The request did not come from the admin console's own origin.
    WrongOrigin,
    /// No admin session (or it ended).
    NotSignedIn,
    /// The enrolment link is unknown, used or expired.
    EnrolmentLinkInvalid,
    /// The passkey ceremony is unknown, used or expired: start again.
    CeremonyInvalid,
    /// The browser's passkey answer was refused.
    PasskeyRefused,
    /// This administrator is not (or no longer) active.
    AdminInactive,
    /// No active administrator has a passkey yet.
    NoAdministrators,
    /// Adding or removing a passkey needs a fresh confirmation with a passkey.
    FreshAssertionNeeded,
    /// The last passkey of an administrator can't be removed.
    LastPasskey,
    /// The role does not allow it (observers read only).
    NotAllowed,
    /// No such thing.
    NotFound,
    /// A field is missing, too long or malformed.
    InvalidFields,
    /// Too many passkey ceremonies are under way: try again in a few minutes.
    TooManyCeremonies,
    /// Many logins are under way: this one must carry a solved challenge
    /// ([`AdminError::proof_of_work`]), then goes again.
    ProofOfWorkRequired,
    /// Something failed on the server.
    InternalError,
    /// A code this version does not know.
    #[serde(other)]
    Unknown,
}

impl AdminErrorCode {
    /// The HTTP status of an answer with this code.
    pub fn status(self) -> u16 {
        match self {
            Self::WrongOrigin | Self::AdminInactive | Self::NotAllowed => 403,
            Self::NotSignedIn | Self::PasskeyRefused => 401,
            Self::EnrolmentLinkInvalid | Self::CeremonyInvalid => 410,
            Self::NoAdministrators | Self::FreshAssertionNeeded | Self::LastPasskey => 409,
            Self::NotFound => 404,
            Self::InvalidFields => 422,
            Self::TooManyCeremonies | Self::ProofOfWorkRequired => 429,
            Self::InternalError | Self::Unknown => 500,
        }
    }
}

/// An admin API error: its code and a plain English message.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminError {
    /// Stable code.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub code: AdminErrorCode,
    /// A sentence a person understands (the console shows its own translation of `code`).
    pub message: String,
    /// The challenge to solve, with `proof_of_work_required` answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_of_work: Option<AdminProofOfWork>,
}

/// A challenge from the server (`pde_crypto::proof`, as the holders' `ProofOfWork`): find a
/// nonce that gives `bits` zero bits, then start the login again with an [`AdminLoginProof`].
/// Its bytes travel in hex: the console's bundle already carries two base64 codecs (its
/// WebAuthn crates') and has no room for the third that the holders' type would bring.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminProofOfWork {
    /// The challenge, as issued, in hex.
    pub challenge: String,
    /// Zero bits asked (2^bits hashes on average).
    pub bits: u8,
}

/// A solved challenge. Used once.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminLoginProof {
    /// The challenge, as issued, in hex.
    pub challenge: String,
    /// The nonce that solves it.
    pub nonce: u64,
}

/// What an administrator may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AdminRole {
    /// Runs the test phase: invitations, feedback, announcements.
    Coordinator,
    /// Reads statistics, feedback and the audit log.
    Observer,
}

impl AdminRole {
    /// As stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Coordinator => "coordinator",
            Self::Observer => "observer",
        }
    }

    /// From its stored name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "coordinator" => Some(Self::Coordinator),
            "observer" => Some(Self::Observer),
            _ => None,
        }
    }
}

/// The enrolment link's token (from its `#fragment`).
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrolStartRequest {
    /// The token.
    pub token: String,
}

/// A passkey registration started: what the browser's `navigator.credentials.create` takes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationStarted {
    /// The ceremony (single use, a few minutes).
    pub ceremony: String,
    /// The options for the browser.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: CreationChallengeResponse,
}

/// A login's start: past a number of logins under way, with a solved challenge (see
/// [`AdminErrorCode::ProofOfWorkRequired`]).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminLoginStart {
    /// The solved challenge, once the server asks for one.
    #[serde(default)]
    pub proof: Option<AdminLoginProof>,
}

/// A passkey assertion started: what the browser's `navigator.credentials.get` takes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssertionStarted {
    /// The ceremony (single use, a few minutes).
    pub ceremony: String,
    /// The options for the browser.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: RequestChallengeResponse,
}

/// The browser's new passkey, for a ceremony.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationFinish {
    /// The ceremony.
    pub ceremony: String,
    /// What `navigator.credentials.create` gave.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: RegisterPublicKeyCredential,
    /// A name for this passkey ("phone", "office key").
    pub label: String,
}

/// The browser's assertion, for a ceremony.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssertionFinish {
    /// The ceremony.
    pub ceremony: String,
    /// What `navigator.credentials.get` gave.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: PublicKeyCredential,
}

/// An enrolment done: the code the new administrator tells the operator, who types
/// `pde-server admin confirm <code>` on the server. Its `Debug` leaves the code out.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrolFinished {
    /// Six digits.
    pub code: String,
    /// Until when it can be confirmed (Unix seconds).
    pub valid_until: i64,
}

/// Who is logged in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminMe {
    /// The administrator's name.
    pub name: String,
    /// Their role.
    pub role: AdminRole,
    /// The session ends after this many seconds without a request.
    pub idle_seconds: i64,
}

/// One of an administrator's own passkeys.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyInfo {
    /// Its id (for removal).
    pub id: String,
    /// Its label.
    pub label: String,
    /// Added (Unix seconds).
    pub created_at: i64,
    /// Last used to log in (Unix seconds), if ever.
    pub last_used_at: Option<i64>,
}

/// An administrator's own passkeys.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyList {
    /// Oldest first.
    pub passkeys: Vec<PasskeyInfo>,
}

/// One line of the audit log: who did what, when (never a wallet identifier).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Order of writing.
    pub seq: i64,
    /// Unix seconds.
    pub at: i64,
    /// The administrator's name, or `server` for the operator's commands.
    pub actor: String,
    /// What was done (a stable code, e.g. `login`, `passkey_added`).
    pub action: String,
    /// What it was done to (an administrator's name, a passkey's label), if anything.
    pub subject: String,
}

/// The audit log, newest first.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditList {
    /// Newest first (at most [`AUDIT_PAGE`]).
    pub entries: Vec<AuditEntry>,
}

/// How many audit entries one answer holds at most.
pub const AUDIT_PAGE: usize = 500;

/// Most codes in one batch (one printing).
pub const MAX_BATCH_CODES: u32 = 200;
/// Most wallets one code may make (a code for a family, a group session).
pub const MAX_USES_PER_CODE: u32 = 20;
/// Longest validity of a batch, in days.
pub const MAX_BATCH_DAYS: u32 = 365;
/// Longest partner label, in characters.
pub const MAX_PARTNER_LABEL_CHARS: usize = 80;

/// A partner of the test phase (a day centre, a service) from the operator's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partner {
    /// Its id (to pick it).
    pub id: String,
    /// Its name.
    pub label: String,
}

/// A batch of invitation codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchInfo {
    /// Its id (to revoke it).
    pub id: String,
    /// The partner's name.
    pub partner: String,
    /// The administrator who made it.
    pub created_by: String,
    /// Made (Unix seconds).
    pub created_at: i64,
    /// Its codes work until then (Unix seconds).
    pub expires_at: i64,
    /// Revoked (Unix seconds), if it was.
    pub revoked_at: Option<i64>,
    /// How many codes it has.
    pub codes: u32,
    /// How many wallets each code may make.
    pub uses_per_code: u32,
    /// How many wallets its codes made before the current ISO week began (no time, no wallet:
    /// a count; 1 to k−1 not shown), so that it changes at most once a week.
    pub wallets_created: Figure,
}

/// The invitations screen: partners to pick from and the batches made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationsOverview {
    /// Where the holders' app lives (the slips' QR codes point there).
    pub holders_origin: String,
    /// Whether a wallet keeps the partner whose slip made it (off by default).
    pub partner_kept: bool,
    /// The operator's list, by name.
    pub partners: Vec<Partner>,
    /// Newest first.
    pub batches: Vec<BatchInfo>,
    /// No figure between 1 and k−1 is shown.
    pub k: u32,
}

/// A batch to make.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewBatch {
    /// The partner's id, from the list.
    pub partner_id: String,
    /// How many codes (1 to [`MAX_BATCH_CODES`]).
    pub codes: u32,
    /// Wallets per code (1 to [`MAX_USES_PER_CODE`]).
    pub uses_per_code: u32,
    /// Days the codes work (1 to [`MAX_BATCH_DAYS`]).
    pub days: u32,
}

/// A batch made: its codes, shown this once to print the slips (only their hashes are kept).
/// Its `Debug` leaves the codes out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchMade {
    /// The batch.
    pub batch: BatchInfo,
    /// Where the holders' app lives.
    pub holders_origin: String,
    /// The codes (16 symbols each, in groups of four).
    pub codes: Vec<String>,
}

impl std::fmt::Debug for BatchMade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchMade")
            .field("batch", &self.batch)
            .field(
                "codes",
                &format_args!("[{} codes, not shown]", self.codes.len()),
            )
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for EnrolFinished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrolFinished")
            .field("valid_until", &self.valid_until)
            .finish_non_exhaustive()
    }
}

/// The address a slip's QR code holds: the holders' start page with the code in the
/// `#fragment` (which no server, proxy or history sees: the app takes it out at once).
pub fn invitation_link(holders_origin: &str, code: &str) -> String {
    format!(
        "{}/#{}{code}",
        holders_origin.trim_end_matches('/'),
        crate::INVITE_FRAGMENT
    )
}

/// A figure of the statistics: a count, or why none is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// How many.
    Count(u64),
    /// At least one and fewer than k: not shown.
    BelowK,
    /// A total that would let a figure below k be worked out: not shown.
    Withheld,
}

/// What the statistics count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatEvent {
    /// Wallets made (a hidden part is not a wallet).
    Created,
    /// Wallets unlocked at least once in the period (a wallet and its parts count once).
    Active,
    /// Wallets ended.
    Erased,
    /// Grant links made.
    LinksMade,
    /// Grant links opened.
    LinksOpened,
    /// Documents received through deposit links.
    Deposits,
}

impl StatEvent {
    /// The events of a week, in the order the console and the CSV show them.
    pub const WEEKLY: [StatEvent; 6] = [
        Self::Created,
        Self::Active,
        Self::Erased,
        Self::LinksMade,
        Self::LinksOpened,
        Self::Deposits,
    ];

    /// Its name in the CSV file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Active => "active",
            Self::Erased => "erased",
            Self::LinksMade => "links_made",
            Self::LinksOpened => "links_opened",
            Self::Deposits => "deposits",
        }
    }
}

/// Whose figure: a partner of the list, wallets made without a partner's slip, or the partners
/// with fewer than k wallets made, together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartnerGroup {
    /// A partner's name.
    Partner(String),
    /// Without a partner's slip (an open server, a code from the command line), or the partner
    /// not kept on the wallet.
    NoSlip,
    /// Partners whose slips made fewer than k wallets (so far), together.
    Others,
}

/// One partner group's figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerFigure {
    /// Whose.
    pub group: PartnerGroup,
    /// How many.
    pub figure: Figure,
}

/// One event in one period: its total and its figure per partner group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventFigures {
    /// What is counted.
    pub event: StatEvent,
    /// All partner groups together.
    pub total: Figure,
    /// Per partner group (none with a count of zero).
    pub by_partner: Vec<PartnerFigure>,
}

/// A closed period (an ISO week or a month) and its figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodFigures {
    /// Its first day, `YYYY-MM-DD` (a Monday for a week, the 1st for a month).
    pub starts: String,
    /// One entry per event counted in such periods.
    pub events: Vec<EventFigures>,
}

/// A coordinator's tag on a feedback (a fixed list: the console translates each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackTag {
    /// Something does not work.
    Bug,
    /// Hard to understand or to do.
    Hard,
    /// A translation or a word.
    Language,
    /// An idea for later.
    Idea,
    /// Thanks.
    Praise,
}

impl FeedbackTag {
    /// Every tag, in the console's order.
    pub const ALL: [FeedbackTag; 5] = [
        FeedbackTag::Bug,
        FeedbackTag::Hard,
        FeedbackTag::Language,
        FeedbackTag::Idea,
        FeedbackTag::Praise,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bug => "bug",
            Self::Hard => "hard",
            Self::Language => "language",
            Self::Idea => "idea",
            Self::Praise => "praise",
        }
    }

    /// The tag a stored name stands for.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|tag| tag.as_str() == name)
    }
}

/// A feedback as coordinators read it: a random id, the day, the face, the words; nothing
/// about who sent it but whether it came from the holders' app or a link's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackItem {
    /// A random id (says nothing of the order of arrival).
    pub id: String,
    /// The day it arrived (`YYYY-MM-DD`, UTC).
    pub day: String,
    /// The face chosen.
    pub face: crate::feedback::Face,
    /// The words, if any.
    pub comment: Option<String>,
    /// The form's language.
    pub language: String,
    /// Holder or worker.
    pub from: crate::feedback::FeedbackFrom,
    /// The coordinators' tags.
    pub tags: Vec<FeedbackTag>,
    /// Dealt with.
    pub closed: bool,
}

/// The feedback kept (coordinators only), newest day first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackInbox {
    /// Months after which a feedback is deleted.
    pub keep_months: u32,
    /// Every feedback kept.
    pub items: Vec<FeedbackItem>,
}

/// A feedback's tags and state, as a coordinator sets them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackUpdate {
    /// The tags (replacing the earlier ones).
    pub tags: Vec<FeedbackTag>,
    /// Dealt with.
    pub closed: bool,
}

/// Longest "what we changed" entry, per language, in characters.
pub const MAX_CHANGE_CHARS: usize = 400;

/// A text in the four languages of the holders' app: a "what we changed" entry (French
/// required; an empty one is shown in French) or an announcement (all four required).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FourLanguages {
    /// French.
    pub fr: String,
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
    /// Arabic.
    pub ar: String,
}

impl FourLanguages {
    /// The text in `language`, French when there is none.
    pub fn in_language(&self, language: &str) -> (&str, &'static str) {
        let text = match language {
            "nl" => &self.nl,
            "en" => &self.en,
            "ar" => &self.ar,
            _ => &self.fr,
        };
        if text.trim().is_empty() {
            (&self.fr, "fr")
        } else {
            (
                text,
                crate::feedback::LANGUAGES
                    .into_iter()
                    .find(|code| *code == language)
                    .unwrap_or("fr"),
            )
        }
    }
}

/// Longest announcement, per language, in characters.
pub const MAX_ANNOUNCEMENT_CHARS: usize = 280;
/// Longest time an announcement is shown, in days.
pub const MAX_ANNOUNCEMENT_DAYS: u32 = 60;

/// Why an announcement's text is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnnouncementRefused {
    /// A language is missing.
    #[error("every language is needed")]
    Missing,
    /// Longer than [`MAX_ANNOUNCEMENT_CHARS`].
    #[error("at most 280 characters per language")]
    TooLong,
    /// It holds a link, an address or an e-mail: the app shows plain text only.
    #[error("no link, web address or e-mail address")]
    Link,
    /// It holds a telephone number (nobody should be told to call a number from here).
    #[error("no telephone number")]
    Number,
    /// It holds a wallet number: nobody's number is posted to everyone (nor kept in the log).
    #[error("no wallet number")]
    WalletNumber,
    /// It holds characters that change how the text reads or show nothing (direction
    /// overrides, control characters).
    #[error("no invisible or direction-changing characters")]
    Characters,
}

/// Characters that turn a text's direction around or show nothing: U+202E (right-to-left
/// override) can make a text read otherwise than it is.
pub fn has_hidden_characters(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{feff}')
    })
}

/// Whether an announcement may be shown to holders: short plain text in each language, with
/// no link, web or e-mail address and no telephone number — a stolen admin account must not make
/// it a way to send people elsewhere (the app frames it with "PDE never asks for your secret").
pub fn check_announcement(texts: &FourLanguages) -> Result<(), AnnouncementRefused> {
    for text in [&texts.fr, &texts.nl, &texts.en, &texts.ar] {
        let text = text.trim();
        if text.is_empty() {
            return Err(AnnouncementRefused::Missing);
        }
        if text.chars().count() > MAX_ANNOUNCEMENT_CHARS {
            return Err(AnnouncementRefused::TooLong);
        }
        if has_hidden_characters(text) {
            return Err(AnnouncementRefused::Characters);
        }
        if has_link(text) {
            return Err(AnnouncementRefused::Link);
        }
        if crate::feedback::has_wallet_number(text) {
            return Err(AnnouncementRefused::WalletNumber);
        }
        if crate::feedback::longest_digit_run(text) >= 9 {
            return Err(AnnouncementRefused::Number);
        }
    }
    Ok(())
}

/// A scheme (`https://`), `www.`, an e-mail address, or a word that reads as a host name: a
/// letter or digit, a dot, then two letters or more (`bit.ly/x`, `pde-aide.be/help`,
/// `help.brussels`, `evil.com:443`). "p. ex." or "c.-à-d." pass; a sentence missing the space
/// after its full stop is refused too, and the console says why.
fn has_link(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.contains("://") || lower.contains("www.") || lower.contains('@') {
        return true;
    }
    let chars: Vec<char> = lower.chars().collect();
    chars.iter().enumerate().any(|(at, &c)| {
        c == '.'
            && at > 0
            && chars[at - 1].is_alphanumeric()
            && chars[at + 1..]
                .iter()
                .take_while(|next| next.is_ascii_alphanumeric() || **next == '-')
                .filter(|next| next.is_ascii_alphabetic())
                .count()
                >= 2
            && chars.get(at + 1).is_some_and(char::is_ascii_alphabetic)
    })
}

/// An announcement to post (coordinators).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAnnouncement {
    /// The text in the four languages ([`check_announcement`]).
    pub texts: FourLanguages,
    /// Days it is shown (1 to [`MAX_ANNOUNCEMENT_DAYS`]), from now.
    pub days: u32,
}

/// An announcement, as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnouncementInfo {
    /// Its id.
    pub id: String,
    /// The text.
    pub texts: FourLanguages,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds: shown until then.
    pub ends_at: i64,
    /// The coordinator's name.
    pub created_by: String,
}

/// The announcements, newest first (the first is shown if it has not ended).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnouncementList {
    /// Every announcement kept (the last 50).
    pub items: Vec<AnnouncementInfo>,
}

/// A published "what we changed" entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeEntry {
    /// Its id.
    pub id: String,
    /// The day it was published (`YYYY-MM-DD`).
    pub day: String,
    /// What changed.
    pub texts: FourLanguages,
}

/// The published entries, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeList {
    /// Every entry.
    pub items: Vec<ChangeEntry>,
}

/// An event over every closed week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventTotal {
    /// What is counted.
    pub event: StatEvent,
    /// Over every closed week.
    pub total: Figure,
}

/// The statistics: closed periods only (a period's figures never change once shown), from
/// counters only ever added to; no figure of at least one and below k is shown, nor any total
/// that would reveal one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statistics {
    /// The smallest figure shown (other than zero).
    pub k: u32,
    /// Whether wallets keep their partner (then every event is split by partner, not only
    /// creations).
    pub partner_kept: bool,
    /// Closed ISO weeks, oldest first.
    pub weeks: Vec<PeriodFigures>,
    /// Closed months (wallets active in the month), oldest first.
    pub months: Vec<PeriodFigures>,
    /// Over every closed week (active wallets are not added up: a wallet is active in many
    /// weeks).
    pub totals: Vec<EventTotal>,
    /// Documents stored at the end of the last closed week, rounded to 5.
    pub documents_stored: Figure,
    /// Their size then, in MiB (rounded).
    pub mib_stored: Figure,
}

/// A CSV cell: quoted, and a value a spreadsheet would run as a formula (starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) made plain text by a leading `'`.
pub fn csv_cell(value: &str) -> String {
    let plain = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", plain.replace('"', "\"\""))
}

use Method::{Delete, Get, Post};

crate::endpoints::endpoints! {
    /// Starts an enrolment with the link's token.
    ENROL_START: EnrolStartRequest => RegistrationStarted = Post routes::ENROL_START;
    /// Ends an enrolment: the passkey is kept, the code to confirm given.
    ENROL_FINISH: RegistrationFinish => EnrolFinished = Post routes::ENROL_FINISH;
    /// Starts a login with a passkey.
    LOGIN_START: AdminLoginStart => AssertionStarted = Post routes::LOGIN_START;
    /// Ends a login (opens an admin session).
    LOGIN_FINISH: AssertionFinish => AdminMe = Post routes::LOGIN_FINISH;
    /// Who is logged in.
    ME: NoBody => AdminMe = Get routes::ME;
    /// Ends the admin session.
    LOGOUT: NoBody => NoBody = Post routes::LOGOUT;
    /// Starts a fresh assertion with one's own passkeys.
    REAUTH_START: NoBody => AssertionStarted = Post routes::REAUTH_START;
    /// Ends a fresh assertion (the session may add or remove a passkey for a few minutes).
    REAUTH_FINISH: AssertionFinish => NoBody = Post routes::REAUTH_FINISH;
    /// One's own passkeys.
    PASSKEYS: NoBody => PasskeyList = Get routes::PASSKEYS;
    /// Starts adding a passkey.
    PASSKEY_ADD_START: NoBody => RegistrationStarted = Post routes::PASSKEY_ADD_START;
    /// Ends adding a passkey.
    PASSKEY_ADD_FINISH: RegistrationFinish => NoBody = Post routes::PASSKEY_ADD_FINISH;
    /// Removes one of one's own passkeys.
    REMOVE_PASSKEY: NoBody => NoBody = Delete routes::PASSKEY;
    /// The audit log.
    AUDIT: NoBody => AuditList = Get routes::AUDIT;
    /// The partners and the invitation batches.
    INVITATIONS: NoBody => InvitationsOverview = Get routes::INVITATIONS;
    /// Makes a batch of invitation codes (coordinators).
    BATCH_CREATE: NewBatch => BatchMade = Post routes::BATCHES;
    /// Revokes a batch (coordinators).
    BATCH_REVOKE: NoBody => NoBody = Post routes::BATCH_REVOKE;
    /// The statistics.
    STATISTICS: NoBody => Statistics = Get routes::STATISTICS;
    /// The statistics as a CSV file.
    STATISTICS_CSV: NoBody => CsvText = Get routes::STATISTICS_CSV;
    /// The feedback kept (coordinators).
    FEEDBACK: NoBody => FeedbackInbox = Get routes::FEEDBACK;
    /// Tags or closes a feedback (coordinators).
    FEEDBACK_UPDATE: FeedbackUpdate => NoBody = Post routes::FEEDBACK_ITEM;
    /// The "what we changed" entries.
    CHANGES: NoBody => ChangeList = Get routes::CHANGES;
    /// Publishes a "what we changed" entry (coordinators).
    CHANGE_PUBLISH: FourLanguages => ChangeEntry = Post routes::CHANGES;
    /// Takes a "what we changed" entry down (coordinators).
    CHANGE_REMOVE: NoBody => NoBody = Delete routes::CHANGE;
    /// The announcements.
    ANNOUNCEMENTS: NoBody => AnnouncementList = Get routes::ANNOUNCEMENTS;
    /// Posts an announcement, ending the one shown (coordinators).
    ANNOUNCEMENT_POST: NewAnnouncement => AnnouncementInfo = Post routes::ANNOUNCEMENTS;
    /// Ends an announcement now (coordinators).
    ANNOUNCEMENT_END: NoBody => NoBody = Post routes::ANNOUNCEMENT_END;
}

/// Endpoint paths are relative to this module's prefix.
pub fn url(endpoint_path: &str) -> String {
    format!("{ADMIN_API_PREFIX}{endpoint_path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_leaves_the_codes_out() {
        let made = EnrolFinished {
            code: "123456".into(),
            valid_until: 7,
        };
        assert!(!format!("{made:?}").contains("123456"));
        let batch = BatchMade {
            batch: BatchInfo {
                id: "b".into(),
                partner: "Centre".into(),
                created_by: "Amina".into(),
                created_at: 0,
                expires_at: 1,
                revoked_at: None,
                codes: 1,
                uses_per_code: 1,
                wallets_created: Figure::Count(0),
            },
            holders_origin: "https://pde.example".into(),
            codes: vec!["ABCD-EFGH-JKMN-PQRS".into()],
        };
        assert!(!format!("{batch:?}").contains("ABCD"));
    }

    #[test]
    fn an_announcement_is_plain_text_in_four_languages() {
        let texts = |fr: &str| FourLanguages {
            fr: fr.into(),
            nl: "Onderhoud zaterdag van 8 tot 10 uur.".into(),
            en: "Maintenance on Saturday, 8 to 10 a.m.".into(),
            ar: "صيانة يوم السبت من 8 إلى 10.".into(),
        };
        assert_eq!(
            check_announcement(&texts("Maintenance samedi de 8 h à 10 h. Merci !")),
            Ok(())
        );
        for (fr, refused) in [
            ("", AnnouncementRefused::Missing),
            ("Allez sur https://exemple.org", AnnouncementRefused::Link),
            ("Voir www.exemple.org", AnnouncementRefused::Link),
            ("Nouvelle adresse : pde-aide.be", AnnouncementRefused::Link),
            ("Écrivez à aide@exemple.org", AnnouncementRefused::Link),
            ("Appelez le 0470 12 34 56", AnnouncementRefused::Number),
            ("Infos : bit.ly/pde", AnnouncementRefused::Link),
            ("Infos sur help.brussels", AnnouncementRefused::Link),
            ("Serveur evil.com:443 demain", AnnouncementRefused::Link),
            ("Appelez le 0470/12.34.56", AnnouncementRefused::Number),
            ("Appelez le (02) 512 34 56", AnnouncementRefused::Number),
            ("اتصلوا بالرقم ٠٤٧٠١٢٣٤٥٦", AnnouncementRefused::Number),
            (
                "Fermé samedi \u{202e}ebgp.lepa",
                AnnouncementRefused::Characters,
            ),
        ] {
            assert_eq!(check_announcement(&texts(fr)), Err(refused), "{fr}");
        }
        let number = crate::wallet_number::WalletNumber::generate().to_string();
        assert_eq!(
            check_announcement(&texts(&format!("Le porte-documents {number} est perdu"))),
            Err(AnnouncementRefused::WalletNumber)
        );
        for fine in [
            "Fermé samedi, p. ex. de 8 h à 10 h (c.-à-d. le matin).",
            "Version 2.0 du 12/03/2026 à 14.30 : rien ne change.",
        ] {
            assert_eq!(check_announcement(&texts(fine)), Ok(()), "{fine}");
        }
        let long = "a".repeat(MAX_ANNOUNCEMENT_CHARS + 1);
        assert_eq!(
            check_announcement(&texts(&long)),
            Err(AnnouncementRefused::TooLong)
        );
    }

    #[test]
    fn a_csv_cell_never_starts_a_formula_and_keeps_its_quotes() {
        for formula in ["=HYPERLINK(\"x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            let cell = csv_cell(formula);
            assert!(cell.starts_with("\"'"), "{cell}");
        }
        assert_eq!(csv_cell("Centre \"Sud\""), "\"Centre \"\"Sud\"\"\"");
        assert_eq!(csv_cell("12"), "\"12\"");
    }
}
