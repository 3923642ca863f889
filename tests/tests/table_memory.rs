//! Building a table leaks nothing: tests, benchmarks and tools build many,
//! and a table owns every string it makes (URLs without their route groups,
//! `Allow` values). Measured with a counting allocator, in a test binary of
//! its own so that no other test allocates meanwhile.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use approute::routing::{Conflicts, Kind, Method, Registration, RouteTable};

/// The system allocator, counting the bytes currently allocated.
struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn a_thousand_tables_leave_memory_where_it_was() {
    let ok = || async { "" };
    // Route groups (an owned URL per endpoint) and several `Allow` values.
    let registrations: Vec<&'static Registration> = (0..50)
        .flat_map(|i| {
            [
                Registration::leaked(
                    Kind::Route,
                    Method::GET,
                    format!("/(shop)/items{i}/[id]"),
                    ok,
                ),
                Registration::leaked(
                    Kind::Route,
                    Method::POST,
                    format!("/(shop)/items{i}/[id]"),
                    ok,
                ),
                Registration::leaked(Kind::Page, Method::GET, format!("/(site)/pages{i}"), ok),
                Registration::leaked(
                    Kind::Route,
                    Method::DELETE,
                    format!("/(admin)/d{i}/[[...rest]]"),
                    ok,
                ),
            ]
        })
        .collect();
    let build = || {
        let table = RouteTable::from_registrations(registrations.iter().copied(), Conflicts::Deny)
            .expect("a valid table");
        assert_eq!(table.entries().count(), 200);
        assert_eq!(
            table.match_path("/items7/3").unwrap().pattern(),
            "/items7/[id]"
        );
    };
    // The first build may initialise lazily held state (hashers, logging).
    build();
    let before = LIVE_BYTES.load(Ordering::Relaxed);
    for _ in 0..1_000 {
        build();
    }
    let grown = LIVE_BYTES.load(Ordering::Relaxed) - before;
    assert_eq!(grown, 0, "1,000 tables left {grown} bytes allocated");
}
