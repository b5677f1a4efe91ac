//! Sharing: the holder picks documents and the link's terms (how long, a PIN, how many
//! openings, a private label); the vault seals copies for the grant; then the link is shown to
//! copy, as a QR code to scan, and on a slip to print.

use leptos::prelude::*;
use pde_api::{MAX_GRANT_DOCUMENTS, MAX_GRANT_OPENINGS, MAX_GRANT_SECONDS};
use pde_crypto::document::DocumentId;
use pde_crypto::grant::GrantPin;

use crate::i18n::keys;
use crate::page::components::{
    category_icon, copy_to_clipboard, print_page, qr_svg, Alert, Glyph, Icon, ValidUntil,
};
use crate::page::pages::wallet::refresh;
use crate::page::state::{category_key, link_url, tr, AppState, ReadyLink, Screen};
use crate::page::vault_client::vault;
use crate::protocol::{Command, Failure, Progress, Reply, Secret, ShareRequest};

/// How long a link works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expiry {
    Hour,
    Day,
    Week,
    Days,
}

const MAX_DAYS: u64 = MAX_GRANT_SECONDS / 86_400;

/// The share screen.
#[component]
pub fn SharePage() -> impl IntoView {
    let state = AppState::get();
    let error = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(Vec::<DocumentId>::new());
    let expiry = RwSignal::new(Expiry::Day);
    let days = RwSignal::new(String::from("3"));
    let with_pin = RwSignal::new(false);
    let pin = RwSignal::new(String::new());
    let limited = RwSignal::new(false);
    let openings = RwSignal::new(String::from("1"));
    let label = RwSignal::new(String::new());
    let include_notes = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(None::<Progress>);

    if state.documents.get_untracked().documents.is_empty() {
        refresh(state, error);
    }

    let toggle = move |id: DocumentId, on: bool| {
        chosen.update(|list| {
            list.retain(|d| *d != id);
            if on {
                list.push(id);
            }
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let documents = chosen.get_untracked();
        if documents.is_empty() {
            error.set(Some(state.t(keys::SHARE_NONE_CHOSEN)));
            return;
        }
        if documents.len() > MAX_GRANT_DOCUMENTS {
            error.set(Some(state.t_with(
                keys::SHARE_TOO_MANY,
                &[("max", MAX_GRANT_DOCUMENTS.into())],
            )));
            return;
        }
        let expires_in_seconds = match expiry.get_untracked() {
            Expiry::Hour => 3600,
            Expiry::Day => 86_400,
            Expiry::Week => 7 * 86_400,
            Expiry::Days => match days.get_untracked().trim().parse::<u64>() {
                Ok(n) if (1..=MAX_DAYS).contains(&n) => n * 86_400,
                _ => {
                    error.set(Some(
                        state.t_with(keys::SHARE_DAYS_INVALID, &[("max", MAX_DAYS.into())]),
                    ));
                    return;
                }
            },
        };
        let pin_text = with_pin.get_untracked().then(|| pin.get_untracked());
        if let Some(text) = &pin_text {
            if GrantPin::parse(text).is_err() {
                error.set(Some(state.t(keys::SHARE_PIN_INVALID)));
                return;
            }
        }
        let max_openings = if limited.get_untracked() {
            match openings.get_untracked().trim().parse::<u32>() {
                Ok(n) if (1..=MAX_GRANT_OPENINGS).contains(&n) => Some(n),
                _ => {
                    error.set(Some(state.t_with(
                        keys::SHARE_OPENINGS_INVALID,
                        &[("max", MAX_GRANT_OPENINGS.into())],
                    )));
                    return;
                }
            }
        } else {
            None
        };
        let request = ShareRequest {
            documents,
            label: label.get_untracked(),
            expires_in_seconds,
            pin: pin_text.clone().map(Secret::new),
            max_openings,
            lang: state.lang.get_untracked().to_owned(),
            include_notes: include_notes.get_untracked(),
        };
        busy.set(true);
        progress.set(None);
        leptos::task::spawn_local(async move {
            let report = Box::new(move |p: Progress| progress.set(Some(p)));
            let result = match vault() {
                Ok(vault) => vault
                    .call(Command::Share(request), None, Some(report))
                    .await
                    .map(|(reply, _)| reply),
                Err(failure) => Err(failure),
            };
            busy.set(false);
            match result {
                Ok(Reply::Shared {
                    grant_id,
                    fragment,
                    expires_at,
                }) => {
                    state.screen.set(Screen::ShareReady(ReadyLink {
                        url: link_url("g", grant_id.as_str(), &fragment.0),
                        expires_at,
                        pin: pin_text,
                    }));
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    let documents = move || {
        state
            .documents
            .get()
            .documents
            .into_iter()
            .filter(|d| !d.damaged)
            .collect::<Vec<_>>()
    };

    let preset = move |value: Expiry, key: &'static str, id: &'static str| {
        view! {
            <label class="option" for=id>
                <input
                    type="radio"
                    id=id
                    name="expiry"
                    checked=move || expiry.get() == value
                    on:change=move |_| expiry.set(value)
                />
                <span>{tr(key)}</span>
            </label>
        }
    };

    view! {
        <section class="page narrow">
            <button id="back" class="button link" on:click=move |_| state.screen.set(Screen::Wallet)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK_TO_WALLET)}</span>
            </button>
            <h1 tabindex="-1">
                <Glyph icon=Icon::Share/>
                <span>{tr(keys::SHARE_TITLE)}</span>
            </h1>
            <p class="lead">{tr(keys::SHARE_LEAD)}</p>
            <form on:submit=submit novalidate>
                <fieldset>
                    <legend>{tr(keys::SHARE_DOCUMENTS_LEGEND)}</legend>
                    <Show when=move || documents().is_empty()>
                        <p>{tr(keys::SHARE_NO_DOCUMENTS)}</p>
                    </Show>
                    <For each=documents key=|d| (d.id, d.name.clone()) let:doc>
                        {
                            let id = doc.id;
                            let input_id = format!("share-doc-{id}");
                            view! {
                                <label class="option" for=input_id.clone()>
                                    <input
                                        type="checkbox"
                                        id=input_id.clone()
                                        class="share-doc"
                                        checked=move || chosen.get().contains(&id)
                                        on:change=move |ev| toggle(id, event_target_checked(&ev))
                                    />
                                    <Glyph icon=category_icon(doc.category)/>
                                    <span dir="auto">{doc.name.clone()}</span>
                                    <span class="hint">{move || state.t(&category_key(doc.category))}</span>
                                </label>
                            }
                        }
                    </For>
                </fieldset>
                <fieldset>
                    <legend>{tr(keys::SHARE_EXPIRY_LEGEND)}</legend>
                    {preset(Expiry::Hour, keys::SHARE_EXPIRY_HOUR, "expiry-hour")}
                    {preset(Expiry::Day, keys::SHARE_EXPIRY_DAY, "expiry-day")}
                    {preset(Expiry::Week, keys::SHARE_EXPIRY_WEEK, "expiry-week")}
                    {preset(Expiry::Days, keys::SHARE_EXPIRY_DAYS, "expiry-days")}
                    <Show when=move || expiry.get() == Expiry::Days>
                        <label for="share-days">{move || state.t_with(keys::SHARE_DAYS_LABEL, &[("max", MAX_DAYS.into())])}</label>
                        <input
                            id="share-days"
                            type="number"
                            inputmode="numeric"
                            min="1"
                            max=MAX_DAYS.to_string()
                            prop:value=move || days.get()
                            on:input=move |ev| days.set(event_target_value(&ev))
                        />
                    </Show>
                </fieldset>
                <label class="option" for="share-with-pin">
                    <input
                        type="checkbox"
                        id="share-with-pin"
                        on:change=move |ev| with_pin.set(event_target_checked(&ev))
                    />
                    <span>
                        {tr(keys::SHARE_PIN_OPTION)}
                        <span class="hint">{tr(keys::SHARE_PIN_HINT)}</span>
                    </span>
                </label>
                <Show when=move || with_pin.get()>
                    <label for="share-pin">{tr(keys::SHARE_PIN_LABEL)}</label>
                    <input
                        id="share-pin"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        maxlength="8"
                        dir="ltr"
                        prop:value=move || pin.get()
                        on:input=move |ev| pin.set(event_target_value(&ev))
                    />
                </Show>
                <label class="option" for="share-limited">
                    <input
                        type="checkbox"
                        id="share-limited"
                        on:change=move |ev| limited.set(event_target_checked(&ev))
                    />
                    <span>{tr(keys::SHARE_OPENINGS_OPTION)}</span>
                </label>
                <Show when=move || limited.get()>
                    <label for="share-openings">{tr(keys::SHARE_OPENINGS_LABEL)}</label>
                    <input
                        id="share-openings"
                        type="number"
                        inputmode="numeric"
                        min="1"
                        max=MAX_GRANT_OPENINGS.to_string()
                        prop:value=move || openings.get()
                        on:input=move |ev| openings.set(event_target_value(&ev))
                    />
                </Show>
                <label class="option" for="share-include-notes">
                    <input
                        type="checkbox"
                        id="share-include-notes"
                        on:change=move |ev| include_notes.set(event_target_checked(&ev))
                    />
                    <span>
                        {tr(keys::SHARE_NOTES_OPTION)}
                        <span class="hint">{tr(keys::SHARE_NOTES_HINT)}</span>
                    </span>
                </label>
                <label for="share-label">{tr(keys::SHARE_LABEL_LABEL)}</label>
                <span class="hint" id="share-label-hint">{tr(keys::SHARE_LABEL_HINT)}</span>
                <input
                    id="share-label"
                    type="text"
                    dir="auto"
                    maxlength="100"
                    aria-describedby="share-label-hint"
                    prop:value=move || label.get()
                    on:input=move |ev| label.set(event_target_value(&ev))
                />
                <Alert message=Signal::derive(move || error.get())/>
                <button id="share-submit" class="button big primary" type="submit" disabled=move || busy.get()>
                    <Glyph icon=Icon::Link/>
                    <span>{tr(keys::SHARE_SUBMIT)}</span>
                </button>
                <Show when=move || busy.get()>
                    <p role="status">{tr(keys::SHARE_WORKING)}</p>
                    <progress
                        max=move || progress.get().map_or(1, |p| p.total.max(1)).to_string()
                        value=move || progress.get().map_or(0, |p| p.done).to_string()
                        aria-label=tr(keys::SHARE_WORKING)
                    ></progress>
                </Show>
            </form>
        </section>
    }
}

/// The link is ready: to copy, to scan, to print; the PIN to tell aloud (never printed).
#[component]
pub fn ShareReadyPage(link: ReadyLink) -> impl IntoView {
    let state = AppState::get();
    let qr = qr_svg(&link.url);
    let copied = RwSignal::new(false);
    let url = link.url.clone();
    let expires_at = link.expires_at;
    let has_pin = link.pin.is_some();
    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Check/>
                <span>{tr(keys::SHARE_READY_TITLE)}</span>
            </h1>
            {link.pin.clone().map(|pin| view! {
                <div class="pin-box no-print">
                    <p class="label">{tr(keys::SHARE_PIN_TELL)}</p>
                    <p class="wallet-number" id="share-pin-shown" dir="ltr">{pin}</p>
                </div>
            })}
            <label for="share-link" class="field-label">{tr(keys::SHARE_LINK_LABEL)}</label>
            <input id="share-link" type="text" readonly dir="ltr" prop:value=url.clone()/>
            <div class="actions">
                <button
                    id="share-copy"
                    class="button"
                    on:click=move |_| copy_to_clipboard(&url, copied)
                >
                    <Glyph icon=Icon::Link/>
                    <span>{tr(keys::SHARE_COPY)}</span>
                </button>
                <button class="button" on:click=move |_| print_page()>
                    <Glyph icon=Icon::Print/>
                    <span>{tr(keys::SHARE_PRINT_SLIP)}</span>
                </button>
            </div>
            <Show when=move || copied.get()>
                <p class="notice" role="status">{tr(keys::SHARE_COPIED)}</p>
            </Show>
            <section class="card-print slip" id="share-slip" aria-labelledby="slip-title">
                <h2 id="slip-title">{tr(keys::SHARE_SLIP_TITLE)}</h2>
                <div class="qr" inner_html=move || qr.get() role="img" aria-label=tr(keys::SHARE_QR_LABEL)></div>
                <p class="link-text" dir="ltr">{link.url.clone()}</p>
                <ValidUntil expires_at=expires_at/>
                <Show when=move || has_pin>
                    <p>{tr(keys::SHARE_SLIP_PIN)}</p>
                </Show>
                <p class="slip-rules" id="slip-rules">{tr(keys::SLIP_RULES)}</p>
            </section>
            <div class="actions">
                <button id="share-to-grants" class="button primary" on:click=move |_| state.screen.set(Screen::Grants)>
                    <Glyph icon=Icon::Share/>
                    <span>{tr(keys::GRANTS_TITLE)}</span>
                </button>
                <button id="share-done" class="button" on:click=move |_| state.screen.set(Screen::Wallet)>
                    <Glyph icon=Icon::Back/>
                    <span>{tr(keys::BACK_TO_WALLET)}</span>
                </button>
            </div>
        </section>
    }
}
