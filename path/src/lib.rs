//! **The one parser of approute's Next.js-style route paths, and its one
//! list of HTTP methods.**
//!
//! Both the `#[route]` / `#[page]` macros (at compile time) and the runtime (to
//! check, order and match routes) parse paths with this crate, so the two can
//! never disagree about what a path means.
//!
//! ```
//! use approute_path::{PathPattern, Segment};
//!
//! let pattern = PathPattern::parse("/(shop)/items/[id]/[...rest]").unwrap();
//! assert_eq!(pattern.url(), "/items/[id]/[...rest]");
//! assert_eq!(pattern.param_names().collect::<Vec<_>>(), ["id", "rest"]);
//! assert_eq!(pattern.segments()[1], Segment::Literal("items"));
//!
//! let err = PathPattern::parse("/items/[id").unwrap_err();
//! assert_eq!(&"/items/[id"[err.span.clone()], "[id");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod method;
mod parse;
mod pattern;

pub use error::PathError;
pub use method::Method;
pub use pattern::{PathPattern, Segment, UrlSegment};

/// A parameter's name as Rust code spells it: `product-id` (a Next.js
/// folder name) is `product_id` in a `Params<T>` field and an `href!` key.
/// The URL pattern, the listing and OpenAPI keep the name as written.
///
/// ```
/// assert_eq!(approute_path::rust_name("product-id"), "product_id");
/// assert_eq!(approute_path::rust_name("id"), "id");
/// ```
pub fn rust_name(name: &str) -> std::borrow::Cow<'_, str> {
    match name.contains('-') {
        true => std::borrow::Cow::Owned(name.replace('-', "_")),
        false => std::borrow::Cow::Borrowed(name),
    }
}
