//! The typed model of one attribute use, keeping the user's syntax for spans.

use approute_path::Method;
use syn::punctuated::Punctuated;
use syn::{
    parse_quote, Attribute, FnArg, GenericArgument, Ident, LitStr, Meta, PathArguments, Signature,
    Token, Type,
};

use crate::api_doc::ApiDoc;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Route,
    Page,
}

impl Kind {
    pub(crate) fn attribute(self) -> &'static str {
        match self {
            Kind::Route => "route",
            Kind::Page => "page",
        }
    }

    /// How signature errors speak of a route handler or a page.
    pub(crate) fn subject(self) -> Subject {
        Subject {
            attribute: self.attribute(),
            noun: "handler",
            state: "an extractor such as `Data<T>`",
            instead_of_generic: "write a concrete handler per type (each one is registered once)",
        }
    }
}

/// The function an attribute goes on, as its signature errors speak of it.
pub(crate) struct Subject {
    pub(crate) attribute: &'static str,
    pub(crate) noun: &'static str,
    /// Where shared state comes from instead of `self`.
    pub(crate) state: &'static str,
    /// What to write instead of a generic function.
    pub(crate) instead_of_generic: &'static str,
}

/// The path argument, checked by the runtime's own parser.
pub(crate) struct RoutePath {
    pub(crate) lit: LitStr,
    /// Its dynamic segments in path order, as parsed once.
    pub(crate) params: Vec<PathParam>,
    /// `max_duration = N`: seconds a handler may run before a 504.
    pub(crate) max_duration: Option<u32>,
    /// `revalidate = N` (not 0): how long a GET response is served from the cache.
    pub(crate) revalidate: Option<Revalidate>,
    /// `cache_public = true` (its key): cached even for requests with
    /// credentials.
    pub(crate) cache_public: Option<Ident>,
}

/// `revalidate = N`, with the key for errors about where it applies.
pub(crate) struct Revalidate {
    pub(crate) seconds: u32,
    pub(crate) key: Ident,
}

/// One dynamic segment of the path: `[id]`, or a catch-all `[...slug]`.
pub(crate) struct PathParam {
    /// As Rust code spells it: `product_id` for `[product-id]`.
    pub(crate) name: String,
    pub(crate) catch_all: bool,
}

/// One function to register: a route handler for `method`, or a page (GET).
pub(crate) struct Handler {
    pub(crate) ident: Ident,
    /// The type whose associated function it is (`#[route]` on an `impl`).
    pub(crate) self_ty: Option<Type>,
    pub(crate) method: Method,
    /// The `T` of each `Params<T>` argument, checked against the route at
    /// start-up.
    pub(crate) params: Vec<Type>,
    /// The function's `#[cfg]`s (and `#[cfg_attr]`s that add one): the
    /// registration exists exactly when the function does.
    pub(crate) cfgs: Vec<Attribute>,
    /// A `#[deprecated]` handler is still registered without a warning.
    pub(crate) deprecated: bool,
    /// The type of its `WebSocket` argument (any path to it): it answers
    /// an upgrade.
    pub(crate) websocket: Option<Type>,
    /// What the OpenAPI document says of it.
    pub(crate) api: ApiDoc,
    /// A handler of an `app/` file: where it is, as `__app_file!` found it.
    pub(crate) origin: Option<Origin>,
}

/// A handler of an `app/` directory's file, compiled as module `module`.
pub(crate) struct Origin {
    pub(crate) module: Ident,
    /// The file as the listing shows it: `src/app/comments/route.rs`.
    pub(crate) file: String,
    pub(crate) line: u32,
}

impl Handler {
    pub(crate) fn new(method: Method, attrs: &[Attribute], sig: &Signature) -> Self {
        Handler {
            ident: sig.ident.clone(),
            self_ty: None,
            method,
            params: params_types(sig),
            cfgs: attrs.iter().filter_map(cfg_only).collect(),
            deprecated: attrs.iter().any(is_deprecation),
            websocket: websocket_argument(sig),
            api: ApiDoc::new(attrs, sig),
            origin: None,
        }
    }
}

/// The `T` of every argument written `_: Params<T>` (any path to it).
fn params_types(sig: &Signature) -> Vec<Type> {
    sig.inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => params_argument(&typed.ty),
            FnArg::Receiver(_) => None,
        })
        .cloned()
        .collect()
}

/// An argument written `_: WebSocket` (any path to it): the listing marks
/// the route, and the checks hold it to GET.
fn websocket_argument(sig: &Signature) -> Option<Type> {
    sig.inputs.iter().find_map(|input| match input {
        FnArg::Typed(typed) => match &*typed.ty {
            Type::Path(path) if path.path.segments.last()?.ident == "WebSocket" => {
                Some((*typed.ty).clone())
            }
            _ => None,
        },
        FnArg::Receiver(_) => None,
    })
}

fn params_argument(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Params" {
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.first() {
        Some(GenericArgument::Type(inner)) if arguments.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// `#[cfg(..)]` as is; `#[cfg_attr(pred, cfg(..), other)]` as
/// `#[cfg_attr(pred, cfg(..))]`; anything else is not about existence.
/// `#[deprecated]`, or a `#[cfg_attr(.., deprecated)]` that may add it
/// (allowing deprecation where it is not added costs nothing).
fn is_deprecation(attr: &Attribute) -> bool {
    attr.path().is_ident("deprecated")
        || (attr.path().is_ident("cfg_attr")
            && attr
                .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .is_ok_and(|nested| {
                    nested.iter().skip(1).any(|meta| {
                        meta.path().is_ident("deprecated")
                            || (meta.path().is_ident("cfg_attr") && nested_deprecation(meta))
                    })
                }))
}

/// A `cfg_attr` inside a `cfg_attr` that adds `deprecated`.
fn nested_deprecation(meta: &Meta) -> bool {
    let Meta::List(list) = meta else {
        return false;
    };
    let attr: Attribute = parse_quote!(#[#list]);
    is_deprecation(&attr)
}

pub(crate) fn cfg_only(attr: &Attribute) -> Option<Attribute> {
    if attr.path().is_ident("cfg") {
        return Some(attr.clone());
    }
    if !attr.path().is_ident("cfg_attr") {
        return None;
    }
    let nested = attr
        .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
        .ok()?;
    let mut nested = nested.into_iter();
    let predicate = nested.next()?;
    let cfgs: Vec<Meta> = nested.filter(|meta| meta.path().is_ident("cfg")).collect();
    (!cfgs.is_empty()).then(|| parse_quote!(#[cfg_attr(#predicate, #(#cfgs),*)]))
}
