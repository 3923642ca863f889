//! What `#[route]` and `#[page]` submit: one `Registration` per handler.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, FromRequest, Handler, Responder};
use futures_util::future::LocalBoxFuture;

pub use approute_path::Method;

/// A route handler (`#[route]`) or a page (`#[page]`).
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/report", max_duration = 10)]
/// async fn GET() -> &'static str { "" }
///
/// let table = approute::routes().unwrap();
/// let entry = table.entries().find(|entry| entry.pattern == "/report").unwrap();
/// assert_eq!(entry.kind, approute::routing::Kind::Route);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Kind {
    /// A route handler: answers its own HTTP method and wins over a page.
    Route,
    /// A page: answers GET (and HEAD) where no route handler does.
    Page,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so that the listing's column width applies.
        f.pad(match self {
            Kind::Route => "route",
            Kind::Page => "page",
        })
    }
}

/// Where a handler is written, as recorded by the macro.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/report", max_duration = 10)]
/// async fn GET() -> &'static str { "" }
///
/// let table = approute::routes().unwrap();
/// let entry = table.entries().find(|entry| entry.pattern == "/report").unwrap();
/// assert!(entry.location.file.ends_with(".rs"));
/// println!("{}", entry.location); // src/routes.rs:12
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The source file, as `file!()` names it.
    pub file: &'static str,
    /// The line of the handler's name.
    pub line: u32,
    /// The module that defines the handler, as `module_path!()` names it.
    pub module_path: &'static str,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One handler, as submitted by `#[route]` or `#[page]`.
///
/// Sealed: the macros build it through a typed constructor, so its handler
/// is always an actix-web handler function, and nothing else (guards, a
/// service that is not ready) can slip in. Tests and benchmarks make one
/// at run time with `__private::leaked_registration`.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/profile", revalidate = 60)]
/// async fn GET() -> &'static str { "the route" }
///
/// #[page("/profile")]
/// async fn profile() -> Html { Html::new("the page") }
///
/// let table = approute::routes().unwrap();
/// let [route, page] = table.warnings()[0].handlers[..] else { panic!() };
/// assert_eq!((route.kind(), page.kind()), (approute::routing::Kind::Route, approute::routing::Kind::Page));
/// println!("{route}"); // #[route("/profile")] GET at src/routes.rs:3
/// ```
pub struct Registration {
    /// What the macro wrote, kept private.
    parts: Generated,
}

/// Whether a handler's `Params<T>` fits the route's parameters (stand-in
/// values, one per parameter in path order); the mismatch in words if not.
pub type ParamsCheck = fn(crate::url::captures::RouteParams<'_>) -> Result<(), String>;

impl Registration {
    /// A route handler or a page.
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/profile", revalidate = 60)]
    /// async fn GET() -> &'static str { "the route" }
    ///
    /// #[page("/profile")]
    /// async fn profile() -> Html { Html::new("the page") }
    ///
    /// let table = approute::routes().unwrap();
    /// let [route, page] = table.warnings()[0].handlers[..] else { panic!() };
    /// assert_eq!(page.kind(), approute::routing::Kind::Page);
    /// ```
    pub fn kind(&self) -> Kind {
        self.parts.kind
    }

    /// The method it answers (`GET` for a page).
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/profile", revalidate = 60)]
    /// async fn GET() -> &'static str { "the route" }
    ///
    /// #[page("/profile")]
    /// async fn profile() -> Html { Html::new("the page") }
    ///
    /// let table = approute::routes().unwrap();
    /// let [route, page] = table.warnings()[0].handlers[..] else { panic!() };
    /// assert_eq!(route.method(), approute::routing::Method::GET);
    /// ```
    pub fn method(&self) -> Method {
        self.parts.method
    }

    /// The path as written in the attribute, route groups included.
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/profile", revalidate = 60)]
    /// async fn GET() -> &'static str { "the route" }
    ///
    /// #[page("/profile")]
    /// async fn profile() -> Html { Html::new("the page") }
    ///
    /// let table = approute::routes().unwrap();
    /// let [route, page] = table.warnings()[0].handlers[..] else { panic!() };
    /// assert_eq!(route.path(), "/profile");
    /// ```
    pub fn path(&self) -> &'static str {
        self.parts.path
    }

    /// Where the handler is written.
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/profile", revalidate = 60)]
    /// async fn GET() -> &'static str { "the route" }
    ///
    /// #[page("/profile")]
    /// async fn profile() -> Html { Html::new("the page") }
    ///
    /// let table = approute::routes().unwrap();
    /// let [route, page] = table.warnings()[0].handlers[..] else { panic!() };
    /// assert!(route.location().line < page.location().line);
    /// ```
    pub fn location(&self) -> Location {
        self.parts.location
    }

    /// One check per `Params<T>` argument, run when the table is built.
    pub(crate) fn params_checks(&self) -> &'static [ParamsCheck] {
        self.parts.params
    }

    /// `max_duration = N`: how long the handler may run before a 504.
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/profile", revalidate = 60)]
    /// async fn GET() -> &'static str { "the route" }
    ///
    /// #[page("/profile")]
    /// async fn profile() -> Html { Html::new("the page") }
    ///
    /// let table = approute::routes().unwrap();
    /// let [route, page] = table.warnings()[0].handlers[..] else { panic!() };
    /// assert_eq!(route.max_duration(), None);
    /// ```
    pub fn max_duration(&self) -> Option<Duration> {
        self.parts
            .max_duration
            .map(|seconds| Duration::from_secs(seconds.into()))
    }

    /// What the OpenAPI document says of it (`None` when made at run time).
    #[cfg(feature = "openapi")]
    pub(crate) fn api_doc(&self) -> crate::api_doc::ApiDoc {
        self.parts.api
    }

    /// A GET handler that takes a `WebSocket`: it answers an upgrade.
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/profile", revalidate = 60)]
    /// async fn GET() -> &'static str { "the route" }
    ///
    /// #[page("/profile")]
    /// async fn profile() -> Html { Html::new("the page") }
    ///
    /// let table = approute::routes().unwrap();
    /// let [route, page] = table.warnings()[0].handlers[..] else { panic!() };
    /// assert!(!route.websocket());
    /// ```
    pub fn websocket(&self) -> bool {
        self.parts.websocket
    }

    /// `revalidate = N` on a GET handler: how long its responses are cached.
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/profile", revalidate = 60)]
    /// async fn GET() -> &'static str { "the route" }
    ///
    /// #[page("/profile")]
    /// async fn profile() -> Html { Html::new("the page") }
    ///
    /// let table = approute::routes().unwrap();
    /// let [route, page] = table.warnings()[0].handlers[..] else { panic!() };
    /// assert_eq!(route.revalidate(), Some(std::time::Duration::from_secs(60)));
    /// ```
    pub fn revalidate(&self) -> Option<Duration> {
        let rule = self.parts.revalidate?;
        Some(Duration::from_secs(rule.seconds.into()))
    }

    /// `revalidate = N` as the macro recorded it.
    pub(crate) fn revalidate_rule(&self) -> Option<Revalidate> {
        self.parts.revalidate
    }

    /// The handler, its argument types erased.
    pub(crate) fn handler(&self) -> &'static dyn ErasedHandler {
        self.parts.handler
    }
}

/// `GET /comments/[id] (src/comments.rs:12)`, as the logs name a handler.
impl fmt::Display for Registration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Generated {
            method,
            path,
            location,
            ..
        } = &self.parts;
        write!(f, "{method} {path} ({location})")
    }
}

impl fmt::Debug for Registration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registration")
            .field("kind", &self.parts.kind)
            .field("method", &self.parts.method)
            .field("path", &self.parts.path)
            .field("location", &self.parts.location)
            .finish_non_exhaustive()
    }
}

/// What the macros fill in: [`generated`] seals it into a `Registration`.
#[doc(hidden)]
pub struct Generated {
    pub kind: Kind,
    pub method: Method,
    pub path: &'static str,
    pub handler: &'static dyn ErasedHandler,
    pub location: Location,
    pub params: &'static [ParamsCheck],
    pub max_duration: Option<u32>,
    pub revalidate: Option<Revalidate>,
    /// It takes a `WebSocket`, as the macro read its signature.
    pub websocket: bool,
    pub api: crate::api_doc::ApiDoc,
}

impl std::fmt::Debug for Generated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Generated")
            .field("kind", &self.kind)
            .field("method", &self.method)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The macros' constructor: `const`, so that the registration is a static.
#[doc(hidden)]
pub const fn generated(parts: Generated) -> Registration {
    Registration { parts }
}

/// A handler function, its argument types remembered: the only
/// implementation of [`ErasedHandler`].
#[doc(hidden)]
pub struct HandlerFn<F, Args> {
    handler: F,
    arguments: PhantomData<fn() -> Args>,
}

impl<F, Args> std::fmt::Debug for HandlerFn<F, Args> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HandlerFn").finish_non_exhaustive()
    }
}

impl<F, Args> HandlerFn<F, Args>
where
    F: Handler<Args>,
    Args: FromRequest,
    F::Output: Responder,
{
    /// Where a function that is not a handler is reported: its arguments
    /// must be extractors, its output a responder.
    pub const fn new(handler: F) -> Self {
        HandlerFn {
            handler,
            arguments: PhantomData,
        }
    }
}

impl<F, Args> HandlerFn<F, Args> {
    /// The handler function itself, for the stage that calls it.
    pub(crate) fn function(&self) -> &F {
        &self.handler
    }
}

/// A handler with its argument types erased, so registrations of every
/// signature share one type. Implemented where handlers are called
/// (`service::stages`).
#[doc(hidden)]
pub trait ErasedHandler: Sync + sealed::Sealed {
    /// The handler's answer, for the stages around it (the cache,
    /// `max_duration`).
    fn call(
        &'static self,
        request: ServiceRequest,
    ) -> LocalBoxFuture<'static, Result<ServiceResponse, Error>>;

    /// The handler's answer with the stages after it (error shaping, a
    /// panic's 500, `after`) in the same box: at the end of a middleware
    /// chain, for a route with no stage around its handler.
    fn call_finished(
        &'static self,
        request: ServiceRequest,
        registration: &'static Registration,
    ) -> LocalBoxFuture<'static, Result<ServiceResponse, Error>>;
}

mod sealed {
    pub trait Sealed {}
    impl<F, Args> Sealed for super::HandlerFn<F, Args> {}
}

/// `revalidate = N` as the macro records it on a GET handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revalidate {
    /// How long a stored response is fresh.
    pub seconds: u32,
    /// `cache_public = true`: requests with `Authorization` or `Cookie` are
    /// served from (and stored in) the cache too.
    pub public: bool,
}

/// A route handler or page made at run time, located at the caller: for
/// generated route sets in this workspace's tests and benchmarks. Leaked,
/// as the macros' statics live as long as the process.
#[track_caller]
pub fn leaked_registration<F, Args>(
    kind: Kind,
    method: Method,
    path: impl Into<String>,
    handler: F,
) -> &'static Registration
where
    F: Handler<Args> + Sync,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    let caller = std::panic::Location::caller();
    Box::leak(Box::new(generated(Generated {
        kind,
        method,
        path: Box::leak(path.into().into_boxed_str()),
        handler: Box::leak(Box::new(HandlerFn::new(handler))),
        location: Location {
            file: caller.file(),
            line: caller.line(),
            module_path: "",
        },
        params: &[],
        max_duration: None,
        revalidate: None,
        websocket: false,
        api: Default::default(),
    })))
}
