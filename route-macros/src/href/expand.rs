//! The output: the link's registration (checked against the table at
//! start-up), then each value bound once and the URL written segment by
//! segment.

use approute_path::{PathPattern, UrlSegment};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::Ident;

use super::Input;

pub(super) fn link(input: &Input, pattern: &PathPattern) -> Option<TokenStream> {
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
