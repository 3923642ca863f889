//! The table's routes in actix-web's pattern syntax (`/comments/{id}`), as a
//! tree shaped for actix-web's `ResourceMap`: what `HttpRequest::
//! match_pattern()` reads, and with it tracing-actix-web's `http.route` and
//! actix-web-prom's labels (ARCHITECTURE.md, "Mounting").
//!
//! actix-web answers `match_pattern()` by walking that map from the root:
//! at each level it takes the first node whose pattern matches the start of
//! the path, and it never looks sideways once a prefix node matched. So a
//! prefix node is only made where nothing beside it can answer the paths it
//! takes: a literal segment whose siblings are literals too. Below a level
//! with a `[param]` or a catch-all, the routes are leaves in precedence
//! order, and the first leaf that matches is the route approute chose.

use approute_path::{rust_name, PathPattern, UrlSegment};

use super::compiled::Compiled;

/// One node of the tree: its pattern relative to its parent's.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct PatternNode {
    /// actix-web's syntax: `/comments`, `/{id}`, `/{slug}*`, or empty.
    pub(crate) text: String,
    /// `Some` for a prefix node (a `ResourceMap` with nodes of its own);
    /// `None` for a route, whose pattern matches the whole rest of the path.
    pub(crate) children: Option<Vec<PatternNode>>,
}

/// Where the table is mounted decides the root route's pattern: `/` at the
/// application's root, the scope's prefix itself under a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum MountPoint {
    #[default]
    Root,
    Scope,
}

/// Beyond this many dynamic segments actix-web refuses a pattern (it
/// panics); such a route gets no node, and reads as unmatched.
const MAX_DYNAMIC_SEGMENTS: usize = 16;

/// The table's routes, relative to the mount point, in precedence order.
pub(crate) fn route_patterns(table: &Compiled, mount: MountPoint) -> Vec<PatternNode> {
    let patterns: Vec<PathPattern<'_>> = table
        .endpoints
        .iter()
        // An endpoint's URL was parsed when the table was built.
        .filter_map(|endpoint| PathPattern::parse(&endpoint.url).ok())
        .collect();
    let routes: Vec<Vec<UrlSegment<'_>>> = patterns
        .iter()
        .map(|pattern| pattern.url_segments().collect::<Vec<_>>())
        .filter(|segments| expressible(segments))
        .collect();
    let routes: Vec<&[UrlSegment<'_>]> = routes.iter().map(Vec::as_slice).collect();
    let shape = Shape {
        mount,
        trailing_slash: table.settings.trailing_slash,
    };
    let mut nodes = Vec::new();
    shape.level(&routes, true, &mut nodes);
    nodes
}

struct Shape {
    mount: MountPoint,
    trailing_slash: bool,
}

impl Shape {
    /// The nodes for `routes` (the rest of each route's segments below one
    /// node, in precedence order).
    fn level(&self, routes: &[&[UrlSegment<'_>]], top: bool, out: &mut Vec<PatternNode>) {
        if let Some(name) = only_param(routes) {
            // Nothing beside the parameter could answer: a prefix too.
            if routes.len() == 1 && !top {
                return self.leaves(routes[0], top, out);
            }
            return self.prefix(format!("/{{{}}}", rust_name(name)), routes, out);
        }
        let dynamic = routes
            .iter()
            .any(|segments| !matches!(segments.first(), None | Some(UrlSegment::Literal(_))));
        if dynamic {
            for segments in routes {
                self.leaves(segments, top, out);
            }
            return;
        }
        let mut rest = routes;
        while let Some((first, _)) = rest.split_first() {
            let Some(UrlSegment::Literal(literal)) = first.first() else {
                self.leaves(first, top, out);
                rest = &rest[1..];
                continue;
            };
            let same = rest
                .iter()
                .take_while(|segments| segments.first() == Some(&UrlSegment::Literal(literal)))
                .count();
            let (run, after) = rest.split_at(same);
            // A single route is one leaf, unless it sits at the top, where
            // a node is also a service actix-web routes to: a prefix node
            // there keeps `/comments/` (a redirect) approute's.
            if run.len() == 1 && !top {
                self.leaves(run[0], top, out);
            } else {
                self.prefix(format!("/{literal}"), run, out);
            }
            rest = after;
        }
    }

    /// A prefix node for `routes`, which all start with the segment `text` says.
    fn prefix(&self, text: String, routes: &[&[UrlSegment<'_>]], out: &mut Vec<PatternNode>) {
        let below: Vec<&[UrlSegment<'_>]> = routes.iter().map(|segments| &segments[1..]).collect();
        let mut children = Vec::new();
        self.level(&below, false, &mut children);
        out.push(PatternNode {
            text,
            children: Some(children),
        });
    }

    /// A route's leaf; two for an optional catch-all (with and without).
    fn leaves(&self, segments: &[UrlSegment<'_>], top: bool, out: &mut Vec<PatternNode>) {
        let mut text = String::new();
        for segment in segments {
            match segment {
                UrlSegment::Literal(literal) => text.push_str(&format!("/{literal}")),
                UrlSegment::Param(name) => text.push_str(&format!("/{{{}}}", rust_name(name))),
                UrlSegment::CatchAll(name) => {
                    text.push_str(&format!("/{{{}}}*", rust_name(name)));
                    return out.push(leaf(text));
                }
                UrlSegment::OptionalCatchAll(name) => {
                    let with = format!("{text}/{{{}}}*", rust_name(name));
                    out.push(leaf(self.end(text, top && segments.len() == 1)));
                    return out.push(leaf(with));
                }
            }
        }
        out.push(leaf(self.end(text, top && segments.is_empty())));
    }

    /// The pattern of a URL that ends here, with the trailing slash the
    /// table's URLs have; `mount_point` when it is the root route's.
    fn end(&self, mut text: String, mount_point: bool) -> String {
        if mount_point && text.is_empty() {
            return match self.mount {
                MountPoint::Root => "/".to_owned(),
                MountPoint::Scope => String::new(),
            };
        }
        if self.trailing_slash {
            text.push('/');
        }
        text
    }
}

/// The parameter's name, if every route here goes on through one `[param]`
/// (a position has one name: the table refuses two).
fn only_param<'a>(routes: &[&[UrlSegment<'a>]]) -> Option<&'a str> {
    let mut name = None;
    for segments in routes {
        match segments.first() {
            Some(UrlSegment::Param(this)) if name.is_none_or(|name| name == *this) => {
                name = Some(*this)
            }
            _ => return None,
        }
    }
    name
}

fn leaf(text: String) -> PatternNode {
    PatternNode {
        text,
        children: None,
    }
}

/// Whether actix-web's syntax can say this route: a literal holding a brace
/// would read as a parameter.
fn expressible(segments: &[UrlSegment<'_>]) -> bool {
    let dynamic = segments
        .iter()
        .filter(|segment| !matches!(segment, UrlSegment::Literal(_)))
        .count();
    let braces = segments.iter().any(
        |segment| matches!(segment, UrlSegment::Literal(literal) if literal.contains(['{', '}'])),
    );
    dynamic <= MAX_DYNAMIC_SEGMENTS && !braces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(paths: &[&'static str], mount: MountPoint, trailing_slash: bool) -> String {
        let patterns: Vec<PathPattern<'static>> = paths
            .iter()
            .map(|path| PathPattern::parse(path).unwrap())
            .collect();
        let routes: Vec<Vec<UrlSegment<'static>>> = patterns
            .iter()
            .map(|p| p.url_segments().collect())
            .collect();
        let routes: Vec<&[UrlSegment<'_>]> = routes.iter().map(Vec::as_slice).collect();
        let mut nodes = Vec::new();
        Shape {
            mount,
            trailing_slash,
        }
        .level(&routes, true, &mut nodes);
        let mut out = String::new();
        print(&nodes, 0, &mut out);
        out
    }

    fn print(nodes: &[PatternNode], depth: usize, out: &mut String) {
        for node in nodes {
            let mark = if node.children.is_some() {
                " (prefix)"
            } else {
                ""
            };
            out.push_str(&format!("{}{:?}{mark}\n", "  ".repeat(depth), node.text));
            if let Some(children) = &node.children {
                print(children, depth + 1, out);
            }
        }
    }

    #[test]
    fn literals_become_prefixes_and_a_level_with_a_parameter_becomes_leaves() {
        // In precedence order, as the table keeps its endpoints.
        let paths = [
            "/",
            "/comments",
            "/comments/live",
            "/comments/[id]",
            "/comments/[id]/replies",
            "/docs/[[...slug]]",
            "/hello",
        ];
        assert_eq!(
            shape(&paths, MountPoint::Root, false),
            "\"/\"\n\
             \"/comments\" (prefix)\n  \"\"\n  \"/live\"\n  \"/{id}\"\n  \"/{id}/replies\"\n\
             \"/docs\" (prefix)\n  \"\"\n  \"/{slug}*\"\n\
             \"/hello\" (prefix)\n  \"\"\n"
        );
    }

    #[test]
    fn below_the_top_a_single_route_is_one_leaf() {
        let paths = [
            "/api/users/[id]",
            "/api/users/[id]/posts/[post-id]",
            "/api/zones",
        ];
        assert_eq!(
            shape(&paths, MountPoint::Scope, false),
            "\"/api\" (prefix)\n  \"/users\" (prefix)\n    \"/{id}\" (prefix)\n      \"\"\n      \"/posts/{post_id}\"\n  \"/zones\"\n"
        );
    }

    #[test]
    fn a_parameter_alone_at_its_level_is_a_prefix() {
        let paths = [
            "/repos/[owner]/[repo]",
            "/repos/[owner]/[repo]/issues",
            "/repos/[owner]/[repo]/pulls/[number]",
            "/users/[name]",
        ];
        assert_eq!(
            shape(&paths, MountPoint::Root, false),
            "\"/repos\" (prefix)\n  \"/{owner}\" (prefix)\n    \"/{repo}\" (prefix)\n      \"\"\n      \"/issues\"\n      \"/pulls/{number}\"\n\
             \"/users\" (prefix)\n  \"/{name}\"\n"
        );
    }

    #[test]
    fn a_parameter_at_the_top_makes_every_route_a_leaf() {
        let paths = ["/about", "/[slug]", "/[slug]/edit", "/[...rest]"];
        assert_eq!(
            shape(&paths, MountPoint::Root, false),
            "\"/about\"\n\"/{slug}\"\n\"/{slug}/edit\"\n\"/{rest}*\"\n"
        );
    }

    #[test]
    fn the_mount_point_and_the_trailing_slash_shape_the_ends() {
        let paths = ["/", "/comments", "/docs/[[...slug]]"];
        assert_eq!(
            shape(&paths, MountPoint::Scope, true),
            "\"\"\n\"/comments\" (prefix)\n  \"/\"\n\"/docs\" (prefix)\n  \"/\"\n  \"/{slug}*\"\n"
        );
    }

    #[test]
    fn a_literal_with_a_brace_has_no_pattern() {
        let routes: Vec<UrlSegment<'_>> = PathPattern::parse("/a{b}")
            .unwrap()
            .url_segments()
            .collect();
        assert!(!expressible(&routes));
    }
}
