//! One route set in three routers, for `benches/routers.rs` and
//! `bin/lookup-count.rs`: approute's table, matchit's and actix-router's.

use approute::__private::leaked_registration;
use approute::routing::{Conflicts, Kind, Method, Registration, RouteTable};

use crate::braces;

pub fn approute_table(patterns: &[&str]) -> RouteTable {
    let registrations: Vec<&'static Registration> = patterns
        .iter()
        .map(|pattern| leaked_registration(Kind::Route, Method::GET, *pattern, || async { "" }))
        .collect();
    RouteTable::from_registrations(registrations, Conflicts::Deny).expect("the set has no conflict")
}

pub fn matchit_router(patterns: &[&str]) -> matchit::Router<bool> {
    let mut router = matchit::Router::new();
    for pattern in patterns {
        router
            .insert(braces(pattern), true)
            .expect("matchit takes the set");
    }
    router
}

pub fn actix_router(patterns: &[&str]) -> actix_router::Router<bool> {
    let mut router = actix_router::Router::<bool>::build();
    for pattern in patterns {
        router.path(braces(pattern).as_str(), true);
    }
    router.finish()
}
