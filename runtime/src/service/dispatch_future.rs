//! The future a dispatched request returns: an answer ready at once
//! (redirects, 405, OPTIONS), another service's (a middleware chain, the
//! default service under a scope), or the handler's own future, guarded against
//! panics — without boxing a second future per request.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use actix_web::dev::ServiceResponse;
use actix_web::{Error, HttpRequest};
use futures_util::future::{CatchUnwind, LocalBoxFuture};
use futures_util::FutureExt;

use super::finish::finish;
use crate::registry::route::Registration;

pub(crate) enum DispatchFuture {
    /// Boxed: a `ServiceResponse` is large, and every request's future
    /// (the handler's, mostly) is moved at the size of the largest variant.
    Ready(Option<Box<ServiceResponse>>),
    /// Another service answers: a middleware chain, under a scope the
    /// application's default service for a path the table does not serve;
    /// or, at the end of a chain, a handler boxed with the stages after it
    /// (see `stages::Held`).
    Service(LocalBoxFuture<'static, Result<ServiceResponse, Error>>),
    /// A handler (inside the cache or `max_duration`, if it has them): the
    /// stages after it run here.
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
                Poll::Ready(Ok(*response.take().expect("polled after completion")))
            }
            DispatchFuture::Service(response) => response.as_mut().poll(cx),
            DispatchFuture::Handler {
                response,
                request,
                registration,
            } => {
                let outcome = ready!(Pin::new(response).poll(cx));
                let request = request.take().expect("polled after completion");
                Poll::Ready(Ok(finish(outcome, request, registration)))
            }
        }
    }
}
