//! A link names a URL (no route group) and gives each parameter once.

use approute_path::{PathPattern, Segment};

use super::Input;
use crate::ctxt::Ctxt;

/// Whether the link can be written: every mistake is reported.
pub(super) fn link(input: &Input, pattern: &PathPattern, cx: &mut Ctxt) -> bool {
    if let Some(group) = pattern
        .segments()
        .iter()
        .find(|segment| matches!(segment, Segment::Group(_)))
    {
        cx.error_spanned_by(
            &input.pattern,
            format!("a link names a URL, and the route group `{group}` is not part of one; leave it out"),
        );
        return false;
    }
    // Keys are Rust identifiers: `product_id = 7` for `[product-id]`.
    let params: Vec<String> = pattern
        .param_names()
        .map(|name| approute_path::rust_name(name).into_owned())
        .collect();
    let params: Vec<&str> = params.iter().map(String::as_str).collect();
    // A name mistake leaves the link writable: it is reported with the
    // expansion, which rustc then never sees.
    check_names(input, &params, cx);
    true
}

/// Every parameter given once, and no name the pattern does not have.
fn check_names(input: &Input, params: &[&str], cx: &mut Ctxt) {
    let expected = || {
        params
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (at, (name, _)) in input.values.iter().enumerate() {
        let text = name.to_string();
        if !params.contains(&text.as_str()) {
            let message = if params.is_empty() {
                format!(
                    "`{text}` is not a parameter of {}; it has none",
                    input.pattern.token()
                )
            } else {
                format!(
                    "`{text}` is not a parameter of {}; it has {}",
                    input.pattern.token(),
                    expected()
                )
            };
            cx.error_spanned_by(name, message);
        } else if input.values[..at]
            .iter()
            .any(|(earlier, _)| *earlier == text)
        {
            cx.error_spanned_by(name, format!("`{text}` is given twice"));
        }
    }
    let missing: Vec<&&str> = params
        .iter()
        .filter(|param| !input.values.iter().any(|(name, _)| name == *param))
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|name| format!("`{name} = …`")).collect();
        cx.syn_error(syn::Error::new(
            input.pattern.span(),
            format!("{} needs {}", input.pattern.token(), names.join(", ")),
        ));
    }
}
