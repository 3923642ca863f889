//! Any request path against a table with every kind of segment: the matcher
//! never panics, and what it captures is consistent with the route it chose.
#![no_main]

use std::sync::OnceLock;

use approute::routing::{Resolution, RouteTable};
use libfuzzer_sys::fuzz_target;

#[path = "leaked_table.rs"]
mod leaked_table;
use leaked_table::leaked_table;

const PATHS: [&str; 9] = [
    "/",
    "/comments",
    "/comments/[id]",
    "/comments/new",
    "/shop/item/[slug]",
    "/shop/[...slug]",
    "/docs/[[...path]]",
    "/(group)/about",
    "/caf%C3%A9/[x]",
];

fn table() -> &'static RouteTable {
    static TABLE: OnceLock<RouteTable> = OnceLock::new();
    TABLE.get_or_init(|| leaked_table(&PATHS))
}

fuzz_target!(|path: &str| {
    if let Resolution::Route(found) = table().resolve(path) {
        let expected_params =
            found.pattern().matches('[').count() - found.pattern().matches("[[").count();
        assert_eq!(
            found.params().len(),
            expected_params,
            "{path} → {}",
            found.pattern()
        );
        for (_, value) in found.params() {
            if let Some(segments) = value.segments() {
                assert!(segments.iter().all(|segment| !segment.is_empty()), "{path}");
            }
        }
    }
});
