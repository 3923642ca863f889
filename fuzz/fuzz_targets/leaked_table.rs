//! The fuzz targets' route tables: one GET route per path, checked with
//! `Conflicts::Deny`, built once per process.

use approute::__private::leaked_registration;
use approute::{routing::{Conflicts, Kind, Method, Registration, RouteTable}};

pub fn leaked_table(paths: &[&str]) -> RouteTable {
    let registrations: Vec<&'static Registration> = paths
        .iter()
        .map(|path| {
            leaked_registration(Kind::Route, Method::GET, path.to_string(), || async { "" })
        })
        .collect();
    RouteTable::from_registrations(registrations, Conflicts::Deny).expect("a valid table")
}
