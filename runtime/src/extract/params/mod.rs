//! `Params<T>`: the dynamic segments of the matched route, deserialised with
//! serde — a struct with named fields, a single value, or a tuple. The
//! extractor here; serde's `Deserializer` over the captured values (`de`),
//! the error it ends in (`error`) and the start-up check that `T` fits its
//! route (`probe`).

mod de;
mod error;
mod probe;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use crate::routing::request_route::with_route;
use de::ParamsDeserializer;
pub use error::ParamsError;
pub use probe::check_params;

/// The route's dynamic segments as `T`.
///
/// ```
/// use approute::prelude::*;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Post { year: u16, slug: String }
///
/// #[route("/blog/[year]/[slug]")]
/// async fn GET(Params(post): Params<Post>) -> String {
///     format!("{} from {}", post.slug, post.year)
/// }
///
/// #[route("/docs/[...path]")]
/// mod docs {
///     use approute::prelude::*;
///     pub async fn GET(Params(path): Params<Vec<String>>) -> String { path.join(" > ") }
/// }
/// # fn main() {}
/// ```
///
/// A segment that does not parse as its type (or that the type refuses, such
/// as `0` for `NonZeroU32`) answers 404 with a JSON body naming the
/// parameter: `/blog/20x4/hi` is not a page of this blog. A `T` that cannot
/// fit its route at all (`Params<u32>` on `/a/[x]/[y]`, a struct field that
/// names no parameter) is found when the table is built, and reported by
/// [`routes`](crate::routes) with the handler's location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params<T>(pub T);

impl<T> Params<T> {
    /// The deserialized parameters.
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/comments/[id]")]
    /// async fn GET(id: Params<u32>) -> String {
    ///     id.into_inner().to_string()
    /// }
    /// # fn main() {}
    /// ```
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Params<T> {
    type Error = ParamsError;
    type Future = std::future::Ready<Result<Self, ParamsError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let read = with_route(req, |matched| {
            T::deserialize(ParamsDeserializer {
                params: matched.params(),
                probe: false,
            })
            .map(Params)
        });
        let result = read.unwrap_or_else(|| {
            Err(ParamsError::structure(
                "`Params` read outside an approute handler: no route parameters on this request",
            ))
        });
        std::future::ready(result)
    }
}
