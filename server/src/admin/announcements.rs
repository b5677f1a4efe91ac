//! Announcements: a coordinator posts a short plain-text notice in the four languages, shown on
//! the holders' start page (inside the app's fixed frame) until its end; posting one ends the
//! one shown; it can be ended early. Every administrator sees the list.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use pde_api::admin::{
    self as api, check_announcement, AdminError, AdminErrorCode, AnnouncementInfo,
    AnnouncementList, AnnouncementRefused, FourLanguages, NewAnnouncement, ADMIN_API_PREFIX,
    MAX_ANNOUNCEMENT_DAYS,
};

use super::{audit_about, coordinator, new_id, path, AdminApiError, AdminJson, AdminSession};
use crate::state::AppState;
use crate::store::announcements::AnnouncementRecord;

const ONLY_COORDINATORS: &str = "Only coordinators post or end announcements; observers read.";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(path(api::ANNOUNCEMENTS), get(list).post(post_one))
        .route(path(api::ANNOUNCEMENT_END), post(end))
}

fn info(record: AnnouncementRecord) -> AnnouncementInfo {
    AnnouncementInfo {
        id: record.id,
        texts: FourLanguages {
            fr: record.text_fr,
            nl: record.text_nl,
            en: record.text_en,
            ar: record.text_ar,
        },
        starts_at: record.starts_at,
        ends_at: record.ends_at,
        created_by: record.created_by,
    }
}

/// The announcement shown to holders at `now`, as the start page reads it
/// (`pde_api::endpoints::AnnouncementText`): a line per language, or nothing.
pub(crate) async fn shown(state: &AppState, now: i64) -> crate::store::StoreResult<String> {
    Ok(state
        .store
        .current_announcement(now)
        .await?
        .map(|record| {
            format!(
                "fr {}\nnl {}\nen {}\nar {}\n",
                record.text_fr, record.text_nl, record.text_en, record.text_ar
            )
        })
        .unwrap_or_default())
}

/// One paragraph of plain text: every run of spaces, tabs or line ends made one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[utoipa::path(get, path = pde_api::routes::admin::ANNOUNCEMENTS, context_path = ADMIN_API_PREFIX, tag = "admin", responses((status = 200, body = AnnouncementList, description = "The announcements, newest first"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn list(
    State(state): State<AppState>,
    _session: AdminSession,
) -> Result<Json<AnnouncementList>, AdminApiError> {
    Ok(Json(AnnouncementList {
        items: state
            .store
            .announcements()
            .await?
            .into_iter()
            .map(info)
            .collect(),
    }))
}

#[utoipa::path(post, path = pde_api::routes::admin::ANNOUNCEMENTS, context_path = ADMIN_API_PREFIX, tag = "admin", request_body = NewAnnouncement, responses((status = 200, body = AnnouncementInfo, description = "Shown on the holders' start page from now"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn post_one(
    State(state): State<AppState>,
    session: AdminSession,
    AdminJson(request): AdminJson<NewAnnouncement>,
) -> Result<Json<AnnouncementInfo>, AdminApiError> {
    coordinator(&session, ONLY_COORDINATORS)?;
    let refusal = |message| AdminApiError::refused(AdminErrorCode::InvalidFields, message);
    check_announcement(&request.texts).map_err(|refused| {
        refusal(match refused {
            AnnouncementRefused::Missing => "Write the announcement in the four languages.",
            AnnouncementRefused::TooLong => "At most 280 characters in each language.",
            AnnouncementRefused::Link => {
                "Plain text only: no link, web address or e-mail address (holders are never sent \
                 elsewhere from here)."
            }
            AnnouncementRefused::Number => {
                "No telephone number: holders are never asked to call a number from here."
            }
            AnnouncementRefused::WalletNumber => {
                "No wallet number: an announcement goes to everyone, and its words to the audit log."
            }
            AnnouncementRefused::Characters => {
                "Plain characters only: no invisible or direction-changing ones."
            }
        })
    })?;
    if !(1..=MAX_ANNOUNCEMENT_DAYS).contains(&request.days) {
        return Err(refusal("An announcement is shown 1 to 60 days."));
    }
    let now = state.clock.now();
    let texts = request.texts;
    let record = AnnouncementRecord {
        id: new_id(),
        text_fr: one_line(&texts.fr),
        text_nl: one_line(&texts.nl),
        text_en: one_line(&texts.en),
        text_ar: one_line(&texts.ar),
        starts_at: now,
        ends_at: now + i64::from(request.days) * 86_400,
        created_by: session.admin.name.clone(),
    };
    state.store.post_announcement(&record).await?;
    audit_about(&state, &session, "announcement_posted", &record.text_fr).await?;
    Ok(Json(info(record)))
}

#[utoipa::path(post, path = pde_api::routes::admin::ANNOUNCEMENT_END, context_path = ADMIN_API_PREFIX, tag = "admin", responses((status = 200, description = "No longer shown"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn end(
    State(state): State<AppState>,
    session: AdminSession,
    Path(announcement_id): Path<String>,
) -> Result<(), AdminApiError> {
    coordinator(&session, ONLY_COORDINATORS)?;
    let now = state.clock.now();
    let ended = state
        .store
        .end_announcement(&announcement_id, now)
        .await?
        .ok_or_else(|| {
            AdminApiError::refused(
                AdminErrorCode::NotFound,
                "No such announcement, or it has ended already.",
            )
        })?;
    audit_about(&state, &session, "announcement_ended", &ended.text_fr).await?;
    Ok(())
}
