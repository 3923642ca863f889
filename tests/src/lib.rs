//! Tests only: see `tests/`. What several test files share.

use std::net::{SocketAddr, TcpListener};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpServer};

/// An application of one's own on a real socket (127.0.0.1, a free port),
/// with one worker, running until its handle stops it.
pub fn spawn_server<F, T>(app: F) -> (SocketAddr, ServerHandle)
where
    F: Fn() -> App<T> + Send + Clone + 'static,
    T: approute::AppFactory,
{
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HttpServer::new(app)
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (addr, handle)
}
