//! The app: what the address says at the start, and the screen switch.

use leptos::prelude::*;

use wasm_bindgen::JsCast;

use super::components::{Countdown, Header, LanguageUnavailable, OpenFeedback};
use super::managed::ManagedScreen;
use super::pages;
use super::state::{self, tr, AppState, Screen};
use crate::i18n::{keys, Catalogue};

/// What the address says when the page starts, read once (reading a deposit link also takes
/// its secret out of the address bar).
pub struct Start {
    link: Option<pages::social_worker::WorkerLink>,
    kiosk: crate::page::kiosk::KioskStart,
    /// The language to start in.
    pub lang: &'static str,
}

impl Start {
    /// Reads the address and the browser's language preferences.
    pub fn read() -> Self {
        // A deposit link (`/d/<id>#<secret>.<lang>`) opens the worker's drop page, in the
        // holder's language when the link says which. (A grant link's page is a bundle of its
        // own: web/grant-page.)
        let link = pages::social_worker::take_link(pages::social_worker::LinkKind::Deposit);
        let kiosk = crate::page::kiosk::from_address();
        let link_lang = link.as_ref().and_then(|l| l.lang.clone());
        let lang = start_language(kiosk.lang.as_deref().or(link_lang.as_deref()));
        Self { link, kiosk, lang }
    }
}

/// The language to start in: `wanted` (the link's or the kiosk's) when the app has it, else
/// the browser's preferred one that the app has, else French.
pub fn start_language(wanted: Option<&str>) -> &'static str {
    let mut preferred = browser_languages();
    if let Some(lang) = wanted {
        preferred.insert(0, lang.to_owned());
    }
    Catalogue::negotiate(preferred.iter().map(String::as_str))
}

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

/// `lang` when it was loaded before the app started; if it could not be, the default.
pub fn loaded_or_default(lang: &'static str) -> &'static str {
    if state::is_loaded(lang) {
        lang
    } else {
        crate::i18n::LOCALES[0].code
    }
}

/// What every screen follows: the document's language, direction and title follow the choice
/// (Arabic is right to left), and each new screen starts with the focus on its heading.
pub fn follow_state(state: AppState) {
    Effect::new(move |_| {
        let code = state.lang.get();
        let rtl = Catalogue::info(code).is_some_and(|info| info.rtl);
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", code);
            let _ = root.set_attribute("dir", if rtl { "rtl" } else { "ltr" });
        }
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let title = if matches!(state.screen.get(), Screen::Neutral) {
                keys::NEUTRAL_TITLE
            } else {
                keys::APP_TITLE
            };
            document.set_title(&state.t(title));
        }
    });

    // Each new screen starts at the top, with the focus on its heading for screen readers.
    Effect::new(move |_| {
        let _ = state.screen.get();
        request_animation_frame(|| {
            if let Some(heading) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("main h1").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.focus();
            }
        });
    });
}

/// A link's page (a worker's): the top bar with the language menu, and `page`.
pub fn link_page(page: AnyView) -> AnyView {
    view! {
        <a class="skip" href="#main">{tr(keys::SKIP_TO_CONTENT)}</a>
        <Header/>
        <LanguageUnavailable/>
        <main id="main">{page}</main>
    }
    .into_any()
}

/// The whole app, as the address said at [`Start`].
pub fn app(start: Start) -> impl IntoView {
    let Start { link, kiosk, lang } = start;
    let initial = loaded_or_default(lang);
    let screen = if kiosk.ended && kiosk.quiet {
        Screen::Neutral
    } else if kiosk.ended {
        Screen::Ended
    } else {
        Screen::Language
    };
    let state = AppState::new(initial, screen, kiosk.on, kiosk.idle_seconds);
    provide_context(state);
    if link.is_none() {
        crate::page::kiosk::install(state);
        if kiosk.ended {
            crate::page::kiosk::forget_ended(state);
        }
    }
    follow_state(state);

    if let Some(link) = link {
        return link_page(
            view! { <pages::deposit::DropPage deposit_id=link.grant_id fragment=link.fragment/> }
                .into_any(),
        );
    }

    // The top bar's "Your opinion" opens the form (the management module draws it); its "back"
    // returns to the screen the holder was on.
    provide_context(OpenFeedback(crate::page::managed::open_feedback));
    // After a lock the holder did not ask for, nothing names PDE: no top bar either.
    let neutral = move || matches!(state.screen.get(), Screen::Neutral);
    view! {
        <Show when=move || !neutral()>
            <a class="skip" href="#main">{tr(keys::SKIP_TO_CONTENT)}</a>
            <Header/>
            <LanguageUnavailable/>
            <Countdown/>
        </Show>
        <main id="main">
            {move || match state.screen.get() {
                Screen::Language => pages::language::LanguagePage().into_any(),
                Screen::Start => pages::start::StartPage().into_any(),
                Screen::Create => pages::create::CreatePage().into_any(),
                Screen::Created { recovery_key } => {
                    view! { <pages::created::CreatedPage recovery_key=recovery_key/> }.into_any()
                }
                Screen::Unlock => pages::unlock::UnlockPage().into_any(),
                Screen::Recover => view! { <ManagedScreen name="recover"/> }.into_any(),
                Screen::Wallet => pages::wallet::WalletPage().into_any(),
                Screen::Document(id) => view! { <pages::document::DocumentPage id=id/> }.into_any(),
                Screen::Share => pages::share::SharePage().into_any(),
                Screen::ShareReady(link) => view! { <pages::share::ShareReadyPage link=link/> }.into_any(),
                Screen::Grants => view! { <ManagedScreen name="grants"/> }.into_any(),
                // A new deposit link is shown by the management screen that made it.
                Screen::Receive | Screen::DepositReady(_) => view! { <ManagedScreen name="receive"/> }.into_any(),
                Screen::Meeting => view! { <ManagedScreen name="meeting"/> }.into_any(),
                Screen::TimeLocked { until } => view! { <pages::meeting::TimeLockedPage until=until/> }.into_any(),
                Screen::Ended => pages::meeting::EndedPage().into_any(),
                Screen::Neutral => pages::meeting::NeutralPage().into_any(),
                Screen::Hidden => view! { <ManagedScreen name="hidden"/> }.into_any(),
                Screen::Security => view! { <ManagedScreen name="security"/> }.into_any(),
                Screen::Erased => view! { <ManagedScreen name="erased"/> }.into_any(),
                Screen::Export => view! { <ManagedScreen name="export"/> }.into_any(),
                Screen::Import => view! { <ManagedScreen name="import"/> }.into_any(),
                Screen::WhoSees => view! { <ManagedScreen name="who"/> }.into_any(),
                Screen::Card => view! { <ManagedScreen name="card"/> }.into_any(),
                Screen::Feedback => view! { <ManagedScreen name="feedback"/> }.into_any(),
            }}
        </main>
    }
    .into_any()
}
