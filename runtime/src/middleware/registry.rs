//! What `#[middleware]` submits, one `MiddlewareRegistration` per function,
//! gathered by `inventory` like the routes.

use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;

use actix_service::boxed::{self, RcService};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse, Transform};
use actix_web::error::InternalError;
use actix_web::middleware::{from_fn, Next};
use actix_web::{Error, HttpResponse};
use futures_util::future::LocalBoxFuture;
use futures_util::FutureExt;

use crate::response::error_shape::{internal_server_error, panic_message, shape_error};
use crate::routing::Location;

/// The service a middleware wraps: the rest of the chain, then the route.
pub(crate) type ChainService = RcService<ServiceRequest, ServiceResponse, Error>;

/// One middleware, as submitted by `#[middleware]`. Sealed like a route's
/// registration: its function always has actix-web's `from_fn` signature.
pub struct MiddlewareRegistration {
    parts: GeneratedMiddleware,
}

impl MiddlewareRegistration {
    /// The function's name.
    pub fn name(&self) -> &'static str {
        self.parts.name
    }

    /// The paths it runs on, in the route grammar; empty for every path.
    pub fn patterns(&self) -> &'static [&'static str] {
        self.parts.patterns
    }

    /// Its `order = N` (default 0): lower runs first (outermost).
    pub fn order(&self) -> i32 {
        self.parts.order
    }

    /// Where the function is written.
    pub fn location(&self) -> Location {
        self.parts.location
    }

    /// `crate::module::name`: the last tie-breaker of the chain's order.
    pub(crate) fn function_path(&self) -> (&'static str, &'static str) {
        (self.parts.location.module_path, self.parts.name)
    }

    /// `next` wrapped in this middleware, through actix-web's own `from_fn`.
    pub(crate) fn wrap(
        &'static self,
        next: ChainService,
    ) -> LocalBoxFuture<'static, Result<ChainService, ()>> {
        self.parts.middleware.wrap(self, next)
    }
}

/// `require_login (src/auth.rs:12)`, as the listing and the logs name it.
impl fmt::Display for MiddlewareRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.parts.name, self.parts.location)
    }
}

impl fmt::Debug for MiddlewareRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MiddlewareRegistration")
            .field("name", &self.parts.name)
            .field("patterns", &self.parts.patterns)
            .field("order", &self.parts.order)
            .field("location", &self.parts.location)
            .finish_non_exhaustive()
    }
}

/// What the macro fills in: [`middleware`] seals it.
#[doc(hidden)]
pub struct GeneratedMiddleware {
    pub name: &'static str,
    pub patterns: &'static [&'static str],
    pub order: i32,
    pub middleware: &'static dyn ErasedMiddleware,
    pub location: Location,
}

impl std::fmt::Debug for GeneratedMiddleware {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GeneratedMiddleware")
            .field("name", &self.name)
            .field("patterns", &self.patterns)
            .field("order", &self.order)
            .finish_non_exhaustive()
    }
}

/// The macro's constructor: `const`, so that the registration is a static.
#[doc(hidden)]
pub const fn middleware(parts: GeneratedMiddleware) -> MiddlewareRegistration {
    MiddlewareRegistration { parts }
}

/// A middleware function: the only implementation of [`ErasedMiddleware`].
#[doc(hidden)]
pub struct MiddlewareFn<F> {
    function: F,
}

impl<F> std::fmt::Debug for MiddlewareFn<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MiddlewareFn").finish_non_exhaustive()
    }
}

impl<F> MiddlewareFn<F> {
    /// Where a function without `from_fn`'s signature is reported.
    pub const fn new<Fut, B>(function: F) -> Self
    where
        F: Fn(ServiceRequest, Next<BoxBody>) -> Fut,
        Fut: Future<Output = Result<ServiceResponse<B>, Error>>,
        B: MessageBody,
    {
        MiddlewareFn { function }
    }
}

/// A middleware with its future and body types erased, so registrations
/// of every function share one type.
#[doc(hidden)]
pub trait ErasedMiddleware: Sync + sealed::Sealed {
    fn wrap(
        &'static self,
        registration: &'static MiddlewareRegistration,
        next: ChainService,
    ) -> LocalBoxFuture<'static, Result<ChainService, ()>>;
}

mod sealed {
    pub trait Sealed {}
    impl<F> Sealed for super::MiddlewareFn<F> {}
}

impl<F, Fut, B> ErasedMiddleware for MiddlewareFn<F>
where
    F: Fn(ServiceRequest, Next<BoxBody>) -> Fut + Sync + 'static,
    Fut: Future<Output = Result<ServiceResponse<B>, Error>> + 'static,
    B: MessageBody + 'static,
{
    fn wrap(
        &'static self,
        registration: &'static MiddlewareRegistration,
        next: ChainService,
    ) -> LocalBoxFuture<'static, Result<ChainService, ()>> {
        let function = &self.function;
        let guarded = move |req: ServiceRequest, next: Next<BoxBody>| {
            guard(registration, function(req, next))
        };
        let transform = from_fn(guarded).new_transform(next);
        Box::pin(async move { Ok(boxed::rc_service(transform.await?)) })
    }
}

/// A middleware's answer in the application's error shape: an `Err` is its
/// status with the error body, a panic a 500 (logged with the middleware's
/// location), as for a handler.
///
/// Both are returned as an error that renders that response: the request
/// went into the middleware, and holding a copy of it to answer with would
/// stop the handler from filling in its match info.
async fn guard<Fut, B>(
    registration: &'static MiddlewareRegistration,
    response: Fut,
) -> Result<ServiceResponse, Error>
where
    Fut: Future<Output = Result<ServiceResponse<B>, Error>>,
    B: MessageBody + 'static,
{
    let source = format_args!("middleware {registration}");
    match AssertUnwindSafe(response).catch_unwind().await {
        Ok(Ok(response)) => {
            let response = response.map_into_boxed_body();
            if response.status().as_u16() < 400 {
                return Ok(response);
            }
            let (request, mut response) = response.into_parts();
            shape_error(Some(&request), &mut response, &source);
            Ok(ServiceResponse::new(request, response))
        }
        Ok(Err(error)) => {
            // The request went into the middleware: the default error body
            // (an `Err` from a middleware is rare; its `Ok` is shaped above).
            let message = error.to_string();
            let mut response = HttpResponse::from_error(error);
            shape_error(None, &mut response, &source);
            Err(InternalError::from_response(message, response).into())
        }
        Err(panic) => {
            let message = panic_message(panic.as_ref());
            log::error!("{source} panicked: {message}");
            Err(InternalError::from_response("middleware panicked", internal_server_error()).into())
        }
    }
}
