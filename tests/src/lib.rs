//! Tests only: see `tests/`. What several test files share.

use std::net::{SocketAddr, TcpListener};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpServer};

/// An application of one's own on a real socket (127.0.0.1, a free port),
/// with one worker, running until its handle stops it.
pub fn spawn_server<F, T>(app: F) -> (SocketAddr, ServerHandle)
where
    F: Fn() -> App<T> + Send + Clone + 'static,
    T: approute::server::AppFactory,
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

/// An approute `Server` (its application given with `.app`) on a real
/// socket (127.0.0.1, a free port), running until its handle stops it.
pub fn spawn_approute<F, T>(server: approute::server::Server<F>) -> (SocketAddr, ServerHandle)
where
    F: Fn() -> App<T> + Send + Clone + 'static,
    T: approute::server::AppFactory,
{
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = server.listen(listener).start().unwrap();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (addr, handle)
}

/// Runs the independent validator `APPROUTE_TEST_OPENAPI_VALIDATOR` names
/// (Python's `openapi-spec-validator`) on an OpenAPI document; its report if
/// the document is not valid.
pub fn validate_openapi(document: &serde_json::Value) -> Result<(), String> {
    let validator = std::env::var("APPROUTE_TEST_OPENAPI_VALIDATOR")
        .expect("set APPROUTE_TEST_OPENAPI_VALIDATOR to openapi-spec-validator's path");
    let file = std::env::temp_dir().join(format!(
        "approute-openapi-{}-{:?}.json",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&file, document.to_string()).unwrap();
    let output = std::process::Command::new(validator)
        .arg(&file)
        .output()
        .expect("the validator runs");
    std::fs::remove_file(&file).ok();
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// A WebSocket client on awc, and the echo handler, for the tests of
/// WebSocket routes.
pub mod websocket_client {
    use std::net::SocketAddr;
    use std::time::Duration;

    use actix_web::http::StatusCode;
    use awc::ws::Frame;
    use futures_util::StreamExt;

    /// Sends every message back, as it came.
    pub async fn echo(
        mut session: approute::websocket::Session,
        mut messages: approute::websocket::Messages,
    ) {
        use approute::websocket::Message;
        while let Some(message) = messages.recv().await {
            let sent = match message {
                Message::Text(text) => session.text(text).await,
                Message::Binary(bytes) => session.binary(bytes).await,
            };
            if sent.is_err() {
                break;
            }
        }
    }

    /// An open socket, as awc's client holds it.
    pub type Socket = actix_codec::Framed<awc::BoxedSocket, awc::ws::Codec>;

    /// Upgrades `path`, which must answer 101.
    pub async fn connect(addr: SocketAddr, path: &str) -> Socket {
        let (response, socket) = awc::Client::new()
            .ws(format!("ws://{addr}{path}"))
            .connect()
            .await
            .unwrap_or_else(|error| panic!("upgrade of {path}: {error}"));
        assert_eq!(response.status(), StatusCode::SWITCHING_PROTOCOLS);
        socket
    }

    /// The next frame that is not a ping, within 5 s.
    pub async fn next_frame(socket: &mut Socket) -> Frame {
        loop {
            let frame = actix_web::rt::time::timeout(Duration::from_secs(5), socket.next())
                .await
                .expect("a frame within 5 s")
                .expect("the socket is open")
                .expect("a well-formed frame");
            if !matches!(frame, Frame::Ping(_)) {
                return frame;
            }
        }
    }
}
