//! `pde-server admin …`: the operator, on the server, makes and ends administrators. An
//! enrolment link alone makes nobody an administrator: the code the new administrator's browser
//! shows must be typed here (`admin confirm`), so a link read on its way is worthless.

use pde_api::admin::{AdminRole, MAX_ADMIN_NAME_CHARS, MAX_PARTNER_LABEL_CHARS};

use super::{hash, new_token, origin_for};
use crate::settings::Settings;
use crate::store::admin::{AdminState, NewAdmin};
use crate::store::invitations::PartnerRecord;
use crate::LaunchError;

/// Seconds an enrolment link works.
pub const ENROL_LINK_SECONDS: i64 = 3600;

/// The operator's name in the audit log.
const OPERATOR: &str = "server";

fn now() -> i64 {
    crate::clock::Clock::default().now()
}

/// Adds an administrator; the one-time enrolment link to give them (its token in the
/// `#fragment`, which no server or proxy log sees).
pub async fn enrol(
    settings: &Settings,
    name: &str,
    role: AdminRole,
) -> Result<String, LaunchError> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_ADMIN_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(LaunchError::Settings(format!(
            "--name must be 1 to {MAX_ADMIN_NAME_CHARS} characters"
        )));
    }
    let port = settings
        .admin_address()
        .map_or(8081, |address| address.port());
    let origin = origin_for(settings, port).map_err(LaunchError::Settings)?;
    let store = crate::open_store(settings).await?;
    let token = new_token();
    let now = now();
    let made = store
        .create_admin(NewAdmin {
            id: webauthn_rs::prelude::Uuid::new_v4().to_string(),
            name: name.to_owned(),
            role,
            created_at: now,
            enrol_hash: hash(token.as_bytes()),
            enrol_expires_at: now + ENROL_LINK_SECONDS,
        })
        .await?;
    if !made {
        return Err(LaunchError::Settings(format!(
            "an administrator named {name:?} exists already (names are never reused: pick another)"
        )));
    }
    store
        .audit(now, OPERATOR, "enrolment_link_made", name)
        .await?;
    Ok(format!("{}/#enrol={}", origin.as_str(), token.as_str()))
}

/// Activates the administrator whose browser showed `code`; their name.
pub async fn confirm(settings: &Settings, code: &str) -> Result<String, LaunchError> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LaunchError::Settings(
            "the code is the six digits the new administrator's browser shows".to_owned(),
        ));
    }
    let store = crate::open_store(settings).await?;
    let now = now();
    let name = store
        .confirm_admin(&super::handlers::confirm_hash(code), now)
        .await?
        .ok_or_else(|| {
            LaunchError::Settings(
                "no enrolment waits for this code (mistyped, or more than an hour old: enrol again)"
                    .to_owned(),
            )
        })?;
    store.audit(now, OPERATOR, "admin_confirmed", &name).await?;
    Ok(name)
}

/// Revokes an administrator: their sessions end and their passkeys no longer log in.
pub async fn revoke(settings: &Settings, name: &str) -> Result<(), LaunchError> {
    let store = crate::open_store(settings).await?;
    if !store.revoke_admin(name.trim()).await? {
        return Err(LaunchError::Settings(format!(
            "no administrator is named {name:?}"
        )));
    }
    store
        .audit(now(), OPERATOR, "admin_revoked", name.trim())
        .await?;
    Ok(())
}

/// One line per administrator: name, role, state.
pub async fn list(settings: &Settings) -> Result<String, LaunchError> {
    let store = crate::open_store(settings).await?;
    let now = now();
    let mut out = String::new();
    for admin in store.admins().await? {
        let state = match admin.state {
            AdminState::Enrolling if admin.enrol_expires_at.is_some_and(|t| t <= now) => {
                "link expired"
            }
            AdminState::Enrolling => "link given",
            AdminState::Confirming => "waiting for `admin confirm`",
            AdminState::Active => "active",
            AdminState::Revoked => "revoked",
        };
        out.push_str(&format!(
            "{}\t{}\t{state}\n",
            admin.name,
            admin.role.as_str()
        ));
    }
    Ok(out)
}

/// Adds a partner to the list the console picks from (partners are never typed in the
/// console: a free text could name a person or a visit).
pub async fn add_partner(settings: &Settings, label: &str) -> Result<(), LaunchError> {
    let label = label.trim();
    if label.is_empty()
        || label.chars().count() > MAX_PARTNER_LABEL_CHARS
        || label.chars().any(char::is_control)
    {
        return Err(LaunchError::Settings(format!(
            "--label must be 1 to {MAX_PARTNER_LABEL_CHARS} characters"
        )));
    }
    let store = crate::open_store(settings).await?;
    let now = now();
    let added = store
        .add_partner(PartnerRecord {
            id: super::new_id(),
            label: label.to_owned(),
            created_at: now,
        })
        .await?;
    if !added {
        return Err(LaunchError::Settings(format!(
            "a partner named {label:?} is on the list already"
        )));
    }
    store.audit(now, OPERATOR, "partner_added", label).await?;
    Ok(())
}

/// One line per partner.
pub async fn list_partners(settings: &Settings) -> Result<String, LaunchError> {
    let store = crate::open_store(settings).await?;
    Ok(store
        .partners()
        .await?
        .into_iter()
        .map(|partner| format!("{}\n", partner.label))
        .collect())
}
