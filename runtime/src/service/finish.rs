//! A handler's way out, whatever it did, written once: its response (an
//! error's body in the table's shape), its error answered, or its panic
//! answered 500; then the `after` tasks attached. Both places a handler's
//! future ends call [`finish`]: the dispatcher's future (`DispatchFuture`)
//! and the box a handler gets at the end of a middleware chain.

use std::any::Any;

use actix_web::dev::ServiceResponse;
use actix_web::{Error, HttpRequest, HttpResponse};

use crate::registry::route::Registration;
use crate::response::after;
use crate::response::error_shape::{
    internal_server_error, panic_message, render_error_body, shape_error, table_error_body,
};

/// What a handler's future, guarded by `catch_unwind`, ends in.
pub(crate) type Outcome = Result<Result<ServiceResponse, Error>, Box<dyn Any + Send>>;

/// The response for `outcome`. `request` is the handler's own, kept to
/// answer an error or a panic after the handler's future took its request.
#[inline]
pub(crate) fn finish(
    outcome: Outcome,
    request: HttpRequest,
    registration: &'static Registration,
) -> ServiceResponse {
    let mut response = match outcome {
        Ok(Ok(response)) => response,
        Ok(Err(error)) => ServiceResponse::new(request.clone(), HttpResponse::from_error(error)),
        Err(panic) => panicked(panic.as_ref(), &request, registration),
    };
    shape_error(
        Some(&request),
        response.response_mut(),
        &format_args!("handler {registration}"),
    );
    // Whatever the outcome, the `after` tasks start once it is sent.
    after::attach(response, registration.max_duration())
}

/// A panic's 500, logged with the handler's location; its body is the
/// table's error body already, so shaping it again leaves it as it is.
#[cold]
fn panicked(
    panic: &(dyn Any + Send),
    request: &HttpRequest,
    registration: &'static Registration,
) -> ServiceResponse {
    log::error!("handler {registration} panicked: {}", panic_message(panic));
    let mut response = internal_server_error();
    render_error_body(table_error_body(request).as_ref(), &mut response);
    ServiceResponse::new(request.clone(), response)
}
