//! OpenAPI 3.1 from the registry (feature `openapi`): the document, built
//! once from the route table with utoipa's types, and the opt-in routes that
//! serve it.

pub(crate) mod describe;
mod document;
mod serve;
mod under;

pub(crate) use describe::Describe;
pub use serve::{openapi_scalar, openapi_service};
pub use under::{openapi_service_under, openapi_under};
/// The utoipa approute reads schemas with: derive `ToSchema` / `IntoParams`
/// with this same major version (`utoipa = "6"` in your `Cargo.toml`), or
/// approute sees no schema for your types.
pub use utoipa;

use utoipa::openapi::OpenApi;

/// The OpenAPI 3.1 document of every handler linked into this binary
/// (feature `openapi`): [`RouteTable::openapi`](crate::routing::RouteTable::openapi)
/// of [`routes()`](crate::routes).
///
/// It is utoipa's [`OpenApi`], so it merges with a document of your own
/// (`#[derive(utoipa::OpenApi)]`) through [`OpenApi::merge`], and its `info`
/// (titled after the executable, version `0.0.0`) is yours to set.
///
/// # Panics
///
/// When the routes do not build (a conflict, a broken `href!`): the report
/// is the one `serve` would stop with.
pub fn openapi() -> OpenApi {
    match crate::routes() {
        Ok(table) => table.openapi(),
        Err(error) => panic!("approute::openapi::openapi(): {error}"),
    }
}
