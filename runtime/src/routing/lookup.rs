//! From a request path to what approute answers: a route, a redirect, a 400
//! or nothing (the request falls through to the application's services).

use std::sync::Arc;

use super::compiled::Compiled;
use super::route_match::RouteMatch;
use super::tree::{EndpointId, Stop};
use crate::url::canonical::{canonical_location, under_prefix};
use crate::url::captures::Captures;
use crate::url::mount::Mounted;
use crate::url::request_path::{check_path, has_empty_segment, plain_path, PathShape};

/// What a lookup found for a request path.
pub(crate) enum Lookup {
    Found(RouteMatch<'static>),
    Detour(Detour),
}

/// An answer approute gives without running a handler, kept as a request
/// extension for the end of the path's middleware chain, when no route
/// matched as is.
pub(crate) enum Detour {
    /// The path matches once its trailing `/` and dot segments are
    /// resolved: a 308 to this same-origin path.
    Redirect(String),
    /// A segment the route cannot take: a 400 with this message.
    BadSegment(String),
}

#[inline]
pub(crate) fn lookup(table: &Arc<Compiled>, path: &str) -> Option<Lookup> {
    let mut captures = Captures::new();
    Some(match route(table, path, &mut captures)? {
        Ok(endpoint) => Lookup::Found(RouteMatch::new(table, endpoint, captures)),
        Err(detour) => Lookup::Detour(detour),
    })
}

/// [`lookup`]'s decision, the values captured into the caller's
/// `captures` (a `RouteMatch` is made once, where it is kept).
pub(crate) type Routed = Result<EndpointId, Detour>;

#[inline]
pub(crate) fn route(table: &Compiled, path: &str, captures: &mut Captures) -> Option<Routed> {
    if table.settings.trailing_slash {
        return route_with_trailing_slash(table, path, captures);
    }
    route_without_trailing_slash(table, path, captures)
}

/// The default, Next.js's: `/comments` is the URL, `/comments/` is 308 to it.
/// Inlined into `route`: this is every request's path.
#[inline(always)]
fn route_without_trailing_slash(
    table: &Compiled,
    path: &str,
    captures: &mut Captures,
) -> Option<Routed> {
    // First, before the path's bytes are checked: a static URL's spelling
    // holds no `%`, no dot or empty segment and no trailing `/`, so a path
    // that is one byte for byte is already in its canonical form.
    if let Some(endpoint) = table.static_urls.get(path) {
        return Some(Ok(endpoint));
    }
    // Then the walk that checks the path's bytes only where it takes them.
    if let Some(segments) = path.strip_prefix('/') {
        match table
            .tree
            .find_in_raw_path(Some(segments).filter(|s| !s.is_empty()), captures)
        {
            Ok(endpoint) => return Some(refuse_separator_in_catch_all(endpoint, captures)),
            // A miss, if the path is as it came: nothing to decode, no dot
            // segment to resolve, no empty one (then the path may redirect to
            // one with a route).
            Err(Stop::Miss) => {
                if plain_path(path).is_some_and(|segments| !segments.is_some_and(has_empty_segment))
                {
                    return None;
                }
            }
            Err(Stop::Unplain) => {}
        }
        *captures = Captures::new();
    }
    match check_path(path) {
        PathShape::Segments { path, encoded } => {
            let endpoint = table.tree.find(path, encoded, captures)?;
            Some(refuse_separator_in_catch_all(endpoint, captures))
        }
        // Claimed only where a route would match (decoding lossily), so
        // that other paths still fall through to the user's services.
        PathShape::BadEncoding { segment, path } => {
            table.tree.find(Some(path), true, &mut Captures::new())?;
            Some(Err(Detour::BadSegment(format!(
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
            let endpoint = table.tree.find(path, encoded, captures)?;
            // Never a redirect to a URL its route refuses: the 400 at once.
            if let Err(bad_segment) = refuse_separator_in_catch_all(endpoint, captures) {
                return Some(Err(bad_segment));
            }
            Some(Err(Detour::Redirect(location)))
        }
    }
}

/// `trailing_slash` (Next.js's `trailingSlash: true`): `/comments/` is the
/// URL and `/comments` is 308 to it; `/` stays as it is. Everything else
/// (dot segments, empty segments, what falls through) as without it.
fn route_with_trailing_slash(
    table: &Compiled,
    path: &str,
    captures: &mut Captures,
) -> Option<Routed> {
    if path == "/" {
        return route_without_trailing_slash(table, path, captures);
    }
    if let Some(without) = path.strip_suffix('/') {
        if let PathShape::Segments { .. } = check_path(without) {
            // Only the slash differs from the default's URL: served as is.
            return route_without_trailing_slash(table, without, captures);
        }
    }
    match route_without_trailing_slash(table, path, captures)? {
        Ok(_) => {
            let location = canonical_location(path)?;
            Some(Err(Detour::Redirect(with_trailing_slash(location))))
        }
        Err(Detour::Redirect(location)) => {
            Some(Err(Detour::Redirect(with_trailing_slash(location))))
        }
        bad_segment => Some(bad_segment),
    }
}

fn with_trailing_slash(mut location: String) -> String {
    if location != "/" {
        location.push('/');
    }
    location
}

/// A catch-all's segments are path segments (ARCHITECTURE.md, "Precedence and URL rules"): one
/// that decodes to more than a segment is refused where its route matches
/// (a 400). A single `[param]` keeps its decoded value, `/` included.
#[inline(always)]
fn refuse_separator_in_catch_all(endpoint: EndpointId, captures: &Captures) -> Routed {
    if !captures.catch_all_may_hold_a_separator() {
        return Ok(endpoint);
    }
    match captures.catch_all() {
        None => Ok(endpoint),
        Some(all) => match all.segment_with_separator() {
            None => Ok(endpoint),
            Some(segment) => Err(separator_in_catch_all(segment)),
        },
    }
}

#[cold]
fn separator_in_catch_all(segment: &str) -> Detour {
    Detour::BadSegment(format!(
        "path segment `{segment}` holds a `/`, `\\` or NUL once percent-decoded; a catch-all takes whole path segments only"
    ))
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
