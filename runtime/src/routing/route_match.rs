//! The public view of a lookup: the route a request matched, and what
//! [`RouteTable::resolve`](crate::routing::RouteTable::resolve) decides for a path.

use std::fmt;
use std::sync::Arc;

use super::compiled::{Compiled, Settings};
use super::tree::EndpointId;
use crate::url::captures::{Captures, RouteParams};

/// What [`RouteTable::resolve`](crate::routing::RouteTable::resolve) decides for a
/// request path.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Resolution {
    /// A route serves the path.
    Route(RouteMatch),
    /// 308 to this path (trailing slash or dot segments resolved); always
    /// one leading `/` and no `\`.
    Redirect(String),
    /// 400: a segment is not UTF-8 once percent-decoded, or a catch-all's
    /// segment holds a `\\`, or a `/`, `\\` or NUL once decoded.
    BadSegment,
    /// No route: the request falls through to the application's services.
    NoRoute,
}

/// The route a request matched ([`RouteMatch::of`]): its pattern (for
/// logging and metrics labels) and its decoded parameters.
#[derive(Clone)]
pub struct RouteMatch {
    /// The table that owns the endpoint's pattern and `Allow` value.
    table: Arc<Compiled>,
    pub(crate) endpoint: EndpointId,
    pub(crate) params: Captures,
}

impl RouteMatch {
    pub(crate) fn new(table: &Arc<Compiled>, endpoint: EndpointId, params: Captures) -> Self {
        RouteMatch {
            table: Arc::clone(table),
            endpoint,
            params,
        }
    }

    /// The table that answers.
    pub(crate) fn table(&self) -> &Arc<Compiled> {
        &self.table
    }

    /// The settings of the table that answers.
    pub(crate) fn settings(&self) -> &Settings {
        &self.table.settings
    }

    /// The matched URL pattern, e.g. `/comments/[id]`.
    pub fn pattern(&self) -> &str {
        &self.table.endpoints[self.endpoint].url
    }

    /// The methods this route answers, as its `Allow` header lists them.
    pub fn allow(&self) -> &str {
        self.table.endpoints[self.endpoint].allow_str()
    }

    /// The dynamic segments in path order, each name and its value,
    /// percent-decoded (a catch-all's segments one by one as they are read).
    pub fn params(&self) -> RouteParams<'_> {
        RouteParams::new(&self.table.endpoints[self.endpoint].params, &self.params)
    }
}

/// The route [`RouteTable::match_path`](crate::routing::RouteTable::match_path)
/// found for a path: a [`RouteMatch`] that borrows its table (so a lookup
/// touches no reference count, which costs more than the rest of a short
/// lookup: BENCHMARKS.md section 3b). [`PathMatch::into_route_match`] makes
/// the owned one.
pub struct PathMatch<'t> {
    table: &'t Arc<Compiled>,
    endpoint: EndpointId,
    params: Captures,
}

impl<'t> PathMatch<'t> {
    pub(crate) fn new(table: &'t Arc<Compiled>, endpoint: EndpointId, params: Captures) -> Self {
        PathMatch {
            table,
            endpoint,
            params,
        }
    }

    /// The matched URL pattern, e.g. `/comments/[id]`.
    pub fn pattern(&self) -> &'t str {
        &self.table.endpoints[self.endpoint].url
    }

    /// The methods this route answers, as its `Allow` header lists them.
    pub fn allow(&self) -> &'t str {
        self.table.endpoints[self.endpoint].allow_str()
    }

    /// The dynamic segments in path order, each name and its value,
    /// percent-decoded.
    pub fn params(&self) -> RouteParams<'_> {
        RouteParams::new(&self.table.endpoints[self.endpoint].params, &self.params)
    }

    /// The owned match, as [`RouteMatch::of`] gives it for a request.
    pub fn into_route_match(self) -> RouteMatch {
        RouteMatch::new(self.table, self.endpoint, self.params)
    }
}

fn debug_match(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    pattern: &str,
    allow: &str,
    params: RouteParams<'_>,
) -> fmt::Result {
    f.debug_struct(name)
        .field("pattern", &pattern)
        .field("allow", &allow)
        .field("params", &params)
        .finish()
}

impl fmt::Debug for RouteMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_match(f, "RouteMatch", self.pattern(), self.allow(), self.params())
    }
}

impl fmt::Debug for PathMatch<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_match(f, "PathMatch", self.pattern(), self.allow(), self.params())
    }
}
