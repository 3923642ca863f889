//! `href!`: a link from a route's pattern, checked at compile time by the
//! routes' own parser, and registered so that the table checks it at start-up.
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

use approute_path::{PathPattern, Segment, UrlSegment};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Expr, Ident, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::parse::path_error;

/// `[request,] "pattern", name = value, ..`
struct Input {
    request: Option<Expr>,
    pattern: LitStr,
    values: Vec<(Ident, Expr)>,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let expected = |span| {
            syn::Error::new(
                span,
                "expected the route pattern as a string literal, or a request and then the pattern: `href!(\"/comments/[id]\", id = 7)`, `href!(&req, \"/comments\")`",
            )
        };
        let request = if input.peek(LitStr) {
            None
        } else {
            let request: Expr = input.parse().map_err(|error| expected(error.span()))?;
            if !input.peek(Token![,]) || !input.peek2(LitStr) {
                return Err(expected(request.span()));
            }
            input.parse::<Token![,]>()?;
            Some(request)
        };
        let pattern: LitStr = input.parse()?;
        let mut values = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let name: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let value: Expr = input.parse()?;
            values.push((name, value));
        }
        Ok(Input {
            request,
            pattern,
            values,
        })
    }
}

pub(crate) fn expand(tokens: TokenStream) -> TokenStream {
    let input = match syn::parse2::<Input>(tokens) {
        Ok(input) => input,
        Err(error) => return error.into_compile_error(),
    };
    let mut cx = Ctxt::default();
    let text = input.pattern.value();
    let pattern = match PathPattern::parse(&text) {
        Ok(pattern) => Some(pattern),
        Err(error) => {
            cx.syn_error(path_error(&input.pattern, error));
            None
        }
    };
    let body = pattern.and_then(|pattern| link(&input, &pattern, &mut cx));
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

fn link(input: &Input, pattern: &PathPattern, cx: &mut Ctxt) -> Option<TokenStream> {
    if let Some(group) = pattern
        .segments()
        .iter()
        .find(|segment| matches!(segment, Segment::Group(_)))
    {
        cx.error_spanned_by(
            &input.pattern,
            format!("a link names a URL, and the route group `{group}` is not part of one; leave it out"),
        );
        return None;
    }
    // Keys are Rust identifiers: `product_id = 7` for `[product-id]`.
    let params: Vec<String> = pattern
        .param_names()
        .map(|name| approute_path::rust_name(name).into_owned())
        .collect();
    let params: Vec<&str> = params.iter().map(String::as_str).collect();
    check_names(input, &params, cx);
    let locals: Vec<Ident> = input
        .values
        .iter()
        .map(|(name, _)| format_ident!("__approute_{}", name))
        .collect();
    // Values in the order written, each evaluated once: a parameter's by
    // reference (it is only displayed), a catch-all's by value (it is
    // iterated, and `1..=3` or a `Vec` are iterables by value).
    let catch_alls: Vec<std::borrow::Cow<str>> = pattern
        .url_segments()
        .filter_map(|segment| match segment {
            UrlSegment::CatchAll(name) | UrlSegment::OptionalCatchAll(name) => {
                Some(approute_path::rust_name(name))
            }
            _ => None,
        })
        .collect();
    let bindings = input
        .values
        .iter()
        .zip(&locals)
        .map(|((name, value), local)| {
            if catch_alls.iter().any(|catch_all| name == catch_all) {
                quote_spanned!(value.span()=> let #local = #value;)
            } else {
                quote_spanned!(value.span()=> let #local = &(#value);)
            }
        });
    let local_of = |name: &str| {
        input
            .values
            .iter()
            .zip(&locals)
            .find(|((given, _), _)| given == name)
            .map(|((_, value), local)| (value.span(), local.clone()))
    };
    let mut steps = Vec::new();
    for segment in pattern.url_segments() {
        steps.push(match segment {
            UrlSegment::Literal(text) => quote!(__approute_href.literal(#text);),
            UrlSegment::Param(name) => {
                let (span, local) = local_of(&approute_path::rust_name(name))?;
                quote_spanned!(span=> __approute_href.param(#local);)
            }
            UrlSegment::CatchAll(name) | UrlSegment::OptionalCatchAll(name) => {
                let (span, local) = local_of(&approute_path::rust_name(name))?;
                quote_spanned!(span=> __approute_href.catch_all(#local);)
            }
        });
    }
    let start = match &input.request {
        Some(request) => {
            quote_spanned!(request.span()=> ::approute::__private::Href::for_request(&(#request)))
        }
        None => quote!(::approute::__private::Href::new("")),
    };
    let pattern_text = &input.pattern;
    let line = quote_spanned!(pattern_text.span()=> ::core::line!());
    Some(quote! {
        {
            ::approute::__private::submit! {
                ::approute::__private::link(::approute::__private::GeneratedLink {
                    pattern: #pattern_text,
                    location: ::approute::__private::Location {
                        file: ::core::file!(),
                        line: #line,
                        module_path: ::core::module_path!(),
                    },
                })
            }
            #(#bindings)*
            let mut __approute_href = #start;
            #(#steps)*
            __approute_href.finish()
        }
    })
}

/// Every parameter given once, and no name the pattern does not have.
fn check_names(input: &Input, params: &[&str], cx: &mut Ctxt) {
    let expected = || {
        params
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (at, (name, _)) in input.values.iter().enumerate() {
        let text = name.to_string();
        if !params.contains(&text.as_str()) {
            let message = if params.is_empty() {
                format!(
                    "`{text}` is not a parameter of {}; it has none",
                    input.pattern.token()
                )
            } else {
                format!(
                    "`{text}` is not a parameter of {}; it has {}",
                    input.pattern.token(),
                    expected()
                )
            };
            cx.error_spanned_by(name, message);
        } else if input.values[..at]
            .iter()
            .any(|(earlier, _)| *earlier == text)
        {
            cx.error_spanned_by(name, format!("`{text}` is given twice"));
        }
    }
    let missing: Vec<&&str> = params
        .iter()
        .filter(|param| !input.values.iter().any(|(name, _)| name == *param))
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|name| format!("`{name} = …`")).collect();
        cx.syn_error(syn::Error::new(
            input.pattern.span(),
            format!("{} needs {}", input.pattern.token(), names.join(", ")),
        ));
    }
}
