//! `#[middleware]`: a function in actix-web's `from_fn` form, registered
//! with the paths it runs on.
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

use approute_path::{PathPattern, Segment};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse::{ParseStream, Parser};
use syn::{FnArg, Ident, Item, ItemFn, LitInt, LitStr, Token, Type};

use crate::ctxt::Ctxt;
use crate::expand::with_errors;
use crate::model::{cfg_only, Subject};
use crate::parse::path_error;
use crate::valid;

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
    let args = parse_args(args, &mut cx);
    let func = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Fn(func)) => Some(func),
        Ok(other) => {
            cx.error_spanned_by(&other, FORM);
            None
        }
        Err(error) => return with_errors(input, error),
    };
    if let Some(func) = &func {
        valid::handler_signature(&SUBJECT, &func.sig, &mut cx);
        takes_request_and_next(func, &mut cx);
    }
    match (cx.check(), func, args) {
        (Ok(()), Some(func), Some(args)) => {
            let registration = registration(&func, &args);
            quote!(#func #registration)
        }
        (Err(error), ..) => with_errors(input, error),
        // Every `None` above was reported.
        _ => input,
    }
}

/// `"/a", "/b/[...rest]", order = -1`: patterns first, then keys.
fn parse_args(tokens: TokenStream, cx: &mut Ctxt) -> Option<Args> {
    let parser = |input: ParseStream| {
        let mut args = Args {
            patterns: Vec::new(),
            order: 0,
        };
        let mut order_seen = false;
        let mut valid = true;
        while !input.is_empty() {
            if input.peek(LitStr) {
                let lit: LitStr = input.parse()?;
                if order_seen {
                    cx.error_spanned_by(
                        &lit,
                        format!("patterns go first; write {} before `order`", lit.token()),
                    );
                }
                valid &= pattern(&lit, &args.patterns, cx);
                args.patterns.push(lit);
            } else if input.peek(Ident) && input.peek2(Token![=]) {
                let key: Ident = input.parse()?;
                input.parse::<Token![=]>()?;
                if key != "order" {
                    input.parse::<syn::Expr>()?;
                    cx.error_spanned_by(&key, format!("unknown key `{key}`; `#[middleware]` takes path patterns and `order = N`"));
                    valid = false;
                } else if order_seen {
                    input.parse::<syn::Expr>()?;
                    cx.error_spanned_by(&key, "`order` is given twice");
                    valid = false;
                } else {
                    order_seen = true;
                    match order(input) {
                        Ok(order) => args.order = order,
                        Err(error) => {
                            cx.syn_error(error);
                            valid = false;
                        }
                    }
                }
            } else {
                return Err(input.error(
                    "expected a path pattern as a string literal (`\"/dashboard/[[...rest]]\"`) or `order = N`",
                ));
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(valid.then_some(args))
    };
    match parser.parse2(tokens) {
        Ok(args) => args,
        Err(error) => {
            cx.syn_error(error);
            None
        }
    }
}

/// `order = 2` or `order = -1`: an integer literal that fits an `i32`.
fn order(input: ParseStream) -> syn::Result<i32> {
    let negative = input.peek(Token![-]);
    if negative {
        input.parse::<Token![-]>()?;
    }
    if !input.peek(LitInt) {
        let expression: syn::Expr = input.parse()?;
        return Err(syn::Error::new_spanned(
            expression,
            "`order` takes an integer literal, such as `order = 1` or `order = -1`",
        ));
    }
    let lit: LitInt = input.parse()?;
    let text = if negative {
        format!("-{}", lit.base10_digits())
    } else {
        lit.base10_digits().to_owned()
    };
    text.parse::<i32>()
        .map_err(|_| syn::Error::new_spanned(&lit, "`order` must fit an `i32`"))
}

/// A pattern in the route grammar, given once, without route groups.
fn pattern(lit: &LitStr, earlier: &[LitStr], cx: &mut Ctxt) -> bool {
    let text = lit.value();
    let pattern = match PathPattern::parse(&text) {
        Ok(pattern) => pattern,
        Err(error) => {
            cx.syn_error(path_error(lit, error));
            return false;
        }
    };
    if let Some(group) = pattern
        .segments()
        .iter()
        .find(|segment| matches!(segment, Segment::Group(_)))
    {
        cx.error_spanned_by(
            lit,
            format!("a middleware pattern matches URLs, and the route group `{group}` is not part of one; leave it out"),
        );
        return false;
    }
    if earlier.iter().any(|other| other.value() == text) {
        cx.error_spanned_by(lit, format!("the pattern {} is given twice", lit.token()));
        return false;
    }
    true
}

/// Two typed arguments, as `from_fn` calls them; their types are checked
/// where the registration names the function.
fn takes_request_and_next(func: &ItemFn, cx: &mut Ctxt) {
    let typed: Vec<&Type> = func
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => Some(&*typed.ty),
            FnArg::Receiver(_) => None,
        })
        .collect();
    if let Some(impl_trait) = typed.iter().find(|ty| contains_impl_trait(ty)) {
        cx.error_spanned_by(
            impl_trait,
            "a `#[middleware]` function cannot be generic; take `next: Next<BoxBody>`, one chain type for every route",
        );
    } else if typed.len() != 2 && func.sig.receiver().is_none() {
        let name = &func.sig.ident;
        let count = match typed.len() {
            1 => "1 argument".to_owned(),
            count => format!("{count} arguments"),
        };
        cx.error_spanned_by(
            &func.sig.inputs,
            format!(
                "`{name}` takes {count}; a `#[middleware]` function takes `req: ServiceRequest, next: Next<BoxBody>` \
                 and reads anything else from the request (`req.app_data::<Data<T>>()`, `req.extract::<T>().await`)"
            ),
        );
    }
}

fn contains_impl_trait(ty: &Type) -> bool {
    quote!(#ty)
        .into_iter()
        .any(|token| token.to_string() == "impl")
}

fn registration(func: &ItemFn, args: &Args) -> TokenStream {
    let ident = &func.sig.ident;
    let span = ident.span();
    let name = ident.to_string();
    let patterns = &args.patterns;
    let order = args.order;
    let line = quote_spanned!(span=> ::core::line!());
    let middleware_fn = quote_spanned!(span=> &::approute::__private::MiddlewareFn::new(#ident));
    let cfgs = func.attrs.iter().filter_map(cfg_only);
    quote! {
        #(#cfgs)*
        ::approute::__private::submit! {
            ::approute::__private::middleware(::approute::__private::GeneratedMiddleware {
                name: #name,
                patterns: &[#(#patterns),*],
                order: #order,
                middleware: #middleware_fn,
                location: ::approute::__private::Location {
                    file: ::core::file!(),
                    line: #line,
                    module_path: ::core::module_path!(),
                },
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins the shape `cargo expand` shows: the function unchanged and one
    /// registration item.
    #[test]
    fn a_middleware_expands_to_itself_and_one_registration() {
        let function = quote!(
            async fn require_login(
                req: ServiceRequest,
                next: Next<BoxBody>,
            ) -> Result<ServiceResponse<BoxBody>, Error> {
                next.call(req).await
            }
        );
        let output = expand(
            quote!("/dashboard/[[...rest]]", order = -1),
            function.clone(),
        );
        let expected = quote! {
            #function
            ::approute::__private::submit! {
                ::approute::__private::middleware(::approute::__private::GeneratedMiddleware {
                    name: "require_login",
                    patterns: &["/dashboard/[[...rest]]"],
                    order: -1i32,
                    middleware: &::approute::__private::MiddlewareFn::new(require_login),
                    location: ::approute::__private::Location {
                        file: ::core::file!(),
                        line: ::core::line!(),
                        module_path: ::core::module_path!(),
                    },
                })
            }
        };
        assert_eq!(output.to_string(), expected.to_string());
    }
}
