//! The route a request matched, found again from the request itself: the
//! one mechanism by which everything after the dispatcher reads it
//! ([`RouteMatch::of`], `Params<T>`, and the table's settings: the error
//! body, the cache store, the sockets, `href!`'s trailing slash).
//!
//! A request extension is the obvious place, and the dearest: actix-web
//! gives each request a fresh extension map, so the first insert allocates
//! its table and a box for the value (more than the rest of the dispatch of
//! `/hello`; ARCHITECTURE.md, "Finding the match again"). So `configure`
//! leaves the table in the application data of the scope it mounts
//! (`MountedTable`, with the `Place` its service tells), and a reader looks
//! the request's path up in it again, which gives the dispatcher's answer:
//! the path, the mount point and the table are the ones it read.
//!
//! Where that would not hold, [`Place::keep_if_needed`], the one function
//! that decides, leaves the match on the request as an extension, which
//! readers look at first:
//! - a `#[middleware]` route: a middleware may rewrite the request before
//!   the handler;
//! - the mount point of a scope itself: a resource of the user's in the
//!   same scope leaves the same empty rest (see `MountedTable::lookup`);
//! - a table whose scope's data names another table (two tables configured
//!   side by side in one scope).

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use actix_web::dev::ServiceRequest;
use actix_web::{HttpMessage, HttpRequest};

use super::compiled::{Compiled, Settings};
use super::lookup::{lookup, lookup_mounted, Lookup};
use super::route_match::RouteMatch;
use super::route_patterns::MountPoint;
use crate::url::mount::Mounted;

/// The table `configure` mounted, in the application data of its scope.
pub(crate) struct MountedTable {
    table: Arc<Compiled>,
    place: Rc<Place>,
}

/// Where the table is mounted, as the service that mounts it tells: one
/// per worker's application.
#[derive(Default)]
pub(crate) struct Place {
    /// At the root or under a scope: told when actix-web registers the
    /// service, before any request.
    point: Cell<MountPoint>,
    /// Under a scope, how many segments its prefix has (`/api` one,
    /// `/{tenant}/api` two: the same for every request it routes): told
    /// by the service's first request. A scope of the user's inside it
    /// leaves a longer prefix matched.
    scope_depth: Cell<Option<usize>>,
    /// Whether the scope's data names this place's table, so that its
    /// requests find their route again there: the same for every request
    /// (where the table is configured decides), so checked once.
    names_its_table: Cell<Option<bool>>,
}

impl Place {
    pub(crate) fn under_a_scope(&self) {
        self.point.set(MountPoint::Scope);
    }

    /// The service's request under the scope, mounted at `prefix`.
    #[inline]
    pub(crate) fn saw(&self, prefix: &str) {
        if self.scope_depth.get().is_none() {
            self.scope_depth.set(Some(depth(prefix)));
        }
    }

    /// Leaves `found` on `req` as an extension where finding it again from
    /// the request could differ from the dispatcher's answer (the cases of
    /// the module's docs), and drops it everywhere else.
    #[inline]
    pub(crate) fn keep_if_needed(
        &self,
        req: &mut ServiceRequest,
        found: RouteMatch<'static>,
        behind_middleware: bool,
        at_mount_point: bool,
    ) {
        if behind_middleware || at_mount_point || !self.names_its_table(req, &found) {
            req.extensions_mut().insert(found);
        }
    }

    #[inline]
    fn names_its_table(&self, req: &ServiceRequest, found: &RouteMatch<'_>) -> bool {
        if let Some(known) = self.names_its_table.get() {
            return known;
        }
        let known = req
            .app_data::<MountedTable>()
            .is_some_and(|mounted| Arc::ptr_eq(&mounted.table, found.table()));
        self.names_its_table.set(Some(known));
        known
    }
}

/// The segments of a raw path prefix (no trailing `/`).
fn depth(prefix: &str) -> usize {
    prefix.bytes().filter(|&byte| byte == b'/').count()
}

impl MountedTable {
    pub(crate) fn new(table: Arc<Compiled>) -> Self {
        MountedTable {
            table,
            place: Rc::default(),
        }
    }

    /// Where the service that mounts the table tells where it is.
    pub(crate) fn place(&self) -> Rc<Place> {
        Rc::clone(&self.place)
    }

    /// The dispatcher's lookup of `req`, again. At the root, of the whole
    /// path, as the guard and `serve`'s service read it (not of what
    /// actix-web left unmatched: a service of the user's own matched some of
    /// it). Under a scope, of the rest after the scope's match, where the
    /// scope's match is the one the service saw (a scope of the user's inside
    /// it matched more); the scope's own URL (an empty rest) is left out: a
    /// resource of the user's in the same scope leaves an empty rest too, and
    /// approute keeps the match of the mount point itself as an extension.
    fn lookup(&self, req: &HttpRequest) -> Option<Lookup> {
        match self.place.point.get() {
            MountPoint::Root => lookup(&self.table, req.path()),
            MountPoint::Scope => {
                let mounted = Mounted::from_match(req.path(), req.match_info());
                let depth_seen = self.place.scope_depth.get()?;
                if mounted.path.is_empty() || depth(mounted.prefix) != depth_seen {
                    return None;
                }
                lookup_mounted(&self.table, &mounted)
            }
        }
    }
}

impl RouteMatch<'static> {
    /// The route of approute's table that serves `req`'s path: its pattern
    /// (for a log or a metrics label) and its decoded parameters. `None`
    /// where no table is mounted in the request's scope, or where the table
    /// has no route for the path.
    ///
    /// In a handler and in a `#[middleware]`, the route that serves the
    /// request. In actix-web middleware around the application, read it from
    /// the response's request (`res.request()`): before routing the scope's
    /// data is not there yet. It is the route of *approute's* table for the
    /// path: a service of your own registered before approute that serves
    /// the same path is not approute's, but the path still names its route
    /// (actix-web's `match_pattern()` says whose service answered).
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::RouteMatch;
    ///
    /// #[route("/comments/[id]")]
    /// async fn GET(req: HttpRequest) -> String {
    ///     let route = RouteMatch::of(&req).expect("approute serves this request");
    ///     let id = route.params().get("id").and_then(|id| id.as_str()).unwrap_or_default();
    ///     format!("{} with id {id}", route.pattern())
    /// }
    /// # fn main() {}
    /// ```
    pub fn of(req: &HttpRequest) -> Option<RouteMatch<'static>> {
        with_route(req, |found| found.clone().into_owned())
    }
}

/// [`RouteMatch::of`], read where it is: the extension borrowed, not cloned.
pub(crate) fn with_route<R>(
    req: &HttpRequest,
    read: impl FnOnce(&RouteMatch<'_>) -> R,
) -> Option<R> {
    if let Some(kept) = req.extensions().get::<RouteMatch<'static>>() {
        return Some(read(kept));
    }
    match req.app_data::<MountedTable>()?.lookup(req)? {
        Lookup::Found(found) => Some(read(&found)),
        Lookup::Detour(_) => None,
    }
}

/// The settings of the table that serves `req` (its error body, its cache
/// store, its open sockets), read where they are: no lookup.
pub(crate) fn with_settings<R>(req: &HttpRequest, read: impl FnOnce(&Settings) -> R) -> Option<R> {
    if let Some(kept) = req.extensions().get::<RouteMatch<'static>>() {
        return Some(read(kept.settings()));
    }
    Some(read(&req.app_data::<MountedTable>()?.table.settings))
}
