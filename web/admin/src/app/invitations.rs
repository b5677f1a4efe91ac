//! Invitations by partner: the batches made (how many wallets each made), a new batch for a
//! partner picked from the operator's list, and its slips to print (shown once: only the codes'
//! hashes are kept).

use leptos::prelude::*;
use leptos::task::spawn_local;
use pde_api::admin::{
    self as api, AdminMe, AdminRole, BatchInfo, BatchMade, InvitationsOverview, NewBatch,
    MAX_BATCH_CODES, MAX_BATCH_DAYS, MAX_USES_PER_CODE,
};
use pde_api::endpoints::NoBody;

use super::{Screen, Ui};
use crate::texts::{Texts, SLIP_LANGUAGES};
use crate::transport::call;

/// Reads a whole number typed in a field (an empty or bad one reads as 0, which the server
/// refuses with words).
fn number<T: wasm_bindgen::JsCast>(event: &T) -> u32 {
    event_target_value(event).trim().parse().unwrap_or(0)
}

#[component]
pub(super) fn Invitations(ui: Ui, me: AdminMe) -> impl IntoView {
    let overview = RwSignal::new(None::<InvitationsOverview>);
    let reload = move || {
        spawn_local(async move {
            match call(api::INVITATIONS, &[], &NoBody).await {
                Ok(answer) => overview.set(Some(answer)),
                Err(failure) => ui.fail(failure),
            }
        })
    };
    reload();
    let coordinator = me.role == AdminRole::Coordinator;
    let partner = RwSignal::new(String::new());
    let codes = RwSignal::new(20u32);
    let uses = RwSignal::new(1u32);
    let days = RwSignal::new(90u32);
    let me = StoredValue::new(me);
    let make = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = NewBatch {
            partner_id: partner.get_untracked(),
            codes: codes.get_untracked(),
            uses_per_code: uses.get_untracked(),
            days: days.get_untracked(),
        };
        ui.run(async move {
            let made = call(api::BATCH_CREATE, &[], &request).await?;
            ui.screen.set(Screen::Slips {
                me: me.get_value(),
                made,
            });
            Ok(())
        });
    };
    let revoke = move |batch: BatchInfo| {
        let question = ui.t_with("batch-revoke-confirm", &[("partner", &batch.partner)]);
        let confirmed = web_sys::window()
            .and_then(|window| window.confirm_with_message(&question).ok())
            .unwrap_or(false);
        if !confirmed {
            return;
        }
        ui.run(async move {
            call(api::BATCH_REVOKE, &[&batch.id], &NoBody).await?;
            ui.notice.set(Some("batch-revoked".to_owned()));
            reload();
            Ok(())
        });
    };
    view! {
        <section aria-labelledby="invitations-heading" id="invitations">
            <h2 id="invitations-heading">{move || ui.t("invitations-heading")}</h2>
            <p>{move || ui.t("invitations-explain")}</p>
            <p id="partner-kept">
                {move || {
                    let kept = overview.get().is_some_and(|o| o.partner_kept);
                    ui.t(if kept { "partner-kept" } else { "partner-not-kept" })
                }}
            </p>
            <Show when=move || coordinator>
                <Show
                    when=move || overview.get().is_some_and(|o| !o.partners.is_empty())
                    fallback=move || view! { <p id="no-partners">{move || ui.t("partners-none")}</p> }
                >
                    <form id="new-batch" on:submit=make>
                        <h3>{move || ui.t("batch-new-heading")}</h3>
                        <label for="batch-partner">{move || ui.t("batch-partner")}</label>
                        <select id="batch-partner" required
                            on:change=move |event| partner.set(event_target_value(&event))>
                            <option value="" selected=true>{move || ui.t("batch-partner-pick")}</option>
                            {move || {
                                overview
                                    .get()
                                    .map(|o| o.partners)
                                    .unwrap_or_default()
                                    .into_iter()
                                    .map(|p| view! { <option value=p.id>{p.label}</option> })
                                    .collect_view()
                            }}
                        </select>
                        <label for="batch-codes">
                            {move || ui.t_with("batch-codes", &[("max", &MAX_BATCH_CODES.to_string())])}
                        </label>
                        <input id="batch-codes" type="number" min="1" max=MAX_BATCH_CODES.to_string() required
                            prop:value=move || codes.get().to_string()
                            on:input=move |event| codes.set(number(&event))/>
                        <label for="batch-uses">
                            {move || ui.t_with("batch-uses", &[("max", &MAX_USES_PER_CODE.to_string())])}
                        </label>
                        <input id="batch-uses" type="number" min="1" max=MAX_USES_PER_CODE.to_string() required
                            prop:value=move || uses.get().to_string()
                            on:input=move |event| uses.set(number(&event))/>
                        <label for="batch-days">
                            {move || ui.t_with("batch-days", &[("max", &MAX_BATCH_DAYS.to_string())])}
                        </label>
                        <input id="batch-days" type="number" min="1" max=MAX_BATCH_DAYS.to_string() required
                            prop:value=move || days.get().to_string()
                            on:input=move |event| days.set(number(&event))/>
                        <button id="make-batch" type="submit" class="primary" disabled=move || ui.busy.get()>
                            {move || ui.t("batch-make")}
                        </button>
                    </form>
                </Show>
            </Show>
            <h3>{move || ui.t("batches-heading")}</h3>
            <p id="batches-explain">
                {move || {
                    let k = overview.get().map_or(5, |o| o.k);
                    ui.t_with("batches-explain", &[("k", &k.to_string())])
                }}
            </p>
            <table id="batches">
                <thead>
                    <tr>
                        <th scope="col">{move || ui.t("batch-partner")}</th>
                        <th scope="col">{move || ui.t("batch-made")}</th>
                        <th scope="col">{move || ui.t("batch-size")}</th>
                        <th scope="col">{move || ui.t("batch-valid")}</th>
                        <th scope="col">{move || ui.t("batch-wallets")}</th>
                        <th scope="col">{move || ui.t("batch-state")}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let now = js_sys::Date::now() / 1000.0;
                        let (k, batches) = overview
                            .get()
                            .map(|o| (o.k, o.batches))
                            .unwrap_or_default();
                        batches
                            .into_iter()
                            .map(|batch| {
                                let state = if batch.revoked_at.is_some() {
                                    "batch-revoked-state"
                                } else if (batch.expires_at as f64) <= now {
                                    "batch-expired"
                                } else {
                                    "batch-active"
                                };
                                let active = state == "batch-active";
                                let size = ui.t_with(
                                    "batch-size-value",
                                    &[
                                        ("codes", &batch.codes.to_string()),
                                        ("uses", &batch.uses_per_code.to_string()),
                                    ],
                                );
                                let made = ui.t_with(
                                    "batch-made-value",
                                    &[("date", &ui.time(batch.created_at)), ("name", &batch.created_by)],
                                );
                                let shown = batch.clone();
                                view! {
                                    <tr class="batch" data-state=state>
                                        <td>{shown.partner.clone()}</td>
                                        <td>{made}</td>
                                        <td>{size}</td>
                                        <td>{ui.time(shown.expires_at)}</td>
                                        <td class="wallets-created">{super::statistics::shown(ui, k, shown.wallets_created)}</td>
                                        <td>
                                            {ui.t(state)}
                                            <Show when=move || coordinator && active>
                                                <button class="revoke-batch" disabled=move || ui.busy.get()
                                                    on:click={
                                                        let batch = batch.clone();
                                                        move |_| revoke(batch.clone())
                                                    }>
                                                    {ui.t("batch-revoke")}
                                                </button>
                                            </Show>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}

/// The four steps, each with its pictogram (drawn here; no text needed to follow them).
const STEPS: [(&str, &str); 4] = [
    // A phone showing a code.
    (
        "slip-step-scan",
        "M7 2h10v20H7zM10 6h4v4h-4zM10 13h1M13 13h1M10 16h4M11 19h2",
    ),
    // A globe.
    (
        "slip-step-language",
        "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M4 9h16M4 15h16M12 3v18",
    ),
    // A key.
    (
        "slip-step-create",
        "M15 4a5 5 0 1 0 0 10a5 5 0 1 0 0-10M11 12l-8 8M6 17l2 2M8 15l2 2",
    ),
    // A sheet to keep.
    (
        "slip-step-sheet",
        "M6 2h9l4 4v16H6zM15 2v4h4M9 11h7M9 15h7M9 19h4",
    ),
];

#[component]
pub(super) fn Slips(ui: Ui, me: AdminMe, made: BatchMade) -> impl IntoView {
    let address = crate::typed_address(&made.holders_origin);
    let slip_texts: Vec<(crate::texts::SlipLang, Texts)> = SLIP_LANGUAGES
        .into_iter()
        .map(|lang| (lang, Texts::slip(lang)))
        .collect();
    let slips = made
        .codes
        .iter()
        .map(|code| {
            let link = api::invitation_link(&made.holders_origin, code);
            let qr = pde_qr::svg(&link);
            let steps = STEPS
                .iter()
                .enumerate()
                .map(|(index, (key, path))| {
                    let lines = slip_texts
                        .iter()
                        .map(|(lang, words)| {
                            let text = words.t_with(key, &[("address", &address)]);
                            view! {
                                <p lang=lang.code dir=lang.dir()>{text}</p>
                            }
                        })
                        .collect_view();
                    view! {
                        <li class="step">
                            <span class="step-number" aria-hidden="true">{(index + 1).to_string()}</span>
                            <svg class="pictogram" viewBox="0 0 24 24" aria-hidden="true">
                                <path d=*path/>
                            </svg>
                            <div class="step-words">{lines}</div>
                        </li>
                    }
                })
                .collect_view();
            let heading = slip_texts
                .iter()
                .map(|(lang, words)| {
                    view! {
                        <span lang=lang.code dir=lang.dir()>
                            {words.t("slip-title")}
                        </span>
                    }
                })
                .collect_view();
            let code_label = slip_texts
                .iter()
                .map(|(_, words)| words.t("slip-code"))
                .collect::<Vec<_>>()
                .join(" · ");
            let never = slip_texts
                .iter()
                .map(|(lang, words)| {
                    view! {
                        <p lang=lang.code dir=lang.dir()>{words.t("slip-never")}</p>
                    }
                })
                .collect_view();
            view! {
                <article class="slip">
                    <h2 class="slip-title">{heading}</h2>
                    <div class="slip-top">
                        <div class="qr" inner_html=qr></div>
                        <div>
                            <p class="slip-code-label">{code_label}</p>
                            <p class="slip-code">{code.clone()}</p>
                        </div>
                    </div>
                    <ol class="steps">{steps}</ol>
                    <div class="slip-never">{never}</div>
                </article>
            }
        })
        .collect_view();
    let partner = made.batch.partner.clone();
    let count = made.codes.len().to_string();
    let me = StoredValue::new(me);
    view! {
        <div class="no-print">
            <h1>{move || ui.t_with("slips-heading", &[("partner", &partner), ("count", &count)])}</h1>
            <p>{move || ui.t("slips-explain")}</p>
            <button id="print-slips" class="primary" on:click=move |_| {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }>
                {move || ui.t("slips-print")}
            </button>
            <button id="slips-done" on:click=move |_| ui.screen.set(Screen::Home(me.get_value()))>
                {move || ui.t("slips-done")}
            </button>
        </div>
        <div id="slips">{slips}</div>
    }
}
