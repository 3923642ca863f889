//! **The `#[route]`, `#[page]`, `#[middleware]` and `#[main]` attribute macros of approute.**
//!
//! Use them through the `approute` crate, which re-exports them and documents
//! them; this crate holds only the code generation.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// One folder per macro, each in the same stages: parse the input into a
// typed model, check it (every mistake reported at once, into a `Ctxt`),
// expand it. `#[route]`'s model and registration serve `#[page]` and
// `__app_file!` too.
mod api_doc;
mod app_file;
mod ctxt;
mod href;
mod main_attr;
mod middleware;
mod route;

use proc_macro::TokenStream;

/// Registers an `async fn` named after an HTTP verb, or every such function of
/// an inline module, as a route handler of the path. See `approute::route`.
///
/// ```ignore
/// #[approute::route("/comments/[id]")]
/// async fn GET(Params(id): Params<u32>) -> String { id.to_string() }
/// ```
///
/// (The examples of this crate are compiled and run in `approute`'s docs:
/// this crate cannot depend on the runtime its code is generated against.)
#[proc_macro_attribute]
pub fn route(args: TokenStream, item: TokenStream) -> TokenStream {
    route::expand::entry(route::model::Kind::Route, args.into(), item.into()).into()
}

/// Registers an `async fn` as the page of the path: it answers GET and HEAD.
/// See `approute::page`.
///
/// ```ignore
/// #[approute::page("/about")]
/// async fn about() -> Html { Html::new("<h1>About</h1>") }
/// ```
#[proc_macro_attribute]
pub fn page(args: TokenStream, item: TokenStream) -> TokenStream {
    route::expand::entry(route::model::Kind::Page, args.into(), item.into()).into()
}

/// Registers an `async fn` in actix-web's `from_fn` form as middleware of
/// the paths its patterns match. See `approute::middleware`.
///
/// ```ignore
/// #[approute::middleware("/admin/[[...rest]]")]
/// async fn guard(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
///     next.call(req).await
/// }
/// ```
#[proc_macro_attribute]
pub fn middleware(args: TokenStream, item: TokenStream) -> TokenStream {
    middleware::expand(args.into(), item.into()).into()
}

/// A link from a route's pattern, checked at compile time and at start-up.
/// See `approute::href`.
///
/// ```ignore
/// assert_eq!(approute::href!("/comments/[id]", id = 7), "/comments/7");
/// ```
#[proc_macro]
pub fn href(input: TokenStream) -> TokenStream {
    href::expand(input.into()).into()
}

/// The registrations of one file of an `app/` directory, as
/// `approute-build` writes them. Not public API.
#[doc(hidden)]
#[proc_macro]
pub fn __app_file(input: TokenStream) -> TokenStream {
    app_file::expand(input.into()).into()
}

/// actix-web's async entry point, reached through approute. See
/// `approute::main`.
///
/// ```ignore
/// #[approute::main]
/// async fn main() -> std::io::Result<()> {
///     approute::serve("127.0.0.1:3000").await
/// }
/// ```
#[proc_macro_attribute]
pub fn main(args: TokenStream, item: TokenStream) -> TokenStream {
    main_attr::expand(args.into(), item.into()).into()
}
