//! **Next.js App Router route handlers for actix-web: name a function after an
//! HTTP verb, give it a path, and it is an endpoint.**
//!
//! ```no_run
//! use approute::prelude::*;
//!
//! #[route("/hello")]
//! async fn GET() -> &'static str {
//!     "Hello World"
//! }
//!
//! #[route("/comments/[id]")]
//! mod comment {
//!     use approute::prelude::*;
//!
//!     pub async fn GET(Params(id): Params<u32>) -> HttpResponse {
//!         HttpResponse::Ok().body(format!("comment {id}"))
//!     }
//!
//!     pub async fn DELETE(Params(id): Params<u32>) -> HttpResponse {
//!         if id > 3 { return not_found(); }
//!         HttpResponse::Ok().finish()
//!     }
//! }
//!
//! #[approute::main]
//! async fn main() -> std::io::Result<()> {
//!     approute::serve("127.0.0.1:3000").await
//! }
//! ```
//!
//! There is no router file: each `#[route]` registers its handler at compile
//! time, and [`serve`] (or `App::new().configure(approute::configure)`)
//! collects them, checks them ([`routes`] reports every conflict at once, with
//! locations) and serves them from one route tree, in Next.js's precedence:
//! static > `[param]` > `[...catchall]` > `[[...optional]]`, and a route
//! handler before a page.
//!
//! # Handlers in a library crate
//!
//! Handlers register in whichever binary links their crate. A crate that the
//! binary never refers to is not linked, so refer to it once from `main.rs`:
//!
//! ```ignore
//! use my_routes as _; // links my_routes, and so registers its handlers
//! ```
//!
//! # HTTP semantics
//!
//! A path that matches with a method that does not answers 405 with `Allow`;
//! HEAD is answered by GET and OPTIONS by a 204 with `Allow` where no handler
//! of their own exists; `/comments/` answers 308 to `/comments` (query kept);
//! parameters are percent-decoded; paths are case-sensitive; no route is 404.
//!
//! `.` and `..` segments (`%2e` too) never reach a handler: the path is
//! resolved as RFC 3986 does and answered 308 where a route serves the
//! result. Every `Location` approute builds is a path on this origin (one
//! leading `/`; `\` and control bytes percent-encoded). A handler error that
//! actix-web would render as a plain-text 500 is logged with the handler's
//! `file:line` and answered `{"error":"internal server error"}`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// docs.rs (`--cfg docsrs`, nightly): each feature's items carry its badge.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The README's snippets, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

// The public modules mirror the folders; the root keeps what an application
// starts from: the macros, the prelude, `routes()`, `serve()` and `configure()`.
//
// Inside, three layers that depend one way: `url` (the path, decoded and
// normalised; mounts) ← `routing` (the router: build, checks, tree, table,
// from what the macros submit, `registry`) ← `service` (dispatch, answer and
// the one list of a handler's stages). The features the stages run (`cache`,
// `extract`'s cookies, `response`'s error shaping and `after`) sit beside it.
mod api_doc;
pub mod cache;
pub mod extract;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod prelude;
mod registry;
pub mod response;
pub mod routing;
pub mod server;
mod service;
mod url;
#[cfg(feature = "websocket")]
pub mod websocket;

pub use server::{configure, serve};

use routing::{Conflicts, RouteError, RouteTable};

/// Registers a route handler.
///
/// # Syntax
///
/// `#[route("/path")]` on an `async fn` named `GET`, `HEAD`, `POST`, `PUT`,
/// `PATCH`, `DELETE`, `OPTIONS` or `QUERY` (the safe method with a body: never
/// cached), or on an inline `mod` or an inherent `impl`
/// block whose verb-named functions are then all handlers of the path (other
/// functions are helpers). For associated functions, put the attribute on the
/// `impl`: on one associated function it cannot name the type, and rustc
/// answers "`const` items in this context need a name".
///
/// The path grammar: `/literal`, `[id]` (one segment), `[...slug]` (one or
/// more trailing segments), `[[...slug]]` (zero or more), `(group)` (left out
/// of the URL). Parameter names are Rust identifiers, or may hold `-` after
/// the first character as Next.js folder names do (`[product-id]`, which is
/// `product_id` in a `Params<T>` field and an `href!` key); unique in a path
/// once `-` reads as `_`.
///
/// Keys follow the path: `max_duration = N` (Next.js's `maxDuration`): a
/// handler still running after N seconds is dropped (what it awaits is
/// cancelled) and answered 504 with the error body; `0` means no limit. On a
/// `mod` or `impl` it applies to each handler. `revalidate = N` (Next.js's
/// `revalidate`) caches the GET handler's responses per URL for N seconds,
/// then serves them stale while one refresh runs (see
/// [`revalidate_path`](cache::revalidate_path) and [`cache`]); `0` means dynamic, and an attribute
/// with no GET handler is an error. `cache_public = true` lets it cache for
/// requests with `Authorization` or `Cookie` too. The same keys go on
/// `#[page]`.
///
/// # Semantics
///
/// Arguments are any actix-web extractors (`FromRequest`), the return type any
/// `Responder`. The function stays an ordinary `async fn` that unit tests can
/// call. Every mistake — a lowercase or unknown verb, a non-async function,
/// `self`, generics, a malformed path — is a compile error saying what to
/// write instead.
///
/// # Examples
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/(shop)/items/[id]")]   // answers /items/42
/// async fn PATCH(Params(id): Params<u32>, Json(body): Json<serde_json::Value>) -> HttpResponse {
///     HttpResponse::Ok().json(serde_json::json!({ "id": id, "patch": body }))
/// }
/// # fn main() {}
/// ```
pub use approute_macros::route;

/// Registers a page: it answers GET and HEAD where no route handler does.
///
/// # Syntax
///
/// `#[page("/path")]` on an `async fn` of any name, with the same path grammar
/// and argument rules as [`route`].
///
/// # Semantics
///
/// A route handler with a GET at the same URL shadows the page: the start-up
/// listing says so with both locations ([`Conflicts::Deny`] makes it an error).
///
/// # Examples
///
/// ```
/// use approute::prelude::*;
///
/// #[page("/profile")]
/// async fn profile() -> Html {
///     Html::new("<h1>Profile</h1>")
/// }
/// # fn main() {}
/// ```
pub use approute_macros::page;

/// Registers middleware: an `async fn` in actix-web's `from_fn` form that runs
/// before the routes its patterns match.
///
/// # Syntax
///
/// `#[middleware("/pattern", ..)]` on an
/// `async fn(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<impl MessageBody>, Error>`.
/// Patterns use the route grammar (without route groups), several are
/// allowed, none means every path; keys follow them: `order = N` (default 0).
///
/// # Semantics
///
/// - It runs on every request approute answers whose path matches: handlers,
///   405, OPTIONS, redirects, a 400 for bad encoding, and under `serve` the
///   404. Under a scope, patterns are relative to the mount, like routes.
/// - Several run outermost first: lower `order` first, then the broader
///   pattern, then by function path; never by link order.
/// - Each route's chain is chosen when the table is built and shown in the
///   start-up listing; a route no middleware reaches pays nothing per request.
///   A pattern that reaches only some of a route's paths (`/comments/new`
///   against `/comments/[id]`) is checked per request for that route.
/// - Returning early (`req.into_response(..)`) answers without the handler;
///   an `Err` is its status with the application's error body; a panic is a
///   500, logged with the middleware's location. A pattern that matches no
///   route or page is a start-up warning.
///
/// # Examples
///
/// ```
/// use approute::prelude::*;
///
/// #[middleware("/dashboard/[[...rest]]")]
/// async fn require_login(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
///     if req.headers().get("authorization").is_none() {
///         let response = error_response(StatusCode::UNAUTHORIZED, "log in first");
///         return Ok(req.into_response(response));
///     }
///     next.call(req).await
/// }
/// # fn main() {}
/// ```
pub use approute_macros::middleware;

/// A link to one of the application's routes, written from its pattern:
/// `href!("/comments/[id]", id = 7)` is `"/comments/7"`.
///
/// # Syntax
///
/// `href!("/pattern", name = value, ..)`, or `href!(&req, "/pattern", ..)`
/// with the request (`&HttpRequest`) to put the mount prefix in front
/// (`/api/comments/7` under `web::scope("/api")`).
///
/// # Semantics
///
/// - At compile time the pattern goes through the routes' own parser (the
///   same errors, at the same place), and every parameter must be given
///   exactly once, with no other name. A value that is not `Display` is a
///   type error at the value.
/// - Each value is percent-encoded as one segment (`/`, `?`, `#`, `%`,
///   space, non-ASCII); a catch-all takes any iterable of `Display` values,
///   one segment each (a value holding `/` is encoded, and the route answers
///   400 for it: a catch-all takes whole segments); an optional catch-all's
///   may be empty.
/// - Each `href!` registers its pattern: [`routes`] reports a link that no
///   route or page serves, with the link's `file:line`, in the same report as
///   conflicts: the router looks the link up with a stand-in for each value,
///   so a route moved from `/comments/[id]` to `/posts/[id]` fails at
///   start-up, not on a click (parameter names need not match the route's).
///
/// # Examples
///
/// ```
/// use approute::prelude::*;
///
/// let tags = ["rust", "web dev"];
/// assert_eq!(href!("/comments/[id]", id = 7), "/comments/7");
/// assert_eq!(href!("/docs/[...slug]", slug = tags), "/docs/rust/web%20dev");
/// assert_eq!(href!("/files/[[...path]]", path = Vec::<String>::new()), "/files");
/// ```
pub use approute_macros::href;

/// Serves the crate's `src/app` directory, as `approute-build` found it
/// (call `approute_build::app_dir()` from `build.rs`): once, in `main.rs` or
/// `lib.rs`. Each `route.rs` and `page.rs` becomes a module at its own path
/// and its handlers are registered as `#[route]` and `#[page]` register
/// theirs.
///
/// ```ignore
/// // build.rs, with `approute-build` as a build-dependency:
/// fn main() {
///     approute_build::app_dir();
/// }
///
/// // src/lib.rs (or main.rs): src/app/hello/route.rs with `pub async fn GET`
/// // now serves GET /hello.
/// approute::app_dir!();
/// ```
///
/// (Not compiled here: it reads the build script's output; `examples/app-dir`
/// is the whole example, tested end to end.)
#[macro_export]
macro_rules! app_dir {
    () => {
        ::core::include!(::core::concat!(::core::env!("OUT_DIR"), "/approute_app.rs"));
    };
}

/// Runs an `async fn main` on actix-web's runtime, as `#[actix_web::main]`
/// does, without a direct `actix-web` dependency.
///
/// ```no_run
/// #[approute::main]
/// async fn main() -> std::io::Result<()> {
///     approute::serve("127.0.0.1:3000").await
/// }
/// ```
pub use approute_macros::main;

/// Collects, checks and orders every handler linked into this binary.
///
/// Every problem is reported at once, each with the `file:line` of every
/// handler involved; a page shadowed by a route handler is a warning
/// ([`RouteTable::warnings`]); see [`RouteTable::from_registry`] to deny it.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/hello")]
/// async fn GET() -> &'static str { "Hello" }
///
/// let table = approute::routes().unwrap();
/// assert_eq!(table.entries().count(), 1);
/// ```
pub fn routes() -> Result<RouteTable, RouteError> {
    RouteTable::from_registry(Conflicts::Warn)
}

#[doc(hidden)]
pub mod __private {
    //! Not public API. Used by generated code.
    pub use crate::__api_doc as api_doc;
    pub use crate::api_doc::ApiDoc;
    pub use crate::extract::params::check_params;
    #[cfg(feature = "openapi")]
    pub use crate::openapi::describe::Describe;
    pub use crate::registry::link::{link, GeneratedLink, LinkRegistration};
    pub use crate::registry::middleware::{
        middleware, GeneratedMiddleware, MiddlewareFn, MiddlewareRegistration, MiddlewareTransform,
    };
    pub use crate::registry::route::Revalidate;
    pub use crate::response::href::Href;
    /// The traits `api_doc!` picks a description with.
    #[cfg(feature = "openapi")]
    pub mod describe {
        pub use crate::openapi::describe::*;
    }
    pub use crate::registry::route::{
        generated, leaked_registration, Generated, HandlerFn, Kind, Location, Method, ParamsCheck,
    };
    pub use actix_web::rt;
    pub use approute_macros::__app_file as app_file;
    pub use inventory::submit;
}
