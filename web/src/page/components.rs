//! Pieces every page uses: icons, the header (language, lock), alerts.

use leptos::prelude::*;

use crate::i18n::{keys, Catalogue};
use crate::page::state::{choose_language, tr, AppState, Screen};
use crate::page::vault_client::vault;
use crate::protocol::{Command, Display};

/// The app's pictograms (bundled, drawn on a 24×24 grid with the text colour). Always shown
/// next to a word, never alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Language,
    Create,
    Open,
    Lock,
    Key,
    Add,
    /// Documents coming in (a deposit link): the arrow goes into the tray, not out of it.
    Receive,
    Camera,
    Download,
    Delete,
    Save,
    Back,
    Print,
    Warning,
    Check,
    Identity,
    Residence,
    Health,
    SocialAid,
    Income,
    Housing,
    Justice,
    Family,
    Other,
    All,
    Share,
    Link,
    Eye,
    Clock,
    Shield,
    /// A smiling face: "your opinion".
    Face,
}

impl Icon {
    fn path(self) -> &'static str {
        match self {
            Icon::Language => "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18",
            Icon::Create => "M12 5v14M5 12h14",
            Icon::Open => "M7 11V7a5 5 0 0 1 9.6-2M5 11h14v10H5zM12 15v2",
            Icon::Lock => "M8 11V7a4 4 0 0 1 8 0v4M5 11h14v10H5zM12 15v2",
            Icon::Key => "M14 10a4 4 0 1 0-3.5 4H12v2h2v2h3v-3l-3.2-3.2A4 4 0 0 0 14 10M8 9.5v.5",
            Icon::Add => "M12 16V4M7 9l5-5l5 5M4 15v5h16v-5",
            Icon::Receive => "M12 4v12M7 11l5 5l5-5M4 15v5h16v-5",
            Icon::Camera => "M4 8h4l2-3h4l2 3h4v11H4zM12 10a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7",
            Icon::Download => "M12 4v12M7 11l5 5l5-5M4 20h16",
            Icon::Delete => "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6",
            Icon::Save => "M5 12l5 5l9-10",
            Icon::Back => "M15 5l-7 7l7 7",
            Icon::Print => "M7 9V3h10v6M7 17H4v-8h16v8h-3M7 14h10v7H7z",
            Icon::Warning => "M12 3l10 18H2zM12 10v5M12 17.5v.5",
            Icon::Check => "M5 12l5 5l9-10",
            Icon::Identity => "M3 6h18v12H3zM8 10a2 2 0 1 0 0 .1M5.5 15.5c.5-2 4.5-2 5 0M13 10h5M13 13h5",
            Icon::Residence => "M5 21V4M5 4h11l-2 4l2 4H5",
            Icon::Health => "M10 4h4v6h6v4h-6v6h-4v-6H4v-4h6z",
            Icon::SocialAid => "M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.5a4 4 0 0 1 7 2.5c0 5.5-7 10-7 10",
            Icon::Income => "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M15 8.5a4 4 0 1 0 0 7M7 11h6M7 13.5h6",
            Icon::Housing => "M3 11l9-7l9 7M6 9v11h12V9M10 20v-6h4v6",
            Icon::Justice => "M12 4v16M6 20h12M5 7h14M5 7l-3 7h6zM19 7l-3 7h6z",
            Icon::Family => "M8 8a2.5 2.5 0 1 0 0-.1M16 8a2.5 2.5 0 1 0 0-.1M3 19c0-4 10-4 10 0M11 19c0-4 10-4 10 0",
            Icon::Other => "M3 6h7l2 2h9v11H3z",
            Icon::All => "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z",
            Icon::Share => "M18 5a2.5 2.5 0 1 0 0 .1M6 12a2.5 2.5 0 1 0 0 .1M18 19a2.5 2.5 0 1 0 0 .1M8.2 10.9l7.6-4.3M8.2 13.1l7.6 4.3",
            Icon::Link => "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
            Icon::Eye => "M2 12s4-7 10-7s10 7 10 7s-4 7-10 7S2 12 2 12M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6",
            Icon::Clock => "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 7v5l3 3",
            Icon::Shield => "M12 3l8 3v6c0 5-3.5 8-8 9c-4.5-1-8-4-8-9V6zM9 12l2 2l4-4",
            Icon::Face => "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M8 14c2.4 2.6 5.6 2.6 8 0M9 9.5v1M15 9.5v1",
        }
    }
}

/// An icon (decorative: the word next to it carries the meaning).
#[component]
pub fn Glyph(icon: Icon) -> impl IntoView {
    view! {
        // "Back" points the way the text reads: mirrored right to left.
        <svg class="icon" class:mirror=matches!(icon, Icon::Back) viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=icon.path()/>
        </svg>
    }
}

/// The pictogram of a category.
pub fn category_icon(category: pde_crypto::metadata::Category) -> Icon {
    use pde_crypto::metadata::Category;
    match category {
        Category::Identity => Icon::Identity,
        Category::Residence => Icon::Residence,
        Category::Medical => Icon::Health,
        Category::SocialAid => Icon::SocialAid,
        Category::Income => Icon::Income,
        Category::Housing => Icon::Housing,
        Category::Legal => Icon::Justice,
        Category::Family => Icon::Family,
        _ => Icon::Other,
    }
}

/// In kiosk mode, "allow downloads": what a downloaded file leaves on this computer, then yes
/// (downloads stay allowed until the session ends) or no.
#[component]
pub fn AllowDownloads(
    open: RwSignal<bool>,
    /// Id of the warning's paragraph.
    text_id: &'static str,
    /// Id of the "yes" button.
    yes_id: &'static str,
) -> impl IntoView {
    let state = AppState::get();
    view! {
        <ConfirmBox
            open=open
            text_id=text_id
            text=keys::KIOSK_DOWNLOADS_WARNING
            yes_id=yes_id
            yes_icon=Icon::Download
            yes_label=keys::KIOSK_DOWNLOADS_YES
            danger=true
            on_yes=Callback::new(move |_| {
                state.downloads_allowed.set(true);
                open.set(false);
            })
        />
    }
}

/// Copies `text`; `copied` turns true only once the browser says it is done.
pub fn copy_to_clipboard(text: &str, copied: RwSignal<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        copied.set(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Opens the browser's print dialog (the print style sheet keeps only what is meant for
/// paper).
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Prints one part of the page alone (`data-print` on the root: the stylesheet hides the rest),
/// so that the wallet's card and its recovery key never come out on one sheet of paper.
pub fn print_part(part: &str) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = &root {
        let _ = root.set_attribute("data-print", part);
    }
    // The browser's print dialog holds the page until it closes.
    print_page();
    if let Some(root) = &root {
        let _ = root.remove_attribute("data-print");
    }
}

thread_local! {
    /// `boot.js`'s loader of the QR code maker (`pde-qr`): `text` → a promise of its SVG. The
    /// maker is a WebAssembly module of its own, fetched (hash-checked) the first time.
    static QR_MAKER: std::cell::RefCell<Option<js_sys::Function>> =
        const { std::cell::RefCell::new(None) };
}

/// Keeps `boot.js`'s QR code loader (see [`qr_svg`]).
pub fn set_qr_maker(maker: js_sys::Function) {
    QR_MAKER.with(|m| *m.borrow_mut() = Some(maker));
}

/// `boot.js`'s QR code loader, for the screens loaded on demand.
pub fn qr_maker() -> Option<js_sys::Function> {
    QR_MAKER.with(|m| m.borrow().clone())
}

/// `text` as a QR code in SVG, filled in once the QR code maker has drawn it (empty until
/// then, and if it can't be loaded: the link or the key is written beside it anyway).
pub fn qr_svg(text: &str) -> RwSignal<String> {
    use wasm_bindgen::JsCast;
    let svg = RwSignal::new(String::new());
    let promise = QR_MAKER.with(|m| {
        m.borrow()
            .as_ref()
            .and_then(|maker| maker.call1(&wasm_bindgen::JsValue::NULL, &text.into()).ok())
            .and_then(|value| value.dyn_into::<js_sys::Promise>().ok())
    });
    if let Some(promise) = promise {
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(drawn) = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .ok()
                .and_then(|value| value.as_string())
            {
                // The page may have moved on meanwhile.
                let _ = svg.try_set(drawn);
            }
        });
    }
    svg
}

/// A recovery sheet: what its key does, the warning, the key in groups (in the element with id
/// `key_id`) and its QR code. The key is shown, never kept.
#[component]
pub fn RecoverySheet(recovery_key: String, key_id: &'static str) -> impl IntoView {
    let qr = qr_svg(&recovery_key);
    let groups: Vec<String> = recovery_key.split('-').map(str::to_owned).collect();
    let title_id = format!("{key_id}-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="recovery-sheet" aria-labelledby=labelled_by>
            <h2 id=title_id>{tr(keys::RECOVERY_TITLE)}</h2>
            <p>{tr(keys::RECOVERY_EXPLAIN)}</p>
            <p class="warning-text">{tr(keys::RECOVERY_SECRET_WARNING)}</p>
            <ol class="recovery-key" id=key_id dir="ltr">
                {groups.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
            </ol>
            <div class="qr" inner_html=move || qr.get() role="img" aria-label=tr(keys::RECOVERY_QR_LABEL)></div>
        </section>
    }
}

/// The wallet's card: its number (and pseudonym), to keep with one's papers — printed alone
/// (see [`print_part`]), never with the recovery key.
#[component]
pub fn WalletCard() -> impl IntoView {
    let state = AppState::get();
    let number = move || {
        state
            .wallet
            .get()
            .map(|w| w.wallet_number)
            .unwrap_or_default()
    };
    let pseudonym = move || state.wallet.get().and_then(|w| w.pseudonym);
    view! {
        <div class="card-print" id="wallet-card-print">
            <p class="label">{tr(keys::CREATED_NUMBER_LABEL)}</p>
            <p class="wallet-number" id="wallet-number" dir="ltr">{number}</p>
            <Show when=move || pseudonym().is_some()>
                <p class="label">{tr(keys::CREATED_PSEUDONYM_LABEL)}</p>
                <p class="pseudonym" dir="auto">{move || pseudonym().unwrap_or_default()}</p>
            </Show>
            <p>{tr(keys::CREATED_KEEP_CARD)}</p>
        </div>
    }
}

/// What a social worker is told on a link's page: PDE and its documents are never mandatory;
/// on a grant's page also that the documents serve the purpose agreed with the holder, are not
/// to be forwarded, and that downloads are deleted once no longer needed.
#[component]
pub fn WorkerRules(
    /// The grant's page (shown documents), else a deposit link's.
    shown: bool,
) -> impl IntoView {
    view! {
        <aside class="notice worker-rules" id="worker-rules" aria-labelledby="worker-rules-title">
            <h2 id="worker-rules-title">
                <Glyph icon=Icon::Warning/>
                <span>{tr(keys::WORKER_RULES_TITLE)}</span>
            </h2>
            <p>{tr(keys::WORKER_RULES_OPTIONAL)}</p>
            {shown.then(|| view! {
                <p>{tr(keys::WORKER_RULES_PURPOSE)}</p>
                <p>{tr(keys::WORKER_RULES_DELETE)}</p>
            })}
        </aside>
    }
}

/// "Available until …" with a clock, for links and slips.
#[component]
pub fn ValidUntil(expires_at: i64) -> impl IntoView {
    let state = AppState::get();
    view! {
        <p class="until">
            <Glyph icon=Icon::Clock/>
            <span>{move || state.t_with(keys::SHARE_VALID_UNTIL, &[("time", state.date_time(expires_at).into())])}</span>
        </p>
    }
}

/// The page of a link that can't be used, with why in plain words.
#[component]
pub fn LinkProblem(text: String) -> impl IntoView {
    view! {
        <h1 tabindex="-1" id="shared-problem">
            <Glyph icon=Icon::Warning/>
            <span>{tr(keys::SHARED_PROBLEM_TITLE)}</span>
        </h1>
        <p class="lead" id="shared-problem-text">{text}</p>
    }
}

/// A question before something that matters (deleting, allowing downloads, printing): the
/// question, "yes" with its pictogram and word, and "no". Shown while `open` is true; "no"
/// closes it.
#[component]
pub fn ConfirmBox(
    open: RwSignal<bool>,
    /// Id of the question's paragraph.
    text_id: &'static str,
    /// The question's translation key.
    text: &'static str,
    /// Id of the "yes" button.
    yes_id: &'static str,
    yes_icon: Icon,
    /// The "yes" button's translation key.
    yes_label: &'static str,
    /// "Yes" in the danger style (it destroys or exposes something).
    #[prop(optional)]
    danger: bool,
    /// "Yes" is disabled while work is under way.
    #[prop(into, optional)]
    busy: Signal<bool>,
    on_yes: Callback<()>,
    /// Id of the "no" button, if tests need one.
    #[prop(optional)]
    no_id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            <div class="confirm" role="alertdialog" aria-labelledby=text_id aria-modal="false">
                <p id=text_id>{tr(text)}</p>
                <div class="actions">
                    <button
                        id=yes_id
                        class="button"
                        class:danger=danger
                        class:primary=!danger
                        disabled=move || busy.get()
                        on:click=move |_| on_yes.run(())
                    >
                        <Glyph icon=yes_icon/>
                        <span>{tr(yes_label)}</span>
                    </button>
                    <button id=no_id class="button" on:click=move |_| open.set(false)>
                        <Glyph icon=Icon::Back/>
                        <span>{tr(keys::DELETE_NO)}</span>
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// A message in a box that screen readers announce.
#[component]
pub fn Alert(message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || message.get().is_some()>
            <div class="alert" role="alert">
                <Glyph icon=Icon::Warning/>
                <p>{move || message.get().unwrap_or_default()}</p>
            </div>
        </Show>
    }
}

/// Says that the language just chosen could not be loaded (the interface stays as it was).
#[component]
pub fn LanguageUnavailable() -> impl IntoView {
    let state = AppState::get();
    view! {
        <Show when=move || state.language_unavailable.get()>
            <div class="alert" role="alert" id="language-unavailable">
                <Glyph icon=Icon::Warning/>
                <p>{tr(keys::ERROR_LANGUAGE_UNAVAILABLE)}</p>
            </div>
        </Show>
    }
}

/// A page address for decrypted content from the vault, only if the blob's type is the one the
/// vault gives that kind of content (so nothing else is ever framed or shown as a picture).
pub fn content_url(blob: &web_sys::Blob, display: Display) -> Option<String> {
    let expected = match display {
        Display::Image => blob.type_().starts_with("image/"),
        Display::Pdf => blob.type_() == "application/pdf",
        Display::DownloadOnly => true,
    };
    expected
        .then(|| web_sys::Url::create_object_url_with_blob(blob).ok())
        .flatten()
}

/// A PDF in the page. Not sandboxed: Chromium never runs its PDF viewer in a sandboxed frame
/// (the frame shows an error page), and the viewer runs apart from the page anyway. What
/// keeps the content from running as PDE's page is the blob's type, `application/pdf`, set by
/// the vault from the `%PDF-` signature and checked by [`content_url`]: the browser renders
/// it as a PDF or not at all, never as HTML. On a public computer the viewer's own toolbar
/// (save, print) is hidden unless the holder allowed downloads.
#[component]
pub fn PdfFrame(
    src: String,
    #[prop(into)] title: Signal<String>,
    #[prop(optional)] id: &'static str,
) -> impl IntoView {
    let state = AppState::get();
    let src = move || {
        if state.kiosk.get() && !state.downloads_allowed.get() {
            format!("{src}#toolbar=0")
        } else {
            src.clone()
        }
    };
    view! { <iframe id=id class="pdf-frame" src=src title=move || title.get()></iframe> }
}

/// Locks the wallet: the vault forgets the key and ends the session. In kiosk mode the vault
/// worker ends too and a fresh page loads (see [`crate::page::kiosk`]).
pub fn lock(state: AppState) {
    lock_offering_number(state, true);
}

/// Locks; after the lock button outside kiosk mode (`offer_number`), the unlock screen offers
/// the number back.
fn lock_offering_number(state: AppState, offer_number: bool) {
    if state.kiosk.get_untracked() {
        crate::page::kiosk::end_session(state, false);
        return;
    }
    let login = state
        .wallet
        .get_untracked()
        .map(|w| w.pseudonym.unwrap_or(w.wallet_number));
    state.offered_login.set(login.filter(|_| offer_number));
    // A deliberate lock keeps nothing for the next person at this computer. Forgotten before
    // the vault is asked, so that work it cuts short (an upload) is not kept for later.
    state.wallet.set(None);
    state.remembered_login.set(None);
    state.forget_interrupted_work();
    leptos::task::spawn_local(async move {
        if let Ok(vault) = vault() {
            let _ = vault.ask(Command::Lock).await;
        }
        state.documents.set(Default::default());
        state.notice.set(Some(state.t(keys::LOCKED_NOTICE)));
        state.screen.set(Screen::Unlock);
    });
}

/// A lock the holder did not ask for at this screen (the panic key, idleness, a tab left
/// hidden): in kiosk mode the next person sees a neutral page; otherwise as [`lock`].
pub fn lock_quietly(state: AppState) {
    if state.kiosk.get_untracked() {
        crate::page::kiosk::end_session(state, true);
    } else {
        lock_offering_number(state, false);
    }
}

/// The top bar: the app's name, the language switch and, when a wallet is open, the lock.
#[component]
pub fn Header() -> impl IntoView {
    let state = AppState::get();
    let feedback = use_context::<OpenFeedback>();
    view! {
        <header class="top">
            <p class="brand">{tr(keys::APP_NAME)}</p>
            <label class="language">
                <Glyph icon=Icon::Language/>
                <span>{tr(keys::LANGUAGE_LABEL)}</span>
                <select
                    id="language-select"
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if let Some(info) = Catalogue::info(&chosen) {
                            choose_language(state, info.code, None);
                        }
                    }
                    // Until another language is loaded, the menu shows the one in use (set
                    // back after a failed load; `selected` below sets the first showing).
                    prop:value=move || {
                        state.language_unavailable.track();
                        state.lang.get()
                    }
                >
                    {Catalogue::names()
                        .map(|(code, name)| {
                            view! {
                                <option value=code lang=code selected=move || state.lang.get() == code>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || state.kiosk.get()>
                <p class="kiosk-badge" id="kiosk-badge">
                    <Glyph icon=Icon::Eye/>
                    <span>{tr(keys::KIOSK_BADGE)}</span>
                </p>
            </Show>
            {feedback.map(|OpenFeedback(open)| view! {
                <Show when=move || !matches!(state.screen.get(), Screen::Feedback | Screen::Created { .. })>
                    <button id="feedback-open" class="button" on:click=move |_| open(state)>
                        <Glyph icon=Icon::Face/>
                        <span>{tr(keys::FEEDBACK)}</span>
                    </button>
                </Show>
            })}
            // In kiosk mode the lock is on every screen: it also wipes a half-typed number.
            // Not on the page after a kiosk lock: that session is already over.
            <Show when=move || {
                (state.wallet.get().is_some() || state.kiosk.get())
                    && !matches!(state.screen.get(), Screen::Ended | Screen::Neutral)
            }>
                <button
                    id="lock"
                    class="button lock"
                    class:big=move || state.kiosk.get()
                    aria-keyshortcuts="Escape Escape"
                    on:click=move |_| lock(state)
                >
                    <Glyph icon=Icon::Lock/>
                    <span>{tr(keys::LOCK)}</span>
                </button>
            </Show>
        </header>
    }
}

/// The top bar's "Your opinion" button, on pages that have the feedback form: what opens it
/// (the button hides while [`Screen::Feedback`] is shown, and on the recovery sheet's screen).
#[derive(Clone, Copy)]
pub struct OpenFeedback(pub fn(AppState));

/// The last seconds before a kiosk idle lock, announced.
#[component]
pub fn Countdown() -> impl IntoView {
    let state = AppState::get();
    view! {
        <Show when=move || state.countdown.get().is_some()>
            <div class="countdown" id="idle-countdown" role="alert">
                <Glyph icon=Icon::Clock/>
                <p>
                    {move || {
                        state.t_with(
                            keys::KIOSK_COUNTDOWN,
                            &[("seconds", state.countdown.get().unwrap_or(0).into())],
                        )
                    }}
                </p>
                // Any touch resets the idle time; the button makes it plain.
                <button class="button primary" id="idle-stay">
                    <Glyph icon=Icon::Check/>
                    <span>{tr(keys::KIOSK_STAY)}</span>
                </button>
            </div>
        </Show>
    }
}
