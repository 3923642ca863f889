//! Each route's middleware chain, chosen once when the table is built: the
//! middleware in their one order, and per endpoint the ones whose patterns
//! reach it (a pattern that reaches only some of its paths is checked per
//! request; the others cost nothing per request).

use approute_path::{PathPattern, UrlSegment};

use super::middleware_pattern::{MatchPattern, Relation};
use crate::registry::MiddlewareRegistration;
use crate::routing::{Location, Problem, ProblemKind};

/// The middleware of a table and the distinct chains its endpoints use.
#[derive(Default, Clone)]
pub(crate) struct MiddlewarePlan {
    /// In chain order: `order`, then the broader pattern, then the function
    /// path; never link order.
    pub(crate) middleware: Vec<&'static MiddlewareRegistration>,
    /// Each middleware's patterns, by the index above; empty for every path.
    pub(crate) patterns: Vec<Vec<MatchPattern>>,
    /// Distinct chains, outermost first; chain [`NO_CHAIN`] is empty.
    pub(crate) chains: Vec<Vec<Link>>,
    /// The chain of a request no endpoint answers (a redirect, a 400, the
    /// 404 under `serve`): every middleware, each checked against the path.
    pub(crate) path_chain: usize,
}

/// The chain of a route without middleware.
pub(crate) const NO_CHAIN: usize = 0;

/// One middleware in a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Link {
    /// Index into [`MiddlewarePlan::middleware`].
    pub(crate) middleware: usize,
    /// It covers every path of the route; otherwise its patterns are
    /// checked against the request path.
    pub(crate) always: bool,
}

/// How the listing and [`RouteEntry`](crate::routing::RouteEntry) show one link of a
/// route's chain.
///
/// ```
/// use approute::prelude::*;
///
/// #[middleware("/admin/[[...rest]]")]
/// async fn guard(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
///     next.call(req).await
/// }
///
/// #[route("/admin")]
/// async fn GET() -> &'static str { "" }
///
/// let table = approute::routes().unwrap();
/// let admin = table.entries().find(|entry| entry.url == "/admin").unwrap();
/// assert_eq!(admin.middleware[0].name, "guard");
/// assert!(admin.middleware[0].every_path);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChainLink {
    /// The middleware function's name.
    pub name: &'static str,
    /// Where it is written.
    pub location: Location,
    /// It runs for every path of the route; otherwise only for the paths
    /// its patterns match.
    pub every_path: bool,
}

impl MiddlewarePlan {
    /// Orders `middleware` and parses their patterns; a pattern that does not
    /// parse (only a hand-made registration can have one) is a problem.
    pub(crate) fn new(
        middleware: impl IntoIterator<Item = &'static MiddlewareRegistration>,
        problems: &mut Vec<Problem>,
    ) -> Self {
        let mut parsed: Vec<(&'static MiddlewareRegistration, Vec<MatchPattern>)> = Vec::new();
        for registration in middleware {
            let mut patterns = Vec::new();
            for text in registration.patterns() {
                match PathPattern::parse(text) {
                    Ok(pattern) => patterns.push(MatchPattern::new(&pattern)),
                    Err(error) => problems.push(Problem {
                        kind: ProblemKind::InvalidMiddlewarePattern,
                        message: format!(
                            "middleware {registration}: `{text}` is not a valid path pattern: {error}"
                        ),
                        handlers: Vec::new(),
                        help: "see the path grammar in approute's documentation".to_owned(),
                    }),
                }
            }
            parsed.push((registration, patterns));
        }
        // Broader first: no pattern at all, then the broadest pattern's
        // specificity key, greatest first.
        let broadness = |patterns: &[MatchPattern]| {
            let broadest = patterns.iter().map(MatchPattern::specificity).max();
            (!patterns.is_empty(), std::cmp::Reverse(broadest))
        };
        parsed.sort_by(|(a, a_patterns), (b, b_patterns)| {
            a.order()
                .cmp(&b.order())
                .then_with(|| broadness(a_patterns).cmp(&broadness(b_patterns)))
                .then_with(|| a.function_path().cmp(&b.function_path()))
        });
        let (middleware, patterns): (Vec<_>, Vec<_>) = parsed.into_iter().unzip();
        let path_chain = (0..middleware.len())
            .map(|index| Link {
                middleware: index,
                always: patterns[index].is_empty(),
            })
            .collect::<Vec<_>>();
        let mut plan = MiddlewarePlan {
            middleware,
            patterns,
            chains: vec![Vec::new()],
            path_chain: NO_CHAIN,
        };
        plan.path_chain = plan.intern(path_chain);
        plan
    }

    /// The chain of an endpoint whose URL has these segments.
    pub(crate) fn chain_for(&mut self, segments: &[UrlSegment<'_>]) -> usize {
        if self.middleware.is_empty() {
            return NO_CHAIN;
        }
        let links = self
            .patterns
            .iter()
            .enumerate()
            .filter_map(|(index, patterns)| {
                let relation = patterns
                    .iter()
                    .map(|pattern| pattern.relation(segments))
                    .max()
                    .unwrap_or(Relation::Covers);
                let always = match relation {
                    Relation::Disjoint => return None,
                    Relation::Partial => false,
                    Relation::Covers => true,
                };
                Some(Link {
                    middleware: index,
                    always,
                })
            })
            .collect();
        self.intern(links)
    }

    /// A linear search: a table has a handful of distinct chains.
    fn intern(&mut self, links: Vec<Link>) -> usize {
        if links.is_empty() {
            return NO_CHAIN;
        }
        if let Some(index) = self.chains.iter().position(|chain| *chain == links) {
            return index;
        }
        self.chains.push(links);
        self.chains.len() - 1
    }

    /// A pattern that reaches no route or page is most likely a typo: a
    /// warning, with the middleware's location.
    pub(crate) fn unreached_patterns(&self, routes: &[Vec<UrlSegment<'_>>]) -> Vec<Problem> {
        let mut warnings = Vec::new();
        for (registration, patterns) in self.middleware.iter().zip(&self.patterns) {
            for (text, pattern) in registration.patterns().iter().zip(patterns) {
                let reaches = routes
                    .iter()
                    .any(|route| pattern.relation(route) != Relation::Disjoint);
                if !reaches {
                    warnings.push(Problem {
                        kind: ProblemKind::MiddlewareMatchesNothing,
                        message: format!(
                            "middleware {registration}: pattern `{text}` matches no route or page"
                        ),
                        handlers: Vec::new(),
                        help: "check the pattern for a typo; under `serve` it still runs on those paths' 404s".to_owned(),
                    });
                }
            }
        }
        warnings
    }

    /// A chain as the listing shows it.
    pub(crate) fn links(&self, chain: usize) -> Vec<ChainLink> {
        self.chains[chain]
            .iter()
            .map(|link| {
                let registration = self.middleware[link.middleware];
                ChainLink {
                    name: registration.name(),
                    location: registration.location(),
                    every_path: link.always,
                }
            })
            .collect()
    }
}
