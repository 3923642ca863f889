//! The zero-configuration server.

use std::io;
use std::net::ToSocketAddrs;
use std::sync::OnceLock;

use actix_web::http::StatusCode;
use actix_web::web::ServiceConfig;
use actix_web::{middleware, web, App, HttpRequest, HttpServer};

use crate::respond::json_error;
use crate::{RouteError, RouteTable};

/// Mounts every registered handler: `App::new().configure(approute::configure)`.
///
/// The table is collected and checked once per process and shared by every
/// worker. Warnings (such as a shadowed page) are logged once.
///
/// # Panics
///
/// With the full [`RouteError`] report when the registered routes conflict;
/// call [`routes`](crate::routes) first to handle that yourself.
pub fn configure(cfg: &mut ServiceConfig) {
    match shared_table() {
        Ok(table) => table.configure(cfg),
        Err(error) => panic!("{error}"),
    }
}

fn shared_table() -> &'static Result<RouteTable, RouteError> {
    static TABLE: OnceLock<Result<RouteTable, RouteError>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let table = crate::routes();
        if let Ok(table) = &table {
            for warning in table.warnings() {
                log::warn!("{warning}");
            }
        }
        table
    })
}

/// Serves every registered handler on `addr`: the route listing printed at
/// start, a request log, JSON errors, a panicking handler answered 500, and a
/// graceful shutdown on Ctrl-C or SIGTERM.
///
/// Logging goes through `log`; unless the application installed a logger,
/// `env_logger` is set up at `info` (override with `RUST_LOG`).
pub async fn serve(addr: impl ToSocketAddrs) -> io::Result<()> {
    serve_with(addr, |_| {}).await
}

/// [`serve`], with application state or services of your own added to every
/// worker: `serve_with(addr, move |cfg| { cfg.app_data(pool.clone()); })`.
pub async fn serve_with<F>(addr: impl ToSocketAddrs, configure_app: F) -> io::Result<()>
where
    F: Fn(&mut ServiceConfig) + Send + Clone + 'static,
{
    let _ = env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).try_init();
    let table = match shared_table() {
        Ok(table) => table.clone(),
        Err(error) => return Err(io::Error::other(error.to_string())),
    };
    print!("{table}");
    let server = HttpServer::new(move || {
        let table = table.clone();
        let configure_app = configure_app.clone();
        App::new()
            .wrap(middleware::Logger::new("%s %r %b bytes %Dms"))
            .configure(configure_app)
            .configure(move |cfg| table.configure(cfg))
            .default_service(web::to(no_route))
    })
    .bind(addr)?;
    for addr in server.addrs() {
        println!("\nListening on http://{addr}");
    }
    server.run().await
}

async fn no_route(req: HttpRequest) -> actix_web::HttpResponse {
    json_error(StatusCode::NOT_FOUND, format!("no route for {}", req.path()))
}
