//! The OpenAPI document, served at `/api/v1/openapi.json`.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Response};
use utoipa::{Modify, OpenApi};

use crate::handlers::{
    deposits, documents, feedback, grants, hidden, meta, sessions, uploads, wallets,
};

/// Every documented route and schema.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "PDE — Porte-Documents Électronique",
        description = "Stores ciphertext only. Binary fields are base64."
    ),
    paths(
        meta::server_info,
        meta::announcement,
        meta::live,
        meta::ready,
        wallets::register_start,
        wallets::register_finish,
        wallets::current_wallet,
        sessions::login_start,
        sessions::login_finish,
        sessions::logout,
        sessions::end_other_sessions,
        sessions::time_lock,
        sessions::erase_wallet,
        sessions::new_recovery_sheet,
        sessions::cancel_new_sheet,
        sessions::change_secret_start,
        sessions::change_secret_finish,
        sessions::recover_start,
        sessions::recover_finish,
        uploads::create_upload,
        uploads::upload_status,
        uploads::put_part,
        uploads::commit_upload,
        uploads::abort_upload,
        documents::list_documents,
        documents::download,
        documents::update_metadata,
        documents::delete_document,
        grants::create_grant,
        grants::put_document,
        grants::list_grants,
        grants::revoke_grant,
        grants::status,
        grants::open,
        grants::fetch_document,
        deposits::create_deposit,
        deposits::list_deposits,
        deposits::revoke_deposit,
        deposits::status,
        deposits::start,
        deposits::send_part,
        deposits::commit,
        hidden::slot,
        hidden::login_start,
        hidden::register_start,
        hidden::register_finish,
        feedback::terms,
        feedback::send,
    ),
    modifiers(&CommonAnswers),
    components(schemas(
        pde_api::ErrorBody,
        pde_api::ErrorDetail,
        pde_api::ProofOfWork,
        pde_api::LoginProof
    ))
)]
pub struct ApiDoc;

/// What the server answers on many routes, added to every operation it applies to rather than
/// written out in each: `400` where a body or a path part can be malformed, `401` where a
/// session is needed (and the session cookie as the security scheme), `404` where a path names
/// something that may not exist (or not be yours). Every error has the same JSON body.
struct CommonAnswers;

impl Modify for CommonAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "session",
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                    "__Host-pde_session",
                    "Set by a login, a recovery or a wallet's creation (`pde_session` on a \
                     plain-HTTP development server).",
                ))),
            );
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                add_common_answers(operation);
            }
        }
    }
}

fn add_common_answers(operation: &mut Operation) {
    let has_path_part = operation
        .parameters
        .iter()
        .flatten()
        .any(|p| p.parameter_in == ParameterIn::Path);
    let needs_session = operation.security.iter().flatten().next().is_some();
    let answers = [
        (
            operation.request_body.is_some() || has_path_part,
            "400",
            "The request is not valid: malformed JSON, or a field or path part out of shape.",
        ),
        (needs_session, "401", "No session, or it has ended."),
        (
            has_path_part,
            "404",
            "Nothing by that name here (or it is not yours).",
        ),
    ];
    for (applies, status, description) in answers {
        if applies {
            operation
                .responses
                .responses
                .entry(status.to_owned())
                .or_insert_with(|| RefOr::T(error_answer(description)));
        }
    }
}

fn error_answer(description: &str) -> Response {
    let mut response = Response::new(description);
    response.content.insert(
        "application/json".to_owned(),
        Content::new(Some(Ref::from_schema_name("ErrorBody"))),
    );
    response
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The document is made from the handlers' annotations; the clients send what
    /// `pde_api::endpoints` declares. Both must name the same operations.
    #[test]
    fn the_document_describes_every_declared_endpoint_and_nothing_else() {
        let document = ApiDoc::openapi();
        let mut described = BTreeSet::new();
        for (path, item) in &document.paths.paths {
            let path = path.strip_prefix(pde_api::API_PREFIX).unwrap_or(path);
            for (method, operation) in [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PUT", &item.put),
                ("DELETE", &item.delete),
                ("PATCH", &item.patch),
            ] {
                if operation.is_some() {
                    described.insert((method, path.to_owned()));
                }
            }
        }
        let declared: BTreeSet<(&str, String)> = pde_api::endpoints::ALL
            .iter()
            .map(|(method, path)| (method.as_str(), (*path).to_owned()))
            // Health is for operators, not a client's protocol.
            .chain([
                ("GET", pde_api::routes::HEALTH_LIVE.to_owned()),
                ("GET", pde_api::routes::HEALTH_READY.to_owned()),
            ])
            .collect();
        assert_eq!(described, declared);
    }
}
