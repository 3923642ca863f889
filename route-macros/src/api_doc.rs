//! What a handler's signature tells the OpenAPI document, handed to the
//! runtime's `__api_doc!`: the runtime's `openapi` feature decides whether
//! that becomes a describing function or nothing at all.
//!
//! ```text
//! // Input:
//! /// Lists comments.
//! async fn GET(Params(id): Params<(u32, String)>, body: Json<New>) -> Json<Comment>
//!
//! // Output (the `api` field of the registration):
//! ::approute::__private::api_doc! {
//!     docs: "Lists comments.",
//!     params: [u32, String],
//!     inputs: [Params<(u32, String)>, Json<New>],
//!     output: [Json<Comment>],
//! }
//! // and, for an answer `Json<Vec<Comment>>` (through `Result`, `Option`):
//! //     items: [Comment],
//! ```

use proc_macro2::{TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::{Attribute, Expr, FnArg, Lit, Meta, PathArguments, ReturnType, Signature, Type};

/// The parts of a handler the document is built from.
pub(crate) struct ApiDoc {
    docs: String,
    inputs: Vec<Type>,
    output: Option<Type>,
    /// `T` of a `Json<Vec<T>>` answer (through `Result` and `Option`): its
    /// items are a `$ref` where `T` is a named type.
    items: Option<Type>,
}

impl ApiDoc {
    pub(crate) fn new(attrs: &[Attribute], sig: &Signature) -> Self {
        let inputs = sig.inputs.iter().filter_map(|input| match input {
            FnArg::Typed(typed) => Some((*typed.ty).clone()),
            FnArg::Receiver(_) => None,
        });
        // `()` is no responder: such a handler is an error of its own.
        let output = match &sig.output {
            ReturnType::Default => None,
            ReturnType::Type(_, ty) => Some((**ty).clone()),
        };
        let output = output.filter(nameable);
        ApiDoc {
            docs: doc_comment(attrs),
            inputs: inputs.filter(nameable).map(multipart_marker).collect(),
            items: output.as_ref().and_then(json_list_items),
            output,
        }
    }

    /// Only the doc comment: for a handler whose types are written in
    /// another module (an `app/` file), which the registration cannot name.
    pub(crate) fn forget_types(&mut self) {
        self.inputs.clear();
        self.output = None;
        self.items = None;
    }

    /// `params` are the `T`s of the handler's `Params<T>` arguments.
    pub(crate) fn to_tokens(&self, params: &[Type]) -> TokenStream {
        let ApiDoc {
            docs,
            inputs,
            output,
            items,
        } = self;
        let params = params
            .iter()
            .filter(|ty| nameable(ty))
            .flat_map(|ty| match ty {
                Type::Tuple(tuple) => tuple.elems.iter().cloned().collect(),
                other => vec![other.clone()],
            });
        // Only where there is a list to name: the common expansion stays short.
        let items = items.as_ref().map(|item| quote!(items: [#item],));
        quote! {
            ::approute::__private::api_doc! {
                docs: #docs,
                params: [#(#params),*],
                inputs: [#(#inputs),*],
                output: [#output],
                #items
            }
        }
    }
}

/// actix-multipart's `MultipartForm<T>` as approute's marker of a
/// `multipart/form-data` body: the runtime does not depend on
/// actix-multipart, so it knows the extractor by its name.
fn multipart_marker(ty: Type) -> Type {
    if let Type::Path(path) = &ty {
        if let Some(last) = path.path.segments.last() {
            if last.ident == "MultipartForm" {
                if let PathArguments::AngleBracketed(arguments) = &last.arguments {
                    return syn::parse_quote!(::approute::__private::describe::Multipart #arguments);
                }
            }
        }
    }
    ty
}

/// `T` in `Json<Vec<T>>`, looking through `Result<_, E>` and `Option<_>`,
/// by the types' last path segments (as `MultipartForm` is found).
fn json_list_items(ty: &Type) -> Option<Type> {
    let (name, first) = last_segment(ty)?;
    match name.as_str() {
        "Result" | "Option" => json_list_items(first),
        "Json" => match last_segment(first)? {
            (vec, item) if vec == "Vec" => Some(item.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A path type's last segment and its first generic type argument.
fn last_segment(ty: &Type) -> Option<(String, &Type)> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    arguments.args.iter().find_map(|argument| match argument {
        syn::GenericArgument::Type(first) => Some((last.ident.to_string(), first)),
        _ => None,
    })
}

/// `///` lines as rustdoc reads them: one leading space dropped each.
fn doc_comment(attrs: &[Attribute]) -> String {
    let lines = attrs.iter().filter_map(|attr| match &attr.meta {
        Meta::NameValue(doc) if doc.path.is_ident("doc") => match &doc.value {
            Expr::Lit(expr) => match &expr.lit {
                Lit::Str(text) => Some(text.value()),
                _ => None,
            },
            // `#[doc = include_str!(..)]` is left out.
            _ => None,
        },
        _ => None,
    });
    let lines: Vec<String> = lines
        .map(|line| line.strip_prefix(' ').unwrap_or(&line).to_owned())
        .collect();
    lines.join("\n").trim().to_owned()
}

/// Whether the generated function, outside the handler, can name the type:
/// not `impl Trait`, not `Self` (the registration of an `impl` block's
/// handler sits after the block).
fn nameable(ty: &Type) -> bool {
    fn clean(tokens: TokenStream) -> bool {
        tokens.into_iter().all(|token| match token {
            TokenTree::Ident(ident) => ident != "impl" && ident != "Self",
            TokenTree::Group(group) => clean(group.stream()),
            _ => true,
        })
    }
    clean(ty.to_token_stream())
}
