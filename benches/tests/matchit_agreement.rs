//! approute's lookup agrees with matchit (axum's router) on every route of
//! both GitHub sets the lookup benchmarks measure: the route each request
//! reaches and its parameters, and the requests neither serves.
//!
//! Requests: each route's own, with its parameters named (`/users/p1`, as
//! the benchmarks send them) and with other values; and near misses (a
//! segment more, a last literal changed, a trailing `/`). Values hold no
//! `%`: approute decodes them and matchit does not, which is no
//! disagreement about the route.

use approute::routing::Resolution;
use approute_bench::routers::approute_table;
use approute_bench::{braces, requests, GITHUB_OPENAPI_ROUTES, GITHUB_ROUTES};

#[test]
fn the_routers_benchmark_set() {
    agree(GITHUB_ROUTES);
}

#[test]
fn githubs_whole_rest_api() {
    agree(GITHUB_OPENAPI_ROUTES);
}

/// What a router answers for a path: the pattern (in approute's syntax)
/// and the parameters, or nothing.
type Answer = Option<(String, Vec<(String, String)>)>;

fn agree(patterns: &[&str]) {
    let table = approute_table(patterns);
    let mut router = matchit::Router::new();
    for (index, pattern) in patterns.iter().enumerate() {
        router
            .insert(braces(pattern), index)
            .expect("matchit takes the set");
    }
    let approute = |path: &str| -> Answer {
        let Resolution::Route(found) = table.resolve(path) else {
            return None;
        };
        let params = found
            .params()
            .map(|(name, value)| (name.to_owned(), value.as_str().unwrap().to_owned()))
            .collect();
        Some((found.pattern().to_owned(), params))
    };
    let matchit = |path: &str| -> Answer {
        let found = router.at(path).ok()?;
        let pattern = patterns[*found.value];
        let params = found
            .params
            .iter()
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        Some((pattern.to_string(), params))
    };
    let mut checked = 0;
    let mut hits = 0;
    for path in requests_for(patterns) {
        let expected = matchit(&path);
        assert_eq!(approute(&path), expected, "{path}");
        hits += usize::from(expected.is_some());
        checked += 1;
    }
    // Every route was reached by its own request at least.
    assert!(hits >= patterns.len(), "{hits} hits of {checked} requests");
    println!("{checked} requests, {hits} routed, the same by both routers");
}

fn requests_for(patterns: &[&str]) -> Vec<String> {
    let mut all = requests(patterns);
    for pattern in patterns {
        let segments: Vec<&str> = pattern.split('/').skip(1).collect();
        let with_values = |value: &dyn Fn(usize) -> String| -> String {
            let rendered: Vec<String> = segments
                .iter()
                .enumerate()
                .map(|(at, segment)| match segment.starts_with('[') {
                    true => value(at),
                    false => segment.to_string(),
                })
                .collect();
            format!("/{}", rendered.join("/"))
        };
        if pattern.contains('[') {
            all.push(with_values(&|at| format!("v-{at}.x_y~z")));
            all.push(with_values(&|at| at.to_string()));
        }
        let own = with_values(&|at| format!("p{at}"));
        all.push(format!("{own}/extra"));
        if *pattern != "/" {
            all.push(format!("{own}/"));
        }
        if segments
            .last()
            .is_some_and(|last| !last.starts_with('[') && !last.is_empty())
        {
            all.push(format!("{own}z"));
            all.push(own[..own.len() - 1].to_owned());
        }
    }
    all
}
