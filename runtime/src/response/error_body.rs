//! The one shape of every error approute answers: `{"error": "…"}` unless
//! the application reshaped it once with [`set_error_body`].

use std::sync::OnceLock;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;

type ErrorBody = dyn Fn(StatusCode, &str) -> HttpResponse + Send + Sync;

static ERROR_BODY: OnceLock<Box<ErrorBody>> = OnceLock::new();

/// Reshapes every error body approute answers: its own (404, 405, a bad
/// parameter, a rejected JSON body, 500), and those of actix-web's
/// extractors and handler errors it rendered as plain text (`web::Json`,
/// `Query`, `web::Path`, `Form`, a missing `Data<T>`). `hook` gets the status
/// and the message the default body would carry (for a 5xx, only what the
/// status means) and returns the whole response, e.g. RFC 9457's
/// `application/problem+json`:
///
/// ```
/// use approute::prelude::*;
///
/// approute::set_error_body(|status, message| {
///     HttpResponse::build(status)
///         .content_type("application/problem+json")
///         .json(serde_json::json!({
///             "title": status.canonical_reason(),
///             "status": status.as_u16(),
///             "detail": message,
///         }))
/// });
/// ```
///
/// Call it once, before serving; the default is [`json_error`](crate::json_error).
///
/// # Panics
///
/// When a hook is already set: two parts of one application disagreeing on
/// the error shape is a mistake to see at start-up.
pub fn set_error_body<F>(hook: F)
where
    F: Fn(StatusCode, &str) -> HttpResponse + Send + Sync + 'static,
{
    if ERROR_BODY.set(Box::new(hook)).is_err() {
        panic!("approute::set_error_body was called twice; an application has one error shape");
    }
}

/// The error response approute answers with: `status`, and `message` in the
/// application's error body ([`set_error_body`], `{"error": message}` by
/// default). Use it for a handler's own errors to keep one shape.
pub fn error_response(status: StatusCode, message: impl AsRef<str>) -> HttpResponse {
    match ERROR_BODY.get() {
        Some(hook) => hook(status, message.as_ref()),
        None => json_error(status, message.as_ref()),
    }
}

/// `{"error": "<message>"}` with `status`: the default error body, whatever
/// [`set_error_body`] set.
pub fn json_error(status: StatusCode, message: impl Into<String>) -> HttpResponse {
    HttpResponse::build(status).json(serde_json::json!({ "error": message.into() }))
}
