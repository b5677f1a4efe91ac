//! "Prepare my meeting": after sharing what to show, the holder locks the wallet until a chosen
//! time, so nobody in the room can make them open it. (The page confirming the lock is the
//! page's: `pde_web::page::pages::meeting`.)

use leptos::prelude::*;

use crate::texts::{keys, tr};
use pde_web::page::components::{Alert, Glyph, Icon};
use pde_web::page::state::{now_seconds, AppState, Screen};
use pde_web::protocol::{Command, Failure, Reply, Secret};

/// Lock lengths offered, in hours (the server allows at most 72).
const HOURS: [i64; 10] = [1, 2, 3, 4, 6, 8, 12, 24, 48, 72];

/// Choose until when, type the secret, confirm twice.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let state = AppState::get();
    let hours = RwSignal::new(2_i64);
    let secret = RwSignal::new(String::new());
    // Fixed when the holder asks to lock, so the confirmation names the exact time.
    let until = RwSignal::new(None::<i64>);
    let busy = RwSignal::new(false);
    let understood = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let planned = move || state.date_time(now_seconds() + hours.get() * 3600);

    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        understood.set(false);
        until.set(Some(now_seconds() + hours.get_untracked() * 3600));
    };
    let confirm = move |_| {
        let (Some(time), Some(wallet)) = (until.get_untracked(), state.wallet.get_untracked())
        else {
            return;
        };
        if !understood.get_untracked() {
            return;
        }
        busy.set(true);
        let command = Command::TimeLock {
            login: wallet.wallet_number,
            secret: Secret::new(secret.get_untracked()),
            until: time,
        };
        leptos::task::spawn_local(async move {
            let result = crate::relay::ask(command).await;
            busy.set(false);
            until.set(None);
            match result {
                Ok(Reply::TimeLocked { until }) => {
                    secret.set(String::new());
                    state.documents.set(Default::default());
                    state.wallet.set(None);
                    state.remembered_login.set(None);
                    state.forget_interrupted_work();
                    state.screen.set(Screen::TimeLocked { until });
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    view! {
        <section class="page narrow">
            <button class="button link" on:click=move |_| state.screen.set(Screen::Wallet)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK_TO_WALLET)}</span>
            </button>
            <h1 tabindex="-1">
                <Glyph icon=Icon::Clock/>
                <span>{tr(keys::MEETING_TITLE)}</span>
            </h1>
            <p class="lead">{tr(keys::MEETING_LEAD)}</p>
            <button id="meeting-share" class="button" on:click=move |_| state.screen.set(Screen::Share)>
                <Glyph icon=Icon::Share/>
                <span>{tr(keys::MEETING_SHARE_FIRST)}</span>
            </button>
            // One step at a time: the form, then the last check in its place.
            <Show when=move || until.get().is_none()>
            <form on:submit=ask>
                <label for="meeting-hours">{tr(keys::MEETING_HOURS_LABEL)}</label>
                <select
                    id="meeting-hours"
                    on:change=move |ev| {
                        if let Ok(value) = event_target_value(&ev).parse::<i64>() {
                            hours.set(value);
                            until.set(None);
                        }
                    }
                >
                    {HOURS
                        .into_iter()
                        .map(|h| {
                            view! {
                                <option value=h.to_string() selected=move || hours.get() == h>
                                    {move || crate::texts::t_with(state, keys::MEETING_HOURS, &[("count", h.into())])}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="until" id="meeting-until">
                    <Glyph icon=Icon::Lock/>
                    <span>{move || crate::texts::t_with(state, keys::MEETING_UNTIL, &[("time", planned().into())])}</span>
                </p>
                <label for="meeting-secret">{tr(keys::MEETING_SECRET_LABEL)}</label>
                <input
                    id="meeting-secret"
                    type="password"
                    autocomplete="off"
                    required
                    prop:value=move || secret.get()
                    on:input=move |ev| secret.set(event_target_value(&ev))
                />
                <Alert message=Signal::derive(move || error.get())/>
                <button id="meeting-lock" class="button big primary" type="submit">
                    <Glyph icon=Icon::Lock/>
                    <span>{tr(keys::MEETING_LOCK)}</span>
                </button>
            </form>
            </Show>
            <Show when=move || until.get().is_some()>
                <div class="confirm" role="alertdialog" aria-labelledby="meeting-confirm-text" aria-modal="false">
                    <p id="meeting-confirm-text">
                        {move || {
                            let time = until.get().map(|t| state.date_time(t)).unwrap_or_default();
                            crate::texts::t_with(state, keys::MEETING_CONFIRM, &[("time", time.into())])
                        }}
                    </p>
                    // The second confirmation: it cannot be undone.
                    <label class="option" for="meeting-understood">
                        <input
                            id="meeting-understood"
                            type="checkbox"
                            prop:checked=move || understood.get()
                            on:change=move |ev| understood.set(event_target_checked(&ev))
                        />
                        <span>{tr(keys::MEETING_UNDERSTOOD)}</span>
                    </label>
                    <div class="actions">
                        <button
                            id="meeting-lock-yes"
                            class="button danger"
                            disabled=move || busy.get() || !understood.get()
                            on:click=confirm
                        >
                            <Glyph icon=Icon::Lock/>
                            <span>{tr(keys::MEETING_LOCK_YES)}</span>
                        </button>
                        <button id="meeting-lock-no" class="button" on:click=move |_| until.set(None)>
                            <Glyph icon=Icon::Back/>
                            <span>{tr(keys::MEETING_LOCK_NO)}</span>
                        </button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
