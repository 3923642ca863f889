//! `bench-server MODE N PORT [WORKERS]`: one of the servers the benchmark
//! driver measures. MODE is `approute` / `actix` (the same three handlers,
//! through the macros or registered by hand) or `approute-scale` /
//! `actix-scale` (N generated routes before the targets).

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
    // Built once, before the workers, and shared by them.
    let table = approute_bench::approute_table(n);
    let actix_routes = approute_bench::actix_routes(n);
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(move || {
            let app = App::new();
            match mode.as_str() {
                "approute" => app.configure(approute::configure),
                "actix" => app.configure(approute_bench::handlers::by_hand),
                "approute-scale" => {
                    let table = table.clone();
                    app.configure(move |cfg| table.configure(cfg))
                }
                "actix-scale" => app.configure(actix_routes.clone()),
                other => panic!("unknown mode {other}"),
            }
        })
        .workers(workers)
        .bind(("127.0.0.1", port))?
        .run()
        .await
    })
}
