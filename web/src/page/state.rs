//! The page's state: the screen shown, the open wallet as the page knows it, the interface
//! language and its catalogue, and the translation helpers every page uses. Pages depend on this
//! module, never on `app` (which shows them).

use leptos::prelude::*;
use pde_crypto::document::DocumentId;
use pde_crypto::metadata::{Category, DocumentDate};

use crate::i18n::{keys, Arg, Catalogue};
use crate::protocol::{DocumentsView, Failure, WalletView};

thread_local! {
    static CATALOGUE: Catalogue = match Catalogue::new() {
        Ok(catalogue) => catalogue,
        // build.rs checked every file; this cannot happen in a build that compiled.
        Err(e) => panic!("translations: {e}"),
    };
}

/// Makes language `code` ready to show: the default is built in, another is fetched once (its
/// file checked against the hash built into the bundle). False when it could not be had.
pub async fn load_language(code: &'static str) -> bool {
    if CATALOGUE.with(|c| c.is_loaded(code)) {
        return true;
    }
    let Some(info) = Catalogue::info(code) else {
        return false;
    };
    let Some(source) = crate::api::get_checked_text(&format!("/{code}.ftl"), info.integrity).await
    else {
        return false;
    };
    CATALOGUE.with(|c| c.add(code, source)).is_ok()
}

/// Switches the interface to language `code` once it is ready (then goes to `next`, if any);
/// if it can't be had, the interface stays as it is and says so.
pub fn choose_language(state: AppState, code: &'static str, next: Option<Screen>) {
    leptos::task::spawn_local(async move {
        if load_language(code).await {
            state.language_unavailable.set(false);
            state.lang.set(code);
            if let Some(screen) = next {
                state.screen.set(screen);
            }
        } else {
            state.language_unavailable.set(true);
        }
    });
}

/// Whether language `code` is ready to show.
pub fn is_loaded(code: &str) -> bool {
    CATALOGUE.with(|c| c.is_loaded(code))
}

/// Where the holder is.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// First screen: pick a language.
    Language,
    /// Create or open.
    Start,
    /// Creating a wallet.
    Create,
    /// The wallet was just made: its number and the recovery sheet (shown once).
    Created {
        /// The recovery key as written on the sheet.
        recovery_key: String,
    },
    /// Opening a wallet.
    Unlock,
    /// Opening a wallet with the recovery key and choosing a new secret.
    Recover,
    /// The documents.
    Wallet,
    /// One document.
    Document(DocumentId),
    /// Choosing documents and terms for a grant link.
    Share,
    /// A grant link was just made: the link, its QR code and slip, the PIN to tell.
    ShareReady(ReadyLink),
    /// The holder's grant links, their state and access log.
    Grants,
    /// Deposit links: make one, see those made.
    Receive,
    /// A deposit link was just made.
    DepositReady(ReadyLink),
    /// "Prepare my meeting": lock the wallet until a chosen time.
    Meeting,
    /// The wallet was just time-locked.
    TimeLocked {
        /// Unix seconds.
        until: i64,
    },
    /// A kiosk session just ended: what was wiped.
    Ended,
    /// A kiosk session was ended by the panic key or idleness: a page that says nothing of what
    /// was open, with a small way to start.
    Neutral,
    /// Setting up hidden documents.
    Hidden,
    /// What the holder can do when someone may have seen or used the wallet.
    Security,
    /// The wallet (or the part open) was just ended for good.
    Erased,
    /// "Take my documents with me": a ZIP, or a locked archive for a USB stick.
    Export,
    /// A locked archive put back into the open wallet.
    Import,
    /// Who can see what: the server, its operator, a worker with a link, the same computer,
    /// whoever knows the secret.
    WhoSees,
    /// The wallet's card (its number) to show or print again.
    Card,
    /// "Your opinion" (the feedback form), from the top bar of any screen.
    Feedback,
}

/// The whole address of a link to this server: `/<kind>/<id>#<fragment>` (`g` for a grant,
/// `d` for a deposit link).
pub fn link_url(kind: &str, id: &str, fragment: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}/{kind}/{id}#{fragment}")
}

/// A grant link just made. Its `Debug` shows neither the link's secret nor the PIN.
#[derive(Clone, PartialEq)]
pub struct ReadyLink {
    /// The whole link (`…/g/<id>#<secret>.<lang>`).
    pub url: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// The PIN to tell aloud.
    pub pin: Option<String>,
}

impl std::fmt::Debug for ReadyLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReadyLink(…)")
    }
}

/// State shared by every page (signals, so `Copy`).
#[derive(Clone, Copy)]
pub struct AppState {
    /// Interface language code.
    pub lang: RwSignal<&'static str>,
    /// The last language chosen could not be loaded (the interface stayed as it was).
    pub language_unavailable: RwSignal<bool>,
    /// Current screen.
    pub screen: RwSignal<Screen>,
    /// The open wallet.
    pub wallet: RwSignal<Option<WalletView>>,
    /// The wallet's documents.
    pub documents: RwSignal<DocumentsView>,
    /// A message for the unlock screen (e.g. the session ended).
    pub notice: RwSignal<Option<String>>,
    /// Where to go back after the session ended and the wallet is open again.
    pub resume: RwSignal<Option<Screen>>,
    /// The part of the wallet ([`WalletView::part`]) whose session ended: the screen, draft
    /// and files kept are only taken up again if that same part is opened (never carried
    /// from a hidden part into the everyday one, or the other way).
    pub interrupted_part: StoredValue<Option<String>, LocalStorage>,
    /// The wallet number to offer on the unlock screen after the session ended (never after
    /// a deliberate lock).
    pub remembered_login: RwSignal<Option<String>>,
    /// After a lock the holder asked for with the lock button (not in kiosk mode, not the panic
    /// key): their number, offered back on the unlock screen (a button, the number not shown)
    /// until the page is closed.
    pub offered_login: RwSignal<Option<String>>,
    /// Changes to a document not saved yet: kept when the session ends, offered again after
    /// unlocking.
    pub draft: RwSignal<Option<EditDraft>>,
    /// Files whose adding was cut short by the end of the session: added again after
    /// unlocking.
    pub pending_files: StoredValue<Vec<NewFile>, LocalStorage>,
    /// Say what expires soon on the wallet screen (once per opening, until dismissed).
    pub expiry_notice: RwSignal<bool>,
    /// Kiosk mode (a public computer): see [`crate::page::kiosk`].
    pub kiosk: RwSignal<bool>,
    /// Seconds of idleness before a kiosk lock.
    pub idle_seconds: i64,
    /// Seconds left before the idle lock, in its last seconds.
    pub countdown: RwSignal<Option<i64>>,
    /// In kiosk mode, the holder turned plaintext downloads on (after a warning).
    pub downloads_allowed: RwSignal<bool>,
}

/// A document's name, category and note as being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct EditDraft {
    /// Which document.
    pub id: DocumentId,
    /// The name as typed.
    pub name: String,
    /// The category as chosen.
    pub category: Category,
    /// The note as typed.
    pub note: String,
    /// The issue date as typed (`YYYY-MM-DD`, or empty).
    pub issued_on: String,
    /// The expiry date as typed (`YYYY-MM-DD`, or empty).
    pub expires_on: String,
}

/// A file the holder chose to add, with what they said it is.
#[derive(Clone)]
pub struct NewFile {
    /// The file.
    pub file: web_sys::File,
    /// Its category.
    pub category: Category,
    /// The name to give it, when not its own (see [`readable_name`]).
    pub name: Option<String>,
}

impl AppState {
    /// A fresh state: language `lang`, screen `screen`, no wallet open; `kiosk` as the address
    /// said, with its idle time.
    pub fn new(lang: &'static str, screen: Screen, kiosk: bool, idle_seconds: i64) -> Self {
        Self {
            lang: RwSignal::new(lang),
            language_unavailable: RwSignal::new(false),
            screen: RwSignal::new(screen),
            wallet: RwSignal::new(None),
            documents: RwSignal::new(DocumentsView::default()),
            notice: RwSignal::new(None),
            resume: RwSignal::new(None),
            remembered_login: RwSignal::new(None),
            offered_login: RwSignal::new(None),
            draft: RwSignal::new(None),
            pending_files: StoredValue::new_local(Vec::new()),
            expiry_notice: RwSignal::new(false),
            interrupted_part: StoredValue::new_local(None),
            kiosk: RwSignal::new(kiosk),
            idle_seconds,
            countdown: RwSignal::new(None),
            downloads_allowed: RwSignal::new(false),
        }
    }

    /// The state provided by [`app`].
    pub fn get() -> Self {
        expect_context::<AppState>()
    }

    /// A translated message (reactive when called inside a closure).
    pub fn t(&self, key: &str) -> String {
        let code = self.lang.get();
        CATALOGUE.with(|c| c.get(code).t(key))
    }

    /// A translated message with arguments.
    pub fn t_with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let code = self.lang.get();
        CATALOGUE.with(|c| c.get(code).t_with(key, args))
    }

    /// Sizes as people read them ("3,2 Mo"), in binary megabytes like the server's limits.
    pub fn size(&self, bytes: u64) -> String {
        let megabytes = bytes as f64 / 1_048_576.0;
        let rounded = if megabytes < 10.0 {
            (megabytes * 10.0).round() / 10.0
        } else {
            megabytes.round()
        };
        let number = js_sys::Number::from(rounded)
            .to_locale_string(self.lang.get())
            .as_string()
            .unwrap_or_else(|| rounded.to_string());
        self.t_with(keys::SIZE_MB, &[("size", number.into())])
    }

    /// A date in the interface language ("23 novembre 2026").
    pub fn date(&self, unix_seconds: i64) -> String {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            unix_seconds as f64 * 1000.0,
        ));
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"day".into(), &"numeric".into());
        let _ = js_sys::Reflect::set(&options, &"month".into(), &"long".into());
        let _ = js_sys::Reflect::set(&options, &"year".into(), &"numeric".into());
        date.to_locale_date_string(self.lang.get(), &options)
            .as_string()
            .unwrap_or_default()
    }

    /// A date and time in the interface language ("1 décembre 2026, 14:30").
    pub fn date_time(&self, unix_seconds: i64) -> String {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            unix_seconds as f64 * 1000.0,
        ));
        let options = js_sys::Object::new();
        for (name, value) in [
            ("day", "numeric"),
            ("month", "long"),
            ("year", "numeric"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
        ] {
            let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
        }
        date.to_locale_string(self.lang.get(), &options)
            .as_string()
            .unwrap_or_default()
    }

    /// A date written on a document, in the language's long form ("1 mai 2031").
    pub fn calendar_date(&self, date: DocumentDate) -> String {
        let options = js_sys::Object::new();
        for (name, value) in [
            ("day", "numeric"),
            ("month", "long"),
            ("year", "numeric"),
            ("timeZone", "UTC"),
        ] {
            let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
        }
        js_sys::Date::new(&utc_midnight(date).into())
            .to_locale_date_string(self.lang.get(), &options)
            .as_string()
            .unwrap_or_else(|| date.to_string())
    }

    /// How long until `unix_seconds`, in the largest whole unit ("3 jours", "5 heures").
    pub fn time_left(&self, unix_seconds: i64) -> String {
        let left = (unix_seconds - now_seconds()).max(0);
        let (key, count) = if left >= 2 * 86_400 {
            (keys::LEFT_DAYS, left / 86_400)
        } else if left >= 2 * 3600 {
            (keys::LEFT_HOURS, left / 3600)
        } else {
            (keys::LEFT_MINUTES, (left + 59) / 60)
        };
        self.t_with(key, &[("count", count.into())])
    }

    /// The plain-words text for a failure.
    pub fn failure_text(&self, failure: &Failure) -> String {
        match failure {
            Failure::Server {
                code,
                retry_after_seconds,
            } => {
                let key = format!("error-{}", code.as_str().replace('_', "-"));
                let known = CATALOGUE.with(|c| c.get(self.lang.get()).has(&key));
                let key = if known {
                    key
                } else {
                    keys::ERROR_UNEXPECTED.to_owned()
                };
                let seconds = retry_after_seconds.unwrap_or(0);
                self.t_with(
                    &key,
                    &[
                        ("minutes", seconds.div_ceil(60).into()),
                        ("seconds", seconds.into()),
                    ],
                )
            }
            Failure::ProofOfWork { .. } => self.t("error-proof-of-work-required"),
            Failure::SessionEnded | Failure::Locked | Failure::Superseded => {
                self.t(keys::SESSION_ENDED)
            }
            Failure::TimeLocked { until } => self.t_with(
                keys::TIME_LOCKED_UNTIL,
                &[("time", self.date_time(*until).into())],
            ),
            Failure::WeakSecret { problem } => self.t(&format!("secret-{problem}")),
            Failure::BadPseudonym { code } => self.t(&format!("error-{}", code.replace('_', "-"))),
            Failure::FileTooLarge { max_bytes } => self.t_with(
                keys::ADD_TOO_LARGE,
                &[("max", self.size(*max_bytes).into())],
            ),
            Failure::QuotaFull => self.t(keys::ERROR_QUOTA_EXCEEDED),
            Failure::Tampered => self.t(keys::ERROR_TAMPERED),
            Failure::Network => self.t(keys::ERROR_NETWORK),
            Failure::BadImage => self.t(keys::ERROR_BAD_IMAGE),
            Failure::BadRecoveryKey => self.t(keys::ERROR_BAD_RECOVERY_KEY),
            Failure::WrongPin { tries_left } => self.t_with(
                keys::ERROR_WRONG_PIN_LEFT,
                &[("tries", (*tries_left).into())],
            ),
            Failure::BadLink => self.t(keys::ERROR_BAD_LINK),
            Failure::Unexpected { detail } => {
                web_sys::console::error_1(&detail.into());
                self.t(keys::ERROR_UNEXPECTED)
            }
        }
    }

    /// Forgets the work kept from an ended session: the screen to go back to, the unsaved
    /// draft and the files not added yet.
    pub fn forget_interrupted_work(&self) {
        self.resume.set(None);
        self.draft.set(None);
        self.pending_files.set_value(Vec::new());
        self.interrupted_part.set_value(None);
    }

    /// A wallet part was opened: shows it, where the holder was if the same part's session had
    /// ended (anything kept from another part is dropped unseen).
    pub fn opened(&self, wallet: WalletView) {
        let same_part = self
            .interrupted_part
            .with_value(|part| part.as_deref() == Some(wallet.part.as_str()));
        let next = if same_part {
            self.interrupted_part.set_value(None);
            self.resume.try_update(Option::take).flatten()
        } else {
            self.forget_interrupted_work();
            None
        };
        self.wallet.set(Some(wallet));
        self.expiry_notice.set(true);
        self.screen.set(next.unwrap_or(Screen::Wallet));
    }

    /// Whether files cut short in `part` may be kept for later: that part's session ended
    /// (not a deliberate lock, which keeps nothing).
    pub fn keeps_work_of(&self, part: &str) -> bool {
        self.interrupted_part
            .with_value(|p| p.as_deref() == Some(part))
            || self
                .wallet
                .with_untracked(|w| w.as_ref().is_some_and(|w| w.part == part))
    }

    /// Handles a failure: an ended session goes back to the unlock screen (remembering where
    /// the holder was); anything else gives the text to show.
    pub fn fail(&self, failure: Failure) -> Option<String> {
        if failure == Failure::Superseded {
            return None;
        }
        if matches!(failure, Failure::SessionEnded | Failure::Locked) {
            let here = self.screen.get_untracked();
            if let Some(wallet) = self.wallet.get_untracked() {
                self.resume.set(Some(here));
                self.remembered_login.set(Some(wallet.wallet_number));
                self.interrupted_part.set_value(Some(wallet.part));
            }
            self.wallet.set(None);
            self.notice.set(Some(self.t(keys::SESSION_ENDED)));
            self.screen.set(Screen::Unlock);
            return None;
        }
        Some(self.failure_text(&failure))
    }
}

/// A translated text that follows the interface language, for views (`{tr(keys::SAVE)}`).
pub fn tr(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let state = AppState::get();
    move || state.t(key)
}

/// Waits `ms` milliseconds, the page going on meanwhile (the browser draws).
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The time now, in Unix seconds (the browser's clock).
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A category's translation key.
pub fn category_key(category: pde_crypto::metadata::Category) -> String {
    format!("category-{}", category.as_str().replace('_', "-"))
}

/// Milliseconds from the epoch to `date` at midnight UTC.
fn utc_midnight(date: DocumentDate) -> f64 {
    js_sys::Date::utc(f64::from(date.year()), f64::from(date.month()) - 1.0)
        + (f64::from(date.day()) - 1.0) * 86_400_000.0
}

/// Days from today, on this browser's calendar, to `date`: 0 today, negative once past. The
/// server is never asked (it can't read the date anyway).
pub fn days_until(date: DocumentDate) -> i64 {
    let now = js_sys::Date::new_0();
    let today = js_sys::Date::utc(f64::from(now.get_full_year()), f64::from(now.get_month()))
        + (f64::from(now.get_date()) - 1.0) * 86_400_000.0;
    ((utc_midnight(date) - today) / 86_400_000.0).round() as i64
}

/// Today, on this browser's calendar.
pub fn today() -> Option<DocumentDate> {
    let now = js_sys::Date::new_0();
    DocumentDate::new(
        u16::try_from(now.get_full_year()).ok()?,
        u8::try_from(now.get_month() + 1).ok()?,
        u8::try_from(now.get_date()).ok()?,
    )
}

/// How many days before its end a document is pointed out (its badge, the banner at opening).
pub const EXPIRY_WARNING_DAYS: i64 = 60;

/// The badge of a document that ends on `date`: past, or within [`EXPIRY_WARNING_DAYS`].
pub fn expiry_badge(state: AppState, date: DocumentDate) -> Option<(bool, String)> {
    let days = days_until(date);
    if days < 0 {
        Some((true, state.t(keys::DOCUMENT_EXPIRED)))
    } else if days <= EXPIRY_WARNING_DAYS {
        Some((
            false,
            state.t_with(keys::DOCUMENT_EXPIRES_IN, &[("days", (days as u64).into())]),
        ))
    } else {
        None
    }
}
