//! `__api_doc!`, which `#[route]` and `#[page]` call with what a handler's
//! signature says: with the `openapi` feature it becomes a function that
//! describes the operation; without, `()`, and the build pays only for
//! matching the tokens.

/// What a registration carries for the OpenAPI document.
#[cfg(feature = "openapi")]
pub type ApiDoc = Option<fn(&mut crate::openapi::Describe)>;
/// What a registration carries for the OpenAPI document: nothing, as the
/// `openapi` feature is off.
#[cfg(not(feature = "openapi"))]
pub type ApiDoc = ();

#[cfg(feature = "openapi")]
#[doc(hidden)]
#[macro_export]
macro_rules! __api_doc {
    (
        docs: $docs:expr,
        params: [$($param:ty),*],
        inputs: [$($input:ty),*],
        output: [$($output:ty)?]
        $(, items: [$($items:ty)?])? $(,)?
    ) => {
        ::core::option::Option::Some({
            fn describe(doc: &mut $crate::__private::Describe) {
                #[allow(unused_imports)]
                use $crate::__private::describe::*;
                doc.docs($docs);
                $((&&&Probe::<$param>::new()).describe_param(doc);)*
                $((&&&Probe::<$input>::new()).describe_input(doc);)*
                $((&&&Probe::<$output>::new()).describe_output(doc);)?
                $($((&&&Probe::<$items>::new()).describe_items(doc);)?)?
            }
            describe as fn(&mut $crate::__private::Describe)
        })
    };
}

#[cfg(not(feature = "openapi"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __api_doc {
    ($($described:tt)*) => {
        ()
    };
}
