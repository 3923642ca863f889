//! Every error a handler's request ends in gets the application's error
//! body, and a 5xx says only that the server failed: the detail goes to the
//! log, with the handler's location, never to the client.

use actix_web::body::{BodySize, MessageBody};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse};

use actix_web::error::{JsonPayloadError, PayloadError};

use super::error_body::{ErrorBody, ErrorMessage};
use super::error_response;
use super::rejection::{json_rejection, BodyIdle};
use super::table_error_body::TableErrorBody;
use crate::routing::request_route::with_settings;
use std::sync::Arc;

/// 500 with a body that says only that the server failed.
pub(crate) fn internal_server_error() -> HttpResponse {
    error_response(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
}

/// After a handler (or a middleware, named by `source`): an error that
/// actix-web rendered with its `Display` text as plain text (an extractor's
/// `Json deserialize error: …`, `?` on an error without a response of its
/// own) is answered in the application's error body with the same status,
/// message and headers; a 500's message, which may hold internal detail
/// (`ErrorInternalServerError(e)`, `?` on a database error), becomes one
/// that says only that the server failed. Another status is the handler's
/// deliberate answer (`ErrorServiceUnavailable("try again soon")`). A 5xx is
/// logged with `source`. A body the error type shaped itself (JSON, HTML) is
/// its own choice and is kept; an error status with no body at all (a
/// handler's `Option::None`) gets the error body with its reason phrase. The `actix_web::Error` stays on the reshaped
/// response, for the tools that read it (`HttpResponse::error`).
///
/// Every error body approute made (its `error_response`) is then rendered
/// in the error body of the table whose route `request` matched.
///
/// In place, and the status checked before anything else: this runs after
/// every handler.
#[inline]
pub(crate) fn shape_error(
    request: Option<&HttpRequest>,
    response: &mut HttpResponse,
    source: &dyn std::fmt::Display,
) {
    if response.status().as_u16() >= 400 {
        let error_body = request.and_then(table_error_body);
        shape_failed(error_body.as_ref(), response, source);
    }
}

/// The error body of the table whose route the request matched.
pub(crate) fn table_error_body(request: &HttpRequest) -> Option<ErrorBody> {
    with_settings(request, |settings| {
        let body = settings.get::<TableErrorBody>()?;
        Some(Arc::clone(&body.0))
    })?
}

/// `response`, made by `error_response`, in `error_body` (if the table has
/// one): the message it carries, through the table's hook.
pub(crate) fn render_error_body(error_body: Option<&ErrorBody>, response: &mut HttpResponse) {
    let Some(error_body) = error_body else {
        return;
    };
    let Some(ErrorMessage(message)) = response.extensions_mut().remove::<ErrorMessage>() else {
        return;
    };
    let rendered = error_body(response.status(), &message);
    replace_body(response, rendered);
}

#[cold]
fn shape_failed(
    error_body: Option<&ErrorBody>,
    response: &mut HttpResponse,
    source: &dyn std::fmt::Display,
) {
    let status = response.status();
    if response.extensions().contains::<ErrorMessage>() {
        // Already approute's error body (`error_response`, `Json`'s
        // rejection): the table's shape only.
        if status.is_server_error() {
            if let Some(error) = response.error() {
                log::error!("{source} failed: {error}");
            }
        }
        return render_error_body(error_body, response);
    }
    let Some(error) = response.error() else {
        // `Option::None` (404) or `HttpResponse::Forbidden().finish()`: an
        // error status with nothing to read gets the error body too, as
        // the OpenAPI document says.
        if matches!(response.body().size(), BodySize::None | BodySize::Sized(0)) {
            let reason = status.canonical_reason().unwrap_or("error");
            let mut shaped = error_response(status, reason.to_ascii_lowercase());
            render_error_body(error_body, &mut shaped);
            replace_body(response, shaped);
        }
        return;
    };
    let server_error = status.is_server_error();
    if server_error {
        log::error!("{source} failed: {error}");
    }
    let plain_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/plain"));
    // An actix-web middleware's refusal may have no body at all
    // (actix-web-httpauth's 401): the error body, its headers kept.
    let empty = matches!(response.body().size(), BodySize::None | BodySize::Sized(0));
    if !plain_text && !empty {
        return;
    }
    let mut shaped = if status == StatusCode::INTERNAL_SERVER_ERROR {
        internal_server_error()
    } else if let Some(idle) = error.as_error::<PayloadError>().and_then(BodyIdle::of) {
        // `String`, `Bytes`, `web::Form`: a body that stopped arriving.
        error_response(StatusCode::REQUEST_TIMEOUT, idle.to_string())
    } else if let Some(rejected) = error.as_error::<JsonPayloadError>() {
        // `web::Json` as approute's `Json`: 415 for a wrong `Content-Type`.
        let (status, message) = json_rejection(rejected);
        error_response(status, message)
    } else {
        error_response(status, error.to_string())
    };
    render_error_body(error_body, &mut shaped);
    replace_body(response, shaped);
}

/// `shaped`'s status, body and headers on `response`. The response's other
/// headers (`Allow`, `WWW-Authenticate`) stay, unless the error body set
/// one of its own; so does its `actix_web::Error`, which tracing-actix-web
/// and others read to mark the span failed.
fn replace_body(response: &mut HttpResponse, mut shaped: HttpResponse) {
    let own: Vec<_> = shaped.headers().keys().cloned().collect();
    for (name, value) in response.headers() {
        if name != header::CONTENT_LENGTH && !own.contains(name) {
            shaped.headers_mut().append(name.clone(), value.clone());
        }
    }
    let (mut head, body) = shaped.into_parts();
    let original = std::mem::replace(response, HttpResponse::new(head.status()));
    *response = original.set_body(body);
    *response.status_mut() = head.status();
    *response.headers_mut() = std::mem::take(head.headers_mut());
}

/// What a panic said, for the log.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a non-string payload")
}
