//! The zero-configuration server, and `configure` for an application of
//! one's own.

use std::fmt;
use std::io;
use std::net::{TcpListener, ToSocketAddrs};
use std::sync::{Once, OnceLock};

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::web::ServiceConfig;
use actix_web::{middleware, App, HttpServer};

use crate::{RouteError, RouteTable};

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
/// SIGTERM.
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
pub async fn serve(addr: impl ToSocketAddrs) -> io::Result<()> {
    serve_with(addr, |_| {}).await
}

/// [`serve`], with application state or services of your own added to every
/// worker: `serve_with(addr, move |cfg| { cfg.app_data(pool.clone()); })`.
pub async fn serve_with<F>(addr: impl ToSocketAddrs, configure_app: F) -> io::Result<()>
where
    F: Fn(&mut ServiceConfig) + Send + Clone + 'static,
{
    checked_table()?
        .serve_app(addr, move || App::new().configure(configure_app.clone()))
        .await
}

/// [`serve`] with an application of your own, built per worker by `app`:
/// its middleware (actix-cors, `middleware::Compress`, a `from_fn`) wraps
/// approute's routes and 404 too, with the listing, the request log and the
/// graceful shutdown kept.
///
/// ```no_run
/// use actix_web::{middleware, App};
///
/// # async fn run() -> std::io::Result<()> {
/// approute::serve_app("127.0.0.1:3000", || {
///     App::new().wrap(middleware::DefaultHeaders::new().add(("X-Frame-Options", "DENY")))
/// })
/// .await
/// # }
/// ```
///
/// approute adds its routes after the application's own services, and its
/// JSON 404 as the default service (replacing one the application set).
pub async fn serve_app<F, T>(addr: impl ToSocketAddrs, app: F) -> io::Result<()>
where
    F: Fn() -> App<T> + Send + Clone + 'static,
    T: AppFactory,
{
    checked_table()?.serve_app(addr, app).await
}

/// The server [`serve_with`] runs, on a listener you bound (port 0 in tests),
/// without printing anything: run it with `.await`, or spawn it and stop it
/// through its handle.
pub fn server<F>(listener: TcpListener, configure_app: F) -> io::Result<Server>
where
    F: Fn(&mut ServiceConfig) + Send + Clone + 'static,
{
    checked_table()?.server_app(listener, move || {
        App::new().configure(configure_app.clone())
    })
}

/// The server [`serve_app`] runs, on a listener you bound, without printing
/// anything.
pub fn server_app<F, T>(listener: TcpListener, app: F) -> io::Result<Server>
where
    F: Fn() -> App<T> + Send + Clone + 'static,
    T: AppFactory,
{
    checked_table()?.server_app(listener, app)
}

/// What an actix-web `App<T>` is built from, whatever middleware wraps it:
/// `App::new()`, `.wrap(..)`, `.service(..)` all give one. A function that
/// builds the application returns `App<impl AppFactory>`.
pub trait AppFactory:
    ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<Self::Body>,
        Error = actix_web::Error,
        InitError = (),
    > + 'static
{
    /// The body the application's middleware answers with.
    type Body: MessageBody + 'static;
}

impl<T, B> AppFactory for T
where
    T: ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse<B>,
            Error = actix_web::Error,
            InitError = (),
        > + 'static,
    B: MessageBody + 'static,
{
    type Body = B;
}

/// `env_logger` at `info`, unless the application installed a logger; a
/// malformed request is the client's fault, logged at DEBUG.
#[cfg(feature = "env-logger")]
fn install_default_logger() {
    let logger =
        env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).build();
    let max_level = logger.filter();
    let logger = crate::client_faults::ClientFaultsAtDebug(logger);
    if log::set_boxed_logger(Box::new(logger)).is_ok() {
        log::set_max_level(max_level);
    }
}

#[cfg(not(feature = "env-logger"))]
fn install_default_logger() {}

impl RouteTable {
    /// [`serve_with`] for this table, e.g. one built with
    /// [`Conflicts::Deny`](crate::Conflicts::Deny).
    pub async fn serve_with<F>(self, addr: impl ToSocketAddrs, configure_app: F) -> io::Result<()>
    where
        F: Fn(&mut ServiceConfig) + Send + Clone + 'static,
    {
        self.serve_app(addr, move || App::new().configure(configure_app.clone()))
            .await
    }

    /// [`serve_app`] for this table.
    pub async fn serve_app<F, T>(self, addr: impl ToSocketAddrs, app: F) -> io::Result<()>
    where
        F: Fn() -> App<T> + Send + Clone + 'static,
        T: AppFactory,
    {
        install_default_logger();
        let listener = TcpListener::bind(addr)?;
        print!("{self}");
        println!("\nListening on http://{}", listener.local_addr()?);
        self.server_app(listener, app)?.await
    }

    /// [`server`] for this table.
    pub fn server<F>(self, listener: TcpListener, configure_app: F) -> io::Result<Server>
    where
        F: Fn(&mut ServiceConfig) + Send + Clone + 'static,
    {
        self.server_app(listener, move || {
            App::new().configure(configure_app.clone())
        })
    }

    /// [`server_app`] for this table.
    pub fn server_app<F, T>(self, listener: TcpListener, app: F) -> io::Result<Server>
    where
        F: Fn() -> App<T> + Send + Clone + 'static,
        T: AppFactory,
    {
        let table = self;
        let server = HttpServer::new(move || {
            let table = table.clone();
            app()
                .wrap(middleware::Logger::new("%s %r %b bytes %Dms"))
                .default_service(table.not_found())
                .configure(move |cfg| table.configure(cfg))
        })
        .listen(listener)?;
        Ok(server.run())
    }
}

fn checked_table() -> io::Result<RouteTable> {
    match shared_table() {
        Ok(table) => Ok(table.clone()),
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
