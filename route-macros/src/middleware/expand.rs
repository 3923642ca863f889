//! The output: the function as written, and one `submit!` of its
//! registration, located at its name.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ItemFn;

use super::{Args, Form};
use crate::route::model::cfg_only;

pub(super) fn registration(func: &ItemFn, args: &Args, form: Form) -> TokenStream {
    let ident = &func.sig.ident;
    let span = ident.span();
    let name = ident.to_string();
    let patterns = &args.patterns;
    let order = args.order;
    let line = quote_spanned!(span=> ::core::line!());
    let middleware_fn = match form {
        Form::Function => quote_spanned!(span=> &::approute::__private::MiddlewareFn::new(#ident)),
        Form::Transform => {
            quote_spanned!(span=> &::approute::__private::MiddlewareTransform::new(#ident))
        }
    };
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
    use quote::quote;

    use super::super::expand;

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

    #[test]
    fn a_transform_factory_registers_as_one() {
        let function = quote!(
            fn bearer() -> impl RouteTransform {
                HttpAuthentication::bearer(validate)
            }
        );
        let output = expand(quote!("/admin/[[...rest]]"), function.clone()).to_string();
        let registered =
            quote!(middleware: &::approute::__private::MiddlewareTransform::new(bearer));
        assert!(output.starts_with(&function.to_string()), "{output}");
        assert!(output.contains(&registered.to_string()), "{output}");
    }
}
