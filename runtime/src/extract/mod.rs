//! What handlers take as arguments, beside actix-web's own extractors: the
//! route's parameters ([`Params`], with [`RelativePath`] for a file path),
//! the query ([`SearchParams`]), JSON bodies with JSON errors ([`Json`]) and
//! Next.js's cookie store ([`Cookies`]).

pub(crate) mod cookies;
pub(crate) mod json;
pub(crate) mod params;
pub(crate) mod relative_path;
pub(crate) mod search;

pub use cookies::{Cookies, InvalidCookie};
pub use json::{Json, JsonError};
pub use params::{Params, ParamsError};
pub use relative_path::{RelativePath, UnsafePath};
pub use search::SearchParams;
