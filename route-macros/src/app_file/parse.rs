//! The input `approute-build` writes, and the handlers of the file it
//! names: its `pub` functions named after a verb (or `page`).

use approute_path::Method;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Item, Visibility};

use super::AppFile;
use crate::route::model::{Handler, Kind, Origin};

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

/// The file's handlers; `None` if it cannot be read as Rust.
pub(super) fn handlers(app_file: &AppFile) -> Option<Vec<Handler>> {
    let display = app_file.display.value();
    let source = std::fs::read_to_string(app_file.file.value()).unwrap_or_default();
    let file = syn::parse_file(&source).ok()?;
    let handlers = file
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
    Some(handlers)
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
