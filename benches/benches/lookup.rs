//! The route tree alone: a static hit, a dynamic hit, a catch-all hit and a
//! miss, at N = 10, 100, 1,000 and 10,000 routes.
//!
//! `cargo bench -p approute-bench --bench lookup`

use approute::__private::leaked_registration;
use approute::routing::{Kind, Method, Registration, Resolution, RouteTable};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};

fn table(n: usize) -> RouteTable {
    let mut paths: Vec<String> = (0..n).map(approute_bench::generated_path).collect();
    paths.extend(["/target/static", "/target/[id]", "/files/[...path]"].map(String::from));
    let registrations: Vec<&'static Registration> = paths
        .into_iter()
        .map(|path| leaked_registration(Kind::Route, Method::GET, path, || async { "" }))
        .collect();
    RouteTable::from_registrations(registrations, approute::routing::Conflicts::Warn).unwrap()
}

fn lookup(c: &mut Criterion) {
    let mut group = c.benchmark_group("lookup");
    for n in [10, 100, 1_000, 10_000] {
        let table = table(n);
        for (name, path) in [
            ("static", "/target/static"),
            ("dynamic", "/target/123"),
            ("catch-all", "/files/a/b/c"),
            ("miss", "/nowhere/at/all"),
        ] {
            let found = matches!(table.resolve(path), Resolution::Route(_));
            assert_eq!(found, name != "miss", "{path}");
            group.bench_with_input(BenchmarkId::new(name, n), &path, |b, path| {
                b.iter(|| table.resolve(black_box(path)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, lookup);
criterion_main!(benches);
