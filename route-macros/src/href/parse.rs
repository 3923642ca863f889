//! The input: `[request,] "pattern", name = value, ..`, and the pattern
//! read by the routes' own parser.

use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Expr, Ident, LitStr, Token};

use approute_path::PathPattern;

use super::Input;
use crate::ctxt::Ctxt;
use crate::route::parse::path_error;

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

/// The pattern `lit` holds (`text`), as the routes' parser reads it.
pub(super) fn pattern<'a>(lit: &LitStr, text: &'a str, cx: &mut Ctxt) -> Option<PathPattern<'a>> {
    match PathPattern::parse(text) {
        Ok(pattern) => Some(pattern),
        Err(error) => {
            cx.syn_error(path_error(lit, error));
            None
        }
    }
}
