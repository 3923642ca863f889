//! The one shape of every error approute answers: `{"error": "…"}` unless
//! the route table reshapes it ([`RouteTable::error_body`]).
//!
//! [`RouteTable::error_body`]: crate::routing::RouteTable::error_body

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;

/// A table's error body: the status and the message, to a whole response.
pub(crate) type ErrorBody = Arc<dyn Fn(StatusCode, &str) -> HttpResponse + Send + Sync>;

/// The message an error response was made with, kept on it so that the
/// table that answers can render its own error body: `error_response` is a
/// plain call, with no request to find the table by.
pub(crate) struct ErrorMessage(pub(crate) String);

/// The error response approute answers with: `status`, and `message` in the
/// table's error body (`{"error": message}` unless
/// [`RouteTable::error_body`](crate::routing::RouteTable::error_body) reshapes it).
/// Use it for a handler's own errors to keep one shape.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/comments/[id]")]
/// async fn PATCH() -> HttpResponse {
///     error_response(StatusCode::CONFLICT, "edited meanwhile")
/// }
/// let response = error_response(StatusCode::CONFLICT, "edited meanwhile");
/// assert_eq!(response.status(), StatusCode::CONFLICT);
/// ```
pub fn error_response(status: StatusCode, message: impl AsRef<str>) -> HttpResponse {
    let message = message.as_ref();
    let mut response = HttpResponse::build(status).json(serde_json::json!({ "error": message }));
    response
        .extensions_mut()
        .insert(ErrorMessage(message.to_owned()));
    response
}
