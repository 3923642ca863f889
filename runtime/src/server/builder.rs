//! [`Server`]: the one way to serve a route table beyond `serve(addr)`.

use std::io;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{middleware, App, HttpServer};

use crate::routing::RouteTable;
use crate::server::body_idle::{watch_body, DEFAULT_BODY_IDLE};

/// A server of a route table: its application of your own (middleware,
/// state, other services), its listeners, workers and shutdown, with the
/// listing, the request log, the JSON 404 and the graceful shutdown that
/// [`serve`](crate::serve) has.
///
/// ```no_run
/// use actix_web::{middleware, App};
/// use approute::{routing::{Conflicts, RouteTable}, server::Server};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// // Shadowed pages refused; every answer wrapped by the app's middleware.
/// let table = RouteTable::from_registry(Conflicts::Deny)?;
/// Server::new(table)
///     .app(|| App::new().wrap(middleware::DefaultHeaders::new().add(("X-Frame-Options", "DENY"))))
///     .bind("127.0.0.1:3000")?
///     .run()
///     .await?;
/// # Ok(())
/// # }
/// ```
///
/// approute adds its routes after the application's own services, and its
/// JSON 404 as the default service (replacing one the application set).
/// [`run`](Self::run) prints the listing and installs the default logger as
/// `serve` does; [`start`](Self::start) does neither (for tests, and for a
/// binary that logs its own way).
#[derive(Debug)]
#[must_use = "a server does nothing until it is run"]
pub struct Server<A = DefaultApp> {
    table: RouteTable,
    app: A,
    listeners: Vec<TcpListener>,
    workers: Option<usize>,
    shutdown_timeout: Option<u64>,
    body_timeout: Duration,
    send_timeout: Duration,
}

/// [`Server`]'s application until [`Server::app`] gives one: `App::new()`.
///
/// ```no_run
/// use approute::server::Server;
///
/// # async fn run() -> std::io::Result<()> {
/// // `Server<DefaultApp>` until `.app(..)` gives an application of your own.
/// let server: Server = Server::from_registry()?;
/// server.bind("127.0.0.1:3000")?.run().await?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct DefaultApp;

impl Server {
    /// A server of every registered handler. When the routes conflict, the
    /// report is printed to standard error and the error says so in one
    /// line, as [`serve`](crate::serve) does. A table configured first (its
    /// error body, its cache store, its trailing slash) is served with
    /// [`Server::new`]:
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// let table = approute::routes()?.trailing_slash(true);
    /// Server::new(table).bind("127.0.0.1:3000")?.run().await
    /// # }
    /// ```
    pub fn from_registry() -> io::Result<Self> {
        super::checked_table().map(Server::new)
    }

    /// A server of `table` with `App::new()` as its application.
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// let table = approute::routes()?.trailing_slash(true);
    /// Server::new(table).bind("127.0.0.1:3000")?.run().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(table: RouteTable) -> Self {
        Server {
            table,
            app: DefaultApp,
            listeners: Vec::new(),
            workers: None,
            shutdown_timeout: None,
            body_timeout: DEFAULT_BODY_IDLE,
            send_timeout: DEFAULT_SEND_TIMEOUT,
        }
    }

    /// Builds the server, without printing or installing anything.
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// let server = Server::from_registry()?.bind("127.0.0.1:0")?;
    /// let addr = server.local_addrs()[0];
    /// let running = server.start()?;
    /// let handle = running.handle();
    /// actix_web::rt::spawn(running);
    /// // ... requests to `addr` ...
    /// handle.stop(true).await;
    /// # let _ = addr;
    /// # Ok(())
    /// # }
    /// ```
    pub fn start(self) -> io::Result<actix_web::dev::Server> {
        self.app(App::new).start()
    }

    /// Prints the listing, installs the default logger (as
    /// [`serve`](crate::serve) does) and runs until shut down.
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// Server::from_registry()?.bind("127.0.0.1:3000")?.run().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn run(self) -> io::Result<()> {
        self.app(App::new).run().await
    }
}

impl<A> Server<A> {
    /// The application, built once per worker: its middleware (actix-cors,
    /// `middleware::Compress`, a `from_fn`) wraps approute's routes and 404
    /// too; its `app_data` reaches every handler.
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// use actix_web::{middleware, web, App};
    ///
    /// let pool = web::Data::new(42_u32); // your state
    /// Server::from_registry()?
    ///     .app(move || App::new().wrap(middleware::Logger::default()).app_data(pool.clone()))
    ///     .bind("127.0.0.1:3000")?
    ///     .run()
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn app<F, T>(self, app: F) -> Server<F>
    where
        F: Fn() -> App<T> + Send + Clone + 'static,
        T: AppFactory,
    {
        Server {
            table: self.table,
            app,
            listeners: self.listeners,
            workers: self.workers,
            shutdown_timeout: self.shutdown_timeout,
            body_timeout: self.body_timeout,
            send_timeout: self.send_timeout,
        }
    }

    /// Binds `addr` now, so that [`local_addrs`](Self::local_addrs) tells
    /// the port the system chose for port 0.
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// let server = Server::from_registry()?.bind("127.0.0.1:0")?.bind("[::1]:0")?;
    /// println!("listening on {:?}", server.local_addrs());
    /// # Ok(())
    /// # }
    /// ```
    pub fn bind(mut self, addr: impl ToSocketAddrs) -> io::Result<Self> {
        self.listeners.push(TcpListener::bind(addr)?);
        Ok(self)
    }

    /// Serves on a listener you bound.
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// let listener = std::net::TcpListener::bind("127.0.0.1:3000")?;
    /// Server::from_registry()?.listen(listener).run().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn listen(mut self, listener: TcpListener) -> Self {
        self.listeners.push(listener);
        self
    }

    /// The number of worker threads (actix-web's default: one per core).
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// Server::from_registry()?.workers(2).bind("127.0.0.1:3000")?.run().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn workers(mut self, workers: usize) -> Self {
        self.workers = Some(workers);
        self
    }

    /// How long a graceful shutdown waits for requests in flight, in
    /// seconds (actix-web's default: 30).
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// Server::from_registry()?.shutdown_timeout(10).bind("127.0.0.1:3000")?.run().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn shutdown_timeout(mut self, seconds: u64) -> Self {
        self.shutdown_timeout = Some(seconds);
        self
    }

    /// How long a request body may send nothing before the request is
    /// answered 408 and its handler dropped (default 30 s). actix-web's own
    /// limit covers the request's headers only (5 s).
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// use std::time::Duration;
    ///
    /// Server::from_registry()?.body_timeout(Duration::from_secs(10)).bind("127.0.0.1:3000")?.run().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn body_timeout(mut self, idle: Duration) -> Self {
        self.body_timeout = idle;
        self
    }

    /// How long a response may wait on a client that reads none of it
    /// before the connection is dropped (default 60 s; Linux, through
    /// `TCP_USER_TIMEOUT`, elsewhere not enforced). actix-web itself would
    /// keep such a connection, and its file descriptor, for good.
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// use std::time::Duration;
    ///
    /// Server::from_registry()?.send_timeout(Duration::from_secs(20)).bind("127.0.0.1:3000")?.run().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn send_timeout(mut self, unread: Duration) -> Self {
        self.send_timeout = unread;
        self
    }

    /// The addresses bound so far.
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// let server = Server::from_registry()?.bind("127.0.0.1:0")?;
    /// let port = server.local_addrs()[0].port();
    /// assert_ne!(port, 0, "the port the system chose");
    /// # Ok(())
    /// # }
    /// ```
    pub fn local_addrs(&self) -> Vec<SocketAddr> {
        self.listeners
            .iter()
            .filter_map(|listener| listener.local_addr().ok())
            .collect()
    }
}

impl<F, T> Server<F>
where
    F: Fn() -> App<T> + Send + Clone + 'static,
    T: AppFactory,
{
    /// Builds the server, without printing or installing anything: run it
    /// with `.await`, or spawn it and stop it through its handle.
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// use actix_web::App;
    ///
    /// let running = Server::from_registry()?.app(App::new).bind("127.0.0.1:0")?.start()?;
    /// running.handle().stop(true).await;
    /// # Ok(())
    /// # }
    /// ```
    pub fn start(self) -> io::Result<actix_web::dev::Server> {
        if self.listeners.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the server has no address: call `bind` or `listen` first",
            ));
        }
        let table = self.table;
        #[cfg(feature = "websocket")]
        let sockets = crate::websocket::OpenSockets::of_table(&table.inner.settings);
        let app = self.app;
        let idle = self.body_timeout;
        let mut server = HttpServer::new(move || {
            let table = table.clone();
            app()
                .wrap(middleware::from_fn(move |req, next| {
                    watch_body(idle, req, next)
                }))
                .wrap(middleware::Logger::new("%s %r %b bytes %Dms"))
                .default_service(table.not_found())
                .configure(move |cfg| table.configure_last(cfg))
        });
        let unread = self.send_timeout;
        server = server.on_connect(move |connection, _| give_up_unread(connection, unread));
        if let Some(workers) = self.workers {
            server = server.workers(workers);
        }
        if let Some(seconds) = self.shutdown_timeout {
            server = server.shutdown_timeout(seconds);
        }
        // Kept to stop listening at once on a signal (see `drain`).
        let mut listening = Vec::with_capacity(self.listeners.len());
        for listener in self.listeners {
            listening.push(listener.try_clone()?);
            server = server.listen(listener)?;
        }
        let running = server.disable_signals().run();
        let handle = running.handle();
        actix_web::rt::spawn(async move {
            let graceful = drain(listening).await;
            // A socket is a response that never ends on its own: closed
            // with 1001, its handler ends and the workers can stop.
            #[cfg(feature = "websocket")]
            if graceful {
                sockets.close_all().await;
            }
            stop(graceful, handle).await;
        });
        Ok(running)
    }

    /// Prints the listing, installs the default logger (as
    /// [`serve`](crate::serve) does) and runs until shut down.
    ///
    /// ```no_run
    /// use approute::server::Server;
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// use actix_web::App;
    ///
    /// Server::from_registry()?.app(App::new).bind("127.0.0.1:3000")?.run().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn run(self) -> io::Result<()> {
        super::install_default_logger();
        print!("{}", self.table);
        for addr in self.local_addrs() {
            println!("\nListening on http://{addr}");
        }
        self.start()?.await
    }
}

/// On Ctrl-C or SIGTERM, a graceful stop a load balancer sees as one: the
/// listening sockets are shut at once, so a new connection is refused (and
/// a balancer such as nginx sends it to another instance) instead of
/// waiting in the backlog until the process exits and resets it; then the
/// requests in flight finish. SIGQUIT stops at once, as in actix-web.
///
/// Waits for the signal and refuses new connections: whether the stop is
/// graceful.
async fn drain(listening: Vec<TcpListener>) -> bool {
    let graceful = stop_signal().await;
    // Before actix-web stops accepting, so that the backlog is empty: its
    // connections would be reset with their requests unanswered.
    #[cfg(feature = "env-logger")]
    super::client_faults::DRAINING.store(true, std::sync::atomic::Ordering::Relaxed);
    for listener in &listening {
        // Linux and the BSDs take a listening socket out of service here.
        let _ = socket2::SockRef::from(listener).shutdown(std::net::Shutdown::Both);
    }
    graceful
}

/// Stops the workers: after the requests in flight if `graceful`.
async fn stop(graceful: bool, server: actix_web::dev::ServerHandle) {
    // actix-server drops the connections it accepted but a worker has not
    // taken up yet when a stop reaches that worker: let the workers take
    // them first (they are queued for microseconds unless a worker is busy).
    if graceful {
        actix_web::rt::time::sleep(QUEUED_CONNECTIONS_GRACE).await;
    }
    server.stop(graceful).await;
}

/// How long a graceful stop waits between refusing new connections and
/// stopping the workers.
const QUEUED_CONNECTIONS_GRACE: Duration = Duration::from_millis(250);

/// Waits for a signal that stops the server: whether the stop is graceful.
#[cfg(unix)]
async fn stop_signal() -> bool {
    use actix_web::rt::signal::unix::{signal, SignalKind};
    let (Ok(mut terminate), Ok(mut quit)) =
        (signal(SignalKind::terminate()), signal(SignalKind::quit()))
    else {
        log::error!("could not listen for SIGTERM and SIGQUIT; stopping on Ctrl-C only");
        let _ = actix_web::rt::signal::ctrl_c().await;
        return true;
    };
    first_of(
        actix_web::rt::signal::ctrl_c(),
        terminate.recv(),
        quit.recv(),
    )
    .await
}

#[cfg(not(unix))]
async fn stop_signal() -> bool {
    let _ = actix_web::rt::signal::ctrl_c().await;
    true
}

/// The first of three signals: graceful unless it is the third (SIGQUIT).
#[cfg(unix)]
async fn first_of<A, B, C>(interrupt: A, terminate: B, quit: C) -> bool
where
    A: std::future::Future,
    B: std::future::Future,
    C: std::future::Future,
{
    use futures_util::future::{select, Either};
    let (interrupt, terminate, quit) = (
        std::pin::pin!(interrupt),
        std::pin::pin!(terminate),
        std::pin::pin!(quit),
    );
    match select(select(interrupt, terminate), quit).await {
        Either::Left(_) => true,
        Either::Right(_) => false,
    }
}

/// `serve`'s default for [`Server::send_timeout`].
const DEFAULT_SEND_TIMEOUT: Duration = Duration::from_secs(60);

/// Unacknowledged data (a client whose receive window stays shut included)
/// ends the connection after `unread`.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn give_up_unread(connection: &dyn std::any::Any, unread: Duration) {
    if let Some(stream) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() {
        if let Err(error) = socket2::SockRef::from(stream).set_tcp_user_timeout(Some(unread)) {
            log::debug!("could not set TCP_USER_TIMEOUT: {error}");
        }
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn give_up_unread(_: &dyn std::any::Any, _: Duration) {}

/// What an actix-web `App<T>` is built from, whatever middleware wraps it:
/// `App::new()`, `.wrap(..)`, `.service(..)` all give one. A function that
/// builds the application returns `App<impl AppFactory>`.
///
/// ```
/// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
/// use actix_web::{middleware, App};
/// use approute::server::AppFactory;
///
/// fn app() -> App<impl AppFactory> {
///     App::new().wrap(middleware::NormalizePath::trim())
/// }
/// let server = approute::server::Server::new(approute::routes().unwrap()).app(app);
/// # let _ = server;
/// ```
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
