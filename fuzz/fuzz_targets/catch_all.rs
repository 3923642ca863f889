//! Any request path against catch-alls: a segment a catch-all captures is one
//! path segment (no `/`, `\` or NUL, never `.` or `..`), and a
//! `RelativePath` made of any value stays under its base.
#![no_main]

use std::path::Component;
use std::sync::OnceLock;

use approute::extract::RelativePath;
use approute::routing::{Resolution, RouteTable};
use libfuzzer_sys::fuzz_target;

#[path = "leaked_table.rs"]
mod leaked_table;
use leaked_table::leaked_table;

const PATHS: [&str; 4] = ["/[slug]", "/files/[...path]", "/docs/[[...path]]", "/a/[x]/[...rest]"];

fn table() -> &'static RouteTable {
    static TABLE: OnceLock<RouteTable> = OnceLock::new();
    TABLE.get_or_init(|| leaked_table(&PATHS))
}

/// What `Path::join` could take outside its base.
fn stays_under_its_base(path: &RelativePath) -> bool {
    path.components().all(|component| matches!(component, Component::Normal(_)))
}

fuzz_target!(|path: &str| {
    if let Resolution::Route(found) = table().resolve(path) {
        for (_, value) in found.params() {
            let Some(segments) = value.segments() else {
                continue;
            };
            for segment in segments.iter() {
                assert!(!segment.contains(['/', '\\', '\0']), "{path}: {segment:?}");
                assert!(segment != "." && segment != "..", "{path}: {segment:?}");
            }
            let joined = segments.to_vec().join("/");
            if let Ok(relative) = RelativePath::new(&joined) {
                assert!(stays_under_its_base(&relative), "{path}: {relative}");
            }
        }
    }
    if let Ok(relative) = RelativePath::new(path) {
        assert!(stays_under_its_base(&relative), "{path}: {relative}");
    }
});
