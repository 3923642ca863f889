//! A 500 says only that the server failed: the detail goes to the log, with
//! the handler's location, never to the client.

use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;

use super::json_error;
use crate::routing::Registration;

/// 500 with a body that says only that the server failed.
pub(crate) fn internal_server_error() -> HttpResponse {
    json_error(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
}

/// A handler's error that answers 500 is logged with the handler's location.
/// When actix-web rendered it with its `Display` text
/// (`ErrorInternalServerError(e)`, `?` on an error without a response of its
/// own), the body becomes one that says only that the server failed: that
/// text may hold internal detail. A 500 body the error type shaped itself
/// (JSON, HTML) is its own choice and is kept.
///
/// In place, and the status checked before anything else: this runs after
/// every handler.
#[inline]
pub(crate) fn conceal_internal_error(
    response: &mut ServiceResponse,
    registration: &'static Registration,
) {
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR {
        conceal_failed_handler(response, registration);
    }
}

#[cold]
fn conceal_failed_handler(response: &mut ServiceResponse, registration: &'static Registration) {
    let Some(error) = response.response().error() else {
        return;
    };
    log::error!("handler {registration} failed: {error}");
    let plain_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/plain"));
    if plain_text {
        *response.response_mut() = internal_server_error();
    }
}
