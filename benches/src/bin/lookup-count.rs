//! Looks every request of a route set up `rounds` times in one router, for
//! `benches/lookup-callgrind.sh`, which counts the instructions:
//! `lookup-count approute|matchit|actix-router ROUNDS [github|github-openapi]`
//! (`lookup-count size SET` prints the set's number of routes).

use std::hint::black_box;

use approute::routing::Resolution;
use approute_bench::routers::{actix_router, approute_table, matchit_router};
use approute_bench::{requests, route_set};

fn main() {
    let mut args = std::env::args().skip(1);
    let router = args
        .next()
        .expect("a router: approute, matchit or actix-router");
    if router == "size" {
        let set = args.next().expect("a route set");
        println!("{}", route_set(&set).len());
        return;
    }
    let rounds: usize = args
        .next()
        .and_then(|rounds| rounds.parse().ok())
        .expect("a number of rounds");
    let patterns = route_set(args.next().as_deref().unwrap_or("github"));
    let requests = requests(patterns);
    let mut found = 0usize;
    match router.as_str() {
        "approute" => {
            let table = approute_table(patterns);
            for _ in 0..rounds {
                for path in &requests {
                    let Resolution::Route(matched) = table.resolve(black_box(path)) else {
                        panic!("a route")
                    };
                    found += black_box(matched.params().len());
                }
            }
        }
        "matchit" => {
            let router = matchit_router(patterns);
            for _ in 0..rounds {
                for path in &requests {
                    let matched = router.at(black_box(path)).expect("a route");
                    found += black_box(matched.params.len());
                }
            }
        }
        "actix-router" => {
            let router = actix_router(patterns);
            for _ in 0..rounds {
                for path in &requests {
                    let mut path = actix_router::Path::new(black_box(path.as_str()));
                    router.recognize(&mut path).expect("a route");
                    found += black_box(path.segment_count());
                }
            }
        }
        other => panic!("unknown router {other:?}"),
    }
    println!("{} lookups, {found} parameters", rounds * requests.len());
}
