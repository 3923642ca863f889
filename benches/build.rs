//! Writes the generated route set as statics, the way `inventory` hands a
//! real application its registrations: nothing is built at run time, so the
//! start-up figure measures approute, not the benchmark's string formatting.

use std::fmt::Write;

include!("src/generated_path.rs");

/// The largest N the benchmarks use.
const MAX_ROUTES: usize = 10_000;

fn main() {
    let mut out = String::new();
    writeln!(
        out,
        "/// `generated_path(i)` for every i below {MAX_ROUTES}, registered as a GET route."
    )
    .unwrap();
    writeln!(
        out,
        "pub static GENERATED: [Registration; {MAX_ROUTES}] = ["
    )
    .unwrap();
    for i in 0..MAX_ROUTES {
        let path = generated_path(i);
        writeln!(
            out,
            "    generated(Generated {{ kind: Kind::Route, method: Method::GET, path: {path:?}, handler: &HandlerFn::new(ok), \
             location: Location {{ file: \"generated\", line: {i}, module_path: \"approute_bench\" }}, params: &[], max_duration: None, revalidate: None, websocket: false, api: ::approute::__private::api_doc! {{ docs: \"\", params: [], inputs: [], output: [] }} }}),"
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{dir}/generated.rs"), out).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/generated_path.rs");
}
