//! `SearchParams`: the query string, read the way Next.js's
//! `request.nextUrl.searchParams` reads it.

use std::convert::Infallible;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

/// The query string's pairs, percent-decoded, in order.
///
/// `get` returns the first value of a key (as Next.js does); typed queries use
/// [`Query<T>`](crate::prelude::Query).
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/comments")]
/// async fn GET(search: SearchParams) -> String {
///     search.get("query").unwrap_or("everything").to_owned()
/// }
/// # fn main() {}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchParams {
    pairs: Vec<(String, String)>,
}

impl SearchParams {
    /// Parses a query string such as `query=first&page=2`.
    ///
    /// ```
    /// let search = approute::extract::SearchParams::parse("query=first%20one&page=2");
    /// assert_eq!(search.get("query"), Some("first one"));
    /// ```
    pub fn parse(query: &str) -> Self {
        SearchParams {
            pairs: form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
        }
    }

    /// The first value of `key`.
    ///
    /// ```
    /// let search = approute::extract::SearchParams::parse("tag=a&tag=b");
    /// assert_eq!(search.get("tag"), Some("a"));
    /// assert_eq!(search.get("page"), None);
    /// ```
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of `key`, in order.
    ///
    /// ```
    /// let search = approute::extract::SearchParams::parse("tag=a&tag=b");
    /// assert_eq!(search.get_all("tag").collect::<Vec<_>>(), ["a", "b"]);
    /// ```
    pub fn get_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// Whether `key` appears at all (even as `?key` with no value).
    ///
    /// ```
    /// let search = approute::extract::SearchParams::parse("draft&page=2");
    /// assert!(search.has("draft"));
    /// assert!(!search.has("query"));
    /// ```
    pub fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(name, _)| name == key)
    }

    /// Every pair, in order.
    ///
    /// ```
    /// let search = approute::extract::SearchParams::parse("a=1&b=2");
    /// assert_eq!(search.iter().collect::<Vec<_>>(), [("a", "1"), ("b", "2")]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }
}

impl FromRequest for SearchParams {
    type Error = Infallible;
    type Future = std::future::Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(SearchParams::parse(req.query_string())))
    }
}
