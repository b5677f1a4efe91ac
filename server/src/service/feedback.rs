//! Feedback from holders and workers, and the "what we changed" entries. A feedback is kept with
//! a random id and its day only; it may not come with a PDE cookie or a link's token (nothing
//! could then tie it to a wallet or a grant), it always costs a proof of work, and the whole
//! server takes at most `--feedback-per-hour` of them: a global budget, never one per sender.

use axum::http::{header, HeaderMap};
use pde_api::admin::{
    ChangeEntry, FeedbackInbox, FeedbackItem, FeedbackTag, FeedbackUpdate, FourLanguages,
    MAX_CHANGE_CHARS,
};
use pde_api::feedback::{
    check_comment, CommentRefused, Face, FeedbackFrom, FeedbackRequest, FeedbackTerms, LANGUAGES,
    MAX_COMMENT_CHARS,
};
use pde_api::ErrorCode;

use crate::clock::{day_start, iso_date, MONTH_SECONDS};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::feedback::{ChangeRecord, FeedbackRecord};
use crate::store::StoreResult;

/// Zero bits every feedback's proof of work asks (about 65,000 hashes: a fraction of a second
/// in the browser, a cost for whoever would send thousands).
pub const FEEDBACK_PROOF_BITS: u8 = 16;

/// Minutes of the budget's sliding hour.
const BUCKET_SECONDS: i64 = 60;
const WINDOW: i64 = 3600 / BUCKET_SECONDS;

/// What the form tells first.
pub(crate) fn terms(state: &AppState) -> FeedbackTerms {
    FeedbackTerms {
        keep_months: state.settings.feedback_months,
        max_chars: MAX_COMMENT_CHARS as u32,
    }
}

/// Whether a request carries something that could tie it to a person: a PDE cookie (a wallet's
/// session, an admin's) or a link's token.
pub(crate) fn identifies_sender(headers: &HeaderMap) -> bool {
    let pde_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.split('=').next())
        .any(|name| {
            name.trim()
                .trim_start_matches("__Host-")
                .starts_with("pde_")
        });
    pde_cookie || headers.contains_key(header::AUTHORIZATION)
}

fn refused(reason: CommentRefused) -> ApiError {
    let message = match reason {
        CommentRefused::TooLong => "The words are too long: at most 500 characters.",
        CommentRefused::WalletNumber => {
            "The words hold a wallet number. Take it out: feedback stays anonymous."
        }
        CommentRefused::Number => {
            "The words hold a long number (a telephone or card number?). Take it out: feedback \
             stays anonymous."
        }
        CommentRefused::Email => {
            "The words hold an e-mail address. Take it out: feedback stays anonymous."
        }
        CommentRefused::Name => "The words give a name. Take it out: feedback stays anonymous.",
    };
    ApiError::refused(ErrorCode::InvalidFields, message)
}

/// Takes a feedback: checked, paid for with a proof of work, counted against the hourly budget,
/// then kept with the day only.
pub(crate) async fn receive(
    state: &AppState,
    headers: &HeaderMap,
    request: FeedbackRequest,
) -> Result<(), ApiError> {
    if identifies_sender(headers) {
        return Err(ApiError::refused(
            ErrorCode::MalformedRequest,
            "Feedback is sent without cookies and without a link's token; this one had them and \
             was dropped.",
        ));
    }
    if !LANGUAGES.contains(&request.language.as_str()) {
        return Err(ApiError::refused(
            ErrorCode::InvalidFields,
            "The language must be one of fr, nl, en, ar.",
        ));
    }
    let comment = request
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|comment| !comment.is_empty());
    if let Some(comment) = comment {
        check_comment(comment).map_err(refused)?;
    }
    let now = state.clock.now();
    crate::service::logins::pay_with_proof(state, request.proof.as_ref(), FEEDBACK_PROOF_BITS, now)
        .await?;
    let bucket = now / BUCKET_SECONDS;
    if !state
        .store
        .count_feedback(bucket, bucket - WINDOW, state.settings.feedback_per_hour)
        .await?
    {
        let (_, oldest) = state.store.feedback_counted(bucket - WINDOW).await?;
        let frees_at = (oldest.unwrap_or(bucket) + WINDOW + 1) * BUCKET_SECONDS;
        return Err(ApiError::FeedbackBusy {
            retry_after: (frees_at - now).max(1) as u64,
        });
    }
    state
        .store
        .add_feedback(&FeedbackRecord {
            id: crate::admin::new_id(),
            day: day_start(now),
            face: request.face.as_str().to_owned(),
            comment: comment.map(str::to_owned),
            language: request.language,
            origin: request.from.as_str().to_owned(),
            tags: String::new(),
            closed: 0,
        })
        .await?;
    Ok(())
}

/// The day before which feedback is deleted at `now`.
pub(crate) fn deletion_cutoff(now: i64, months: u32) -> i64 {
    day_start(now - i64::from(months) * MONTH_SECONDS)
}

/// Deletes the feedback older than `--feedback-months`.
pub(crate) async fn delete_old(state: &AppState, now: i64) -> StoreResult<u64> {
    let cutoff = deletion_cutoff(now, state.settings.feedback_months);
    state.store.delete_feedback_before(cutoff).await
}

fn item(record: FeedbackRecord) -> Option<FeedbackItem> {
    Some(FeedbackItem {
        day: iso_date(record.day),
        face: Face::from_name(&record.face)?,
        from: FeedbackFrom::from_name(&record.origin)?,
        tags: record
            .tags
            .split(',')
            .filter_map(FeedbackTag::from_name)
            .collect(),
        closed: record.closed != 0,
        id: record.id,
        comment: record.comment,
        language: record.language,
    })
}

/// Every feedback kept, newest day first.
pub(crate) async fn inbox(state: &AppState) -> StoreResult<FeedbackInbox> {
    Ok(FeedbackInbox {
        keep_months: state.settings.feedback_months,
        items: state
            .store
            .feedback()
            .await?
            .into_iter()
            .filter_map(item)
            .collect(),
    })
}

/// Sets a feedback's tags and state; `false` if there is no such feedback.
pub(crate) async fn update(
    state: &AppState,
    id: &str,
    update: &FeedbackUpdate,
) -> StoreResult<bool> {
    let mut tags: Vec<&str> = FeedbackTag::ALL
        .into_iter()
        .filter(|tag| update.tags.contains(tag))
        .map(FeedbackTag::as_str)
        .collect();
    tags.dedup();
    state
        .store
        .update_feedback(id, &tags.join(","), update.closed)
        .await
}

fn entry(record: ChangeRecord) -> ChangeEntry {
    ChangeEntry {
        id: record.id,
        day: iso_date(record.day),
        texts: FourLanguages {
            fr: record.text_fr,
            nl: record.text_nl,
            en: record.text_en,
            ar: record.text_ar,
        },
    }
}

/// Why an entry's texts are refused, if they are.
pub(crate) fn check_change(texts: &FourLanguages) -> Result<(), &'static str> {
    if texts.fr.trim().is_empty() {
        return Err("The French text is needed (the others may be left empty).");
    }
    let all = [&texts.fr, &texts.nl, &texts.en, &texts.ar];
    if all
        .iter()
        .any(|text| text.chars().count() > MAX_CHANGE_CHARS)
    {
        return Err("Each text has at most 400 characters.");
    }
    // The entry is public and its first words go to the append-only audit log: nothing that
    // could name someone, and plain characters only.
    for text in all {
        if pde_api::admin::has_hidden_characters(text) {
            return Err("Plain characters only: no invisible or direction-changing ones.");
        }
        if pde_api::feedback::check_comment(text).is_err() {
            return Err(
                "No wallet number, telephone number, e-mail address or name: the entry is public.",
            );
        }
    }
    Ok(())
}

/// Publishes an entry, dated today.
pub(crate) async fn publish(state: &AppState, texts: FourLanguages) -> StoreResult<ChangeEntry> {
    let record = ChangeRecord {
        id: crate::admin::new_id(),
        day: day_start(state.clock.now()),
        text_fr: texts.fr.trim().to_owned(),
        text_nl: texts.nl.trim().to_owned(),
        text_en: texts.en.trim().to_owned(),
        text_ar: texts.ar.trim().to_owned(),
    };
    state.store.add_change(&record).await?;
    Ok(entry(record))
}

/// The published entries, newest first.
pub(crate) async fn changes(state: &AppState) -> StoreResult<Vec<ChangeEntry>> {
    Ok(state
        .store
        .changes()
        .await?
        .into_iter()
        .map(entry)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn a_pde_cookie_or_a_token_identifies_the_sender_other_cookies_do_not() {
        let with = |name: header::HeaderName, value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(name, HeaderValue::from_static(value));
            identifies_sender(&headers)
        };
        assert!(with(header::COOKIE, "__Host-pde_session=abc"));
        assert!(with(header::COOKIE, "theme=dark; pde_session=abc"));
        assert!(with(header::COOKIE, "__Host-pde_admin=x"));
        assert!(with(header::AUTHORIZATION, "Bearer abc"));
        assert!(!with(header::COOKIE, "theme=dark"));
        assert!(!identifies_sender(&HeaderMap::new()));
    }

    #[test]
    fn feedback_goes_the_given_months_after_its_day() {
        // 2026-12-05 12:00 UTC, six months: a day in early June 2026.
        let now = 1_796_472_000;
        let cutoff = deletion_cutoff(now, 6);
        assert_eq!(cutoff % 86_400, 0);
        assert_eq!(iso_date(cutoff), "2026-06-05");
    }

    #[test]
    fn an_entry_needs_french_and_short_texts() {
        let mut texts = FourLanguages {
            fr: "Des boutons plus grands".into(),
            ..Default::default()
        };
        assert_eq!(check_change(&texts), Ok(()));
        texts.ar = "ب".repeat(MAX_CHANGE_CHARS + 1);
        assert!(check_change(&texts).is_err());
        texts.ar.clear();
        texts.fr = "  ".into();
        assert!(check_change(&texts).is_err());
    }
}
