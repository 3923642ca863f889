//! `#[middleware]`: a function in actix-web's `from_fn` form, or a plain
//! `fn()` returning an actix-web middleware (a `Transform`), registered with
//! the paths it runs on. In stages, as `#[route]`: `parse` (the
//! arguments, each pattern by the routes' own parser), `check` (the
//! function's form), `expand` (the function and its registration).
//!
//! ```text
//! // Input:
//! #[middleware("/dashboard/[[...rest]]", order = 1)]
//! async fn require_login(req: ServiceRequest, next: Next<BoxBody>) -> Result<..> { .. }
//!
//! // Output:
//! async fn require_login(req: ServiceRequest, next: Next<BoxBody>) -> Result<..> { .. }
//! ::approute::__private::submit! {
//!     ::approute::__private::middleware(::approute::__private::GeneratedMiddleware {
//!         name: "require_login", patterns: &["/dashboard/[[...rest]]"], order: 1,
//!         middleware: &MiddlewareFn::new(require_login), location,
//!     })
//! }
//! ```

mod check;
mod expand;
mod parse;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Item, LitStr};

use crate::ctxt::Ctxt;
use crate::route::expand::with_errors;
use crate::route::model::Subject;

/// The form the attribute goes on, for the errors that point to it.
const FORM: &str = "`#[middleware]` goes on an `async fn(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error>`, actix-web's `from_fn` form, or on a `fn() -> impl RouteTransform` that returns an actix-web middleware";

const SUBJECT: Subject = Subject {
    attribute: "middleware",
    noun: "function",
    state: "the request (`req.app_data::<Data<T>>()`)",
    instead_of_generic: "take `next: Next<BoxBody>`, one chain type for every route",
};

/// The two forms the attribute takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `async fn(req, next)`, run through actix-web's `from_fn`.
    Function,
    /// `fn() -> impl RouteTransform`: an actix-web middleware, made per worker.
    Transform,
}

/// What the attribute's arguments say.
struct Args {
    patterns: Vec<LitStr>,
    order: i32,
}

pub(crate) fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let args = parse::args(args, &mut cx);
    let func = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Fn(func)) => Some(func),
        Ok(other) => {
            cx.error_spanned_by(&other, FORM);
            None
        }
        Err(error) => return with_errors(input, error),
    };
    let form = func.as_ref().map(check::form);
    match (&func, form) {
        (Some(func), Some(Form::Function)) => {
            crate::route::check::handler_signature(&SUBJECT, &func.sig, &mut cx);
            check::takes_request_and_next(func, &mut cx);
        }
        (Some(func), Some(Form::Transform)) => check::returns_a_transform(func, &mut cx),
        _ => {}
    }
    match (cx.check(), func, args, form) {
        (Ok(()), Some(func), Some(args), Some(form)) => {
            let registration = expand::registration(&func, &args, form);
            quote!(#func #registration)
        }
        (Err(error), ..) => with_errors(input, error),
        // Every `None` above was reported.
        _ => input,
    }
}
