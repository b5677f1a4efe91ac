//! The OpenAPI document, served at `/api/v1/openapi.json`.

use utoipa::OpenApi;

use crate::handlers::{deposits, documents, grants, hidden, meta, sessions, uploads, wallets};

/// Every documented route and schema.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "PDE — Porte-Documents Électronique",
        description = "Stores ciphertext only. Binary fields are base64."
    ),
    paths(
        meta::server_info,
        meta::health,
        wallets::register_start,
        wallets::register_finish,
        wallets::current_wallet,
        sessions::login_start,
        sessions::login_finish,
        sessions::logout,
        sessions::time_lock,
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
    ),
    components(schemas(pde_api::ErrorBody, pde_api::ErrorDetail))
)]
pub struct ApiDoc;
