//! A middleware's path pattern: which routes it covers (decided once, when
//! the table is built) and, where a route's paths are only partly covered,
//! whether one request path matches.

use approute_path::{PathPattern, UrlSegment};

use crate::url::request_path::decode_segment;

/// A pattern in the route grammar, as middleware matches it: literals
/// decoded (as the route tree compares them), parameter names dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MatchPattern {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    /// `[x]`: one segment.
    One,
    /// `[...x]` (at least one more segment) or `[[...x]]` (any number): last.
    Rest {
        at_least_one: bool,
    },
}

/// How a middleware's pattern relates to every path a route serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Relation {
    /// No path of the route matches: the middleware is not in its chain.
    Disjoint,
    /// Some do (`/comments/new` against `/comments/[id]`): the chain checks
    /// the request path.
    Partial,
    /// Every one does: the middleware always runs for the route.
    Covers,
}

impl MatchPattern {
    pub(crate) fn new(pattern: &PathPattern<'_>) -> Self {
        let parts = pattern
            .url_segments()
            .map(|segment| match segment {
                UrlSegment::Literal(text) => Part::Literal(decode_segment(text).into_owned()),
                UrlSegment::Param(_) => Part::One,
                UrlSegment::CatchAll(_) => Part::Rest { at_least_one: true },
                UrlSegment::OptionalCatchAll(_) => Part::Rest {
                    at_least_one: false,
                },
            })
            .collect();
        MatchPattern { parts }
    }

    /// The relation to a route's URL segments. `Covers` and `Disjoint` are
    /// exact; `Partial` is also the answer where it is not worth deciding
    /// (it only costs a check per request, never a wrong chain).
    pub(crate) fn relation(&self, route: &[UrlSegment<'_>]) -> Relation {
        let mut relation = Relation::Covers;
        for (at, part) in self.parts.iter().enumerate() {
            let Some(segment) = route.get(at) else {
                // The route's paths end here; the pattern wants more, unless
                // what is left is an optional catch-all.
                return match &self.parts[at..] {
                    [Part::Rest {
                        at_least_one: false,
                    }] => relation,
                    _ => Relation::Disjoint,
                };
            };
            match (part, segment) {
                (Part::Rest { at_least_one }, segment) => {
                    // The route has at least one more segment, unless its
                    // own rest is optional.
                    let may_be_empty = matches!(segment, UrlSegment::OptionalCatchAll(_));
                    return if *at_least_one && may_be_empty {
                        Relation::Partial
                    } else {
                        relation
                    };
                }
                // The route's rest has any length: the pattern's fixed
                // segments match only some of its paths.
                (_, UrlSegment::CatchAll(_) | UrlSegment::OptionalCatchAll(_)) => {
                    return Relation::Partial.min(relation);
                }
                (Part::Literal(literal), UrlSegment::Literal(text)) => {
                    if *literal != decode_segment(text) {
                        return Relation::Disjoint;
                    }
                }
                (Part::Literal(_), UrlSegment::Param(_)) => relation = Relation::Partial,
                (Part::One, UrlSegment::Literal(_) | UrlSegment::Param(_)) => {}
            }
        }
        match route.get(self.parts.len()) {
            None => relation,
            // The route's paths may stop here too: those match.
            Some(UrlSegment::OptionalCatchAll(_)) if route.len() == self.parts.len() + 1 => {
                Relation::Partial.min(relation)
            }
            Some(_) => Relation::Disjoint,
        }
    }

    /// Whether a request path (relative to the mount) matches: its non-empty
    /// segments as the tree would see them, decoded.
    pub(crate) fn matches(&self, path: &str) -> bool {
        let mut segments = path.split('/').filter(|segment| !segment.is_empty());
        for part in &self.parts {
            match part {
                Part::Rest { at_least_one } => {
                    return !at_least_one || segments.next().is_some();
                }
                Part::One => {
                    if segments.next().is_none() {
                        return false;
                    }
                }
                Part::Literal(literal) => match segments.next() {
                    Some(segment) if decode_segment(segment) == literal.as_str() => {}
                    _ => return false,
                },
            }
        }
        segments.next().is_none()
    }

    /// Broader first: how the chain orders middleware of one `order`. A
    /// pattern that route precedence ranks later is broader.
    pub(crate) fn specificity(&self) -> Vec<u8> {
        let mut key = Vec::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => {
                    key.push(0);
                    key.extend_from_slice(text.as_bytes());
                }
                Part::One => key.push(1),
                Part::Rest { at_least_one: true } => key.push(2),
                Part::Rest {
                    at_least_one: false,
                } => key.push(3),
            }
            key.push(0);
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(text: &str) -> MatchPattern {
        MatchPattern::new(&PathPattern::parse(text).unwrap())
    }

    fn relation(middleware: &str, route: &str) -> Relation {
        let route = PathPattern::parse(route).unwrap();
        let segments: Vec<_> = route.url_segments().collect();
        pattern(middleware).relation(&segments)
    }

    #[test]
    fn relations_between_patterns_and_routes() {
        use Relation::*;
        let cases = [
            ("/dashboard/[[...rest]]", "/dashboard", Covers),
            ("/dashboard/[[...rest]]", "/dashboard/settings/[id]", Covers),
            ("/dashboard/[[...rest]]", "/dashboard/[[...slug]]", Covers),
            ("/dashboard/[...rest]", "/dashboard", Disjoint),
            ("/dashboard/[...rest]", "/dashboard/[[...slug]]", Partial),
            ("/dashboard/[...rest]", "/dashboard/[...slug]", Covers),
            ("/dashboard", "/dashboard/[[...slug]]", Partial),
            ("/dashboard", "/dash", Disjoint),
            ("/comments/[id]", "/comments/new", Covers),
            ("/comments/new", "/comments/[id]", Partial),
            ("/comments/new", "/comments/[id]/edit", Disjoint),
            ("/comments/[id]", "/comments", Disjoint),
            ("/comments", "/comments/[id]", Disjoint),
            ("/[a]/x", "/[b]/y", Disjoint),
            ("/%61", "/a", Covers),
            ("/", "/", Covers),
            ("/", "/hello", Disjoint),
            ("/[[...all]]", "/", Covers),
            ("/[[...all]]", "/a/[...b]", Covers),
            ("/docs/[id]", "/docs/[...slug]", Partial),
            ("/docs/[id]", "/[...slug]", Partial),
        ];
        for (middleware, route, expected) in cases {
            assert_eq!(
                relation(middleware, route),
                expected,
                "{middleware} vs {route}"
            );
        }
    }

    #[test]
    fn request_paths() {
        let cases = [
            ("/dashboard/[[...rest]]", "/dashboard", true),
            ("/dashboard/[[...rest]]", "/dashboard/", true),
            ("/dashboard/[[...rest]]", "/dashboard/a/b", true),
            ("/dashboard/[[...rest]]", "/dashboards", false),
            ("/dashboard/[...rest]", "/dashboard", false),
            ("/comments/new", "/comments/new", true),
            ("/comments/new", "/comments/%6Eew", true),
            ("/comments/new", "/comments/7", false),
            ("/comments/[id]", "/comments/7/", true),
            ("/comments/[id]", "/comments/7/x", false),
            ("/", "/", true),
            ("/", "", true),
            ("/", "/x", false),
        ];
        for (middleware, path, expected) in cases {
            assert_eq!(
                pattern(middleware).matches(path),
                expected,
                "{middleware} {path}"
            );
        }
    }
}
