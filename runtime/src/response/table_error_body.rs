//! A table's error body: the shape every error of its routes is answered
//! in, set with [`RouteTable::error_body`]; `{"error": …}` without one.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;

use super::error_body::ErrorBody;
use crate::routing::RouteTable;

/// A table's error body, as its settings keep it.
pub(crate) struct TableErrorBody(pub(crate) ErrorBody);

impl RouteTable {
    /// Answers every error of this table in `body` instead of
    /// `{"error": "…"}`: approute's own (404, 405, 501, a bad parameter or
    /// segment, a rejected JSON body, 500), those of actix-web's extractors
    /// and handler errors it renders as plain text, and every
    /// [`error_response`](crate::response::error_response) a handler of this table
    /// returns. `body` gets the status and the message the default body
    /// would carry (for a 5xx, only what the status means), e.g. RFC 9457's
    /// `application/problem+json`:
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/hello")]
    /// async fn GET() -> &'static str {
    ///     "Hello World"
    /// }
    ///
    /// fn main() {
    ///     let table = approute::routes().unwrap().error_body(|status, message| {
    ///         HttpResponse::build(status)
    ///             .content_type("application/problem+json")
    ///             .json(serde_json::json!({
    ///                 "title": status.canonical_reason(),
    ///                 "status": status.as_u16(),
    ///                 "detail": message,
    ///             }))
    ///     });
    ///     # let _ = table;
    /// }
    /// ```
    ///
    /// Serve it with [`Server::new`](crate::server::Server::new) or mount it with
    /// [`configure`](Self::configure); another table of the same process
    /// keeps its own body, and so does a clone of this table made before.
    pub fn error_body<F>(mut self, body: F) -> Self
    where
        F: Fn(StatusCode, &str) -> HttpResponse + Send + Sync + 'static,
    {
        self.settings_mut().set(TableErrorBody(Arc::new(body)));
        self
    }
}
