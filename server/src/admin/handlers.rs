//! The admin API's handlers: enrolment, login, fresh assertions, one's own passkeys, the audit
//! log. Every ceremony's state stays in the database (taken once, expiring), never in a cookie.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use pde_api::admin::{
    self as api, AdminError, AdminErrorCode, AdminLoginStart, AdminMe, AssertionFinish,
    AssertionStarted, AuditList, EnrolFinished, EnrolStartRequest, PasskeyInfo, PasskeyList,
    RegistrationFinish, RegistrationStarted, ADMIN_API_PREFIX, AUDIT_PAGE, MAX_ADMIN_NAME_CHARS,
};
use rand::Rng;
use serde::{Deserialize, Serialize};
use webauthn_rs::prelude::{Passkey, PasskeyAuthentication, PasskeyRegistration, Uuid};

use super::{
    clear_cookie, hash, new_id, open_session, path, AdminApiError, AdminConsole, AdminJson,
    AdminSession, CEREMONY_SECONDS, FREE_LOGIN_CEREMONIES, FRESH_SECONDS, MAX_LOGIN_PROOF_BITS,
    MAX_PENDING_CEREMONIES, MAX_PENDING_LOGINS,
};
use crate::service::logins::{new_challenge, spend_proof};
use crate::state::AppState;
use crate::store::admin::{CeremonyRecord, PasskeyRecord, PasskeyRemoval};

/// Seconds the 6-digit code can be confirmed after an enrolment.
pub(crate) const CONFIRM_SECONDS: i64 = 3600;

const ENROL: &str = "enrol";
const LOGIN: &str = "login";
const REAUTH: &str = "reauth";
const ADD: &str = "add";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(path(api::ENROL_START), post(enrol_start))
        .route(path(api::ENROL_FINISH), post(enrol_finish))
        .route(path(api::LOGIN_START), post(login_start))
        .route(path(api::LOGIN_FINISH), post(login_finish))
        .route(path(api::ME), get(me))
        .route(path(api::LOGOUT), post(logout))
        .route(path(api::REAUTH_START), post(reauth_start))
        .route(path(api::REAUTH_FINISH), post(reauth_finish))
        .route(path(api::PASSKEYS), get(passkeys))
        .route(path(api::PASSKEY_ADD_START), post(add_start))
        .route(path(api::PASSKEY_ADD_FINISH), post(add_finish))
        .route(path(api::REMOVE_PASSKEY), delete(remove_passkey))
        .route(path(api::AUDIT), get(audit))
        .merge(super::invitations::routes())
        .merge(super::statistics::routes())
        .merge(super::feedback::routes())
        .merge(super::announcements::routes())
}

fn console(state: &AppState) -> Result<&AdminConsole, AdminApiError> {
    state
        .admin
        .as_deref()
        .ok_or_else(|| AdminApiError::internal("no admin console configured"))
}

fn ceremony_invalid() -> AdminApiError {
    AdminApiError::refused(
        AdminErrorCode::CeremonyInvalid,
        "This passkey step is over (used, or more than five minutes old). Start again.",
    )
}

fn passkey_refused() -> AdminApiError {
    AdminApiError::refused(
        AdminErrorCode::PasskeyRefused,
        "The passkey's answer was refused. Try again with a passkey of this console.",
    )
}

fn to_json(value: &impl Serialize) -> Result<String, AdminApiError> {
    serde_json::to_string(value).map_err(AdminApiError::internal)
}

fn from_json<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, AdminApiError> {
    serde_json::from_str(text).map_err(AdminApiError::internal)
}

/// A label as given: trimmed, not empty, not too long, no control characters.
fn label(text: &str) -> Result<String, AdminApiError> {
    let text = text.trim();
    if text.is_empty()
        || text.chars().count() > MAX_ADMIN_NAME_CHARS
        || text.chars().any(char::is_control)
    {
        return Err(AdminApiError::refused(
            AdminErrorCode::InvalidFields,
            "Give the passkey a short name (1 to 60 characters), e.g. \"phone\".",
        ));
    }
    Ok(text.to_owned())
}

fn user_handle(admin_id: &str) -> Result<Uuid, AdminApiError> {
    Uuid::parse_str(admin_id).map_err(AdminApiError::internal)
}

async fn keep_ceremony(
    state: &AppState,
    kind: &str,
    admin_id: Option<String>,
    session_hash: Option<Vec<u8>>,
    ceremony_state: String,
) -> Result<String, AdminApiError> {
    let id = new_id();
    let now = state.clock.now();
    let cap = if kind == LOGIN {
        MAX_PENDING_LOGINS
    } else {
        MAX_PENDING_CEREMONIES
    };
    let kept = state
        .store
        .put_ceremony(
            CeremonyRecord {
                id: id.clone(),
                kind: kind.to_owned(),
                admin_id,
                session_hash,
                state: ceremony_state,
                expires_at: now + CEREMONY_SECONDS,
            },
            cap,
            now,
        )
        .await?;
    if !kept {
        return Err(AdminApiError::refused(
            AdminErrorCode::TooManyCeremonies,
            "Too many passkey logins are under way; try again in a few minutes.",
        ));
    }
    Ok(id)
}

async fn take_ceremony(
    state: &AppState,
    id: &str,
    kind: &str,
) -> Result<CeremonyRecord, AdminApiError> {
    state
        .store
        .take_ceremony(id, kind, state.clock.now())
        .await?
        .ok_or_else(ceremony_invalid)
}

/// An enrolment's state: the link it spends and the registration.
#[derive(Serialize, Deserialize)]
struct EnrolCeremony {
    enrol_hash: String,
    registration: PasskeyRegistration,
}

#[utoipa::path(post, path = pde_api::routes::admin::ENROL_START, context_path = ADMIN_API_PREFIX, tag = "admin", request_body = EnrolStartRequest, responses((status = 200, body = RegistrationStarted, description = "A passkey registration for the browser"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn enrol_start(
    State(state): State<AppState>,
    AdminJson(request): AdminJson<EnrolStartRequest>,
) -> Result<Json<RegistrationStarted>, AdminApiError> {
    let console = console(&state)?;
    let enrol_hash = hash(request.token.trim().as_bytes());
    let admin = state
        .store
        .admin_by_enrol_hash(&enrol_hash, state.clock.now())
        .await?
        .ok_or_else(|| {
            AdminApiError::refused(
                AdminErrorCode::EnrolmentLinkInvalid,
                "This enrolment link is not valid: it was used already, or it is more than an hour old. Ask the operator for a new one.",
            )
        })?;
    let (options, registration) = console
        .webauthn
        .start_passkey_registration(user_handle(&admin.id)?, &admin.name, &admin.name, None)
        .map_err(AdminApiError::internal)?;
    let ceremony = keep_ceremony(
        &state,
        ENROL,
        Some(admin.id),
        None,
        to_json(&EnrolCeremony {
            enrol_hash: hex::encode(enrol_hash),
            registration,
        })?,
    )
    .await?;
    Ok(Json(RegistrationStarted { ceremony, options }))
}

#[utoipa::path(post, path = pde_api::routes::admin::ENROL_FINISH, context_path = ADMIN_API_PREFIX, tag = "admin", request_body = RegistrationFinish, responses((status = 200, body = EnrolFinished, description = "The passkey is kept; the code to confirm on the server"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn enrol_finish(
    State(state): State<AppState>,
    AdminJson(request): AdminJson<RegistrationFinish>,
) -> Result<Json<EnrolFinished>, AdminApiError> {
    let console = console(&state)?;
    let label = label(&request.label)?;
    let ceremony = take_ceremony(&state, &request.ceremony, ENROL).await?;
    let admin_id = ceremony.admin_id.ok_or_else(ceremony_invalid)?;
    let enrol: EnrolCeremony = from_json(&ceremony.state)?;
    let passkey = console
        .webauthn
        .finish_passkey_registration(&request.credential, &enrol.registration)
        .map_err(|_| passkey_refused())?;
    let now = state.clock.now();
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    let record = passkey_record(&admin_id, &passkey, label.clone(), now)?;
    let enrol_hash = hex::decode(&enrol.enrol_hash).map_err(AdminApiError::internal)?;
    if !state
        .store
        .finish_enrolment(
            &enrol_hash,
            record,
            &confirm_hash(&code),
            now + CONFIRM_SECONDS,
            now,
        )
        .await?
    {
        return Err(AdminApiError::refused(
            AdminErrorCode::EnrolmentLinkInvalid,
            "This enrolment link was used already, or its hour is over. Ask the operator for a new one.",
        ));
    }
    let name = state
        .store
        .admin(&admin_id)
        .await?
        .map(|admin| admin.name)
        .unwrap_or_default();
    state
        .store
        .audit(now, &name, "passkey_registered", &label)
        .await?;
    Ok(Json(EnrolFinished {
        code,
        valid_until: now + CONFIRM_SECONDS,
    }))
}

/// The stored hash of a confirmation code.
pub(crate) fn confirm_hash(code: &str) -> Vec<u8> {
    hash(format!("pde-admin-confirm:{}", code.trim()).as_bytes())
}

fn passkey_record(
    admin_id: &str,
    passkey: &Passkey,
    label: String,
    now: i64,
) -> Result<PasskeyRecord, AdminApiError> {
    Ok(PasskeyRecord {
        id: new_id(),
        admin_id: admin_id.to_owned(),
        credential_id: passkey.cred_id().to_vec(),
        passkey: to_json(passkey)?,
        label,
        created_at: now,
        last_used_at: None,
    })
}

/// Starts an assertion over `records`' passkeys.
fn start_assertion(
    console: &AdminConsole,
    records: &[PasskeyRecord],
) -> Result<
    (
        pde_api::admin::RequestChallengeResponse,
        PasskeyAuthentication,
    ),
    AdminApiError,
> {
    let passkeys = records
        .iter()
        .map(|record| from_json::<Passkey>(&record.passkey))
        .collect::<Result<Vec<_>, _>>()?;
    console
        .webauthn
        .start_passkey_authentication(&passkeys)
        .map_err(AdminApiError::internal)
}

/// Checks an assertion against `records`; the passkey used (its counter stored).
async fn finish_assertion(
    state: &AppState,
    credential: &pde_api::admin::PublicKeyCredential,
    ceremony: &CeremonyRecord,
    records: Vec<PasskeyRecord>,
) -> Result<PasskeyRecord, AdminApiError> {
    let console = console(state)?;
    let authentication: PasskeyAuthentication = from_json(&ceremony.state)?;
    let result = console
        .webauthn
        .finish_passkey_authentication(credential, &authentication)
        .map_err(|_| passkey_refused())?;
    let record = records
        .into_iter()
        .find(|record| record.credential_id == result.cred_id().to_vec())
        .ok_or_else(passkey_refused)?;
    let mut passkey: Passkey = from_json(&record.passkey)?;
    passkey.update_credential(&result);
    state
        .store
        .passkey_used(&record.id, &to_json(&passkey)?, state.clock.now())
        .await?;
    Ok(record)
}

#[utoipa::path(post, path = pde_api::routes::admin::LOGIN_START, context_path = ADMIN_API_PREFIX, tag = "admin", request_body = AdminLoginStart, responses((status = 200, body = AssertionStarted, description = "A passkey assertion for the browser"), (status = 429, body = AdminError, description = "`proof_of_work_required` (many logins under way: solve the challenge and send again) or `too_many_ceremonies`"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn login_start(
    State(state): State<AppState>,
    AdminJson(request): AdminJson<AdminLoginStart>,
) -> Result<Json<AssertionStarted>, AdminApiError> {
    let console = console(&state)?;
    pay_for_login(&state, &request).await?;
    let records = state.store.active_passkeys().await?;
    if records.is_empty() {
        return Err(AdminApiError::refused(
            AdminErrorCode::NoAdministrators,
            "No administrator can log in yet: the operator enrols one with `pde-server admin enrol`.",
        ));
    }
    let (options, authentication) = start_assertion(console, &records)?;
    let ceremony = keep_ceremony(&state, LOGIN, None, None, to_json(&authentication)?).await?;
    Ok(Json(AssertionStarted { ceremony, options }))
}

/// Past [`FREE_LOGIN_CEREMONIES`] logins under way, a login start carries a solved challenge
/// whose cost rises with their number (`pde_crypto::proof::bits_for_load_up_to`); the same
/// price for everyone, as nobody is known yet.
async fn pay_for_login(state: &AppState, request: &AdminLoginStart) -> Result<(), AdminApiError> {
    let now = state.clock.now();
    let pending = state.store.pending_ceremonies(LOGIN, now).await?;
    let bits = pde_crypto::proof::bits_for_load_up_to(
        pending,
        FREE_LOGIN_CEREMONIES,
        MAX_LOGIN_PROOF_BITS,
    );
    // A challenge that is not hex is no proof.
    let proof = request.proof.as_ref().and_then(|proof| {
        Some(pde_api::LoginProof {
            challenge: hex::decode(&proof.challenge).ok()?.into(),
            nonce: proof.nonce,
        })
    });
    if bits == 0 || spend_proof(state, proof.as_ref(), bits, now).await? {
        return Ok(());
    }
    Err(AdminApiError::ProofOfWorkRequired {
        challenge: new_challenge(state, bits, now),
        bits,
    })
}

#[utoipa::path(post, path = pde_api::routes::admin::LOGIN_FINISH, context_path = ADMIN_API_PREFIX, tag = "admin", request_body = AssertionFinish, responses((status = 200, body = AdminMe, description = "Logged in: the admin session cookie is set"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn login_finish(
    State(state): State<AppState>,
    AdminJson(request): AdminJson<AssertionFinish>,
) -> Result<(HeaderMap, Json<AdminMe>), AdminApiError> {
    let ceremony = take_ceremony(&state, &request.ceremony, LOGIN).await?;
    // Only an active administrator's passkey counts (one revoked since the start does not).
    let records = state.store.active_passkeys().await?;
    let used = finish_assertion(&state, &request.credential, &ceremony, records).await?;
    let admin = state
        .store
        .admin(&used.admin_id)
        .await?
        .ok_or_else(passkey_refused)?;
    let cookie = open_session(&state, &admin.id).await?;
    state
        .store
        .audit(state.clock.now(), &admin.name, "login", &used.label)
        .await?;
    Ok((
        cookie,
        Json(AdminMe {
            name: admin.name,
            role: admin.role,
            idle_seconds: state.settings.admin_session_idle_seconds,
        }),
    ))
}

#[utoipa::path(get, path = pde_api::routes::admin::ME, context_path = ADMIN_API_PREFIX, tag = "admin",  responses((status = 200, body = AdminMe, description = "Who is logged in"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn me(
    State(state): State<AppState>,
    session: AdminSession,
) -> Result<Json<AdminMe>, AdminApiError> {
    Ok(Json(AdminMe {
        name: session.admin.name,
        role: session.admin.role,
        idle_seconds: state.settings.admin_session_idle_seconds,
    }))
}

#[utoipa::path(post, path = pde_api::routes::admin::LOGOUT, context_path = ADMIN_API_PREFIX, tag = "admin",  responses((status = 200, description = "The session ended"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn logout(
    State(state): State<AppState>,
    session: AdminSession,
) -> Result<HeaderMap, AdminApiError> {
    state.store.end_admin_session(&session.token_hash).await?;
    state
        .store
        .audit(state.clock.now(), &session.admin.name, "logout", "")
        .await?;
    Ok(clear_cookie(&state))
}

#[utoipa::path(post, path = pde_api::routes::admin::REAUTH_START, context_path = ADMIN_API_PREFIX, tag = "admin",  responses((status = 200, body = AssertionStarted, description = "An assertion with one's own passkeys"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn reauth_start(
    State(state): State<AppState>,
    session: AdminSession,
) -> Result<Json<AssertionStarted>, AdminApiError> {
    let console = console(&state)?;
    let records = state.store.passkeys_of(&session.admin.id).await?;
    let (options, authentication) = start_assertion(console, &records)?;
    let ceremony = keep_ceremony(
        &state,
        REAUTH,
        Some(session.admin.id),
        Some(session.token_hash),
        to_json(&authentication)?,
    )
    .await?;
    Ok(Json(AssertionStarted { ceremony, options }))
}

/// A ceremony of this session's (a fresh assertion or a new passkey).
async fn take_session_ceremony(
    state: &AppState,
    session: &AdminSession,
    id: &str,
    kind: &str,
) -> Result<CeremonyRecord, AdminApiError> {
    let ceremony = take_ceremony(state, id, kind).await?;
    if ceremony.session_hash.as_deref() != Some(&session.token_hash[..]) {
        return Err(ceremony_invalid());
    }
    Ok(ceremony)
}

#[utoipa::path(post, path = pde_api::routes::admin::REAUTH_FINISH, context_path = ADMIN_API_PREFIX, tag = "admin", request_body = AssertionFinish, responses((status = 200, description = "The session may add or remove a passkey for five minutes"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn reauth_finish(
    State(state): State<AppState>,
    session: AdminSession,
    AdminJson(request): AdminJson<AssertionFinish>,
) -> Result<(), AdminApiError> {
    let ceremony = take_session_ceremony(&state, &session, &request.ceremony, REAUTH).await?;
    let records = state.store.passkeys_of(&session.admin.id).await?;
    finish_assertion(&state, &request.credential, &ceremony, records).await?;
    state
        .store
        .mark_fresh(&session.token_hash, state.clock.now() + FRESH_SECONDS)
        .await?;
    Ok(())
}

fn require_fresh(state: &AppState, session: &AdminSession) -> Result<(), AdminApiError> {
    if session.fresh_until <= state.clock.now() {
        return Err(AdminApiError::refused(
            AdminErrorCode::FreshAssertionNeeded,
            "Confirm with one of your passkeys first (adding or removing a passkey needs it).",
        ));
    }
    Ok(())
}

#[utoipa::path(get, path = pde_api::routes::admin::PASSKEYS, context_path = ADMIN_API_PREFIX, tag = "admin",  responses((status = 200, body = PasskeyList, description = "One's own passkeys"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn passkeys(
    State(state): State<AppState>,
    session: AdminSession,
) -> Result<Json<PasskeyList>, AdminApiError> {
    let passkeys = state
        .store
        .passkeys_of(&session.admin.id)
        .await?
        .into_iter()
        .map(|record| PasskeyInfo {
            id: record.id,
            label: record.label,
            created_at: record.created_at,
            last_used_at: record.last_used_at,
        })
        .collect();
    Ok(Json(PasskeyList { passkeys }))
}

#[utoipa::path(post, path = pde_api::routes::admin::PASSKEY_ADD_START, context_path = ADMIN_API_PREFIX, tag = "admin",  responses((status = 200, body = RegistrationStarted, description = "A passkey registration for the browser"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn add_start(
    State(state): State<AppState>,
    session: AdminSession,
) -> Result<Json<RegistrationStarted>, AdminApiError> {
    require_fresh(&state, &session)?;
    let console = console(&state)?;
    let known = state
        .store
        .passkeys_of(&session.admin.id)
        .await?
        .into_iter()
        .map(|record| from_json::<Passkey>(&record.passkey).map(|p| p.cred_id().clone()))
        .collect::<Result<Vec<_>, _>>()?;
    let (options, registration) = console
        .webauthn
        .start_passkey_registration(
            user_handle(&session.admin.id)?,
            &session.admin.name,
            &session.admin.name,
            Some(known),
        )
        .map_err(AdminApiError::internal)?;
    let ceremony = keep_ceremony(
        &state,
        ADD,
        Some(session.admin.id),
        Some(session.token_hash),
        to_json(&registration)?,
    )
    .await?;
    Ok(Json(RegistrationStarted { ceremony, options }))
}

#[utoipa::path(post, path = pde_api::routes::admin::PASSKEY_ADD_FINISH, context_path = ADMIN_API_PREFIX, tag = "admin", request_body = RegistrationFinish, responses((status = 200, description = "The passkey was added"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn add_finish(
    State(state): State<AppState>,
    session: AdminSession,
    AdminJson(request): AdminJson<RegistrationFinish>,
) -> Result<(), AdminApiError> {
    require_fresh(&state, &session)?;
    let console = console(&state)?;
    let label = label(&request.label)?;
    let ceremony = take_session_ceremony(&state, &session, &request.ceremony, ADD).await?;
    let registration: PasskeyRegistration = from_json(&ceremony.state)?;
    let passkey = console
        .webauthn
        .finish_passkey_registration(&request.credential, &registration)
        .map_err(|_| passkey_refused())?;
    let now = state.clock.now();
    let record = passkey_record(&session.admin.id, &passkey, label.clone(), now)?;
    if !state.store.add_passkey(record).await? {
        return Err(passkey_refused());
    }
    state
        .store
        .audit(now, &session.admin.name, "passkey_added", &label)
        .await?;
    Ok(())
}

#[utoipa::path(delete, path = pde_api::routes::admin::PASSKEY, context_path = ADMIN_API_PREFIX, tag = "admin", params(("passkey_id" = String, Path, description = "One of one's own passkeys")), responses((status = 200, description = "The passkey was removed"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn remove_passkey(
    State(state): State<AppState>,
    session: AdminSession,
    Path(passkey_id): Path<String>,
) -> Result<(), AdminApiError> {
    require_fresh(&state, &session)?;
    let label = state
        .store
        .passkeys_of(&session.admin.id)
        .await?
        .into_iter()
        .find(|record| record.id == passkey_id)
        .map(|record| record.label);
    match state
        .store
        .remove_passkey(&session.admin.id, &passkey_id, &session.token_hash)
        .await?
    {
        PasskeyRemoval::Removed => {
            state
                .store
                .audit(
                    state.clock.now(),
                    &session.admin.name,
                    "passkey_removed",
                    &label.unwrap_or_default(),
                )
                .await?;
            Ok(())
        }
        PasskeyRemoval::NotFound => Err(AdminApiError::refused(
            AdminErrorCode::NotFound,
            "No such passkey among yours.",
        )),
        PasskeyRemoval::Last => Err(AdminApiError::refused(
            AdminErrorCode::LastPasskey,
            "This is your last passkey: add another one before you remove it.",
        )),
    }
}

#[utoipa::path(get, path = pde_api::routes::admin::AUDIT, context_path = ADMIN_API_PREFIX, tag = "admin",  responses((status = 200, body = AuditList, description = "The audit log, newest first"), (status = "4XX", body = AdminError, description = "Refused: the code says why")))]
pub(crate) async fn audit(
    State(state): State<AppState>,
    _session: AdminSession,
) -> Result<Json<AuditList>, AdminApiError> {
    let entries = state
        .store
        .audit_log(i64::try_from(AUDIT_PAGE).unwrap_or(i64::MAX))
        .await?;
    Ok(Json(AuditList { entries }))
}
