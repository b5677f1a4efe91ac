//! # pde-grant-page
//!
//! The page a social worker opens from a grant link (`/g/<id>#<secret>.<lang>`), as a
//! WebAssembly bundle of its own. It has the worker's screen of `pde-web` and a vault worker
//! that takes only a grant link's commands (read the link, open it with the PIN, open a granted
//! copy): none of the holders' OPAQUE, Argon2, photo or management code, so the link shows its
//! first document sooner (`cargo xtask bench web`). As in the holders' bundle, the link's
//! secret, the PIN and the grant key live in the vault worker only.

#[cfg(target_arch = "wasm32")]
mod entry {
    use leptos::prelude::*;
    use pde_web::i18n::ModuleWords;
    use pde_web::page::app::{follow_state, link_page, loaded_or_default, start_language};
    use pde_web::page::components::OpenFeedback;
    use pde_web::page::kiosk::DEFAULT_IDLE_SECONDS;
    use pde_web::page::pages::social_worker::{take_link, LinkKind, WorkerPage};
    use pde_web::page::state::{load_language, AppState, Screen};
    use pde_web::page::vault_client::set_vault_glue;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    thread_local! {
        /// The page's own words (`web/grant-page/locales/`), beside the worker's screen's.
        static WORDS: ModuleWords = const {
            ModuleWords::new(&[
                ("fr", include_str!("../locales/fr.ftl")),
                ("nl", include_str!("../locales/nl.ftl")),
                ("en", include_str!("../locales/en.ftl")),
                ("ar", include_str!("../locales/ar.ftl")),
            ])
        };
    }

    /// Entry point of the page (called by `grant-page.js`).
    #[wasm_bindgen]
    pub fn start_page() {
        set_vault_glue("pde_grant_page");
        // Served at `/g/<id>` only; anything else shows nothing.
        let Some(link) = take_link(LinkKind::Grant) else {
            return;
        };
        let lang = start_language(link.lang.as_deref());
        wasm_bindgen_futures::spawn_local(async move {
            load_language(lang).await;
            leptos::mount::mount_to_body(move || {
                let state = AppState::new(
                    loaded_or_default(lang),
                    Screen::Language,
                    false,
                    DEFAULT_IDLE_SECONDS,
                );
                provide_context(state);
                follow_state(state);
                // "Your opinion" in the top bar opens the form under the worker's documents
                // (the documents stay open above it), its heading taking the focus once drawn.
                provide_context(OpenFeedback(|state| {
                    state.screen.set(Screen::Feedback);
                    set_timeout(
                        || {
                            if let Some(heading) = document()
                                .get_element_by_id("feedback-title")
                                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                            {
                                let _ = heading.focus();
                            }
                        },
                        std::time::Duration::from_millis(100),
                    );
                }));
                link_page(
                    view! {
                        <WorkerPage link=link/>
                        <Show when=move || state.screen.get() == Screen::Feedback>
                            <pde_feedback::FeedbackForm
                                from=pde_api::feedback::FeedbackFrom::Worker
                                top=false
                                on_done=Callback::new(move |()| state.screen.set(Screen::Language))
                            />
                        </Show>
                        // What the server keeps, for the worker too (a page of the server's).
                        <p class="page narrow">
                            <a id="worker-transparency"
                                href=move || format!("/transparency?lang={}", state.lang.get())>
                                {move || WORDS.with(|words| words.text(state.lang.get(), "worker-transparency", &[]))}
                            </a>
                        </p>
                    }
                    .into_any(),
                )
            });
        });
    }

    /// Entry point of its vault worker (called by `vault.js`): a grant link's commands only.
    #[wasm_bindgen]
    pub fn start_vault() {
        pde_web::vault::run(pde_web::vault::handle_grant_link);
    }
}
