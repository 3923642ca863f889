//! Property tests: the path parser never panics and round-trips, and for
//! random route sets and request paths the route tree answers exactly what a
//! brute-force reading of DESIGN.md's precedence rules answers.

use std::collections::BTreeSet;

use approute::{Conflicts, Kind, Method, ParamValue, Registration, RouteTable};
use approute_path::{PathPattern, Segment};
use proptest::prelude::*;

proptest! {
    #[test]
    fn the_parser_never_panics(source in ".{0,40}") {
        let _ = PathPattern::parse(&source);
    }

    #[test]
    fn whatever_parses_round_trips(source in "[/a-z_.()\\[\\]]{0,24}") {
        if let Ok(pattern) = PathPattern::parse(&source) {
            let rendered = render(pattern.segments());
            let again = PathPattern::parse(&rendered).unwrap();
            prop_assert_eq!(again.segments(), pattern.segments());
        }
    }

    #[test]
    fn every_valid_pattern_round_trips(route in route_strategy()) {
        let segments = route.segments();
        let source = render(&segments);
        let pattern = PathPattern::parse(&source).unwrap();
        prop_assert_eq!(pattern.segments(), segments.as_slice());
    }

    #[test]
    fn the_tree_agrees_with_a_brute_force_reference(
        routes in prop::collection::vec((route_strategy(), method_strategy()), 1..24),
        requests in prop::collection::vec(request_strategy(), 1..24),
    ) {
        let (table, kept) = valid_table(routes);
        for request in requests {
            let expected = reference(&kept, &request);
            let actual = table.match_path(&request).map(|found| {
                let params = found.params().iter().map(|(name, value)| (*name, Captured::from(value))).collect();
                (found.pattern().to_owned(), params, found.allow().to_owned())
            });
            prop_assert_eq!(actual, expected, "request {}", request);
        }
    }
}

/// A route: URL segments (groups kept apart so that they can be put anywhere).
#[derive(Debug, Clone)]
struct Route {
    url: Vec<Shape>,
    group_at: Option<usize>,
    page: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Literal(&'static str),
    Param,
    CatchAll,
    Optional,
}

impl Route {
    /// Parameter names follow the URL position, so that sibling routes never
    /// clash over names (that clash has its own start-up error).
    fn segments(&self) -> Vec<Segment<'static>> {
        const PARAMS: [&str; 4] = ["p0", "p1", "p2", "p3"];
        const CATCH_ALLS: [&str; 4] = ["c0", "c1", "c2", "c3"];
        const OPTIONALS: [&str; 4] = ["o0", "o1", "o2", "o3"];
        let mut segments: Vec<Segment> = self
            .url
            .iter()
            .enumerate()
            .map(|(i, shape)| match shape {
                Shape::Literal(text) => Segment::Literal(text),
                Shape::Param => Segment::Param(PARAMS[i]),
                Shape::CatchAll => Segment::CatchAll(CATCH_ALLS[i]),
                Shape::Optional => Segment::OptionalCatchAll(OPTIONALS[i]),
            })
            .collect();
        if let Some(at) = self.group_at {
            segments.insert(
                at.min(
                    segments
                        .len()
                        .saturating_sub(usize::from(self.ends_in_catch_all())),
                ),
                Segment::Group("g"),
            );
        }
        segments
    }

    fn ends_in_catch_all(&self) -> bool {
        matches!(self.url.last(), Some(Shape::CatchAll | Shape::Optional))
    }
}

fn render(segments: &[Segment]) -> String {
    if segments.is_empty() {
        return "/".to_owned();
    }
    segments
        .iter()
        .map(|segment| format!("/{segment}"))
        .collect()
}

fn route_strategy() -> impl Strategy<Value = Route> {
    let middle = prop_oneof![
        4 => prop::sample::select(vec!["a", "b", "c"]).prop_map(Shape::Literal),
        2 => Just(Shape::Param),
    ];
    let last = prop_oneof![
        4 => prop::sample::select(vec!["a", "b", "c"]).prop_map(Shape::Literal),
        2 => Just(Shape::Param),
        1 => Just(Shape::CatchAll),
        1 => Just(Shape::Optional),
    ];
    (
        prop::collection::vec(middle, 0..3),
        prop::option::of(last),
        prop::option::of(0..4usize),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(mut url, last, group_at, page)| {
            url.extend(last);
            Route {
                url,
                group_at,
                page,
            }
        })
}

fn method_strategy() -> impl Strategy<Value = Method> {
    prop::sample::select(vec![Method::GET, Method::POST, Method::DELETE])
}

fn request_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec!["a", "b", "c", "x", "%61"]), 0..5)
        .prop_map(|segments| format!("/{}", segments.join("/")))
}

fn registration(route: &Route, method: Method) -> &'static Registration {
    let (kind, method) = if route.page {
        (Kind::Page, Method::GET)
    } else {
        (Kind::Route, method)
    };
    Registration::leaked(kind, method, render(&route.segments()), || {
        actix_web::web::to(|| async { "" })
    })
}

/// Builds a table, dropping every route that a start-up error names, until
/// the rest is valid; returns the table and the registrations kept.
fn valid_table(routes: Vec<(Route, Method)>) -> (RouteTable, Vec<&'static Registration>) {
    let mut kept: Vec<&'static Registration> = routes
        .iter()
        .map(|(route, method)| registration(route, *method))
        .collect();
    loop {
        match RouteTable::from_registrations(kept.clone(), Conflicts::Warn) {
            Ok(table) => return (table, kept),
            Err(error) => {
                let named: BTreeSet<*const Registration> = error
                    .problems()
                    .iter()
                    .flat_map(|problem| problem.handlers.iter().map(|handler| *handler as *const _))
                    .collect();
                kept.retain(|handler| !named.contains(&(*handler as *const _)));
                if kept.is_empty() {
                    kept.push(registration(
                        &Route {
                            url: vec![Shape::Literal("only")],
                            group_at: None,
                            page: false,
                        },
                        Method::GET,
                    ));
                }
            }
        }
    }
}

/// A captured value in plain types, as the reference computes it.
#[derive(Debug, PartialEq)]
enum Captured {
    One(String),
    Many(Vec<String>),
}

impl From<&ParamValue> for Captured {
    fn from(value: &ParamValue) -> Self {
        match value {
            ParamValue::One(text) => Captured::One(text.to_string()),
            ParamValue::Many(segments) => Captured::Many(segments.to_vec()),
        }
    }
}

type Params = Vec<(&'static str, Captured)>;
type Expected = Option<(String, Params, String)>;

/// DESIGN.md read literally: of all routes that match, the one whose segment
/// ranks (static < param < catch-all < optional) are smallest, position by
/// position; its URL's handlers decide `Allow`.
fn reference(registrations: &[&'static Registration], request: &str) -> Expected {
    let decoded: Vec<String> = request
        .trim_start_matches('/')
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| segment.replace("%61", "a"))
        .collect();
    let mut best: Option<(Vec<u8>, String, Params)> = None;
    for registration in registrations {
        let pattern = PathPattern::parse(registration.path).unwrap();
        let url: Vec<Segment> = pattern.url_segments().collect();
        let Some(captures) = matches(&url, &decoded) else {
            continue;
        };
        let ranks: Vec<u8> = url.iter().map(|segment| segment.rank()).collect();
        if best
            .as_ref()
            .is_none_or(|(best_ranks, ..)| ranks < *best_ranks)
        {
            best = Some((ranks, pattern.url().into_owned(), captures));
        }
    }
    let (_, url, captures) = best?;
    let same_url: Vec<_> = registrations
        .iter()
        .filter(|r| PathPattern::parse(r.path).unwrap().url() == url)
        .collect();
    let mut methods: BTreeSet<&str> = BTreeSet::from(["OPTIONS"]);
    for registration in same_url {
        methods.insert(registration.method.as_str());
        if registration.method == Method::GET {
            methods.insert("HEAD");
        }
    }
    Some((
        url,
        captures,
        methods.into_iter().collect::<Vec<_>>().join(", "),
    ))
}

fn matches(pattern: &[Segment], request: &[String]) -> Option<Params> {
    let mut captures = Vec::new();
    for (i, segment) in pattern.iter().enumerate() {
        let name = |name: &str| -> &'static str { Box::leak(name.to_owned().into_boxed_str()) };
        match segment {
            Segment::Literal(text) => {
                if request.get(i).map(String::as_str) != Some(*text) {
                    return None;
                }
            }
            Segment::Param(param) => {
                captures.push((name(param), Captured::One(request.get(i)?.clone())))
            }
            Segment::CatchAll(param) => {
                if request.len() <= i {
                    return None;
                }
                captures.push((name(param), Captured::Many(request[i..].to_vec())));
                return Some(captures);
            }
            Segment::OptionalCatchAll(param) => {
                captures.push((
                    name(param),
                    Captured::Many(request.get(i..).unwrap_or_default().to_vec()),
                ));
                return Some(captures);
            }
            Segment::Group(_) => unreachable!("url segments have no groups"),
        }
    }
    (request.len() == pattern.len()).then_some(captures)
}
