//! Syntax of the attribute arguments: `#[route("/comments/[id]")]`.

use approute_path::{PathError, PathPattern, UrlSegment};
use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::model::{Kind, PathParam, RoutePath};

pub(crate) fn args(kind: Kind, tokens: TokenStream, cx: &mut Ctxt) -> Option<RoutePath> {
    let parser = |input: ParseStream| parse_args(kind, input, cx);
    match parser.parse2(tokens) {
        Ok(path) => path,
        Err(error) => {
            cx.syn_error(error);
            None
        }
    }
}

fn parse_args(kind: Kind, input: ParseStream, cx: &mut Ctxt) -> syn::Result<Option<RoutePath>> {
    let attr = kind.attribute();
    if input.is_empty() {
        return Err(syn::Error::new(
            Span::call_site(),
            format!("`#[{attr}]` needs a path; write `#[{attr}(\"/comments\")]`"),
        ));
    }
    let mut path_seen = input.peek(LitStr);
    let mut max_duration: Option<u32> = None;
    let mut max_duration_seen = false;
    let path = if path_seen {
        let lit: LitStr = input.parse()?;
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
        path(lit, cx)
    } else if input.peek(Ident) && input.peek2(Token![=]) {
        // Keys first: reported below, with the path wherever it is.
        None
    } else {
        return Err(input.error(format!(
            "expected the path as a string literal; write `#[{attr}(\"/comments\")]`"
        )));
    };
    while !input.is_empty() {
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            cx.error_spanned_by(
                &lit,
                format!(
                    "the path goes first; write `#[{attr}({})]` before any key",
                    lit.token()
                ),
            );
            path_seen = true;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
            continue;
        }
        let key: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        if key == "max_duration" {
            if max_duration_seen {
                cx.error_spanned_by(&key, "`max_duration` is given twice");
            }
            max_duration_seen = true;
            max_duration = seconds(input, &key, cx)?;
        } else {
            input.parse::<syn::Expr>()?;
            cx.error_spanned_by(
                &key,
                format!("unknown attribute key `{key}`; `#[{attr}]` takes the path and `max_duration = N` (seconds), as in `#[{attr}(\"/comments\", max_duration = 10)]`"),
            );
        }
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    if !path_seen {
        cx.syn_error(syn::Error::new(
            Span::call_site(),
            format!("`#[{attr}]` needs the path first; write `#[{attr}(\"/comments\")]`"),
        ));
    }
    Ok(path.map(|path| RoutePath {
        max_duration,
        ..path
    }))
}

/// `max_duration = 10`: a whole number of seconds, `0` for no limit. Anything
/// else is reported (and read as no limit, so that parsing goes on).
fn seconds(input: ParseStream, key: &Ident, cx: &mut Ctxt) -> syn::Result<Option<u32>> {
    let value: syn::Expr = input.parse()?;
    let parsed = match &value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(int),
            ..
        }) => int.base10_parse::<u32>().ok(),
        _ => None,
    };
    match parsed {
        Some(seconds) => Ok((seconds > 0).then_some(seconds)),
        None => {
            cx.error_spanned_by(
                &value,
                format!("`{key}` takes a whole number of seconds (`0` for no limit), such as `{key} = 10`"),
            );
            Ok(None)
        }
    }
}

fn path(lit: LitStr, cx: &mut Ctxt) -> Option<RoutePath> {
    match PathPattern::parse(&lit.value()) {
        Ok(pattern) => {
            let params = pattern
                .url_segments()
                .filter_map(|segment| {
                    let (name, catch_all) = match segment {
                        UrlSegment::Literal(_) => return None,
                        UrlSegment::Param(name) => (name, false),
                        UrlSegment::CatchAll(name) | UrlSegment::OptionalCatchAll(name) => {
                            (name, true)
                        }
                    };
                    Some(PathParam {
                        name: name.to_owned(),
                        catch_all,
                    })
                })
                .collect();
            Some(RoutePath {
                lit,
                params,
                max_duration: None,
            })
        }
        Err(error) => {
            cx.syn_error(path_error(&lit, error));
            None
        }
    }
}

/// A path grammar error, spanned at its place in the literal where the
/// compiler allows it.
pub(crate) fn path_error(lit: &LitStr, error: PathError) -> syn::Error {
    // Byte offsets match the source only for a plain literal without
    // escapes (`+ 1` skips the quote); subspan is also None on stable
    // compilers, and then the whole literal is the best span we have.
    let plain = lit.token().to_string() == format!("\"{}\"", lit.value());
    let inner = error.span.start + 1..error.span.end + 1;
    let span = plain
        .then(|| lit.token().subspan(inner))
        .flatten()
        .unwrap_or_else(|| lit.span());
    syn::Error::new(span, error.message)
}
