//! Property tests: the path parser never panics and round-trips, and for
//! random route sets and request paths approute answers exactly what an
//! independent oracle answers.
//!
//! The oracle shares no code with approute: routes are generated as
//! structured segments, and the oracle judges their conflicts, ranks them
//! and matches requests (percent-decoding, dot segments, trailing slashes)
//! with its own small implementation of DESIGN.md's rules. approute only
//! ever sees the rendered path strings.

use std::collections::BTreeSet;

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
        let mut routes = routes;
        // The first build judges conflicts; then the oracle drops the routes
        // its own problems name until the set is valid, and the table must
        // build and route exactly as the oracle does.
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
                        break;
                    }
                    routes = oracle.without_problems(&problems);
                }
                Ok(table) => {
                    prop_assert!(problems.is_empty(), "conflicts missed: {:?}\n{}", problems, table);
                    let warned: BTreeSet<BTreeSet<usize>> = table
                        .warnings()
                        .iter()
                        .map(|warning| indices(&registrations, &warning.handlers))
                        .collect();
                    prop_assert_eq!(warned, oracle.shadowed_pages(), "shadowed pages");
                    for request in &requests {
                        let actual = answer(table.resolve(request));
                        prop_assert_eq!(actual, oracle.resolve(request), "request {}\n{}", request, table);
                    }
                    break;
                }
            }
        }
    }
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
    Registration::leaked(kind, method, route.render(), || async { "" })
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
