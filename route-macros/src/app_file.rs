//! `__app_file!`: the registrations of one file of an `app/` directory, as
//! `approute-build` writes them. The file itself is compiled as a module
//! (`#[path = ".."] mod comments_id;`), so every error in it points at it;
//! this macro reads it only to find the handlers and their signatures.
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

use approute_path::Method;
use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Item, LitStr, Visibility};

use crate::ctxt::Ctxt;
use crate::expand::{registration, with_errors};
use crate::model::{Handler, Kind, Origin};
use crate::parse;

struct AppFile {
    kind: Kind,
    path: LitStr,
    module: Ident,
    file: LitStr,
    display: LitStr,
}

impl Parse for AppFile {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let kind: Ident = input.parse()?;
        let kind = match kind.to_string().as_str() {
            "route" => Kind::Route,
            "page" => Kind::Page,
            _ => return Err(syn::Error::new(kind.span(), "expected `route` or `page`")),
        };
        Ok(AppFile {
            kind,
            path: input.parse()?,
            module: input.parse()?,
            file: input.parse()?,
            display: input.parse()?,
        })
    }
}

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let app_file = match syn::parse2::<AppFile>(input) {
        Ok(app_file) => app_file,
        Err(error) => return error.into_compile_error(),
    };
    let mut cx = Ctxt::default();
    let path = parse::path(app_file.path.clone(), &mut cx);
    let display = app_file.display.value();
    // Unreadable or not Rust: the module declaration reports it, at the file.
    let source = std::fs::read_to_string(app_file.file.value()).unwrap_or_default();
    let Ok(file) = syn::parse_file(&source) else {
        return TokenStream::new();
    };
    let handlers: Vec<Handler> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Fn(func) if matches!(func.vis, Visibility::Public(_)) => Some(func),
            _ => None,
        })
        .filter_map(|func| {
            let name = func.sig.ident.to_string();
            let method = match app_file.kind {
                Kind::Route => Method::from_name(&name)?,
                Kind::Page if name == "page" => Method::GET,
                Kind::Page => return None,
            };
            let mut handler = Handler::new(method, &func.attrs, &func.sig);
            // The registration sits beside the module, where the file's own
            // `use`s and private types are out of reach: only the function
            // is named (no start-up `Params<T>` check, no typed OpenAPI).
            handler.params.clear();
            handler.api.forget_types();
            handler.origin = Some(Origin {
                module: app_file.module.clone(),
                file: display.clone(),
                line: line_of(&source, &name),
            });
            Some(handler)
        })
        .collect();
    if handlers.is_empty() {
        let wanted = match app_file.kind {
            Kind::Route => "a `pub async fn` named after an HTTP verb (`pub async fn GET(..)`)",
            Kind::Page => "`pub async fn page(..)`",
        };
        cx.error_spanned_by(
            &app_file.display,
            format!("`{display}` exports no handler; write {wanted} in it"),
        );
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

/// The line of `fn name` in the file (1 if it cannot be found).
fn line_of(source: &str, name: &str) -> u32 {
    let written = [
        format!("fn {name}("),
        format!("fn {name} ("),
        format!("fn {name}<"),
    ];
    source
        .lines()
        .position(|line| written.iter().any(|form| line.contains(form.as_str())))
        .map_or(1, |index| index as u32 + 1)
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
