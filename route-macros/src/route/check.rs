//! One function per rule; each reports into the `Ctxt` and never stops early,
//! so every mistake of one attribute is reported together.

use quote::ToTokens;
use syn::{FnArg, GenericArgument, Ident, ItemImpl, Pat, PatIdent, PathArguments, Signature, Type};

use crate::ctxt::Ctxt;
use approute_path::Method;

use super::model::{Handler, Kind, PathParam, RoutePath, Subject};

/// The HTTP verb a route handler is named after.
pub(crate) fn verb_name(sig: &Signature, cx: &mut Ctxt) -> Option<Method> {
    let name = sig.ident.to_string();
    if let Some(method) = Method::from_name(&name) {
        return Some(method);
    }
    let message = match near_verb(&name) {
        Some(verb) => format!("`{name}` is not an HTTP verb handler; name it `{verb}`"),
        None => {
            let verbs: Vec<String> = Method::ALL
                .iter()
                .map(|method| format!("`{method}`"))
                .collect();
            let (last, rest) = verbs.split_last().expect("seven methods");
            format!(
                "`{name}` is not an HTTP verb; name a route handler {} or {last}, or use `#[page]` for a page",
                rest.join(", ")
            )
        }
    };
    cx.error_spanned_by(&sig.ident, message);
    None
}

/// The verb a name spells in the wrong case: `get` → `GET`.
fn near_verb(name: &str) -> Option<&'static str> {
    Method::ALL
        .into_iter()
        .map(Method::as_str)
        .find(|verb| verb.eq_ignore_ascii_case(name))
}

/// The rules every handler signature follows: route, page or middleware.
pub(crate) fn handler_signature(subject: &Subject, sig: &Signature, cx: &mut Ctxt) {
    is_async(subject, sig, cx);
    takes_no_receiver(subject, sig, cx);
    is_not_generic(subject, sig, cx);
}

fn is_async(subject: &Subject, sig: &Signature, cx: &mut Ctxt) {
    if sig.asyncness.is_none() {
        let Subject {
            attribute, noun, ..
        } = subject;
        let name = &sig.ident;
        cx.error_spanned_by(
            sig.fn_token,
            format!("`#[{attribute}]` {noun}s must be async; write `async fn {name}`"),
        );
    }
}

fn takes_no_receiver(subject: &Subject, sig: &Signature, cx: &mut Ctxt) {
    if let Some(FnArg::Receiver(receiver)) = sig.inputs.first() {
        let Subject {
            attribute,
            noun,
            state,
            ..
        } = subject;
        cx.error_spanned_by(
            receiver,
            format!(
                "a `#[{attribute}]` {noun} cannot take `self`; make it a free function and reach shared state through {state}"
            ),
        );
    }
}

fn is_not_generic(subject: &Subject, sig: &Signature, cx: &mut Ctxt) {
    let Subject {
        attribute,
        noun,
        instead_of_generic,
        ..
    } = subject;
    let generics = &sig.generics;
    if !generics.params.is_empty() || generics.where_clause.is_some() {
        cx.error_spanned_by(
            generics,
            format!("a `#[{attribute}]` {noun} cannot be generic; {instead_of_generic}"),
        );
    }
    if sig.variadic.is_some() || sig.abi.is_some() {
        cx.error_spanned_by(
            &sig.ident,
            format!("a `#[{attribute}]` {noun} must be a plain Rust `async fn`"),
        );
    }
}

/// `#[route]` on an `impl`: an inherent impl of a concrete type, whose
/// functions the registration can name as `<Type>::GET`.
pub(crate) fn plain_impl(block: &ItemImpl, cx: &mut Ctxt) {
    if let Some((_, trait_path, _)) = &block.trait_ {
        cx.error_spanned_by(
            trait_path,
            "`#[route]` goes on an inherent `impl` (`impl Comments { .. }`), not a trait implementation",
        );
    }
    if !block.generics.params.is_empty() || block.generics.where_clause.is_some() {
        cx.error_spanned_by(
            &block.generics,
            "a `#[route]` impl cannot be generic; write the handlers for one concrete type (each one is registered once)",
        );
    }
}

/// A route module or `impl` must define at least one verb-named function.
/// `what` names it (``module `comments` ``), `at` is where to point, and
/// `functions` are the names of the functions it holds.
pub(crate) fn has_handlers<'a>(
    what: &str,
    at: impl ToTokens,
    mut functions: impl Iterator<Item = &'a Ident>,
    found: usize,
    cx: &mut Ctxt,
) {
    if found > 0 {
        return;
    }
    let near_miss = functions.find_map(|ident| {
        let name = ident.to_string();
        near_verb(&name).map(|verb| format!("; rename `{name}` to `{verb}` to make it a handler"))
    });
    cx.error_spanned_by(
        at,
        format!(
            "{what} has no route handler{}",
            near_miss.unwrap_or_else(|| {
                "; add a function named after an HTTP verb, such as `pub async fn GET()`".to_owned()
            })
        ),
    );
}

/// `async fn GET(id: u32)` on `[id]`: a path parameter is read through
/// `Params`, never by naming a plain-value argument after it (which
/// otherwise fails as an unexplained "not `FromRequest`"). Extractors such
/// as `web::Path<u32>` named after a parameter are left alone: they work.
pub(crate) fn no_bare_path_parameters(sig: &Signature, path: &RoutePath, cx: &mut Ctxt) {
    let params = &path.params;
    let written: Vec<(&PatIdent, &Type)> = sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => Some((&*typed.pat, &*typed.ty)),
            FnArg::Receiver(_) => None,
        })
        .filter_map(|(pat, ty)| match pat {
            Pat::Ident(ident) if is_plain_value(ty) => Some((ident, ty)),
            _ => None,
        })
        .filter(|(ident, _)| params.iter().any(|param| ident.ident == param.name))
        .collect();
    if written.is_empty() {
        return;
    }
    let type_of = |param: &PathParam| {
        written
            .iter()
            .find(|(ident, _)| ident.ident == param.name)
            .map(|(_, ty)| {
                quote::quote!(#ty)
                    .to_string()
                    .replace(" < ", "<")
                    .replace(" >", ">")
            })
            .unwrap_or_else(|| {
                if param.catch_all {
                    "Vec<String>"
                } else {
                    "String"
                }
                .to_owned()
            })
    };
    let suggestion = match params.as_slice() {
        [param] => format!("Params({}): Params<{}>", param.name, type_of(param)),
        _ => {
            let names: Vec<&str> = params.iter().map(|param| param.name.as_str()).collect();
            let types: Vec<String> = params.iter().map(type_of).collect();
            format!(
                "Params(({})): Params<({})>",
                names.join(", "),
                types.join(", ")
            )
        }
    };
    let source = path.lit.value();
    for (ident, _) in &written {
        cx.error_spanned_by(
            ident,
            format!(
                "`{}` is a path parameter of `{source}`; take it as `{suggestion}`",
                ident.ident
            ),
        );
    }
}

/// A type a path segment would parse into, never an extractor: numbers,
/// `bool`, `char`, `String`, `&str`, and `Vec` / `Option` of them.
fn is_plain_value(ty: &Type) -> bool {
    const PLAIN: [&str; 17] = [
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f32", "f64", "bool", "char", "String",
    ];
    match ty {
        Type::Reference(reference) => {
            matches!(&*reference.elem, Type::Path(path) if path.path.is_ident("str"))
        }
        Type::Path(path) => {
            let Some(last) = path.path.segments.last() else {
                return false;
            };
            if PLAIN.iter().any(|plain| last.ident == plain) {
                return true;
            }
            // `Vec<u32>`, `Option<String>`, but not `Option<Json<T>>` (an
            // extractor in its own right).
            let PathArguments::AngleBracketed(arguments) = &last.arguments else {
                return false;
            };
            (last.ident == "Vec" || last.ident == "Option")
                && matches!(
                    arguments.args.first(),
                    Some(GenericArgument::Type(inner)) if is_plain_value(inner)
                )
        }
        _ => false,
    }
}

/// `revalidate` caches GET responses: an attribute with no GET handler has
/// nothing to cache; `cache_public` only says how `revalidate` caches.
pub(crate) fn cache_keys(path: &RoutePath, handlers: &[Handler], cx: &mut Ctxt) {
    if let Some(revalidate) = &path.revalidate {
        if !handlers.iter().any(|handler| handler.method == Method::GET) {
            let verbs: Vec<&str> = handlers
                .iter()
                .map(|handler| handler.method.as_str())
                .collect();
            cx.error_spanned_by(
                &revalidate.key,
                format!(
                    "`revalidate` caches GET responses, and this attribute has no GET handler ({} {} never cached)",
                    verbs.join(", "),
                    if verbs.len() == 1 { "is" } else { "are" }
                ),
            );
        }
    }
    if let (Some(key), None) = (&path.cache_public, &path.revalidate) {
        cx.error_spanned_by(
            key,
            "`cache_public` says how `revalidate = N` caches; add `revalidate = N`, or remove it",
        );
    }
}

/// A WebSocket upgrade is a GET of a route handler (RFC 6455 §4.1), and its
/// 101 is never cached.
pub(crate) fn websockets(kind: Kind, path: &RoutePath, handlers: &[Handler], cx: &mut Ctxt) {
    for handler in handlers {
        let Some(socket) = &handler.websocket else {
            continue;
        };
        if kind == Kind::Page {
            cx.error_spanned_by(
                socket,
                "a page renders a document and cannot accept a WebSocket; write `#[route(..)] async fn GET(socket: WebSocket)`",
            );
        } else if handler.method != Method::GET {
            cx.error_spanned_by(
                socket,
                format!(
                    "a WebSocket upgrade is a GET request, so `{}` never receives one; take `WebSocket` in the route's `GET`",
                    handler.method.as_str()
                ),
            );
        } else if let Some(revalidate) = &path.revalidate {
            cx.error_spanned_by(
                &revalidate.key,
                "`revalidate` caches GET responses, and this GET accepts a WebSocket, whose upgrade is never cached; remove `revalidate`",
            );
        }
    }
}
