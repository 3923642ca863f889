//! What `#[middleware]` submits: one `MiddlewareRegistration` per function.

use std::fmt;
use std::future::Future;

use actix_service::boxed::RcService;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::Error;
use futures_util::future::LocalBoxFuture;

use super::route::Location;

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
    /// The function itself, for the service that runs it.
    pub(crate) fn function(&self) -> &F {
        &self.function
    }

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

/// A function returning an actix-web middleware (a `Transform`): the other
/// form `#[middleware]` takes.
#[doc(hidden)]
pub struct MiddlewareTransform<F> {
    factory: F,
}

impl<F> std::fmt::Debug for MiddlewareTransform<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MiddlewareTransform")
            .finish_non_exhaustive()
    }
}

impl<F> MiddlewareTransform<F> {
    /// Made once per worker, as actix-web makes an `App`'s middleware.
    pub(crate) fn make<T>(&self) -> T
    where
        F: Fn() -> T,
    {
        (self.factory)()
    }

    /// Where a function that returns no actix-web middleware is reported.
    pub const fn new<T>(factory: F) -> Self
    where
        F: Fn() -> T,
        T: RouteTransform,
    {
        MiddlewareTransform { factory }
    }
}

/// An actix-web middleware `#[middleware]` can put on routes: any
/// `Transform` of the rest of the route's chain whose error is
/// `actix_web::Error`, as `App::wrap` takes (`actix-governor`'s `Governor`,
/// actix-web-httpauth's `HttpAuthentication`, actix-web's `Logger`, ...).
/// Return it from a plain `fn` with `-> impl RouteTransform`:
///
/// ```ignore
/// #[middleware("/admin/[[...rest]]")]
/// fn bearer() -> impl RouteTransform {
///     HttpAuthentication::bearer(validate)
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an actix-web middleware a `#[middleware]` `fn` can return",
    label = "returns `{Self}`",
    note = "return a `Transform` whose error is `actix_web::Error`, as `App::wrap` takes: `HttpAuthentication::bearer(validate)`, `Governor::new(&config)`, `Logger::default()`"
)]
pub trait RouteTransform: sealed::Transforms {}

impl<T: sealed::Transforms> RouteTransform for T {}

mod sealed {
    use std::future::Future;

    use super::ChainService;
    use actix_web::body::MessageBody;
    use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
    use actix_web::Error;

    pub trait Sealed {}
    impl<F> Sealed for super::MiddlewareFn<F> {}
    impl<F> Sealed for super::MiddlewareTransform<F> {}

    /// What `RouteTransform` stands for, kept out of its public face: the
    /// types the chain boxes, named so that an `impl RouteTransform` still
    /// tells they live long enough.
    pub trait Transforms:
        Transform<
            ChainService,
            ServiceRequest,
            Response = ServiceResponse<Self::Body>,
            Error = Error,
            Transform = Self::Running,
            Future = Self::Starting,
        > + 'static
    {
        type Body: MessageBody + 'static;
        type Running: Service<
                ServiceRequest,
                Response = ServiceResponse<Self::Body>,
                Error = Error,
                Future = Self::Answer,
            > + 'static;
        type Answer: Future<Output = Result<ServiceResponse<Self::Body>, Error>> + 'static;
        type Starting: Future<Output = Result<Self::Running, Self::InitError>> + 'static;
    }

    impl<T, B> Transforms for T
    where
        T: Transform<ChainService, ServiceRequest, Response = ServiceResponse<B>, Error = Error>
            + 'static,
        T::Transform: 'static,
        <T::Transform as Service<ServiceRequest>>::Future: 'static,
        T::Future: 'static,
        B: MessageBody + 'static,
    {
        type Body = B;
        type Running = T::Transform;
        type Answer = <T::Transform as Service<ServiceRequest>>::Future;
        type Starting = T::Future;
    }
}

pub(crate) use sealed::Transforms;
