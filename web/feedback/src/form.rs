//! The form itself.

use leptos::prelude::*;

use pde_api::feedback::{check_comment, Face, FeedbackFrom, FeedbackRequest, MAX_COMMENT_CHARS};
use pde_api::ErrorCode;
use pde_client::ClientError;
use pde_web::i18n::keys::{BACK, FEEDBACK};
use pde_web::page::components::{Alert, Glyph, Icon};
use pde_web::page::state::{tr, AppState};
use pde_web::protocol::Failure;

use crate::texts::{keys, refusal_key, text};

fn face_word(face: Face) -> &'static str {
    match face {
        Face::Unhappy => keys::UNHAPPY,
        Face::Neutral => keys::NEUTRAL,
        Face::Happy => keys::HAPPY,
    }
}

/// "Your opinion": the three faces, a few words, send. `from` says who sends it; `top`: the
/// page's main heading (h1) rather than a section's (h2); `on_done` takes the person back.
#[component]
pub fn FeedbackForm(from: FeedbackFrom, top: bool, on_done: Callback<()>) -> impl IntoView {
    let state = AppState::get();
    let t = move |key: &'static str| move || text(state.lang.get(), key, &[]);
    let face = RwSignal::new(None::<Face>);
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let keep_months = RwSignal::new(None::<u32>);
    leptos::task::spawn_local(async move {
        if let Ok(terms) = pde_web::api::cookieless_client().feedback_terms().await {
            keep_months.set(Some(terms.keep_months));
        }
    });

    let send = move || {
        error.set(None);
        let Some(chosen) = face.get_untracked() else {
            error.set(Some(text(state.lang.get_untracked(), keys::PICK_FACE, &[])));
            return;
        };
        let words = comment.get_untracked().trim().to_owned();
        if let Err(refused) = check_comment(&words) {
            error.set(Some(text(
                state.lang.get_untracked(),
                refusal_key(refused),
                &[("max", MAX_COMMENT_CHARS.into())],
            )));
            return;
        }
        let request = FeedbackRequest {
            face: chosen,
            comment: (!words.is_empty()).then_some(words),
            language: state.lang.get_untracked().to_owned(),
            from,
            proof: None,
        };
        sending.set(true);
        leptos::task::spawn_local(async move {
            // The proof of work is solved on this thread: let "Sending…" show first.
            pde_web::page::state::pause(30).await;
            match pde_web::api::cookieless_client()
                .send_feedback(request)
                .await
            {
                Ok(()) => sent.set(true),
                Err(ClientError::Api {
                    code: ErrorCode::FeedbackBusy,
                    retry_after,
                    ..
                }) => {
                    let minutes = retry_after.unwrap_or(60).div_ceil(60);
                    error.set(Some(text(
                        state.lang.get_untracked(),
                        keys::BUSY,
                        &[("minutes", minutes.into())],
                    )));
                }
                Err(failure) => {
                    error.set(Some(state.failure_text(&Failure::from(failure))));
                }
            }
            sending.set(false);
        });
    };

    let heading = move || {
        let inner = view! {
            <Glyph icon=Icon::Face/>
            <span>{tr(FEEDBACK)}</span>
        };
        if top {
            view! { <h1 id="feedback-title" tabindex="-1">{inner}</h1> }.into_any()
        } else {
            view! {
                <h2 id="feedback-title" tabindex="-1" style:display="flex" style:align-items="center" style:gap=".5rem" style:outline="none">
                    {inner}
                </h2>
            }
            .into_any()
        }
    };
    let faces = move || {
        Face::ALL
        .into_iter()
        .map(|each| {
            let id = format!("feedback-face-{}", each.as_str());
            let label_for = id.clone();
            view! {
                // Styled through the DOM (allowed by the pages' CSP), so that the holders'
                // stylesheet carries nothing of this form.
                <label
                    class="face"
                    class:chosen=move || face.get() == Some(each)
                    for=label_for
                    style:display="flex"
                    style:flex-direction="column"
                    style:align-items="center"
                    style:gap=".25rem"
                    style:margin="0"
                    style:padding=".5rem"
                    style:min-width="5.5rem"
                    style:border-width="3px"
                    style:border-style="solid"
                    style:border-radius="var(--radius)"
                    style:cursor="pointer"
                    style:border-color=move || if face.get() == Some(each) { "var(--accent)" } else { "var(--line)" }
                    style:background=move || if face.get() == Some(each) { "var(--soft)" } else { "transparent" }
                >
                    <input
                        type="radio"
                        name="feedback-face"
                        id=id
                        value=each.as_str()
                        prop:checked=move || face.get() == Some(each)
                        on:change=move |_| {
                            face.set(Some(each));
                            error.set(None);
                        }
                    />
                    <svg class="icon" style:width="3.5rem" style:height="3.5rem" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d=each.pictogram()/>
                    </svg>
                    <span>{t(face_word(each))}</span>
                </label>
            }
        })
        .collect_view()
    };

    view! {
        <section class="page narrow feedback" id="feedback" aria-labelledby="feedback-title">
            {heading}
            <Show
                when=move || !sent.get()
                fallback=move || view! {
                    <p class="notice" role="status" id="feedback-thanks" style:display="flex" style:align-items="center" style:gap=".5rem">
                        <Glyph icon=Icon::Check/>
                        <span>{t(keys::THANKS)}</span>
                    </p>
                    <button id="feedback-back" class="button primary big" on:click=move |_| on_done.run(())>
                        <Glyph icon=Icon::Back/>
                        <span>{tr(BACK)}</span>
                    </button>
                }
            >
                <p>{t(keys::LEAD)}</p>
                <form
                    id="feedback-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        send();
                    }
                >
                    <fieldset class="faces">
                        <legend>{t(keys::FACES)}</legend>
                        <div class="face-row" style:display="flex" style:flex-wrap="wrap" style:gap="1rem">{faces()}</div>
                    </fieldset>
                    <label class="field" for="feedback-comment">{t(keys::COMMENT)}</label>
                    <p class="hint" id="feedback-hint">{t(keys::HINT)}</p>
                    <textarea
                        id="feedback-comment"
                        rows="4"
                        maxlength=MAX_COMMENT_CHARS.to_string()
                        aria-describedby="feedback-hint feedback-private"
                        prop:value=move || comment.get()
                        on:input=move |ev| comment.set(event_target_value(&ev))
                    ></textarea>
                    <p class="hint" id="feedback-private">
                        {move || {
                            keep_months
                                .get()
                                .map(|months| {
                                    text(state.lang.get(), keys::PRIVATE, &[("months", months.into())])
                                })
                                .unwrap_or_default()
                        }}
                    </p>
                    <Alert message=error.into()/>
                    <div class="actions">
                        <button type="submit" id="feedback-send" class="button primary big" disabled=move || sending.get()>
                            <Glyph icon=Icon::Save/>
                            <span>{move || if sending.get() { text(state.lang.get(), keys::SENDING, &[]) } else { text(state.lang.get(), keys::SEND, &[]) }}</span>
                        </button>
                        <button type="button" id="feedback-cancel" class="button" on:click=move |_| on_done.run(())>
                            <Glyph icon=Icon::Back/>
                            <span>{tr(BACK)}</span>
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
