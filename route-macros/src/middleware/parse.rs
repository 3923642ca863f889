//! The arguments: path patterns first, then `order = N`.

use approute_path::{PathPattern, Segment};
use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitInt, LitStr, Token};

use super::Args;
use crate::ctxt::Ctxt;
use crate::route::parse::path_error;

/// `"/a", "/b/[...rest]", order = -1`: patterns first, then keys.
pub(super) fn args(tokens: TokenStream, cx: &mut Ctxt) -> Option<Args> {
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
