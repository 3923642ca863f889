//! From a request path to what approute answers: a route, a redirect, a 400
//! or nothing (the request falls through to the application's services).

use std::sync::Arc;

use super::compiled::Compiled;
use super::route_match::RouteMatch;
use crate::url::canonical::{canonical_location, under_prefix};
use crate::url::captures::Captures;
use crate::url::mount::Mounted;
use crate::url::request_path::{check_path, has_empty_segment, plain_path, PathShape};

/// What a lookup found for a request path.
pub(crate) enum Lookup {
    Found(RouteMatch),
    Detour(Detour),
}

/// An answer approute gives without running a handler, kept as a request
/// extension from the guard to the service when no route matched as is.
pub(crate) enum Detour {
    /// The path matches once its trailing `/` and dot segments are
    /// resolved: a 308 to this same-origin path.
    Redirect(String),
    /// A segment the route cannot take: a 400 with this message.
    BadSegment(String),
}

#[inline]
pub(crate) fn lookup(table: &Arc<Compiled>, path: &str) -> Option<Lookup> {
    if table.settings.trailing_slash {
        return lookup_with_trailing_slash(table, path);
    }
    lookup_without_trailing_slash(table, path)
}

/// The default, Next.js's: `/comments` is the URL, `/comments/` is 308 to it.
/// Inlined into `lookup`: this is every request's path.
#[inline(always)]
fn lookup_without_trailing_slash(table: &Arc<Compiled>, path: &str) -> Option<Lookup> {
    // First, before the path's bytes are checked: a static URL's spelling
    // holds no `%`, no dot or empty segment and no trailing `/`, so a path
    // that is one byte for byte is already in its canonical form.
    if let Some(endpoint) = table.static_urls.get(path) {
        return Some(Lookup::Found(RouteMatch::new(
            table,
            endpoint,
            Captures::new(),
        )));
    }
    if let Some(segments) = plain_path(path) {
        let mut captures = Captures::new();
        if let Some(endpoint) = table.tree.find_plain(segments, &mut captures) {
            if let Some(segment) = catch_all_segment_with_separator(&captures) {
                return Some(separator_in_catch_all(segment));
            }
            return Some(Lookup::Found(RouteMatch::new(table, endpoint, captures)));
        }
        // A miss, unless an empty segment inside stopped the walk: that
        // path may redirect to one with a route.
        if !segments.is_some_and(has_empty_segment) {
            return None;
        }
    }
    match check_path(path) {
        PathShape::Segments { path, encoded } => {
            let mut captures = Captures::new();
            let endpoint = table.tree.find(path, encoded, &mut captures)?;
            if let Some(segment) = catch_all_segment_with_separator(&captures) {
                return Some(separator_in_catch_all(segment));
            }
            Some(Lookup::Found(RouteMatch::new(table, endpoint, captures)))
        }
        // Claimed only where a route would match (decoding lossily), so
        // that other paths still fall through to the user's services.
        PathShape::BadEncoding { segment, path } => {
            table.tree.find(Some(path), true, &mut Captures::new())?;
            Some(Lookup::Detour(Detour::BadSegment(format!(
                "path segment `{segment}` is not valid UTF-8 once percent-decoded"
            ))))
        }
        // Redirected only where the resolved path has a route, so that
        // other paths still fall through to the user's services.
        PathShape::EmptySegment | PathShape::DotSegment => {
            let location = canonical_location(path)?;
            let PathShape::Segments { path, encoded } = check_path(&location) else {
                return None;
            };
            let mut captures = Captures::new();
            table.tree.find(path, encoded, &mut captures)?;
            // Never a redirect to a URL its route refuses: the 400 at once.
            if let Some(segment) = catch_all_segment_with_separator(&captures) {
                return Some(separator_in_catch_all(segment));
            }
            Some(Lookup::Detour(Detour::Redirect(location)))
        }
    }
}

/// `trailing_slash` (Next.js's `trailingSlash: true`): `/comments/` is the
/// URL and `/comments` is 308 to it; `/` stays as it is. Everything else
/// (dot segments, empty segments, what falls through) as without it.
fn lookup_with_trailing_slash(table: &Arc<Compiled>, path: &str) -> Option<Lookup> {
    if path == "/" {
        return lookup_without_trailing_slash(table, path);
    }
    if let Some(without) = path.strip_suffix('/') {
        if let PathShape::Segments { .. } = check_path(without) {
            // Only the slash differs from the default's URL: served as is.
            return lookup_without_trailing_slash(table, without);
        }
    }
    match lookup_without_trailing_slash(table, path)? {
        Lookup::Found(_) => {
            let location = canonical_location(path)?;
            Some(Lookup::Detour(Detour::Redirect(with_trailing_slash(
                location,
            ))))
        }
        Lookup::Detour(Detour::Redirect(location)) => Some(Lookup::Detour(Detour::Redirect(
            with_trailing_slash(location),
        ))),
        bad_segment => Some(bad_segment),
    }
}

fn with_trailing_slash(mut location: String) -> String {
    if location != "/" {
        location.push('/');
    }
    location
}

/// A catch-all's segments are path segments (DESIGN, "Hostile input"): one
/// that decodes to more than a segment is refused where its route matches.
/// A single `[param]` keeps its decoded value, `/` included. A catch-all
/// ends its URL, so it is the last capture if there is one.
#[inline]
fn catch_all_segment_with_separator(captures: &Captures) -> Option<&str> {
    let (_, last) = captures.last()?;
    last.segments()?.segment_with_separator()
}

#[cold]
fn separator_in_catch_all(segment: &str) -> Lookup {
    Lookup::Detour(Detour::BadSegment(format!(
        "path segment `{segment}` holds a `/`, `\\` or NUL once percent-decoded; a catch-all takes whole path segments only"
    )))
}

/// [`lookup`] for a table mounted under a scope: the path after the prefix,
/// and the prefix in every `Location`. As Next.js does with a `basePath`,
/// the mount point itself (`/api`) is the root route's URL and `/api/`
/// redirects to it.
pub(crate) fn lookup_mounted(table: &Arc<Compiled>, mounted: &Mounted<'_>) -> Option<Lookup> {
    let path = match mounted.path {
        "" => "/",
        "/" if !mounted.prefix.is_empty() => {
            let Lookup::Found(_) = lookup(table, "/")? else {
                return None;
            };
            return redirect_under(mounted.prefix, "/");
        }
        path => path,
    };
    match lookup(table, path)? {
        Lookup::Detour(Detour::Redirect(location)) => redirect_under(mounted.prefix, &location),
        found_or_bad_encoding => Some(found_or_bad_encoding),
    }
}

fn redirect_under(prefix: &str, location: &str) -> Option<Lookup> {
    let location = under_prefix(prefix, location)?;
    Some(Lookup::Detour(Detour::Redirect(location)))
}
