//! The admin API's OpenAPI document, a document of its own under the tag `admin`, served on the
//! console's origin only (`/admin-api/v1/openapi.json`): the holders' document and origin know
//! nothing of it.

use utoipa::OpenApi;

use super::{announcements, feedback, handlers, invitations, statistics};

/// Where the console's origin serves the document (under `ADMIN_API_PREFIX`).
pub const ADMIN_OPENAPI_PATH: &str = pde_api::routes::admin::OPENAPI;

/// Every admin route.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "PDE — administration console",
        description = "Served on the console's own origin only, to its own page (a request \
                       whose Origin or Sec-Fetch-Site is another is refused with 403). No \
                       answer carries a document, a wallet or any per-wallet identifier."
    ),
    tags((name = "admin", description = "The administration console's API")),
    paths(
        handlers::enrol_start,
        handlers::enrol_finish,
        handlers::login_start,
        handlers::login_finish,
        handlers::me,
        handlers::logout,
        handlers::reauth_start,
        handlers::reauth_finish,
        handlers::passkeys,
        handlers::add_start,
        handlers::add_finish,
        handlers::remove_passkey,
        handlers::audit,
        invitations::overview,
        invitations::create_batch,
        invitations::revoke_batch,
        statistics::figures,
        statistics::csv_file,
        feedback::inbox,
        feedback::update,
        feedback::changes,
        feedback::publish,
        feedback::remove,
        announcements::list,
        announcements::post_one,
        announcements::end,
    ),
    components(schemas(pde_api::admin::AdminProofOfWork, pde_api::admin::AdminLoginProof))
)]
pub struct AdminApiDoc;

/// The document.
pub(super) async fn document() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(AdminApiDoc::openapi())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn the_admin_document_describes_every_admin_endpoint_under_its_tag_and_nothing_else() {
        let document = AdminApiDoc::openapi();
        let mut described = BTreeSet::new();
        for (path, item) in &document.paths.paths {
            for (method, operation) in [
                ("GET", &item.get),
                ("POST", &item.post),
                ("DELETE", &item.delete),
                ("PUT", &item.put),
                ("PATCH", &item.patch),
            ] {
                if let Some(operation) = operation {
                    assert_eq!(
                        operation.tags.as_deref(),
                        Some(&["admin".to_owned()][..]),
                        "{method} {path}"
                    );
                    described.insert((method, path.clone()));
                }
            }
        }
        let declared: BTreeSet<(&str, String)> = pde_api::admin::ALL
            .iter()
            .map(|(method, path)| (method.as_str(), pde_api::admin::url(path)))
            .collect();
        assert_eq!(described, declared);
        // The holders' document has none of them.
        let holders = serde_json::to_string(&crate::openapi::ApiDoc::openapi()).unwrap_or_default();
        assert!(!holders.contains(pde_api::admin::ADMIN_API_PREFIX));
    }
}
