//! Syntax of the attribute arguments: `#[route("/comments/[id]")]`.

use approute_path::{PathError, PathPattern, UrlSegment};
use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token};

use super::model::{Kind, PathParam, Revalidate, RoutePath};
use crate::ctxt::Ctxt;

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
    let mut keys = Keys::default();
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
        if keys.seen.contains(&key) {
            cx.error_spanned_by(&key, format!("`{key}` is given twice"));
        }
        keys.seen.push(key.clone());
        if key == "max_duration" {
            keys.max_duration = seconds(input, &key, "no limit", cx)?;
        } else if key == "revalidate" {
            keys.revalidate = seconds(input, &key, "never cached", cx)?.map(|seconds| Revalidate {
                seconds,
                key: key.clone(),
            });
        } else if key == "cache_public" {
            keys.cache_public = flag(input, &key, cx)?.then(|| key.clone());
        } else {
            input.parse::<syn::Expr>()?;
            cx.error_spanned_by(
                &key,
                format!("unknown attribute key `{key}`; `#[{attr}]` takes the path, then `max_duration = N` (seconds), `revalidate = N` (seconds) and `cache_public = true`, as in `#[{attr}(\"/comments\", revalidate = 10)]`"),
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
        max_duration: keys.max_duration,
        revalidate: keys.revalidate,
        cache_public: keys.cache_public,
        ..path
    }))
}

/// The keys after the path, as given so far.
#[derive(Default)]
struct Keys {
    seen: Vec<Ident>,
    max_duration: Option<u32>,
    revalidate: Option<Revalidate>,
    cache_public: Option<Ident>,
}

/// `max_duration = 10`, `revalidate = 10`: a whole number of seconds, `0`
/// for `zero` (no limit, never cached). Anything else is reported (and read
/// as `0`, so that parsing goes on).
fn seconds(input: ParseStream, key: &Ident, zero: &str, cx: &mut Ctxt) -> syn::Result<Option<u32>> {
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
                format!("`{key}` takes a whole number of seconds (`0` for {zero}), such as `{key} = 10`"),
            );
            Ok(None)
        }
    }
}

/// `cache_public = true`: a `bool` literal.
fn flag(input: ParseStream, key: &Ident, cx: &mut Ctxt) -> syn::Result<bool> {
    let value: syn::Expr = input.parse()?;
    match &value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(flag),
            ..
        }) => Ok(flag.value),
        _ => {
            cx.error_spanned_by(&value, format!("`{key}` takes `true` or `false`"));
            Ok(false)
        }
    }
}

pub(crate) fn path(lit: LitStr, cx: &mut Ctxt) -> Option<RoutePath> {
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
                        name: approute_path::rust_name(name).into_owned(),
                        catch_all,
                    })
                })
                .collect();
            Some(RoutePath {
                lit,
                params,
                max_duration: None,
                revalidate: None,
                cache_public: None,
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
