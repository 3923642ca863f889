//! The middleware chains of one worker, assembled when the worker starts:
//! each chain wraps the dispatcher's answer in actix-web `from_fn` services,
//! outermost first; a link that covers only some of a route's paths checks
//! the request path and otherwise goes straight to the next one.

use std::rc::Rc;
use std::sync::Arc;

use actix_service::boxed::{self, BoxFuture};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::Error;
use futures_util::future::LocalBoxFuture;

use std::future::Future;
use std::panic::AssertUnwindSafe;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::Transform;
use actix_web::error::InternalError;
use actix_web::middleware::{from_fn, Next};
use actix_web::HttpResponse;
use futures_util::FutureExt;

use super::answer::answer;
use super::dispatch_future::DispatchFuture;
use super::stages::Held;
use crate::registry::middleware::{
    ChainService, ErasedMiddleware, MiddlewareFn, MiddlewareRegistration, MiddlewareTransform,
    Transforms,
};
use crate::response::error_shape::{internal_server_error, panic_message, shape_error};
use crate::routing::compiled::Compiled;
use crate::url::mount::Mounted;

/// One worker's chains, by the plan's chain index; `None` for the empty
/// chain (the dispatcher answers directly).
pub(crate) struct Chains {
    table: Arc<Compiled>,
    services: Vec<Option<ChainService>>,
}

impl Chains {
    pub(crate) fn build(table: Arc<Compiled>) -> LocalBoxFuture<'static, Result<Chains, ()>> {
        Box::pin(async move {
            // Not through `rc_service`: its future is already a box.
            let terminal: ChainService = Rc::new(Answer(Arc::clone(&table)));
            let plan = &table.middleware;
            let mut services = Vec::with_capacity(plan.chains.len());
            for chain in &plan.chains {
                if chain.is_empty() {
                    services.push(None);
                    continue;
                }
                let mut service = Rc::clone(&terminal);
                for link in chain.iter().rev() {
                    let wrapped = plan.middleware[link.middleware]
                        .wrap(Rc::clone(&service))
                        .await?;
                    service = if link.always {
                        wrapped
                    } else {
                        Rc::new(IfPathMatches {
                            table: Arc::clone(&table),
                            middleware: link.middleware,
                            then: wrapped,
                            otherwise: service,
                        })
                    };
                }
                services.push(Some(service));
            }
            Ok(Chains { table, services })
        })
    }

    /// Runs chain `chain` for the request, whose lookup the dispatcher left
    /// in its extensions (a `RouteMatch` or a `Detour`; none for a 404).
    pub(crate) fn call(&self, chain: usize, req: ServiceRequest) -> DispatchFuture {
        match &self.services[chain] {
            Some(service) => DispatchFuture::Service(service.call(req)),
            None => answer(&self.table, req, Held::Inline),
        }
    }
}

/// The end of every chain: what the dispatcher answers.
struct Answer(Arc<Compiled>);

impl Service<ServiceRequest> for Answer {
    type Response = ServiceResponse;
    type Error = Error;
    type Future = BoxFuture<Result<ServiceResponse, Error>>;

    actix_web::dev::always_ready!();

    fn call(&self, req: ServiceRequest) -> Self::Future {
        // A handler's answer is a box already (`stages::run`); the rarer
        // ones are boxed here.
        match answer(&self.0, req, Held::Boxed) {
            DispatchFuture::Service(response) => response,
            other => Box::pin(other),
        }
    }
}

/// A link whose middleware covers only some of the route's paths.
struct IfPathMatches {
    table: Arc<Compiled>,
    middleware: usize,
    then: ChainService,
    otherwise: ChainService,
}

impl Service<ServiceRequest> for IfPathMatches {
    type Response = ServiceResponse;
    type Error = Error;
    type Future = BoxFuture<Result<ServiceResponse, Error>>;

    actix_web::dev::always_ready!();

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let patterns = &self.table.middleware.patterns[self.middleware];
        let path = Mounted::of(&req).path;
        let matches = patterns.is_empty() || patterns.iter().any(|pattern| pattern.matches(path));
        if matches {
            self.then.call(req)
        } else {
            self.otherwise.call(req)
        }
    }
}

// How one `#[middleware]` runs: through actix-web's own `from_fn`, its
// error response shaped, its panic answered 500.
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
        let function = self.function();
        let guarded = move |req: ServiceRequest, next: Next<BoxBody>| {
            guard(registration, function(req, next))
        };
        let transform = from_fn(guarded).new_transform(next);
        Box::pin(async move { Ok(boxed::rc_service(transform.await?)) })
    }
}

// How an actix-web middleware (`Transform`) runs: made for this worker,
// around the rest of the chain, its errors shaped as a function's are.
impl<F, T> ErasedMiddleware for MiddlewareTransform<F>
where
    F: Fn() -> T + Sync + 'static,
    T: Transforms,
{
    fn wrap(
        &'static self,
        registration: &'static MiddlewareRegistration,
        next: ChainService,
    ) -> LocalBoxFuture<'static, Result<ChainService, ()>> {
        let starting = self.make().new_transform(next);
        Box::pin(async move {
            match starting.await {
                Ok(service) => Ok(boxed::rc_service(Shaped {
                    registration,
                    service,
                })),
                Err(_) => {
                    log::error!("middleware {registration} did not start");
                    Err(())
                }
            }
        })
    }
}

/// An actix-web middleware's service, its answers shaped by `guard`.
struct Shaped<S> {
    registration: &'static MiddlewareRegistration,
    service: S,
}

impl<S, B> Service<ServiceRequest> for Shaped<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse;
    type Error = Error;
    type Future = LocalBoxFuture<'static, Result<ServiceResponse, Error>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        Box::pin(guard(self.registration, self.service.call(req)))
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
