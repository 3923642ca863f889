//! OpenAPI 3.1 from the route table (feature `openapi`): the document
//! ([`RouteTable::openapi`](crate::routing::RouteTable::openapi), with
//! utoipa's types), and the opt-in routes that serve it.

pub(crate) mod describe;
mod document;
mod serve;
mod under;

pub(crate) use describe::Describe;
pub use serve::{openapi_scalar, openapi_service};
pub use under::openapi_service_under;
/// The utoipa approute reads schemas with: derive `ToSchema` / `IntoParams`
/// with this same major version (`utoipa = "6"` in your `Cargo.toml`), or
/// approute sees no schema for your types.
pub use utoipa;

use utoipa::openapi::OpenApi;

/// The document of every handler linked into this binary, under `prefix`
/// (empty at the root), for the serving routes: what `serve` would build.
///
/// # Panics
///
/// When the routes do not build (a conflict, a broken `href!`): the report
/// is the one `serve` would stop with, and the application cannot start.
fn registry_document(prefix: &str) -> OpenApi {
    match crate::routes() {
        Ok(table) => table.openapi_under(prefix),
        Err(error) => panic!("approute's OpenAPI document: {error}"),
    }
}
