//! Feedback and "what we changed": coordinators read what holders and workers said (a face, a
//! few words, the day — nothing about who), tag it and close it; they publish what changed,
//! which the transparency page shows. Observers see the published entries only.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pde_api::admin::{
    self as api, AdminMe, AdminRole, ChangeEntry, FeedbackInbox, FeedbackItem, FeedbackTag,
    FeedbackUpdate, FourLanguages, MAX_CHANGE_CHARS,
};
use pde_api::endpoints::NoBody;
use pde_api::feedback::{Face, FeedbackFrom};

use super::focus_by_id;
use super::four_languages::FourLanguageFields;
use super::Ui;
use crate::transport::call;

fn face_key(face: Face) -> String {
    format!("feedback-face-{}", face.as_str())
}

/// The face, drawn (the same three as the holders' form), with its word.
fn face_view(ui: Ui, face: Face) -> impl IntoView {
    view! {
        <span class="face" data-face=face.as_str()>
            <svg class="face-drawing" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d=face.pictogram()/>
            </svg>
            <span>{move || ui.t(&face_key(face))}</span>
        </span>
    }
}

#[component]
pub(super) fn FeedbackSection(ui: Ui, me: AdminMe) -> impl IntoView {
    let coordinator = me.role == AdminRole::Coordinator;
    let inbox = RwSignal::new(None::<FeedbackInbox>);
    let changes = RwSignal::new(Vec::<ChangeEntry>::new());
    let show_closed = RwSignal::new(false);
    let load = move || async move {
        if coordinator {
            match call(api::FEEDBACK, &[], &NoBody).await {
                Ok(answer) => inbox.set(Some(answer)),
                Err(failure) => ui.fail(failure),
            }
        }
        match call(api::CHANGES, &[], &NoBody).await {
            Ok(list) => changes.set(list.items),
            Err(failure) => ui.fail(failure),
        }
    };
    let reload = move || spawn_local(load());
    reload();

    // The list is drawn again after a change: the keyboard's focus goes back to the control
    // that was used (or to the section's heading when its feedback left the list).
    let save = move |item: FeedbackItem, tags: Vec<FeedbackTag>, closed: bool, focus: String| {
        ui.run(async move {
            call(
                api::FEEDBACK_UPDATE,
                &[&item.id],
                &FeedbackUpdate { tags, closed },
            )
            .await?;
            ui.notice.set(Some("feedback-saved".to_owned()));
            load().await;
            ui.busy.set(false);
            request_animation_frame(move || {
                if !focus_by_id(&focus) {
                    focus_by_id("feedback-heading");
                }
            });
            Ok(())
        });
    };

    let summary = move || {
        let inbox = inbox.get()?;
        let count = |face: Face| {
            inbox
                .items
                .iter()
                .filter(|item| item.face == face)
                .count()
                .to_string()
        };
        Some(ui.t_with(
            "feedback-summary",
            &[
                ("total", &inbox.items.len().to_string()),
                ("happy", &count(Face::Happy)),
                ("neutral", &count(Face::Neutral)),
                ("unhappy", &count(Face::Unhappy)),
                ("months", &inbox.keep_months.to_string()),
            ],
        ))
    };

    let items = move || {
        let inbox = inbox.get()?;
        let shown: Vec<FeedbackItem> = inbox
            .items
            .into_iter()
            .filter(|item| show_closed.get() || !item.closed)
            .collect();
        if shown.is_empty() {
            return Some(
                view! { <p id="feedback-none">{move || ui.t("feedback-none")}</p> }.into_any(),
            );
        }
        Some(
            view! {
                <ul id="feedback-items" class="feedback-items">
                    {shown
                        .into_iter()
                        .map(|item| feedback_entry(ui, item, save))
                        .collect_view()}
                </ul>
            }
            .into_any(),
        )
    };

    let draft = RwSignal::new(FourLanguages::default());
    let publish = move |_| {
        let texts = draft.get_untracked();
        ui.run(async move {
            call(api::CHANGE_PUBLISH, &[], &texts).await?;
            draft.set(FourLanguages::default());
            ui.notice.set(Some("changes-published".to_owned()));
            reload();
            Ok(())
        });
    };
    let take_down = move |id: String| {
        ui.run(async move {
            call(api::CHANGE_REMOVE, &[&id], &NoBody).await?;
            ui.notice.set(Some("changes-removed".to_owned()));
            reload();
            Ok(())
        });
    };

    view! {
        <Show when=move || coordinator>
            <section aria-labelledby="feedback-heading" id="feedback">
                <h2 id="feedback-heading" tabindex="-1">{move || ui.t("feedback-heading")}</h2>
                <p>{move || ui.t("feedback-explain")}</p>
                <p id="feedback-summary">{summary}</p>
                <label class="inline">
                    <input type="checkbox" id="feedback-show-closed"
                        prop:checked=move || show_closed.get()
                        on:change=move |event| show_closed.set(event_target_checked(&event))/>
                    {move || ui.t("feedback-show-closed")}
                </label>
                {items}
            </section>
        </Show>
        <section aria-labelledby="changes-heading" id="changes">
            <h2 id="changes-heading">{move || ui.t("changes-heading")}</h2>
            <p>{move || ui.t("changes-explain")}</p>
            <ul id="changes-list">
                {move || {
                    let entries = changes.get();
                    if entries.is_empty() {
                        return view! { <li id="changes-none">{move || ui.t("changes-none")}</li> }.into_any();
                    }
                    entries
                        .into_iter()
                        .map(|entry| {
                            let id = entry.id.clone();
                            view! {
                                <li class="change">
                                    <time datetime=entry.day.clone()>{entry.day.clone()}</time>
                                    " — "
                                    <span lang="fr">{entry.texts.fr.clone()}</span>
                                    <Show when=move || coordinator>
                                        <button class="remove-change" disabled=move || ui.busy.get()
                                            on:click={
                                                let id = id.clone();
                                                move |_| take_down(id.clone())
                                            }>
                                            {move || ui.t("changes-remove")}
                                        </button>
                                    </Show>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
            <Show when=move || coordinator>
                <form id="change-form" on:submit=move |event| event.prevent_default()>
                    <FourLanguageFields ui=ui draft=draft id="change" label="changes" max_chars=MAX_CHANGE_CHARS/>
                    <button id="change-publish" type="submit" disabled=move || ui.busy.get() on:click=publish>
                        {move || ui.t("changes-publish")}
                    </button>
                </form>
            </Show>
        </section>
    }
}

/// One feedback: its day, face, who (holder or worker), language, words; its tags and state.
fn feedback_entry(
    ui: Ui,
    item: FeedbackItem,
    save: impl Fn(FeedbackItem, Vec<FeedbackTag>, bool, String) + Copy + 'static,
) -> impl IntoView {
    let from_key = match item.from {
        FeedbackFrom::Holder => "feedback-from-holder",
        FeedbackFrom::Worker => "feedback-from-worker",
    };
    let closed = item.closed;
    let state_id = format!("state-{}", item.id);
    let toggle_state = {
        let item = item.clone();
        let state_id = state_id.clone();
        move |_| {
            save(
                item.clone(),
                item.tags.clone(),
                !item.closed,
                state_id.clone(),
            )
        }
    };
    let tags = FeedbackTag::ALL
        .into_iter()
        .map(|tag| {
            let id = format!("tag-{}-{}", item.id, tag.as_str());
            let label_for = id.clone();
            let focus = id.clone();
            let on = item.tags.contains(&tag);
            let item = item.clone();
            view! {
                <label class="inline" for=label_for>
                    <input type="checkbox" id=id class="feedback-tag" data-tag=tag.as_str()
                        prop:checked=on
                        disabled=move || ui.busy.get()
                        on:change=move |event| {
                            let mut tags = item.tags.clone();
                            if event_target_checked(&event) {
                                tags.push(tag);
                            } else {
                                tags.retain(|t| *t != tag);
                            }
                            save(item.clone(), tags, item.closed, focus.clone());
                        }/>
                    {move || ui.t(&format!("tag-{}", tag.as_str()))}
                </label>
            }
        })
        .collect_view();
    let words = item.comment.clone();
    view! {
        <li class="feedback-item" data-closed=closed.to_string() data-face=item.face.as_str()>
            <p class="feedback-meta">
                {face_view(ui, item.face)}
                " · "
                <time datetime=item.day.clone()>{item.day.clone()}</time>
                " · "
                {move || ui.t(from_key)}
                " · "
                <span>{item.language.to_uppercase()}</span>
            </p>
            {words.map(|words| view! {
                <blockquote class="feedback-words" lang=item.language.clone() dir="auto">{words}</blockquote>
            })}
            <fieldset class="feedback-tags">
                <legend>{move || ui.t("feedback-tags")}</legend>
                {tags}
            </fieldset>
            <button class="feedback-state" id=state_id disabled=move || ui.busy.get() on:click=toggle_state>
                {move || ui.t(if closed { "feedback-reopen" } else { "feedback-close" })}
            </button>
        </li>
    }
}
