//! The function's form: `from_fn`'s two arguments, no `impl Trait`; or no
//! argument at all and an actix-web middleware returned.

use quote::quote;
use syn::{FnArg, ItemFn, ReturnType, Type};

use super::Form;
use crate::ctxt::Ctxt;

/// A plain `fn` without arguments makes a middleware; anything else is a
/// `from_fn` function (and is checked as one).
pub(super) fn form(func: &ItemFn) -> Form {
    match func.sig.asyncness.is_none() && func.sig.inputs.is_empty() {
        true => Form::Transform,
        false => Form::Function,
    }
}

/// `fn name() -> impl RouteTransform`: not generic, and returning it (the
/// type is checked where the registration names the function).
pub(super) fn returns_a_transform(func: &ItemFn, cx: &mut Ctxt) {
    let name = &func.sig.ident;
    let generics = &func.sig.generics;
    if !generics.params.is_empty() || generics.where_clause.is_some() {
        cx.error_spanned_by(
            generics,
            format!("a `#[middleware]` `fn` cannot be generic; return one middleware: `fn {name}() -> impl RouteTransform`"),
        );
    }
    if let ReturnType::Default = func.sig.output {
        cx.error_spanned_by(
            &func.sig.ident,
            format!(
                "`{name}` returns nothing; a `#[middleware]` `fn` without arguments returns the actix-web middleware \
                 to put on the routes: `fn {name}() -> impl RouteTransform`"
            ),
        );
    }
}

/// Two typed arguments, as `from_fn` calls them; their types are checked
/// where the registration names the function.
pub(super) fn takes_request_and_next(func: &ItemFn, cx: &mut Ctxt) {
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
