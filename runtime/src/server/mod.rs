//! Serving: the zero-configuration `serve`, the [`Server`] builder for
//! everything else, and `configure` to mount the routes in an application
//! of one's own.

use std::fmt;
use std::io;
use std::net::ToSocketAddrs;
use std::sync::{Once, OnceLock};

use actix_web::web::ServiceConfig;

use crate::routing::{RouteError, RouteTable};

pub(crate) mod body_idle;
mod builder;
#[cfg(feature = "env-logger")]
mod client_faults;

pub use builder::{AppFactory, DefaultApp, Server};

/// Mounts every registered handler: `App::new().configure(approute::configure)`,
/// or under a prefix, `web::scope("/api").configure(approute::configure)`
/// (inside a scope approute answers every path under the prefix it serves,
/// and hands the others to the application's default service).
///
/// The table is collected and checked once per process and shared by every
/// worker. Warnings (such as a shadowed page) are reported once, through
/// `log` when a logger is installed and on standard error otherwise. To
/// refuse shadowed pages, build the table yourself:
/// `let table = RouteTable::from_registry(Conflicts::Deny)?;` then
/// `App::new().configure(|cfg| table.configure(cfg))`.
///
/// # Panics
///
/// With the full [`RouteError`] report when the registered routes conflict;
/// call [`routes`](crate::routes) first to handle that yourself.
///
/// ```
/// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
/// use actix_web::{web, App};
///
/// let app = App::new()
///     .route("/health", web::get().to(|| async { "ok" }))
///     .configure(approute::configure);
/// let under_api = App::new().service(web::scope("/api").configure(approute::configure));
/// # let _ = (app, under_api);
/// ```
pub fn configure(cfg: &mut ServiceConfig) {
    static WARNED: Once = Once::new();
    match shared_table() {
        Ok(table) => {
            WARNED.call_once(|| report_warnings(table));
            table.configure(cfg)
        }
        Err(error) => panic!("{error}"),
    }
}

/// Warnings reach the developer even in an application without a logger.
fn report_warnings(table: &RouteTable) {
    for warning in table.warnings() {
        if log::log_enabled!(log::Level::Warn) {
            log::warn!("{warning}");
        } else {
            eprintln!("warning: {warning}");
        }
    }
}

fn shared_table() -> &'static Result<RouteTable, RouteError> {
    static TABLE: OnceLock<Result<RouteTable, RouteError>> = OnceLock::new();
    TABLE.get_or_init(crate::routes)
}

/// Serves every registered handler on `addr`: the route listing printed at
/// start, a request log, JSON bodies for approute's errors and for 404, a
/// panicking handler answered 500, and a graceful shutdown on Ctrl-C or
/// SIGTERM. Everything else (an application of your own, middleware, a
/// listener you bound, a table built with `Conflicts::Deny`) goes through
/// [`Server`].
///
/// When the routes conflict, the report is printed to standard error and the
/// returned error says so in one line, so `main` returning it reads well.
///
/// Logging goes through `log`. With the default `env-logger` feature, and
/// unless the application installed a logger, `env_logger` is set up at
/// `info` (override with `RUST_LOG`), with actix-http's reports of
/// malformed requests, dropped connections and slow clients lowered to
/// `debug` (they are the client's doing; at ERROR a scanner fills the log);
/// without the feature (an app that logs through `tracing`, say) nothing is
/// installed.
///
/// ```no_run
/// use approute::prelude::*;
///
/// #[route("/hello")]
/// async fn GET() -> &'static str { "Hello World" }
///
/// #[approute::main]
/// async fn main() -> std::io::Result<()> {
///     approute::serve("127.0.0.1:3000").await
/// }
/// ```
pub async fn serve(addr: impl ToSocketAddrs) -> io::Result<()> {
    Server::from_registry()?.bind(addr)?.run().await
}

/// `env_logger` at `info`, unless the application installed a logger; a
/// malformed request is the client's fault, logged at DEBUG.
#[cfg(feature = "env-logger")]
fn install_default_logger() {
    let logger =
        env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).build();
    let max_level = logger.filter();
    let logger = client_faults::ClientFaultsAtDebug(logger);
    if log::set_boxed_logger(Box::new(logger)).is_ok() {
        log::set_max_level(max_level);
    }
}

#[cfg(not(feature = "env-logger"))]
fn install_default_logger() {}

/// A table of its own (not `configure`'s shared one), so that the server
/// can still configure it.
fn checked_table() -> io::Result<RouteTable> {
    match crate::routes() {
        Ok(table) => Ok(table),
        Err(error) => {
            eprintln!("{error}");
            Err(io::Error::other(ReportPrinted(error.problems().len())))
        }
    }
}

/// The error `serve` returns once it printed the full report: `main`
/// prints it with `Debug`, so both formats are one readable line.
struct ReportPrinted(usize);

impl fmt::Display for ReportPrinted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.0 == 1 { "" } else { "s" };
        write!(
            f,
            "approute did not start: {} problem{plural} in the registered routes, listed above",
            self.0
        )
    }
}

impl fmt::Debug for ReportPrinted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for ReportPrinted {}
