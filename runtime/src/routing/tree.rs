//! The route tree: one trie of URL segments, so a lookup costs one look at
//! each segment's literal children (`statics`) however many routes the
//! application has.

use std::borrow::Cow;

use approute_path::UrlSegment;

use super::statics::{split_segment, Prefix, Statics};
use crate::url::captures::Captures;
use crate::url::request_path::{decode_segment, has_empty_segment, has_percent_or_dot};

/// Index of an endpoint (one URL shape and its handlers) in the route table.
pub(crate) type EndpointId = usize;

#[derive(Default, Debug, Clone)]
pub(crate) struct Node {
    /// Keys borrow the routes' `&'static` paths unless a literal needed
    /// percent-decoding.
    statics: Statics<Node>,
    endpoint: Option<EndpointId>,
    /// Kept apart and boxed: most nodes have no dynamic child, and a small
    /// node makes the wide maps of a large app cheap to build.
    dynamic: Option<Box<Dynamic>>,
}

#[derive(Default, Debug, Clone)]
struct Dynamic {
    param: Option<Child<Node>>,
    catch_all: Option<Child<EndpointId>>,
    optional_catch_all: Option<Child<EndpointId>>,
}

/// A dynamic child and the endpoint that first created it (for reports).
#[derive(Debug, Clone)]
struct Child<T> {
    name: &'static str,
    origin: EndpointId,
    next: T,
}

impl Child<EndpointId> {
    /// A catch-all: it ends the URL, so it leads to its endpoint.
    fn leaf(name: &'static str, endpoint: EndpointId) -> Self {
        Child {
            name,
            origin: endpoint,
            next: endpoint,
        }
    }
}

/// Why an endpoint cannot join the tree beside one already in it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Clash {
    /// `/c/[id]` beside `/c/[slug]/x`: one position, two names.
    ParamName { existing: EndpointId },
    /// `[...a]` and `[[...b]]` at one level.
    RequiredAndOptionalCatchAll { existing: EndpointId },
    /// `/docs` and `/docs/[[...slug]]` both answer `/docs`.
    OptionalCatchAllShadows { existing: EndpointId },
}

impl Node {
    /// Adds `endpoint` at `segments`.
    ///
    /// Endpoints arrive in precedence order (the table sorts them), which
    /// settles two cases without a check: `[...a]` arrives before `[[...b]]`
    /// at the same level, and `/docs` before `/docs/[[...slug]]`, so only the
    /// later of each pair looks for the other. A catch-all slot is filled
    /// once: a second catch-all at the same node would be the same URL, and
    /// the table groups one URL's handlers into one endpoint.
    pub(crate) fn insert(
        &mut self,
        mut segments: impl Iterator<Item = UrlSegment<'static>>,
        endpoint: EndpointId,
    ) -> Result<(), Clash> {
        let Some(segment) = segments.next() else {
            self.endpoint = Some(endpoint);
            return Ok(());
        };
        match segment {
            UrlSegment::Literal(text) => {
                // Decoded as request segments are, so the two compare equal.
                let child = self.statics.entry(decode_segment(text));
                child.insert(segments, endpoint)
            }
            UrlSegment::Param(name) => {
                let dynamic = self.dynamic.get_or_insert_with(Box::default);
                let child = dynamic.param.get_or_insert_with(|| Child {
                    name,
                    origin: endpoint,
                    next: Node::default(),
                });
                if child.name != name {
                    return Err(Clash::ParamName {
                        existing: child.origin,
                    });
                }
                child.next.insert(segments, endpoint)
            }
            UrlSegment::CatchAll(name) => {
                let dynamic = self.dynamic.get_or_insert_with(Box::default);
                dynamic.catch_all = Some(Child::leaf(name, endpoint));
                Ok(())
            }
            UrlSegment::OptionalCatchAll(name) => {
                let required = self.dynamic.as_ref().and_then(|d| d.catch_all.as_ref());
                if let Some(required) = required {
                    return Err(Clash::RequiredAndOptionalCatchAll {
                        existing: required.origin,
                    });
                }
                if let Some(existing) = self.endpoint {
                    return Err(Clash::OptionalCatchAllShadows { existing });
                }
                let dynamic = self.dynamic.get_or_insert_with(Box::default);
                dynamic.optional_catch_all = Some(Child::leaf(name, endpoint));
                Ok(())
            }
        }
    }

    /// Calls `found` with each endpoint reached through literals only, and
    /// its URL as a plain request spells it (`/`-joined, decoded; empty for
    /// the root). A literal that decodes to a `/` (`a%2Fb`) or keeps a `%`
    /// has no plain spelling (`/a/b` is two segments): its endpoints are
    /// the tree's to find.
    pub(crate) fn static_endpoints(
        &self,
        url: &mut String,
        found: &mut impl FnMut(&str, EndpointId),
    ) {
        if let Some(endpoint) = self.endpoint {
            found(url, endpoint);
        }
        for (literal, child) in self.statics.iter() {
            if literal.contains(['/', '%']) {
                continue;
            }
            let len = url.len();
            url.push('/');
            url.push_str(literal);
            child.static_endpoints(url, found);
            url.truncate(len);
        }
    }

    fn optional_catch_all(&self) -> Option<&Child<EndpointId>> {
        self.dynamic.as_ref()?.optional_catch_all.as_ref()
    }

    /// Finds the endpoint for `path` (the request path after its leading
    /// `/`, `None` once every segment is consumed) by approute's
    /// precedence, backtracking when a more specific branch dead-ends.
    /// `encoded` says whether the path holds any `%` to decode; `check_path`
    /// accepted it.
    ///
    /// Segments are split and decoded as the walk reaches them.
    pub(crate) fn find(
        &self,
        path: Option<&str>,
        encoded: bool,
        captures: &mut Captures,
    ) -> Option<EndpointId> {
        self.find_checked(path, encoded, captures).ok()
    }

    fn find_checked(&self, path: Option<&str>, encoded: bool, captures: &mut Captures) -> Walked {
        let Some(path) = path else {
            return self.at_the_end(captures);
        };
        let (first, rest) = split_segment(path);
        // An empty segment matches nothing (`check_path` turns such a path
        // into a redirect).
        if first.is_empty() {
            return Err(Stop::Miss);
        }
        let first = if encoded {
            decode_segment(first)
        } else {
            Cow::Borrowed(first)
        };
        if let Some(child) = self.statics.get(first.as_ref()) {
            if let Ok(found) = child.find_checked(rest, encoded, captures) {
                return Ok(found);
            }
        }
        let dynamic = self.dynamic.as_deref().ok_or(Stop::Miss)?;
        let walk = |next: &Node, rest: Option<&str>, captures: &mut Captures| {
            next.find_checked(rest, encoded, captures)
        };
        Self::find_dynamic(dynamic, path, &first, rest, captures, walk, false)
    }

    /// Where every segment is consumed: the endpoint, or an optional
    /// catch-all that matches nothing.
    #[inline]
    fn at_the_end(&self, captures: &mut Captures) -> Walked {
        if let Some(endpoint) = self.endpoint {
            return Ok(endpoint);
        }
        let optional = self.optional_catch_all().ok_or(Stop::Miss)?;
        captures.push_many("");
        Ok(optional.next)
    }

    /// [`Self::find`] for a request path as it came, before it is checked:
    /// most paths need no decoding and no redirect, and this walk checks
    /// only the bytes it takes, where it takes them. A literal is compared
    /// with the path's start, without splitting its segment off first (a
    /// literal holds no `%` and is no dot segment, so a path that starts
    /// with it does not either, there); a parameter's segment is split off
    /// and looked at for a `%` or a dot segment, a catch-all's rest for a
    /// `%` or a `.`: there, the walk stops with [`Stop::Unplain`], and the
    /// path goes through `check_path`. A step with nothing to come back to
    /// (no dynamic child beside the literal, no catch-all beside the
    /// parameter) is a turn of the loop, not a call. Captures a failed
    /// branch pushed are dropped where the walk turns back; the caller
    /// drops them all on a miss.
    ///
    /// A [`Stop::Miss`] is not the last word: a segment that decodes to a
    /// literal (`%61` for `a`) misses here, so the caller checks the path.
    pub(crate) fn find_in_raw_path(
        &self,
        mut path: Option<&str>,
        captures: &mut Captures,
    ) -> Walked {
        let mut node = self;
        loop {
            let Some(rest) = path else {
                return node.at_the_end(captures);
            };
            let dynamic = node.dynamic.as_deref();
            let literal = match node.statics.prefix(rest) {
                Prefix::Child(child, after) => Some((child, after)),
                Prefix::Nothing => None,
                Prefix::BySegment => {
                    let (segment, after) = split_plain_segment(rest)?;
                    node.statics.get(segment).map(|child| (child, after))
                }
            };
            if let Some((child, after)) = literal {
                let Some(dynamic) = dynamic else {
                    (node, path) = (child, after);
                    continue;
                };
                let pushed = captures.len();
                match child.find_in_raw_path(after, captures) {
                    Err(Stop::Miss) => captures.truncate(pushed),
                    found_or_unplain => return found_or_unplain,
                }
                return Self::find_in_raw_path_dynamic(dynamic, rest, captures);
            }
            let dynamic = dynamic.ok_or(Stop::Miss)?;
            if let (Some(param), None, None) = (
                &dynamic.param,
                &dynamic.catch_all,
                &dynamic.optional_catch_all,
            ) {
                let (first, after) = split_plain_segment(rest)?;
                if first.is_empty() {
                    return Err(Stop::Miss);
                }
                captures.push_one(first);
                (node, path) = (&param.next, after);
                continue;
            }
            return Self::find_in_raw_path_dynamic(dynamic, rest, captures);
        }
    }

    fn find_in_raw_path_dynamic(dynamic: &Dynamic, path: &str, captures: &mut Captures) -> Walked {
        let (first, rest) = split_plain_segment(path)?;
        if first.is_empty() {
            return Err(Stop::Miss);
        }
        Self::find_dynamic(
            dynamic,
            path,
            first,
            rest,
            captures,
            Node::find_in_raw_path,
            true,
        )
    }

    /// The dynamic children's turn at `path`, whose first segment (decoded
    /// if the walk decodes) is `first` and what follows it `rest`: the
    /// parameter, walked on by `walk`, then a catch-all. `unchecked`: the
    /// path is as it came, so a catch-all's rest is looked at first.
    #[inline]
    fn find_dynamic(
        dynamic: &Dynamic,
        path: &str,
        first: &str,
        rest: Option<&str>,
        captures: &mut Captures,
        walk: impl Fn(&Node, Option<&str>, &mut Captures) -> Walked,
        unchecked: bool,
    ) -> Walked {
        if let Some(param) = &dynamic.param {
            let pushed = captures.len();
            captures.push_one(first);
            match walk(&param.next, rest, captures) {
                Err(Stop::Miss) => captures.truncate(pushed),
                found_or_unplain => return found_or_unplain,
            }
        }
        let catch_all = dynamic
            .catch_all
            .as_ref()
            .or(dynamic.optional_catch_all.as_ref())
            .ok_or(Stop::Miss)?;
        // As it came, the rest may also start or end with an empty segment
        // (`/docs/b/`: a redirect, `check_path`'s to decide).
        if unchecked
            && (has_percent_or_dot(path.as_bytes()) || path.starts_with('/') || path.ends_with('/'))
        {
            return Err(Stop::Unplain);
        }
        // The rest is taken whole: its segments must not be empty either.
        if has_empty_segment(path) {
            return Err(Stop::Miss);
        }
        captures.push_many(path);
        Ok(catch_all.next)
    }
}

/// Why a walk found no endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// No route takes the path as the walk read it.
    Miss,
    /// The path must be checked (and maybe decoded) first: the walk met a
    /// `%` or a dot segment where it would have taken it as is.
    Unplain,
}

pub(crate) type Walked = Result<EndpointId, Stop>;

/// [`split_segment`] for a path as it came: a segment holding a `%` (to
/// decode), or a `.` or `..` one (to resolve), stops the walk.
#[inline(always)]
fn split_plain_segment(path: &str) -> Result<(&str, Option<&str>), Stop> {
    let bytes = path.as_bytes();
    let end = bytes
        .iter()
        .position(|&byte| byte == b'/' || byte == b'%')
        .unwrap_or(bytes.len());
    match (&bytes[..end], bytes.get(end)) {
        (_, Some(b'%')) | ([b'.'] | [b'.', b'.'], _) => Err(Stop::Unplain),
        (_, Some(_)) => Ok((&path[..end], Some(&path[end + 1..]))),
        (_, None) => Ok((path, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approute_path::PathPattern;

    fn tree(routes: &[&'static str]) -> Node {
        let mut root = Node::default();
        for (endpoint, route) in routes.iter().enumerate() {
            let pattern = PathPattern::parse(route).unwrap();
            root.insert(pattern.url_segments(), endpoint).unwrap();
        }
        root
    }

    fn values(captures: &Captures) -> Vec<String> {
        (0..captures.len())
            .map(|index| captures.get(index).to_owned())
            .collect()
    }

    /// Both walks, the plain one taking the loop where it can: a branch
    /// that captured and then dead-ended leaves nothing behind.
    #[test]
    fn a_dead_end_leaves_no_capture_behind() {
        let root = tree(&[
            "/n/s/[y]/z",
            "/n/[p]/q/w",
            "/n/[p]/q/[...rest]",
            "/m/[a]/[b]/c",
            "/m/[...all]",
        ]);
        for (path, endpoint, captured) in [
            ("n/s/q/w", 1, vec!["s"]),
            ("n/s/q/z", 0, vec!["q"]),
            ("n/s/q/v/u", 2, vec!["s", "v/u"]),
            ("m/1/2/c", 3, vec!["1", "2"]),
            ("m/1/2/d", 4, vec!["1/2/d"]),
        ] {
            for plain in [true, false] {
                let mut captures = Captures::new();
                let found = match plain {
                    true => root.find_in_raw_path(Some(path), &mut captures).ok(),
                    false => root.find(Some(path), false, &mut captures),
                };
                assert_eq!(found, Some(endpoint), "{path}");
                assert_eq!(values(&captures), captured, "{path}, plain: {plain}");
            }
        }
    }

    /// What the unchecked walk leaves to `check_path`: whatever it would
    /// otherwise take as is although it must be decoded or resolved.
    #[test]
    fn the_unchecked_walk_stops_where_the_path_must_be_checked() {
        let root = tree(&["/n/[p]/q", "/m/[...all]", "/l/x.y", "/k/[a]/[[...b]]"]);
        for (path, walked) in [
            ("n/s/q", Ok(0)),
            ("n/s%20t/q", Err(Stop::Unplain)),
            ("n/./q", Err(Stop::Unplain)),
            ("n/../q", Err(Stop::Unplain)),
            ("n/.s/q", Ok(0)),
            ("n/s/q/", Err(Stop::Miss)),
            ("n//q", Err(Stop::Miss)),
            ("m/a/b", Ok(1)),
            ("m/a/b/", Err(Stop::Unplain)),
            ("m//a", Err(Stop::Miss)),
            ("m/a//b", Err(Stop::Miss)),
            ("m/a/./b", Err(Stop::Unplain)),
            ("m/a/b%2Fc", Err(Stop::Unplain)),
            ("l/x.y", Ok(2)),
            ("l/x%2Ey", Err(Stop::Miss)),
            ("k/a", Ok(3)),
            ("k/a/b/c", Ok(3)),
            ("k/a/", Err(Stop::Miss)),
        ] {
            let found = root.find_in_raw_path(Some(path), &mut Captures::new());
            assert_eq!(found, walked, "{path}");
        }
    }
}
