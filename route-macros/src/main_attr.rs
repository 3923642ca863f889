//! `#[approute::main]`: actix-web's entry point, reached through approute so
//! that an application needs no `actix-web` line in Cargo.toml just for it.
//!
//! ```text
//! // Input:
//! #[approute::main]
//! async fn main() -> std::io::Result<()> { .. }
//!
//! // Output:
//! #[::approute::__private::rt::main(system = "::approute::__private::rt::System")]
//! async fn main() -> std::io::Result<()> { .. }
//! ```

use proc_macro2::{Span, TokenStream};
use quote::quote;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    // Wrapped even beside the error, so that rustc adds none of its own.
    let error = (!args.is_empty()).then(|| {
        syn::Error::new_spanned(
            args,
            "`#[approute::main]` takes no arguments; write `#[approute::main]`",
        )
        .into_compile_error()
    });
    // actix-rt's own macro does the work; only the path to its `System`
    // changes, to one that resolves without a direct actix dependency.
    let system = syn::LitStr::new("::approute::__private::rt::System", Span::call_site());
    quote! {
        #error
        #[::approute::__private::rt::main(system = #system)]
        #item
    }
}
