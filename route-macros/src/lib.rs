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
#[proc_macro_attribute]
pub fn route(args: TokenStream, item: TokenStream) -> TokenStream {
    route::expand::entry(route::model::Kind::Route, args.into(), item.into()).into()
}

/// Registers an `async fn` as the page of the path: it answers GET and HEAD.
/// See `approute::page`.
#[proc_macro_attribute]
pub fn page(args: TokenStream, item: TokenStream) -> TokenStream {
    route::expand::entry(route::model::Kind::Page, args.into(), item.into()).into()
}

/// Registers an `async fn` in actix-web's `from_fn` form as middleware of
/// the paths its patterns match. See `approute::middleware`.
#[proc_macro_attribute]
pub fn middleware(args: TokenStream, item: TokenStream) -> TokenStream {
    middleware::expand(args.into(), item.into()).into()
}

/// A link from a route's pattern, checked at compile time and at start-up.
/// See `approute::href`.
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
#[proc_macro_attribute]
pub fn main(args: TokenStream, item: TokenStream) -> TokenStream {
    main_attr::expand(args.into(), item.into()).into()
}
