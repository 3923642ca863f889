//! `bench-server MODE N PORT [WORKERS]`: one of the servers the benchmark
//! driver measures. MODE is `approute` / `actix` (the same three handlers,
//! through the macros or registered by hand) or `approute-scale` /
//! `actix-scale` (N generated routes before the targets), or
//! `approute-traced` / `actix-traced`: the scale servers inside
//! tracing-actix-web's `TracingLogger`, with a subscriber that keeps spans.
//! `approute-scope` / `actix-scope`: the first two under `web::scope("/api")`.
//! `approute-table-order` / `actix-table-order`: the first two, actix-web's
//! routes registered in the order approute's services have at the root.
//! `approute-serve` / `actix-serve`: approute's `Server` (its request log and
//! body watch included) against actix-web with the same log and a
//! pass-through `from_fn` middleware.
//! `axum` / `axum-scale`: the same on axum, one thread. `table-only N 0`
//! builds approute's table of N routes and exits, for profilers.

use actix_web::web::ServiceConfig;
use actix_web::{App, HttpServer};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, n, port, rest @ ..] = args.as_slice() else {
        eprintln!("usage: bench-server approute|actix|approute-scale|actix-scale N PORT [WORKERS]");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let port: u16 = port.parse().expect("PORT is a number");
    let workers: usize = rest
        .first()
        .map_or(1, |workers| workers.parse().expect("WORKERS is a number"));
    let mode = mode.clone();
    if mode == "table-only" {
        // For profilers: the route table's build and nothing else.
        let started = std::time::Instant::now();
        let table = approute_bench::approute_table(n);
        eprintln!("route table of {n} built in {:?}", started.elapsed());
        drop(table);
        return Ok(());
    }
    // Built once, before the workers, and shared by them; each mode builds
    // only its own routes, so neither pays for the other's start-up.
    match mode.as_str() {
        "axum" => {
            return approute_bench::axum_app::serve(approute_bench::axum_app::handlers(), port)
        }
        "axum-scale" => {
            return approute_bench::axum_app::serve(approute_bench::axum_app::scale(n), port)
        }
        _ => {}
    }
    if mode == "approute-serve" {
        return actix_web::rt::System::new().block_on(async move {
            approute::server::Server::from_registry()?
                .workers(workers)
                .bind(("127.0.0.1", port))?
                .start()?
                .await
        });
    }
    if mode == "actix-serve" {
        return actix_web::rt::System::new().block_on(async move {
            HttpServer::new(|| {
                App::new()
                    .wrap(actix_web::middleware::from_fn(
                        |req, next: actix_web::middleware::Next<_>| next.call(req),
                    ))
                    .wrap(actix_web::middleware::Logger::new("%s %r %b bytes %Dms"))
                    .configure(approute_bench::handlers::by_hand)
            })
            .workers(workers)
            .bind(("127.0.0.1", port))?
            .run()
            .await
        });
    }
    let traced = mode.ends_with("-traced");
    if traced {
        // Spans are made and kept (tracing's registry), as under any
        // subscriber that exports them; nothing is printed.
        use tracing_subscriber::util::SubscriberInitExt;
        tracing_subscriber::registry().init();
    }
    let mode = mode.replace("-traced", "-scale");
    let table = (mode == "approute-scale").then(|| {
        let started = std::time::Instant::now();
        let table = approute_bench::approute_table(n);
        if std::env::var_os("BENCH_VERBOSE").is_some() {
            eprintln!("route table of {n} built in {:?}", started.elapsed());
        }
        table
    });
    let actix_routes = approute_bench::actix_routes(n);
    // The routes of the mode, the same with or without tracing.
    let routes = move |cfg: &mut ServiceConfig| match mode.as_str() {
        "approute" => approute::configure(cfg),
        "actix" => approute_bench::handlers::by_hand(cfg),
        // The same two with actix-web's routes in approute's order.
        "approute-table-order" => approute::configure(cfg),
        "actix-table-order" => approute_bench::handlers::by_hand_in_table_order(cfg),
        "approute-scale" => table.clone().expect("built for this mode").configure(cfg),
        "actix-scale" => actix_routes(cfg),
        "approute-scope" => {
            cfg.service(actix_web::web::scope("/api").configure(approute::configure));
        }
        "actix-scope" => {
            cfg.service(actix_web::web::scope("/api").configure(approute_bench::handlers::by_hand));
        }
        other => panic!("unknown mode {other}"),
    };
    // Two servers, not a `Condition`: the untraced modes keep actix-web's
    // shortest path, which the overhead benchmark compares.
    macro_rules! serve {
        ($app:expr) => {
            actix_web::rt::System::new().block_on(async move {
                HttpServer::new(move || $app.configure(routes.clone()))
                    .workers(workers)
                    .bind(("127.0.0.1", port))?
                    .run()
                    .await
            })
        };
    }
    match traced {
        true => serve!(App::new().wrap(tracing_actix_web::TracingLogger::default())),
        false => serve!(App::new()),
    }
}
