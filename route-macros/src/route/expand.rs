//! Code generation. Input and output of each transform:
//!
//! ```text
//! // Input:
//! #[route("/hello")]
//! async fn GET() -> &'static str { "Hello World" }
//!
//! // Output:
//! #[allow(non_snake_case)]
//! async fn GET() -> &'static str { "Hello World" }
//! ::approute::__private::submit! {
//!     ::approute::__private::generated(::approute::__private::Generated {
//!         kind, method, path, handler: &HandlerFn::new(GET), location, params: &[],
//!         max_duration: None, revalidate: None,
//!         api: ::approute::__private::api_doc! { docs: "", params: [], inputs: [], output: [&'static str] },
//!     })
//! }
//! ```
//!
//! An inline `mod` gets one such `submit!` per verb-named function, inside the
//! module; an `impl` block gets them after the block, each naming its
//! handler `<Type>::GET` (items cannot sit inside an `impl`). On any mistake the item is emitted unchanged beside the errors, so
//! one mistake is one message rather than a cascade.

use approute_path::Method;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{parse_quote, ImplItem, Item, ItemFn, ItemImpl, ItemMod};

use super::model::{Handler, Kind, RoutePath};
use super::{check, parse};
use crate::ctxt::Ctxt;

pub(crate) fn entry(kind: Kind, args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let path = parse::args(kind, args, &mut cx);
    let item = match syn::parse2::<Item>(input.clone()) {
        Ok(item) => item,
        Err(error) => return with_errors(input, error),
    };
    let output = match item {
        Item::Fn(func) => handler_fn(kind, func, path.as_ref(), &mut cx),
        Item::Mod(module) if kind == Kind::Route => route_module(module, path.as_ref(), &mut cx),
        Item::Impl(block) if kind == Kind::Route => route_impl(block, path.as_ref(), &mut cx),
        other => {
            cx.error_spanned_by(&other, misplaced(kind));
            None
        }
    };
    if let (Some(path), Some((_, handlers))) = (&path, &output) {
        check::cache_keys(path, handlers, &mut cx);
        check::websockets(kind, path, handlers, &mut cx);
    }
    match (cx.check(), path, output) {
        (Ok(()), Some(path), Some((mut item, handlers))) => {
            let registrations = handlers
                .iter()
                .map(|handler| registration(kind, &path, handler));
            match &mut item {
                Item::Mod(module) => {
                    // `route_module` only returns inline modules.
                    if let Some((_, items)) = &mut module.content {
                        items.extend(registrations.map(Item::Verbatim));
                    }
                    quote!(#item)
                }
                _ => quote!(#item #(#registrations)*),
            }
        }
        // A module or `impl` keeps its other handlers' lint allowances (and
        // a module drops a second definition of a verb), so rustc adds no
        // error of its own.
        (Err(error), _, Some((item @ (Item::Mod(_) | Item::Impl(_)), _))) => {
            with_errors(quote!(#item), error)
        }
        (Err(error), ..) => with_errors(input, error),
        // `parse::args` and the checks above report every `None`.
        _ => input,
    }
}

fn misplaced(kind: Kind) -> String {
    match kind {
        Kind::Route => "`#[route]` goes on an `async fn` named after an HTTP verb, or on an inline `mod` or an `impl` block of such functions".to_owned(),
        Kind::Page => "`#[page]` goes on an `async fn` that renders the page".to_owned(),
    }
}

pub(crate) fn with_errors(item: TokenStream, error: syn::Error) -> TokenStream {
    let errors = error.into_compile_error();
    quote!(#item #errors)
}

// Input:  `async fn GET(..) {..}` or `async fn profile(..) {..}`
// Output: the same function (routes: `non_snake_case` allowed) and its handler.
fn handler_fn(
    kind: Kind,
    mut func: ItemFn,
    path: Option<&RoutePath>,
    cx: &mut Ctxt,
) -> Option<(Item, Vec<Handler>)> {
    check::handler_signature(&kind.subject(), &func.sig, cx);
    if let Some(path) = path {
        check::no_bare_path_parameters(&func.sig, path, cx);
    }
    let method = match kind {
        Kind::Route => {
            let verb = check::verb_name(&func.sig, cx)?;
            func.attrs.push(parse_quote!(#[allow(non_snake_case)]));
            verb
        }
        Kind::Page => Method::GET,
    };
    let handler = Handler::new(method, &func.attrs, &func.sig);
    Some((Item::Fn(func), vec![handler]))
}

// Input:  `mod comment { pub async fn GET(..) {..} fn helper() {} }`
// Output: the module, each verb-named function allowed `non_snake_case` and
//         registered from inside the module; other items untouched.
fn route_module(
    mut module: ItemMod,
    path: Option<&RoutePath>,
    cx: &mut Ctxt,
) -> Option<(Item, Vec<Handler>)> {
    let module_name = module.ident.clone();
    let Some((_, items)) = module.content.as_mut() else {
        let name = &module.ident;
        cx.error_spanned_by(
            &module,
            format!("`#[route]` needs the module's body inline; write `mod {name} {{ .. }}` here"),
        );
        return None;
    };
    let mut handlers = Contained::new(format!("module `{module_name}`"), path);
    items.retain_mut(|item| match item {
        Item::Fn(func) => handlers.add(&mut func.attrs, &func.sig, cx),
        _ => true,
    });
    let functions = module.content.iter().flat_map(|(_, items)| items);
    let functions = functions.filter_map(|item| match item {
        Item::Fn(func) => Some(&func.sig.ident),
        _ => None,
    });
    check::has_handlers(
        &handlers.container,
        &module.ident,
        functions,
        handlers.found.len(),
        cx,
    );
    Some((Item::Mod(module), handlers.found))
}

// Input:  `impl Comments { pub async fn GET(..) {..} fn helper() {} }`
// Output: the impl, each verb-named function allowed `non_snake_case`, then
//         (after the impl, where items may be) their registrations, each
//         naming its handler `<Comments>::GET`.
fn route_impl(
    mut block: ItemImpl,
    path: Option<&RoutePath>,
    cx: &mut Ctxt,
) -> Option<(Item, Vec<Handler>)> {
    check::plain_impl(&block, cx);
    let self_ty = (*block.self_ty).clone();
    let mut handlers = Contained::new(format!("`impl {}`", quote!(#self_ty)), path);
    block.items.retain_mut(|item| match item {
        ImplItem::Fn(func) => handlers.add(&mut func.attrs, &func.sig, cx),
        _ => true,
    });
    for handler in &mut handlers.found {
        handler.self_ty = Some(self_ty.clone());
    }
    let functions = block.items.iter().filter_map(|item| match item {
        ImplItem::Fn(func) => Some(&func.sig.ident),
        _ => None,
    });
    check::has_handlers(
        &handlers.container,
        &self_ty,
        functions,
        handlers.found.len(),
        cx,
    );
    Some((Item::Impl(block), handlers.found))
}

/// The handlers found in a route module or `impl`, function by function.
struct Contained<'p> {
    /// How errors name it: ``module `comments` ``, `` `impl Comments` ``.
    container: String,
    path: Option<&'p RoutePath>,
    found: Vec<Handler>,
}

impl<'p> Contained<'p> {
    fn new(container: String, path: Option<&'p RoutePath>) -> Self {
        Contained {
            container,
            path,
            found: Vec::new(),
        }
    }

    /// A verb-named function is checked, allowed `non_snake_case` and
    /// added; returns whether to keep it (a second unconditional definition
    /// of a verb is reported and dropped).
    fn add(
        &mut self,
        attrs: &mut Vec<syn::Attribute>,
        sig: &syn::Signature,
        cx: &mut Ctxt,
    ) -> bool {
        let name = sig.ident.to_string();
        let Some(method) = Method::from_name(&name) else {
            return true;
        };
        let handler = Handler::new(method, attrs, sig);
        // Two definitions under one `#[cfg]` each (`feature = "a"`/`not`)
        // are fine; the compiler reports a real duplicate, but unreadably.
        let unconditional = |handler: &Handler| handler.cfgs.is_empty();
        if unconditional(&handler)
            && self
                .found
                .iter()
                .any(|other| other.method == method && unconditional(other))
        {
            cx.error_spanned_by(
                &sig.ident,
                format!(
                    "`{name}` is defined twice in {}; keep one handler per verb and path",
                    self.container
                ),
            );
            return false;
        }
        check::handler_signature(&Kind::Route.subject(), sig, cx);
        if let Some(path) = self.path {
            check::no_bare_path_parameters(sig, path, cx);
        }
        attrs.push(parse_quote!(#[allow(non_snake_case)]));
        self.found.push(handler);
        true
    }
}

// Output: one `submit!` of the handler's `Registration`, located at its name.
pub(crate) fn registration(kind: Kind, path: &RoutePath, handler: &Handler) -> TokenStream {
    let ident = &handler.ident;
    let span = ident.span();
    let kind = match kind {
        Kind::Route => quote!(Route),
        Kind::Page => quote!(Page),
    };
    let method = format_ident!("{}", handler.method.as_str());
    let max_duration = match path.max_duration {
        Some(seconds) => quote!(::core::option::Option::Some(#seconds)),
        None => quote!(::core::option::Option::None),
    };
    // Only GET responses are cached; the other verbs of a module are not.
    let revalidate = match &path.revalidate {
        Some(revalidate) if handler.method == Method::GET => {
            let seconds = revalidate.seconds;
            let public = path.cache_public.is_some();
            quote! {
                ::core::option::Option::Some(::approute::__private::Revalidate {
                    seconds: #seconds,
                    public: #public,
                })
            }
        }
        _ => quote!(::core::option::Option::None),
    };
    let websocket = handler.websocket.is_some();
    let path = &path.lit;
    // Where the function is, and how the registration names it.
    let (file, line, module_path, function) = match (&handler.self_ty, &handler.origin) {
        (_, Some(origin)) => {
            let (module, file, line) = (&origin.module, &origin.file, origin.line);
            (
                quote!(#file),
                quote!(#line),
                quote!(::core::concat!(
                    ::core::module_path!(),
                    "::",
                    ::core::stringify!(#module)
                )),
                quote!(#module::#ident),
            )
        }
        (self_ty, None) => (
            quote!(::core::file!()),
            quote_spanned!(span=> ::core::line!()),
            quote!(::core::module_path!()),
            match self_ty {
                Some(self_ty) => quote_spanned!(span=> <#self_ty>::#ident),
                None => quote!(#ident),
            },
        ),
    };
    let location = quote! {
        ::approute::__private::Location {
            file: #file,
            line: #line,
            module_path: #module_path,
        }
    };
    let handler_fn = quote_spanned!(span=> &::approute::__private::HandlerFn::new(#function));
    let cfgs = &handler.cfgs;
    let api = handler.api.to_tokens(&handler.params);
    let params = handler
        .params
        .iter()
        .map(|ty| quote_spanned!(ty.span()=> ::approute::__private::check_params::<#ty>));
    let submit = quote! {
        ::approute::__private::submit! {
            ::approute::__private::generated(::approute::__private::Generated {
                kind: ::approute::__private::Kind::#kind,
                method: ::approute::__private::Method::#method,
                path: #path,
                handler: #handler_fn,
                location: #location,
                params: &[#(#params),*],
                max_duration: #max_duration,
                revalidate: #revalidate,
                websocket: #websocket,
                api: #api,
            })
        }
    };
    // A lint attribute on a macro call does not reach what it expands to,
    // so a deprecated handler's registration sits in a block that allows it.
    if handler.deprecated {
        quote!(#(#cfgs)* #[allow(deprecated)] const _: () = { #submit };)
    } else {
        quote!(#(#cfgs)* #submit)
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    /// Pins the shape `cargo expand` shows users: their function unchanged
    /// (plus the lint allowance) and one registration item.
    #[test]
    fn a_handler_expands_to_itself_and_one_registration() {
        let output = entry(
            Kind::Route,
            quote!("/hello"),
            quote!(
                async fn GET() -> &'static str {
                    "Hello World"
                }
            ),
        );
        let expected = quote! {
            #[allow(non_snake_case)]
            async fn GET() -> &'static str { "Hello World" }
            ::approute::__private::submit! {
                ::approute::__private::generated(::approute::__private::Generated {
                    kind: ::approute::__private::Kind::Route,
                    method: ::approute::__private::Method::GET,
                    path: "/hello",
                    handler: &::approute::__private::HandlerFn::new(GET),
                    location: ::approute::__private::Location {
                        file: ::core::file!(),
                        line: ::core::line!(),
                        module_path: ::core::module_path!(),
                    },
                    params: &[],
                    max_duration: ::core::option::Option::None,
                    revalidate: ::core::option::Option::None,
                    websocket: false,
                    api: ::approute::__private::api_doc! {
                        docs: "",
                        params: [],
                        inputs: [],
                        output: [&'static str],
                    },
                })
            }
        };
        assert_eq!(output.to_string(), expected.to_string());
    }

    #[test]
    fn a_module_registers_each_verb_function_inside_itself() {
        let output = entry(
            Kind::Route,
            quote!("/comments/[id]"),
            quote!(
                mod comment {
                    fn helper() {}
                    pub async fn DELETE() {}
                }
            ),
        )
        .to_string();
        let item_end = output.rfind("} }").expect("module body");
        assert!(output.starts_with("mod comment { fn helper () { } # [allow (non_snake_case)] pub async fn DELETE () { }"), "{output}");
        assert_eq!(output.matches("submit !").count(), 1, "{output}");
        assert!(output[..item_end].contains("Method :: DELETE"), "{output}");
        assert!(output.contains("path : \"/comments/[id]\""), "{output}");
    }

    #[test]
    fn a_page_registers_get_under_its_own_name() {
        let output = entry(
            Kind::Page,
            quote!("/profile"),
            quote!(
                async fn profile() {}
            ),
        )
        .to_string();
        assert!(output.starts_with("async fn profile () { }"), "{output}");
        assert!(output.contains("Kind :: Page"), "{output}");
        assert!(output.contains("Method :: GET"), "{output}");
        assert!(output.contains("HandlerFn :: new (profile)"), "{output}");
    }
}
