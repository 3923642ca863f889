//! `#[middleware]`: a function in actix-web's `from_fn` form, registered
//! with the paths it runs on. In stages, as `#[route]`: `parse` (the
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
const FORM: &str = "`#[middleware]` goes on an `async fn(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error>`, actix-web's `from_fn` form";

const SUBJECT: Subject = Subject {
    attribute: "middleware",
    noun: "function",
    state: "the request (`req.app_data::<Data<T>>()`)",
    instead_of_generic: "take `next: Next<BoxBody>`, one chain type for every route",
};

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
    if let Some(func) = &func {
        crate::route::check::handler_signature(&SUBJECT, &func.sig, &mut cx);
        check::takes_request_and_next(func, &mut cx);
    }
    match (cx.check(), func, args) {
        (Ok(()), Some(func), Some(args)) => {
            let registration = expand::registration(&func, &args);
            quote!(#func #registration)
        }
        (Err(error), ..) => with_errors(input, error),
        // Every `None` above was reported.
        _ => input,
    }
}
