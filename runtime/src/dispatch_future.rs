//! The future a dispatched request returns: an answer ready at once
//! (redirects, 405, OPTIONS) or the handler's own future, guarded against
//! panics — without boxing a second future per request.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::{Error, HttpRequest};
use futures_util::future::{CatchUnwind, LocalBoxFuture};
use futures_util::FutureExt;

use crate::registry::Registration;
use crate::respond::internal_server_error;

pub(crate) enum DispatchFuture {
    Ready(Option<ServiceResponse>),
    Handler {
        response:
            CatchUnwind<AssertUnwindSafe<LocalBoxFuture<'static, Result<ServiceResponse, Error>>>>,
        /// Kept to answer when the handler panics and its own request is gone.
        request: Option<HttpRequest>,
        registration: &'static Registration,
    },
}

impl DispatchFuture {
    pub(crate) fn handler(
        response: LocalBoxFuture<'static, Result<ServiceResponse, Error>>,
        request: HttpRequest,
        registration: &'static Registration,
    ) -> Self {
        DispatchFuture::Handler {
            response: AssertUnwindSafe(response).catch_unwind(),
            request: Some(request),
            registration,
        }
    }
}

impl Future for DispatchFuture {
    type Output = Result<ServiceResponse, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            DispatchFuture::Ready(response) => {
                Poll::Ready(Ok(response.take().expect("polled after completion")))
            }
            DispatchFuture::Handler {
                response,
                request,
                registration,
            } => {
                let outcome = ready!(Pin::new(response).poll(cx));
                let request = request.take().expect("polled after completion");
                Poll::Ready(Ok(match outcome {
                    Ok(Ok(mut response)) => {
                        crate::cookies::write_changes(&mut response);
                        conceal_internal_error(&mut response, registration);
                        response
                    }
                    Ok(Err(error)) => {
                        let mut response = ServiceResponse::from_err(error, request);
                        conceal_internal_error(&mut response, registration);
                        response
                    }
                    Err(panic) => {
                        let message = panic
                            .downcast_ref::<&str>()
                            .copied()
                            .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
                            .unwrap_or("a non-string payload");
                        log::error!(
                            "handler {} {} ({}) panicked: {message}",
                            registration.method,
                            registration.path,
                            registration.location
                        );
                        let response = internal_server_error();
                        ServiceResponse::new(request, response)
                    }
                }))
            }
        }
    }
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
fn conceal_internal_error(response: &mut ServiceResponse, registration: &'static Registration) {
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR {
        conceal_failed_handler(response, registration);
    }
}

#[cold]
fn conceal_failed_handler(response: &mut ServiceResponse, registration: &'static Registration) {
    let Some(error) = response.response().error() else {
        return;
    };
    log::error!(
        "handler {} {} ({}) failed: {error}",
        registration.method,
        registration.path,
        registration.location
    );
    let plain_text = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/plain"));
    if plain_text {
        *response.response_mut() = internal_server_error();
    }
}
