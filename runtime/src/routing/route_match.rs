//! The public view of a lookup: the route a request matched, and what
//! [`RouteTable::resolve`](crate::routing::RouteTable::resolve) decides for a path.

use std::fmt;
use std::sync::Arc;

use super::compiled::{Compiled, Settings};
use super::tree::EndpointId;
use crate::url::captures::{Captures, RouteParams};

/// What [`RouteTable::resolve`](crate::routing::RouteTable::resolve) decides for a
/// request path.
///
/// ```
/// use approute::prelude::*;
/// use approute::routing::Resolution;
///
/// #[route("/comments")]
/// async fn GET() -> &'static str { "" }
///
/// let table = approute::routes().unwrap();
/// assert!(matches!(table.resolve("/comments"), Resolution::Route(_)));
/// assert!(matches!(table.resolve("/comments/"), Resolution::Redirect(to) if to == "/comments"));
/// assert!(matches!(table.resolve("/x/../comments"), Resolution::Redirect(_)));
/// assert!(matches!(table.resolve("/nothing"), Resolution::NoRoute));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Resolution<'t> {
    /// A route serves the path.
    Route(RouteMatch<'t>),
    /// 308 to this path (trailing slash or dot segments resolved); always
    /// one leading `/` and no `\`.
    Redirect(String),
    /// 400: a segment is not UTF-8 once percent-decoded, or a catch-all's
    /// segment holds a `\\`, or a `/`, `\\` or NUL once decoded.
    BadSegment,
    /// No route: the request falls through to the application's services.
    NoRoute,
}

/// The route a path matched: its pattern (for logging and metrics labels)
/// and its decoded parameters. [`RouteMatch::of`] gives the one of a
/// request, [`RouteTable::resolve`](crate::routing::RouteTable::resolve) the
/// one of a path, borrowing the table (a lookup then touches no reference
/// count, which would cost more than the rest of a short lookup).
///
/// ```
/// use approute::prelude::*;
/// use approute::routing::{Conflicts, Resolution, RouteTable};
///
/// #[route("/comments/[id]")]
/// async fn GET() -> &'static str { "" }
///
/// let table = RouteTable::from_registry(Conflicts::Warn).unwrap();
/// let Resolution::Route(found) = table.resolve("/comments/7") else { panic!() };
/// assert_eq!(found.pattern(), "/comments/[id]");
/// assert_eq!(found.allow(), "GET, HEAD, OPTIONS");
/// assert_eq!(found.params().get("id").and_then(|id| id.as_str()), Some("7"));
/// ```
#[derive(Clone)]
pub struct RouteMatch<'t> {
    /// The table that owns the endpoint's pattern and `Allow` value.
    table: TableRef<'t>,
    pub(crate) endpoint: EndpointId,
    pub(crate) params: Captures,
}

/// A match's table: borrowed from a `RouteTable`, or shared (the one a
/// request's match keeps, which outlives any borrow).
#[derive(Clone)]
enum TableRef<'t> {
    Borrowed(&'t Arc<Compiled>),
    Shared(Arc<Compiled>),
}

impl RouteMatch<'static> {
    pub(crate) fn new(table: &Arc<Compiled>, endpoint: EndpointId, params: Captures) -> Self {
        RouteMatch {
            table: TableRef::Shared(Arc::clone(table)),
            endpoint,
            params,
        }
    }
}

impl<'t> RouteMatch<'t> {
    pub(crate) fn borrowing(
        table: &'t Arc<Compiled>,
        endpoint: EndpointId,
        params: Captures,
    ) -> Self {
        RouteMatch {
            table: TableRef::Borrowed(table),
            endpoint,
            params,
        }
    }

    /// The table that answers.
    pub(crate) fn table(&self) -> &Arc<Compiled> {
        match &self.table {
            TableRef::Borrowed(table) => table,
            TableRef::Shared(table) => table,
        }
    }

    /// The settings of the table that answers.
    pub(crate) fn settings(&self) -> &Settings {
        &self.table().settings
    }

    /// The matched URL pattern, e.g. `/comments/[id]`.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/comments/[id]")]
    /// mod comment {
    ///     pub async fn GET() -> &'static str { "" }
    ///     pub async fn DELETE() -> &'static str { "" }
    /// }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/comments/7") else { panic!() };
    /// assert_eq!(found.pattern(), "/comments/[id]");
    /// ```
    pub fn pattern(&self) -> &str {
        &self.table().endpoints[self.endpoint].url
    }

    /// The methods this route answers, as its `Allow` header lists them.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/comments/[id]")]
    /// mod comment {
    ///     pub async fn GET() -> &'static str { "" }
    ///     pub async fn DELETE() -> &'static str { "" }
    /// }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/comments/7") else { panic!() };
    /// assert_eq!(found.allow(), "DELETE, GET, HEAD, OPTIONS");
    /// ```
    pub fn allow(&self) -> &str {
        self.table().endpoints[self.endpoint].allow_str()
    }

    /// The dynamic segments in path order, each name and its value,
    /// percent-decoded (a catch-all's segments one by one as they are read).
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/comments/[id]")]
    /// mod comment {
    ///     pub async fn GET() -> &'static str { "" }
    ///     pub async fn DELETE() -> &'static str { "" }
    /// }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/comments/7") else { panic!() };
    /// let (name, value) = found.params().next().unwrap();
    /// assert_eq!((name, value.as_str()), ("id", Some("7")));
    /// ```
    pub fn params(&self) -> RouteParams<'_> {
        RouteParams::new(&self.table().endpoints[self.endpoint].params, &self.params)
    }

    /// The same match, holding the table instead of borrowing it: to keep
    /// it beyond the `RouteTable` it came from.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/comments/[id]")]
    /// mod comment {
    ///     pub async fn GET() -> &'static str { "" }
    ///     pub async fn DELETE() -> &'static str { "" }
    /// }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/comments/7") else { panic!() };
    /// let kept: approute::routing::RouteMatch<'static> = found.into_owned();
    /// drop(table);
    /// assert_eq!(kept.pattern(), "/comments/[id]");
    /// ```
    pub fn into_owned(self) -> RouteMatch<'static> {
        let table = match self.table {
            TableRef::Borrowed(table) => Arc::clone(table),
            TableRef::Shared(table) => table,
        };
        RouteMatch {
            table: TableRef::Shared(table),
            endpoint: self.endpoint,
            params: self.params,
        }
    }
}

impl fmt::Debug for RouteMatch<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RouteMatch")
            .field("pattern", &self.pattern())
            .field("allow", &self.allow())
            .field("params", &self.params())
            .finish()
    }
}
