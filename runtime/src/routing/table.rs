//! The validated, ordered route table and its start-up listing.

use std::fmt;
use std::sync::Arc;

use super::compiled::{Compiled, Settings};
use super::lookup::{route, Detour};
use super::middleware_plan::ChainLink;
use super::problems::{Conflicts, Problem, RouteError};
use super::route_match::{Resolution, RouteMatch};
use crate::registry::route::{Kind, Location, Method, Registration};
use crate::url::captures::Captures;

/// Every registered handler, validated and ordered by precedence.
///
/// Cheap to clone: workers share one table.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/hello")]
/// async fn GET() -> &'static str { "Hello" }
///
/// let table = approute::routes().unwrap();
/// println!("{table}"); // the start-up listing, in precedence order
/// let app = actix_web::App::new().configure(|cfg| table.configure(cfg));
/// # let _ = app;
/// ```
#[derive(Clone)]
pub struct RouteTable {
    pub(crate) inner: Arc<Compiled>,
}

/// One handler in the table, as [`RouteTable::entries`] lists it.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/hello")]
/// async fn GET() -> &'static str { "Hello" }
///
/// let table = approute::routes().unwrap();
/// let hello = table.entries().find(|entry| entry.url == "/hello").unwrap();
/// assert_eq!((hello.method, hello.shadowed), (approute::routing::Method::GET, false));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RouteEntry {
    /// The path as written in the attribute, route groups included.
    pub pattern: &'static str,
    /// The URL it answers, route groups left out.
    pub url: String,
    /// The method it answers (`GET` for a page).
    pub method: Method,
    /// A route handler or a page.
    pub kind: Kind,
    /// Where the handler is written.
    pub location: Location,
    /// A page that never answers because a route handler's GET does.
    pub shadowed: bool,
    /// The `#[middleware]` that run before it, outermost first.
    pub middleware: Vec<ChainLink>,
    /// `max_duration = N`: how long it may run before a 504.
    pub max_duration: Option<std::time::Duration>,
    /// A GET that accepts a WebSocket upgrade.
    pub websocket: bool,
}

impl RouteTable {
    /// Collects every handler linked into this binary.
    ///
    /// ```
    /// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
    /// use approute::routing::{Conflicts, RouteTable};
    ///
    /// let table = RouteTable::from_registry(Conflicts::Warn).unwrap();
    /// # let _ = table;
    /// ```
    pub fn from_registry(conflicts: Conflicts) -> Result<RouteTable, RouteError> {
        let inner = super::build::build(
            crate::registry::routes(),
            crate::registry::middleware(),
            crate::registry::links(),
            conflicts,
        )?;
        Ok(RouteTable {
            inner: Arc::new(inner),
        })
    }

    /// Next.js's `trailingSlash: true`: `/comments/` is each route's URL,
    /// and `/comments` is 308 to it (query kept); `/` and a mount point stay
    /// as they are. `href!(&req, ..)` writes the slash (an `href!` without
    /// the request cannot know the table), and so do OpenAPI's paths.
    ///
    /// ```
    /// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
    /// let table = approute::routes().unwrap().trailing_slash(true);
    /// # let _ = table;
    /// ```
    pub fn trailing_slash(mut self, on: bool) -> Self {
        self.settings_mut().trailing_slash = on;
        self
    }

    /// The settings, this table's own: a clone made earlier keeps the ones
    /// it had (the table is copied then, once).
    pub(crate) fn settings_mut(&mut self) -> &mut Settings {
        &mut Arc::make_mut(&mut self.inner).settings
    }

    /// Builds a table from an explicit list, e.g. in tests; no middleware,
    /// and no `href!` checked.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::{Conflicts, Registration, RouteTable};
    ///
    /// #[route("/public/hello")]
    /// async fn GET() -> &'static str { "Hello" }
    ///
    /// // Only the routes under `/public`.
    /// let public = inventory::iter::<Registration>
    ///     .into_iter()
    ///     .filter(|registration| registration.path().starts_with("/public/"));
    /// let table = RouteTable::from_registrations(public, Conflicts::Deny).unwrap();
    /// assert_eq!(table.entries().count(), 1);
    /// ```
    pub fn from_registrations(
        registrations: impl IntoIterator<Item = &'static Registration>,
        conflicts: Conflicts,
    ) -> Result<RouteTable, RouteError> {
        let inner = super::build::build(registrations, [], [], conflicts)?;
        Ok(RouteTable {
            inner: Arc::new(inner),
        })
    }

    /// Every handler, in precedence order.
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/hello")]
    /// async fn GET() -> &'static str { "Hello" }
    ///
    /// for entry in approute::routes().unwrap().entries() {
    ///     println!("{} {} at {}", entry.method.as_str(), entry.pattern, entry.location);
    /// }
    /// ```
    pub fn entries(&self) -> impl Iterator<Item = RouteEntry> + '_ {
        self.inner.endpoints.iter().flat_map(move |endpoint| {
            endpoint.handlers.clone().map(move |index| {
                let registration = self.inner.registrations[index];
                RouteEntry {
                    pattern: registration.path(),
                    url: endpoint.url.to_string(),
                    method: registration.method(),
                    kind: registration.kind(),
                    location: registration.location(),
                    shadowed: endpoint
                        .shadowed_page()
                        .is_some_and(|(_, page)| page == index),
                    middleware: self.inner.middleware.links(endpoint.chain),
                    max_duration: registration.max_duration(),
                    websocket: registration.websocket(),
                }
            })
        })
    }

    /// Every handler that answers (a shadowed page does not), in table order.
    #[cfg(feature = "openapi")]
    pub(crate) fn answering(&self) -> impl Iterator<Item = &'static Registration> + '_ {
        self.inner.endpoints.iter().flat_map(move |endpoint| {
            let shadowed = endpoint.shadowed_page().map(|(_, page)| page);
            endpoint
                .handlers
                .clone()
                .filter(move |index| Some(*index) != shadowed)
                .map(move |index| self.inner.registrations[index])
        })
    }

    /// Problems that do not stop the application, such as a shadowed page.
    ///
    /// ```
    /// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
    /// for warning in approute::routes().unwrap().warnings() {
    ///     eprintln!("warning: {warning}");
    /// }
    /// ```
    pub fn warnings(&self) -> &[Problem] {
        &self.inner.warnings
    }

    /// What approute answers for a request to `path` (its method aside),
    /// as the dispatcher finds it: the route, a redirect to a same-origin
    /// path, a 400 for a segment the route cannot take, or nothing (the
    /// request falls through). The route borrows the table.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::{Conflicts, Resolution, RouteTable};
    ///
    /// #[route("/docs/[...slug]")]
    /// async fn GET() -> &'static str { "" }
    ///
    /// let table = RouteTable::from_registry(Conflicts::Warn).unwrap();
    /// assert!(matches!(table.resolve("/docs/a/b"), Resolution::Route(_)));
    /// assert!(matches!(table.resolve("/docs/a/"), Resolution::Redirect(to) if to == "/docs/a"));
    /// assert!(matches!(table.resolve("/docs/a%2Fb"), Resolution::BadSegment));
    /// assert!(matches!(table.resolve("/elsewhere"), Resolution::NoRoute));
    /// ```
    #[inline]
    pub fn resolve(&self, path: &str) -> Resolution<'_> {
        let mut captures = Captures::new();
        match route(&self.inner, path, &mut captures) {
            Some(Ok(endpoint)) => {
                Resolution::Route(RouteMatch::borrowing(&self.inner, endpoint, captures))
            }
            Some(Err(Detour::Redirect(location))) => Resolution::Redirect(location),
            Some(Err(Detour::BadSegment(_))) => Resolution::BadSegment,
            None => Resolution::NoRoute,
        }
    }
}

/// The route listing printed at start-up, like `next build`'s.
impl fmt::Display for RouteTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let entries: Vec<RouteEntry> = self.entries().collect();
        let width = entries
            .iter()
            .map(|entry| entry.pattern.len())
            .max()
            .unwrap_or(0);
        writeln!(
            f,
            "Routes ({} handlers, in precedence order)",
            entries.len()
        )?;
        for entry in &entries {
            let note = if entry.shadowed {
                "  (shadowed by a route)"
            } else if entry.websocket {
                "  (websocket)"
            } else {
                ""
            };
            write!(
                f,
                "  {:<7} {:<width$}  {:<5}  {}{note}",
                entry.method.as_str(),
                entry.pattern,
                entry.kind,
                entry.location,
            )?;
            for (at, link) in entry.middleware.iter().enumerate() {
                let lead = if at == 0 { "  via " } else { ", " };
                let some = if link.every_path { "" } else { " (some paths)" };
                write!(f, "{lead}{}{some}", link.name)?;
            }
            writeln!(f)?;
        }
        for warning in self.warnings() {
            writeln!(f, "\nwarning: {warning}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for RouteTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.entries()).finish()
    }
}
