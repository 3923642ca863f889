//! The stages a handler's request runs through, composed here and nowhere
//! else (a feature that adds one touches its own folder and this list):
//!
//! ```text
//! in:   [the route's #[middleware] chain, service::chains]
//!       → cache::serve        a `revalidate` GET, from the store when it may be
//!       → within              `max_duration`: a 504 once it has passed
//!       → the handler         its arguments extracted, its output a response
//!                             that carries the cookies it set (extract::cookies)
//! out:  → service::finish      an error's body in the table's shape
//!                             (response::error_shape), a panic's 500, and the
//!                             `after` tasks started once the response is sent
//! ```

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::StatusCode;
use actix_web::{Error, FromRequest, Handler, HttpResponse, Responder};
use futures_util::future::LocalBoxFuture;
use futures_util::FutureExt;

use super::dispatch_future::DispatchFuture;
use super::finish::finish;
use crate::extract::cookies::write_changes;
use crate::registry::route::{ErasedHandler, HandlerFn, Registration};
use crate::response::error_response;

/// Where a handler's future is held: in the dispatcher's future, or in a
/// box of its own at the end of a middleware chain, whose services answer
/// with boxes (one box then, not a box of the dispatcher's future).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    Inline,
    Boxed,
}

/// The way in: from the cache for a `revalidate` route, else from the
/// handler; the way out around either.
#[inline]
pub(crate) fn run(
    registration: &'static Registration,
    request: ServiceRequest,
    held: Held,
) -> DispatchFuture {
    let rule = registration.revalidate_rule();
    if held == Held::Boxed && rule.is_none() && registration.max_duration().is_none() {
        // Nothing around the handler: one box for all of it.
        return DispatchFuture::Service(
            registration.handler().call_finished(request, registration),
        );
    }
    let kept = request.request().clone();
    let response = match rule {
        None => run_handler(registration, request),
        Some(rule) => Box::pin(crate::cache::serve::serve(
            move |request| run_handler(registration, request),
            rule,
            request,
        )),
    };
    DispatchFuture::handler(response, kept, registration)
}

/// The handler, within its `max_duration` if it has one (a handler still
/// running then is dropped and answered 504).
#[inline]
fn run_handler(
    registration: &'static Registration,
    request: ServiceRequest,
) -> LocalBoxFuture<'static, Result<ServiceResponse, Error>> {
    let response = registration.handler().call(request);
    match registration.max_duration() {
        None => response,
        Some(limit) => Box::pin(within(limit, response)),
    }
}

/// The handler's answer, or a 504 once `limit` has passed (the handler's
/// future is dropped, which cancels what it was awaiting).
async fn within(
    limit: Duration,
    response: LocalBoxFuture<'static, Result<ServiceResponse, Error>>,
) -> Result<ServiceResponse, Error> {
    match actix_web::rt::time::timeout(limit, response).await {
        Ok(response) => response,
        Err(_) => {
            let message = format!(
                "the handler did not answer within its max_duration of {} s",
                limit.as_secs()
            );
            let body = error_response(StatusCode::GATEWAY_TIMEOUT, &message);
            Err(InternalError::from_response(message, body).into())
        }
    }
}

impl<F, Args> ErasedHandler for HandlerFn<F, Args>
where
    F: Handler<Args> + Sync,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    fn call(
        &'static self,
        request: ServiceRequest,
    ) -> LocalBoxFuture<'static, Result<ServiceResponse, Error>> {
        Box::pin(respond(self, request))
    }

    fn call_finished(
        &'static self,
        request: ServiceRequest,
        registration: &'static Registration,
    ) -> LocalBoxFuture<'static, Result<ServiceResponse, Error>> {
        // Kept to answer when the handler panics and its own request is gone.
        let kept = request.request().clone();
        Box::pin(
            AssertUnwindSafe(respond(self, request))
                .catch_unwind()
                .map(move |outcome| Ok(finish(outcome, kept, registration))),
        )
    }
}

/// The handler's future, as actix-web's own handler service makes it,
/// without the route and boxed service around it.
fn respond<F: Handler<Args> + Sync, Args: FromRequest + 'static>(
    handler: &'static HandlerFn<F, Args>,
    request: ServiceRequest,
) -> impl Future<Output = Result<ServiceResponse, Error>> + 'static
where
    F::Output: Responder + 'static,
{
    let (request, mut payload) = request.into_parts();
    async move {
        let mut response = match Args::from_request(&request, &mut payload).await {
            Err(error) => HttpResponse::from_error(error),
            Ok(arguments) => handler
                .function()
                .call(arguments)
                .await
                .respond_to(&request)
                .map_into_boxed_body(),
        };
        // Here, so that every later stage (the cache above all) sees the
        // cookies the handler set; on the `HttpResponse`, so that the
        // `ServiceResponse` is built in place.
        write_changes(&request, &mut response);
        Ok(ServiceResponse::new(request, response))
    }
}
