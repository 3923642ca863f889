//! The route tree: one trie of URL segments, so a lookup costs one look at
//! each segment's literal children (`statics`) however many routes the
//! application has.

use std::borrow::Cow;

use approute_path::UrlSegment;

use super::statics::{split_segment, Statics};
use crate::url::captures::{Captures, CatchAllSegments, ParamValue};
use crate::url::request_path::decode_segment;

/// Index of an endpoint (one URL shape and its handlers) in the route table.
pub(crate) type EndpointId = usize;

#[derive(Default, Debug)]
pub(crate) struct Node {
    /// Keys borrow the routes' `&'static` paths unless a literal needed
    /// percent-decoding.
    statics: Statics<Node>,
    endpoint: Option<EndpointId>,
    /// Kept apart and boxed: most nodes have no dynamic child, and a small
    /// node makes the wide maps of a large app cheap to build.
    dynamic: Option<Box<Dynamic>>,
}

#[derive(Default, Debug)]
struct Dynamic {
    param: Option<Child<Node>>,
    catch_all: Option<Child<EndpointId>>,
    optional_catch_all: Option<Child<EndpointId>>,
}

/// A dynamic child and the endpoint that first created it (for reports).
#[derive(Debug)]
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
    /// `/`, `None` once every segment is consumed) by DESIGN.md's
    /// precedence, backtracking when a more specific branch dead-ends.
    /// `encoded` says whether the path holds any `%` to decode.
    ///
    /// Segments are split and decoded as the walk reaches them; the first
    /// two captures are stored inline.
    pub(crate) fn find(
        &self,
        path: Option<&str>,
        encoded: bool,
        captures: &mut Captures,
    ) -> Option<EndpointId> {
        let Some(path) = path else {
            if let Some(endpoint) = self.endpoint {
                return Some(endpoint);
            }
            let optional = self.optional_catch_all()?;
            captures.push((optional.name, ParamValue::many(CatchAllSegments::default())));
            return Some(optional.next);
        };
        let (first, rest) = split_segment(path);
        // An empty segment matches nothing (`check_path` turns such a path
        // into a redirect; the fast path leaves it to this check).
        if first.is_empty() {
            return None;
        }
        let first = if encoded {
            decode_segment(first)
        } else {
            Cow::Borrowed(first)
        };
        if let Some(found) = self
            .statics
            .get(first.as_ref())
            .and_then(|child| child.find(rest, encoded, captures))
        {
            return Some(found);
        }
        let dynamic = self.dynamic.as_deref()?;
        Self::find_dynamic(
            dynamic,
            path,
            &first,
            rest,
            captures,
            |next, rest, captures| next.find(rest, encoded, captures),
        )
    }

    /// [`Self::find`] for a path with nothing to decode (`plain_path` took
    /// it), the most common request: a literal is compared with the path's
    /// start, without splitting its segment off first, and a step with
    /// nothing to come back to (no dynamic child beside the literal, no
    /// catch-all beside the parameter) is a turn of the loop, not a call.
    /// Captures a failed branch pushed are dropped where the walk turns
    /// back; the caller drops them all on a miss.
    pub(crate) fn find_plain(
        &self,
        mut path: Option<&str>,
        captures: &mut Captures,
    ) -> Option<EndpointId> {
        let mut node = self;
        loop {
            let Some(rest) = path else {
                return match node.endpoint {
                    Some(endpoint) => Some(endpoint),
                    None => node.find(None, false, captures),
                };
            };
            let dynamic = node.dynamic.as_deref();
            if let Some((child, after)) = node.statics.prefix(rest) {
                let Some(dynamic) = dynamic else {
                    (node, path) = (child, after);
                    continue;
                };
                let pushed = captures.len();
                if let Some(found) = child.find_plain(after, captures) {
                    return Some(found);
                }
                captures.truncate(pushed);
                return Self::find_plain_dynamic(dynamic, rest, captures);
            }
            let dynamic = dynamic?;
            if let (Some(param), None, None) = (
                &dynamic.param,
                &dynamic.catch_all,
                &dynamic.optional_catch_all,
            ) {
                let (first, after) = split_segment(rest);
                if first.is_empty() {
                    return None;
                }
                captures.push((param.name, ParamValue::one(first)));
                (node, path) = (&param.next, after);
                continue;
            }
            return Self::find_plain_dynamic(dynamic, rest, captures);
        }
    }

    fn find_plain_dynamic(
        dynamic: &Dynamic,
        path: &str,
        captures: &mut Captures,
    ) -> Option<EndpointId> {
        let (first, rest) = split_segment(path);
        if first.is_empty() {
            return None;
        }
        Self::find_dynamic(dynamic, path, first, rest, captures, Node::find_plain)
    }

    /// The dynamic children's turn at `path`, whose first segment (decoded
    /// if the walk decodes) is `first` and what follows it `rest`: the
    /// parameter, walked on by `walk`, then a catch-all.
    #[inline]
    fn find_dynamic(
        dynamic: &Dynamic,
        path: &str,
        first: &str,
        rest: Option<&str>,
        captures: &mut Captures,
        walk: impl Fn(&Node, Option<&str>, &mut Captures) -> Option<EndpointId>,
    ) -> Option<EndpointId> {
        if let Some(param) = &dynamic.param {
            let pushed = captures.len();
            captures.push((param.name, ParamValue::one(first)));
            if let Some(found) = walk(&param.next, rest, captures) {
                return Some(found);
            }
            captures.truncate(pushed);
        }
        let catch_all = dynamic
            .catch_all
            .as_ref()
            .or(dynamic.optional_catch_all.as_ref())?;
        // The rest is taken whole: its segments must not be empty either.
        if crate::url::request_path::has_empty_segment(path) {
            return None;
        }
        captures.push((
            catch_all.name,
            ParamValue::many(CatchAllSegments::new(path)),
        ));
        Some(catch_all.next)
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

    fn names_and_values(captures: &Captures) -> Vec<(&str, String)> {
        let value = |value: &ParamValue| match value.as_str() {
            Some(one) => one.to_owned(),
            None => value
                .segments()
                .map(|many| many.joined())
                .unwrap_or_default(),
        };
        captures.iter().map(|(name, v)| (*name, value(v))).collect()
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
            ("n/s/q/w", 1, vec![("p", "s")]),
            ("n/s/q/z", 0, vec![("y", "q")]),
            ("n/s/q/v/u", 2, vec![("p", "s"), ("rest", "v/u")]),
            ("m/1/2/c", 3, vec![("a", "1"), ("b", "2")]),
            ("m/1/2/d", 4, vec![("all", "1/2/d")]),
        ] {
            for plain in [true, false] {
                let mut captures = Captures::new();
                let found = match plain {
                    true => root.find_plain(Some(path), &mut captures),
                    false => root.find(Some(path), false, &mut captures),
                };
                assert_eq!(found, Some(endpoint), "{path}");
                let expected: Vec<(&str, String)> = captured
                    .iter()
                    .map(|(name, value)| (*name, value.to_string()))
                    .collect();
                assert_eq!(
                    names_and_values(&captures),
                    expected,
                    "{path}, plain: {plain}"
                );
            }
        }
    }
}
