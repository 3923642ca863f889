//! Property tests: the path parser never panics and round-trips, and for
//! random route sets and request paths approute answers exactly what an
//! independent oracle answers.
//!
//! The oracle shares no code with approute: routes are generated as
//! structured segments, and the oracle judges their conflicts, ranks them
//! and matches requests (percent-decoding, dot segments, trailing slashes)
//! with its own small implementation of ARCHITECTURE.md's rules. approute only
//! ever sees the rendered path strings.

use approute::__private::leaked_registration;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use approute::routing::{Conflicts, Kind, Method, Registration, Resolution, RouteTable};
use approute_path::PathPattern;
use proptest::prelude::*;

#[path = "router_properties/oracle.rs"]
mod oracle;

use oracle::{Answer, Captured, Oracle, Problem, Route, Seg};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_parser_never_panics(source in ".{0,40}") {
        let _ = PathPattern::parse(&source);
    }

    #[test]
    fn whatever_parses_round_trips(source in "[/a-z_.()\\[\\]]{0,24}") {
        if let Ok(pattern) = PathPattern::parse(&source) {
            let rendered: String = if pattern.segments().is_empty() {
                "/".to_owned()
            } else {
                pattern.segments().iter().map(|segment| format!("/{segment}")).collect()
            };
            let again = PathPattern::parse(&rendered).unwrap();
            prop_assert_eq!(again.segments(), pattern.segments());
        }
    }

    #[test]
    fn the_table_agrees_with_an_independent_oracle(
        routes in prop::collection::vec(route_strategy(), 1..20),
        requests in prop::collection::vec(request_strategy(), 1..24),
    ) {
        agrees_with_the_oracle(routes, &requests, |_| Vec::new())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The same agreement on tables wide enough to reach every kind of
    /// node the tree has: a root with more than 16 literals (grouped by
    /// first byte), more than 16 under one first byte (a hash map), long
    /// shared prefixes, more than a few static URLs (their hash map), and
    /// literals of every byte class the grammar takes. The requests are
    /// each route's own URL, its near misses and random paths.
    #[test]
    fn wide_tables_agree_with_the_oracle(
        routes in prop::collection::vec(wide_route_strategy(), 20..70),
        requests in prop::collection::vec(wide_request_strategy(), 1..24),
    ) {
        agrees_with_the_oracle(routes, &requests, requests_of)?;
    }
}

/// The first build judges conflicts; then the oracle drops the routes its
/// own problems name until the set is valid, and the table must build and
/// route exactly as the oracle does: `requests`, and `own` of each route
/// that stays.
fn agrees_with_the_oracle(
    mut routes: Vec<Route>,
    requests: &[String],
    own: fn(&Route) -> Vec<String>,
) -> Result<(), TestCaseError> {
    loop {
        let oracle = Oracle::new(&routes);
        let registrations: Vec<&'static Registration> = routes.iter().map(registration).collect();
        let built = RouteTable::from_registrations(registrations.clone(), Conflicts::Warn);
        let problems = oracle.problems();
        match built {
            Err(error) => {
                prop_assert!(!problems.is_empty(), "false conflict: {}", error);
                check_reported(&oracle, &problems, &registrations, error.problems())?;
                if routes.is_empty() {
                    return Ok(());
                }
                routes = oracle.without_problems(&problems);
            }
            Ok(table) => {
                prop_assert!(
                    problems.is_empty(),
                    "conflicts missed: {:?}\n{}",
                    problems,
                    table
                );
                let warned: BTreeSet<BTreeSet<usize>> = table
                    .warnings()
                    .iter()
                    .map(|warning| indices(&registrations, &warning.handlers))
                    .collect();
                prop_assert_eq!(warned, oracle.shadowed_pages(), "shadowed pages");
                let own_requests = routes.iter().flat_map(own);
                for request in own_requests.chain(requests.iter().cloned()) {
                    let actual = answer(table.resolve(&request));
                    prop_assert_eq!(
                        actual,
                        oracle.resolve(&request),
                        "request {}\n{}",
                        request,
                        table
                    );
                }
                return Ok(());
            }
        }
    }
}

/// Literals for wide tables: 24 that share their first byte, one per
/// letter with a byte of another class after it, long shared prefixes,
/// digits, case, non-ASCII (`é` twice: as itself and percent-encoded, one
/// literal once decoded) and the odd ones that make a node a map.
static WIDE_LITERALS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut literals: Vec<String> = (0..24).map(|i| format!("s{i}")).collect();
    let tails = [
        "-x", "_y", "~z", ".w", "0", "'q", "+p", ":c", "@d", "!e", "$f", "*g", "=h",
    ];
    literals.extend((0..26u8).map(|i| {
        format!(
            "{}{}",
            char::from(b'a' + i),
            tails[usize::from(i) % tails.len()]
        )
    }));
    literals.extend(
        [
            "repository-settings",
            "repository-settings-0",
            "repository-settings-01",
            "repository-setting",
        ]
        .map(String::from),
    );
    literals.extend(
        [
            "2024", "Users", "users", "é", "%C3%A9", "ü", "%61", "x%2Fy", "100%25", "&;,",
        ]
        .map(String::from),
    );
    literals
        .into_iter()
        .map(|literal| &*literal.leak())
        .collect()
});

fn wide_route_strategy() -> impl Strategy<Value = Route> {
    let middle = prop_oneof![
        12 => prop::sample::select(WIDE_LITERALS.clone()).prop_map(Seg::Lit),
        3 => prop::sample::select(vec!["id", "slug"]).prop_map(Seg::Param),
        1 => prop::sample::select(vec!["g"]).prop_map(Seg::Group),
    ];
    let last = prop_oneof![
        1 => Just(Seg::CatchAll("rest")),
        1 => Just(Seg::Optional("rest")),
    ];
    (
        prop::collection::vec(middle, 1..4),
        prop::option::weighted(0.15, last),
        prop::sample::select(vec![Method::GET, Method::POST]),
    )
        .prop_map(|(mut segs, last, method)| {
            segs.extend(last);
            Route {
                segs,
                method,
                page: false,
            }
        })
}

fn wide_request_strategy() -> impl Strategy<Value = String> {
    let mut segments: Vec<&'static str> = WIDE_LITERALS.clone();
    segments.extend([
        "v",
        "",
        ".",
        "..",
        "%2e",
        "%FF",
        "S0",
        "s",
        "s2",
        "repository-settings-",
        "%73%30",
    ]);
    (
        prop::collection::vec(prop::sample::select(segments), 0..4),
        any::<bool>(),
    )
        .prop_map(|(segments, slash)| {
            let path = format!("/{}", segments.join("/"));
            match slash && path != "/" {
                true => path + "/",
                false => path,
            }
        })
}

/// A route's own URL (a value for each parameter, two segments for a
/// catch-all) and its near misses: a trailing `/`, a segment more, the last
/// byte dropped or one added.
fn requests_of(route: &Route) -> Vec<String> {
    let mut url = String::new();
    for seg in &route.segs {
        match seg {
            Seg::Lit(text) => url += &format!("/{text}"),
            Seg::Param(_) => url += "/v",
            Seg::CatchAll(_) | Seg::Optional(_) => url += "/v/w",
            Seg::Group(_) => {}
        }
    }
    if url.is_empty() {
        url.push('/');
    }
    let mut near = vec![format!("{url}/"), format!("{url}/extra"), format!("{url}z")];
    if url.len() > 2 {
        let mut shorter = url.clone();
        shorter.pop();
        near.push(shorter);
    }
    near.push(url);
    near
}

/// Every problem approute reports is one the oracle finds too, naming the
/// same handlers; every problem of a single URL is reported; a clash
/// between URLs is reported if the oracle finds one.
fn check_reported(
    oracle: &Oracle,
    expected: &[Problem],
    registrations: &[&'static Registration],
    reported: &[approute::routing::Problem],
) -> Result<(), TestCaseError> {
    let mut clashes = 0;
    for problem in reported {
        let handlers = indices(registrations, &problem.handlers);
        let message = &problem.message;
        if message.contains("both answer the same URL")
            || message.contains("a catch-all and an optional catch-all")
            || (message.contains("different parameter names") && oracle.urls_of(&handlers) == 2)
        {
            clashes += 1;
            prop_assert!(
                oracle.clash_between(&handlers, message),
                "reported clash the oracle does not find: {} {:?}",
                message,
                handlers
            );
        } else {
            let found = expected
                .iter()
                .any(|problem| problem.handlers() == &handlers && problem.describes(message));
            prop_assert!(
                found,
                "reported {} {:?}; oracle: {:?}",
                message,
                handlers,
                expected
            );
        }
    }
    for problem in expected.iter().filter(|problem| !problem.is_clash()) {
        let found = reported.iter().any(|r| {
            &indices(registrations, &r.handlers) == problem.handlers()
                && problem.describes(&r.message)
        });
        prop_assert!(
            found,
            "missed {:?}; reported {:?}",
            problem,
            reported.iter().map(|r| &r.message).collect::<Vec<_>>()
        );
    }
    // A URL whose handlers disagree on names joins the tree with one of
    // them: which clashes follow depends on that choice, so only the
    // single-URL problem is required then.
    let names_disagree = expected
        .iter()
        .any(|problem| matches!(problem, Problem::SameUrlNames(_)));
    if !names_disagree {
        let expected_clashes = expected.iter().any(Problem::is_clash);
        prop_assert_eq!(clashes > 0, expected_clashes, "clashes: {:?}", expected);
    }
    Ok(())
}

fn indices(
    registrations: &[&'static Registration],
    handlers: &[&'static Registration],
) -> BTreeSet<usize> {
    handlers
        .iter()
        .map(|handler| {
            registrations
                .iter()
                .position(|r| std::ptr::eq(*r, *handler))
                .expect("a reported handler is one of the table's")
        })
        .collect()
}

fn answer(resolution: Resolution) -> Answer {
    match resolution {
        Resolution::Route(found) => {
            let params = found
                .params()
                .map(|(name, value)| {
                    let value = match (value.as_str(), value.segments()) {
                        (Some(text), _) => Captured::One(text.to_owned()),
                        (None, segments) => Captured::Many(segments.expect("one or many").to_vec()),
                    };
                    (name.to_string(), value)
                })
                .collect();
            Answer::Route {
                url: oracle::decoded_pattern(found.pattern()),
                params,
                allow: found.allow().to_owned(),
            }
        }
        Resolution::Redirect(location) => Answer::Redirect(location),
        Resolution::BadSegment => Answer::BadSegment,
        Resolution::NoRoute => Answer::NoRoute,
        other => panic!("an answer the oracle does not know: {other:?}"),
    }
}

fn registration(route: &Route) -> &'static Registration {
    let (kind, method) = if route.page {
        (Kind::Page, Method::GET)
    } else {
        (Kind::Route, route.method)
    };
    leaked_registration(kind, method, route.render(), || async { "" })
}

fn route_strategy() -> impl Strategy<Value = Route> {
    // `%61` is `a` written encoded; `x%2Fy` one segment holding a `/` once
    // decoded (a request's `/x/y` is two); names repeat so that siblings clash.
    let literal = || prop::sample::select(vec!["a", "b", "c", "%61", "x%2Fy"]).prop_map(Seg::Lit);
    let middle = prop_oneof![
        6 => literal(),
        3 => prop::sample::select(vec!["id", "slug"]).prop_map(Seg::Param),
        1 => prop::sample::select(vec!["g", "h"]).prop_map(Seg::Group),
    ];
    let last = prop_oneof![
        2 => prop::sample::select(vec!["rest", "slug"]).prop_map(Seg::CatchAll),
        2 => prop::sample::select(vec!["rest", "all"]).prop_map(Seg::Optional),
    ];
    (
        prop::collection::vec(middle, 0..4),
        prop::option::weighted(0.3, last),
        prop::sample::select(vec![Method::GET, Method::POST, Method::DELETE]),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(mut segs, last, method, page)| {
            segs.extend(last);
            Route { segs, method, page }
        })
}

fn request_strategy() -> impl Strategy<Value = String> {
    let segment = prop::sample::select(vec![
        "a", "b", "c", "x", "y", "%61", "%62", "", "", ".", "..", "%2e", "%2E%2e", ".x", "%2F",
        "x%2Fy", "%FF", "\\", "%5C", "é",
    ]);
    // A trailing `/` as often as not: the walk that takes paths as they
    // come must leave it to the check, after a parameter or a catch-all.
    (prop::collection::vec(segment, 0..5), any::<bool>()).prop_map(|(segments, slash)| {
        let path = format!("/{}", segments.join("/"));
        match slash && path != "/" {
            true => path + "/",
            false => path,
        }
    })
}
