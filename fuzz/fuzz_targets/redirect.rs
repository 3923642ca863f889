//! Any request path against a table with a root-level parameter and
//! catch-alls: a redirect always stays on this origin, and no route ever
//! captures a `.` or `..` segment.
#![no_main]

use std::sync::OnceLock;

use approute::{routing::{Resolution, RouteTable}};
use libfuzzer_sys::fuzz_target;

#[path = "leaked_table.rs"]
mod leaked_table;
use leaked_table::leaked_table;

const PATHS: [&str; 5] = [
    "/[slug]",
    "/docs/[...rest]",
    "/files/[[...path]]",
    "/a/[b]/c",
    "/",
];

fn table() -> &'static RouteTable {
    static TABLE: OnceLock<RouteTable> = OnceLock::new();
    TABLE.get_or_init(|| leaked_table(&PATHS))
}

fn is_dot(segment: &str) -> bool {
    segment == "." || segment == ".."
}

fuzz_target!(|path: &str| {
    match table().resolve(path) {
        Resolution::Redirect(location) => {
            assert!(location.starts_with('/'), "{path:?} → {location:?}");
            assert!(!location[1..].starts_with('/'), "{path:?} → {location:?}");
            assert!(!location.contains('\\'), "{path:?} → {location:?}");
            assert!(
                !location.chars().any(|c| c.is_ascii_control()),
                "{path:?} → {location:?}"
            );
            // The target is itself served, not redirected again.
            assert!(
                matches!(table().resolve(&location), Resolution::Route(_)),
                "{path:?} → {location:?}"
            );
        }
        Resolution::Route(found) => {
            for (_, value) in found.params() {
                if let Some(text) = value.as_str() {
                    assert!(!is_dot(text), "{path:?}");
                }
                if let Some(segments) = value.segments() {
                    assert!(segments.iter().all(|s| !is_dot(&s)), "{path:?}");
                }
            }
        }
        Resolution::BadSegment | Resolution::NoRoute => {}
        other => panic!("{path:?}: an answer this target does not know: {other:?}"),
    }
});
