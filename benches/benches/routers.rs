//! approute's lookup against matchit 0.8 (axum's router) and actix-router
//! (actix-web's) on the GitHub API route set of the router benchmarks and
//! on GitHub's whole REST API (808 routes), in one run: each iteration
//! looks every route up once, by a request with its parameters filled in.
//! approute's answer holds each parameter percent-decoded; matchit's and
//! actix-router's hold the raw slices.
//!
//! `cargo bench -p approute-bench --bench routers`

use approute::routing::Resolution;
use approute_bench::{requests, GITHUB_OPENAPI_ROUTES, GITHUB_ROUTES};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn github(c: &mut Criterion) {
    compare(c, "github", GITHUB_ROUTES);
    compare(c, "github-openapi", GITHUB_OPENAPI_ROUTES);
}

fn compare(c: &mut Criterion, name: &str, patterns: &[&str]) {
    let requests = requests(patterns);
    let approute = approute_bench::routers::approute_table(patterns);
    let matchit = approute_bench::routers::matchit_router(patterns);
    let actix = approute_bench::routers::actix_router(patterns);

    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(requests.len() as u64));
    group.bench_function("approute", |b| {
        b.iter(|| {
            for path in black_box(&requests) {
                let found = table_lookup(&approute, path);
                black_box(found);
            }
        })
    });
    group.bench_function("matchit", |b| {
        b.iter(|| {
            for path in black_box(&requests) {
                let found = matchit.at(path).expect("every request has a route");
                black_box(found.params.len());
            }
        })
    });
    group.bench_function("actix-router", |b| {
        b.iter(|| {
            for path in black_box(&requests) {
                let mut path = actix_router::Path::new(path.as_str());
                let found = actix
                    .recognize(&mut path)
                    .expect("every request has a route");
                black_box((found, path.segment_count()));
            }
        })
    });
    group.finish();
}

fn table_lookup(table: &approute::routing::RouteTable, path: &str) -> usize {
    let Resolution::Route(found) = table.resolve(path) else {
        panic!("every request has a route")
    };
    found.params().len()
}

criterion_group!(benches, github);
criterion_main!(benches);
