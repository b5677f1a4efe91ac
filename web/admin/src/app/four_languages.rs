//! Four text areas, one per language of the holders' app: what coordinators write for holders
//! ("what we changed", announcements).

use leptos::prelude::*;
use pde_api::admin::FourLanguages;

use super::Ui;

type Field = (&'static str, fn(&mut FourLanguages) -> &mut String);

const FIELDS: [Field; 4] = [
    ("fr", |t| &mut t.fr),
    ("nl", |t| &mut t.nl),
    ("en", |t| &mut t.en),
    ("ar", |t| &mut t.ar),
];

/// The four fields bound to `draft`, each in its language and direction: ids `<id>-<lang>`,
/// labels the messages `<label>-<lang>`, at most `max_chars` each.
#[component]
pub(super) fn FourLanguageFields(
    ui: Ui,
    draft: RwSignal<FourLanguages>,
    id: &'static str,
    label: &'static str,
    max_chars: usize,
) -> impl IntoView {
    FIELDS
        .into_iter()
        .map(|(lang, field)| {
            let field_id = format!("{id}-{lang}");
            let label_for = field_id.clone();
            let label_key = format!("{label}-{lang}");
            view! {
                <label for=label_for>{move || ui.t(&label_key)}</label>
                <textarea id=field_id lang=lang dir="auto" rows="2"
                    maxlength=max_chars.to_string()
                    prop:value=move || {
                        let mut texts = draft.get();
                        field(&mut texts).clone()
                    }
                    on:input=move |event| {
                        let value = event_target_value(&event);
                        draft.update(|texts| *field(texts) = value);
                    }></textarea>
            }
        })
        .collect_view()
}
