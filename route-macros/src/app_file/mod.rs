//! `__app_file!`: the registrations of one file of an `app/` directory, as
//! `approute-build` writes them. The file itself is compiled as a module
//! (`#[path = ".."] mod comments_id;`), so every error in it points at it;
//! this macro reads it only to find the handlers and their signatures. In
//! stages, as `#[route]`: `parse` (the input and the file's handlers),
//! `check` (it exports one), then `#[route]`'s own registration per handler.
//!
//! ```text
//! // Input (written by approute-build into OUT_DIR):
//! ::approute::__private::app_file!(route "/comments/[id]" comments_id
//!     "/abs/src/app/comments/[id]/route.rs" "src/app/comments/[id]/route.rs");
//!
//! // Output: what `#[route("/comments/[id]")]` submits for each
//! // `pub async fn GET`, `PATCH`, .. of the file, naming `comments_id::GET`
//! // and located at the file and line of its name. Its argument and return
//! // types are left out: they are written for the file's module, and the
//! // registration sits outside it.
//! ```

mod check;
mod parse;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, LitStr};

use crate::ctxt::Ctxt;
use crate::route::expand::{registration, with_errors};
use crate::route::model::Kind;

/// `route "/comments/[id]" comments_id "/abs/…/route.rs" "src/app/…/route.rs"`
struct AppFile {
    kind: Kind,
    path: LitStr,
    module: Ident,
    file: LitStr,
    display: LitStr,
}

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let app_file = match syn::parse2::<AppFile>(input) {
        Ok(app_file) => app_file,
        Err(error) => return error.into_compile_error(),
    };
    let mut cx = Ctxt::default();
    let path = crate::route::parse::path(app_file.path.clone(), &mut cx);
    // Unreadable or not Rust: the module declaration reports it, at the file.
    let Some(handlers) = parse::handlers(&app_file) else {
        return TokenStream::new();
    };
    check::exports_handlers(&app_file, &handlers, &mut cx);
    if let Some(path) = &path {
        crate::route::check::websockets(app_file.kind, path, &handlers, &mut cx);
    }
    match (cx.check(), path) {
        (Ok(()), Some(path)) => {
            let registrations = handlers
                .iter()
                .map(|handler| registration(app_file.kind, &path, handler));
            quote!(#(#registrations)*)
        }
        (Err(error), _) => with_errors(TokenStream::new(), error),
        (Ok(()), None) => TokenStream::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `__app_file!` on a file written here; its output as text.
    fn expand_file(kind: &str, source: &str) -> String {
        let dir = std::env::temp_dir().join(format!("approute-app-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(format!("{kind}-{}.rs", source.len()));
        std::fs::write(&file, source).unwrap();
        let file = file.display().to_string();
        let kind = Ident::new(kind, proc_macro2::Span::call_site());
        expand(quote!(#kind "/comments/[id]" comments_id #file "src/app/comments/[id]/route.rs"))
            .to_string()
    }

    #[test]
    fn each_exported_verb_is_registered_at_its_file_and_line() {
        let output = expand_file(
            "route",
            "use x::y;\n\npub async fn GET() -> &'static str { \"\" }\nasync fn PATCH() {}\nfn helper() {}\npub async fn DELETE() {}\n",
        );
        assert_eq!(output.matches("submit !").count(), 2, "{output}");
        assert!(output.contains("comments_id :: GET"), "{output}");
        assert!(output.contains("comments_id :: DELETE"), "{output}");
        assert!(!output.contains("PATCH"), "not exported: {output}");
        assert!(
            output.contains("file : \"src/app/comments/[id]/route.rs\" , line : 3u32"),
            "{output}"
        );
        assert!(output.contains("line : 6u32"), "{output}");
    }

    #[test]
    fn a_file_exporting_no_handler_is_an_error_naming_it() {
        let output = expand_file("route", "pub fn helper() {}\nasync fn GET() {}\n");
        assert!(output.contains("compile_error"), "{output}");
        assert!(
            output.contains("`src/app/comments/[id]/route.rs` exports no handler; write a `pub async fn` named after an HTTP verb (`pub async fn GET(..)`) in it"),
            "{output}"
        );
        let output = expand_file("page", "pub async fn render() {}\n");
        assert!(
            output.contains("exports no handler; write `pub async fn page(..)` in it"),
            "{output}"
        );
    }
}
