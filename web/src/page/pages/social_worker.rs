//! The worker's page, at `/g/<id>#<secret>.<lang>`: no account, no install. It is a bundle of
//! its own (web/grant-page), small and quick to start; this module is its screen. The fragment is
//! read once and removed from the address bar; the secret goes to the vault worker, which asks
//! the grant's state (nothing counted), then opens it when the worker asks (with the PIN told
//! aloud: one opening counted). Only the granted documents are shown: view, download, print.

use leptos::prelude::*;
use pde_api::{GrantState, GrantStatus};
use pde_client::LinkFragment;
use pde_crypto::grant::GrantPin;

use crate::i18n::keys;
use crate::page::components::{
    content_url, print_page, Alert, Glyph, Icon, LinkProblem, PdfFrame, ValidUntil, WorkerRules,
};
use crate::page::state::{tr, AppState};
use crate::page::vault_client::vault;
use crate::protocol::{Command, Display, Failure, Reply, Secret, SharedDocumentView};

/// A grant link as the page found it. No `Debug`, no `Clone`: it holds the secret.
pub struct WorkerLink {
    /// The grant's or deposit link's id.
    pub(crate) grant_id: String,
    /// The fragment (`<secret>.<lang>`), zeroized when dropped.
    pub(crate) fragment: Secret,
    /// The holder's interface language, when the link says it.
    pub lang: Option<String>,
}

/// The two kinds of link a worker opens.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `/g/<id>`: see documents (the grant link page's own bundle).
    Grant,
    /// `/d/<id>`: send documents (the holders' bundle).
    Deposit,
}

/// When the page is a link of `kind`, reads it and removes the fragment from the address bar
/// and the history (`history.replaceState`), so the secret is not left on a shared screen.
pub fn take_link(kind: LinkKind) -> Option<WorkerLink> {
    let window = web_sys::window()?;
    let location = window.location();
    let path = location.pathname().ok()?;
    let rest = path.strip_prefix(match kind {
        LinkKind::Grant => "/g/",
        LinkKind::Deposit => "/d/",
    })?;
    let grant_id = rest.trim_end_matches('/').to_owned();
    let hash = location.hash().unwrap_or_default();
    let fragment = Secret::new(hash.strip_prefix('#').unwrap_or(&hash).to_owned());
    drop(hash);
    if !fragment.0.is_empty() {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
    let lang = LinkFragment::parse(&fragment.0).lang().map(str::to_owned);
    Some(WorkerLink {
        grant_id,
        fragment,
        lang,
    })
}

#[derive(Clone, Debug)]
enum Step {
    /// Asking the server.
    Reading,
    /// The link can't be opened; the text says why.
    Problem(String),
    /// The link works: open it (with the PIN when asked).
    Ready(GrantStatus),
    /// The documents.
    Open {
        expires_at: i64,
        documents: Vec<SharedDocumentView>,
    },
}

/// Why a link can't be opened, in plain words.
fn problem_text(state: AppState, grant: GrantState) -> Option<String> {
    let key = match grant {
        GrantState::Active => return None,
        GrantState::Incomplete => keys::ERROR_GRANT_INCOMPLETE,
        GrantState::Expired => keys::ERROR_GRANT_EXPIRED,
        GrantState::Revoked => keys::ERROR_GRANT_REVOKED,
        GrantState::UsedUp => keys::ERROR_GRANT_USED_UP,
        GrantState::Burned => keys::ERROR_GRANT_BURNED,
    };
    Some(state.t(key))
}

/// A failure that ends the visit (anything but a wrong PIN or the network).
fn final_failure(state: AppState, failure: &Failure) -> Option<String> {
    match failure {
        Failure::WrongPin { .. } | Failure::Network => None,
        Failure::Server {
            code: pde_api::ErrorCode::NotFound,
            ..
        } => Some(state.t(keys::SHARED_NOT_FOUND)),
        other => Some(state.failure_text(other)),
    }
}

/// The worker's page.
#[component]
pub fn WorkerPage(link: WorkerLink) -> impl IntoView {
    let state = AppState::get();
    let step = RwSignal::new(Step::Reading);
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let WorkerLink {
        grant_id, fragment, ..
    } = link;
    leptos::task::spawn_local(async move {
        let result =
            crate::page::vault_client::ask(Command::SharedStatus { grant_id, fragment }).await;
        step.set(match result {
            Ok(Reply::SharedStatus(status)) => match problem_text(state, status.state) {
                Some(text) => Step::Problem(text),
                None => Step::Ready(status),
            },
            Ok(_) => Step::Problem(state.t(keys::ERROR_UNEXPECTED)),
            Err(failure) => Step::Problem(
                final_failure(state, &failure).unwrap_or_else(|| state.failure_text(&failure)),
            ),
        });
    });

    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let Step::Ready(status) = step.get_untracked() else {
            return;
        };
        let typed = status.has_pin.then(|| pin.get_untracked());
        if let Some(text) = &typed {
            if GrantPin::parse(text).is_err() {
                error.set(Some(state.t(keys::SHARE_PIN_INVALID)));
                return;
            }
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = crate::page::vault_client::ask(Command::OpenShared {
                pin: typed.map(Secret::new),
            })
            .await;
            busy.set(false);
            pin.set(String::new());
            match result {
                Ok(Reply::SharedOpened {
                    expires_at,
                    documents,
                }) => step.set(Step::Open {
                    expires_at,
                    documents,
                }),
                Ok(_) => error.set(Some(state.t(keys::ERROR_UNEXPECTED))),
                Err(failure) => match final_failure(state, &failure) {
                    Some(text) => step.set(Step::Problem(text)),
                    None => error.set(Some(state.failure_text(&failure))),
                },
            }
        });
    };

    view! {
        <section class="page wide shared">
            {move || match step.get() {
                Step::Reading => view! {
                    <h1 tabindex="-1">{tr(keys::SHARED_TITLE)}</h1>
                    <p role="status">{tr(keys::SHARED_READING)}</p>
                }
                    .into_any(),
                Step::Problem(text) => view! {
                    <LinkProblem text=text/>
                }
                    .into_any(),
                Step::Ready(status) => {
                    let expires_at = status.expires_at;
                    view! {
                        <h1 tabindex="-1">{tr(keys::SHARED_TITLE)}</h1>
                        <p class="lead">{tr(keys::SHARED_LEAD)}</p>
                        <ValidUntil expires_at=expires_at/>
                        <WorkerRules shown=true/>
                        <form on:submit=open novalidate>
                            {status.has_pin.then(|| view! {
                                <label for="shared-pin">{tr(keys::SHARED_PIN_LABEL)}</label>
                                <input
                                    id="shared-pin"
                                    type="password"
                                    inputmode="numeric"
                                    autocomplete="off"
                                    maxlength="8"
                                    dir="ltr"
                                    prop:value=move || pin.get()
                                    on:input=move |ev| pin.set(event_target_value(&ev))
                                />
                            })}
                            <Alert message=Signal::derive(move || error.get())/>
                            <button id="shared-open" class="button big primary" type="submit" disabled=move || busy.get()>
                                <Glyph icon=Icon::Eye/>
                                <span>{tr(keys::SHARED_OPEN)}</span>
                            </button>
                            <p class="hint">{tr(keys::SHARED_COUNTED)}</p>
                        </form>
                    }
                        .into_any()
                }
                Step::Open { expires_at, documents } => view! {
                    <h1 tabindex="-1">{tr(keys::SHARED_TITLE)}</h1>
                    <ValidUntil expires_at=expires_at/>
                    <ul class="shared-docs" role="list" id="shared-documents">
                        {documents.into_iter().map(|doc| view! { <SharedDocument doc=doc/> }).collect_view()}
                    </ul>
                    <WorkerRules shown=true/>
                }
                    .into_any(),
            }}
        </section>
    }
}

/// One granted document: its name, then once asked, the content (image, or PDF, else download
/// only) with download and print.
#[component]
fn SharedDocument(doc: SharedDocumentView) -> impl IntoView {
    let state = AppState::get();
    let url = RwSignal::new(None::<String>);
    let display = RwSignal::new(None::<Display>);
    // The type the vault recognised the content as: the saved file's extension follows it.
    let content_mime = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let position = doc.position;
    let name = doc.name.clone();
    let show = move |_| {
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = match vault() {
                Ok(vault) => {
                    vault
                        .call(Command::OpenSharedDocument { position }, None, None)
                        .await
                }
                Err(failure) => Err(failure),
            };
            busy.set(false);
            match result {
                Ok((
                    Reply::Opened {
                        display: how, mime, ..
                    },
                    Some(blob),
                )) => {
                    if let Some(link) = content_url(&blob, how) {
                        url.set(Some(link));
                        display.set(Some(how));
                        content_mime.set(mime);
                    }
                }
                Ok(_) => error.set(Some(state.t(keys::ERROR_UNEXPECTED))),
                Err(failure) => error.set(Some(state.failure_text(&failure))),
            }
        });
    };
    on_cleanup(move || {
        if let Some(link) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&link);
        }
    });
    let title = name.clone();
    let download_name = name.clone();
    let saved_as = Signal::derive(move || {
        crate::photo::saved_name(&download_name, &content_mime.get(), false)
    });
    view! {
        <li class="shared-doc" data-position=position.to_string()>
            <h2 dir="auto">{name.clone()}</h2>
            {(!doc.note.is_empty()).then(|| view! { <p class="shared-note" dir="auto">{doc.note.clone()}</p> })}
            <Alert message=Signal::derive(move || error.get())/>
            <Show when=move || url.get().is_none()>
                <button class="button primary shared-view" disabled=move || busy.get() on:click=show>
                    <Glyph icon=Icon::Eye/>
                    <span>{tr(keys::SHARED_VIEW)}</span>
                </button>
            </Show>
            <div class="viewer">
                {
                    let title = title.clone();
                    move || match (display.get(), url.get()) {
                        (Some(Display::Image), Some(src)) => {
                            view! { <img class="shared-image" src=src alt=title.clone()/> }.into_any()
                        }
                        (Some(Display::Pdf), Some(src)) => {
                            view! { <PdfFrame src=src title=title.clone()/> }.into_any()
                        }
                        (Some(Display::DownloadOnly), Some(_)) => {
                            view! { <p class="notice">{tr(keys::DOCUMENT_DOWNLOAD_ONLY)}</p> }.into_any()
                        }
                        _ => ().into_any(),
                    }
                }
            </div>
            <Show when=move || url.get().is_some()>
                <div class="actions">
                    <a
                        class="button shared-download"
                        href=move || url.get().unwrap_or_default()
                        download=saved_as
                    >
                        <Glyph icon=Icon::Download/>
                        <span>{tr(keys::DOWNLOAD)}</span>
                    </a>
                    <button class="button" on:click=move |_| print_page()>
                        <Glyph icon=Icon::Print/>
                        <span>{tr(keys::PRINT)}</span>
                    </button>
                </div>
            </Show>
        </li>
    }
}
