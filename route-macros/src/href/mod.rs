//! `href!`: a link from a route's pattern, checked at compile time by the
//! routes' own parser, and registered so that the table checks it at start-up.
//! In stages, as `#[route]`: `parse` (the input, the pattern by the routes'
//! parser), `check` (a URL pattern, every parameter given once),
//! `expand` (the registration and the code that writes the URL).
//!
//! ```text
//! // Input:
//! href!(&req, "/comments/[id]", id = comment.id)
//!
//! // Output:
//! {
//!     ::approute::__private::submit! { ::approute::__private::link(GeneratedLink { pattern, location }) }
//!     let __approute_id = &(comment.id);
//!     let mut __approute_href = ::approute::__private::Href::for_request(&(req));
//!     __approute_href.literal("comments");
//!     __approute_href.param(__approute_id);
//!     __approute_href.finish()
//! }
//! ```

mod check;
mod expand;
mod parse;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Expr, Ident, LitStr};

use crate::ctxt::Ctxt;

/// `[request,] "pattern", name = value, ..`
struct Input {
    request: Option<Expr>,
    pattern: LitStr,
    values: Vec<(Ident, Expr)>,
}

pub(crate) fn expand(tokens: TokenStream) -> TokenStream {
    let input = match syn::parse2::<Input>(tokens) {
        Ok(input) => input,
        Err(error) => return error.into_compile_error(),
    };
    let mut cx = Ctxt::default();
    let text = input.pattern.value();
    let body = parse::pattern(&input.pattern, &text, &mut cx)
        .filter(|pattern| check::link(&input, pattern, &mut cx))
        .and_then(|pattern| expand::link(&input, &pattern));
    match (cx.check(), body) {
        (Ok(()), Some(body)) => body,
        (Err(error), _) => {
            // A `String` beside the error, so that rustc adds no type error.
            let errors = error.into_compile_error();
            quote!({ #errors ::std::string::String::new() })
        }
        (Ok(()), None) => quote!(::std::string::String::new()),
    }
}
