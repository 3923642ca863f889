//! WebSocket route handlers over a real socket, with awc's client: echo, a
//! `#[middleware]` that refuses the upgrade, a plain GET (426), the frame,
//! message and idle limits, pings, both sides' closes, the listing, and
//! `close_all`'s 1001.
//!
//! One test function: `close_all` closes every socket of the process, so
//! the steps run in order rather than side by side.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use actix_http::ws::Item;
use actix_web::http::StatusCode;
use approute::prelude::*;
use approute::websocket::{self, WebSocket};
use approute::{routing::RouteTable, server::Server};
use approute_tests::websocket_client::{connect, echo, next_frame};
use awc::ws::{self as client, CloseCode, Frame};
use futures_util::{SinkExt, StreamExt};

#[route("/ws/echo")]
async fn GET(socket: WebSocket) -> HttpResponse {
    socket.on_upgrade(echo)
}

#[route("/ws/limited")]
mod limited {
    use super::*;
    pub async fn GET(socket: WebSocket) -> HttpResponse {
        socket
            .max_frame_size(16)
            .max_message_size(32)
            .idle_timeout(Duration::from_millis(800))
            .on_upgrade(echo)
    }
}

/// Says one thing and returns: approute closes the socket.
#[route("/ws/once")]
mod once {
    use super::*;
    pub async fn GET(socket: WebSocket) -> HttpResponse {
        socket.on_upgrade(|mut session, _messages| async move {
            let _ = session.text("bye").await;
        })
    }
}

#[route("/ws/private")]
mod private {
    use super::*;
    pub async fn GET(socket: WebSocket) -> HttpResponse {
        socket.on_upgrade(echo)
    }
}

/// Runs before the upgrade, like before any handler: no token, no socket.
#[middleware("/ws/private")]
async fn require_token(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if req.query_string() != "token=secret" {
        return Ok(req.into_response(unauthorized()));
    }
    next.call(req).await
}

fn spawn() -> SocketAddr {
    spawn_with(|server| server)
}

/// A `Server` of the registry, as `configure` leaves it, on a free port.
fn spawn_with(configure: impl FnOnce(Server) -> Server) -> SocketAddr {
    let server = configure(Server::from_registry().unwrap().workers(1))
        .bind("127.0.0.1:0")
        .unwrap();
    let addr = server.local_addrs()[0];
    actix_web::rt::spawn(server.start().unwrap());
    addr
}

/// A GET with `headers` (CRLF-separated); the whole answer.
fn raw_get(addr: SocketAddr, path: &str, headers: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\n{headers}\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

fn close_code(frame: &Frame) -> Option<CloseCode> {
    match frame {
        Frame::Close(reason) => reason.as_ref().map(|reason| reason.code),
        other => panic!("expected a close, got {other:?}"),
    }
}

/// Until approute's registry forgets the closed sockets (their handlers end
/// a moment after the close).
async fn wait_for_open_sockets(expected: usize) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while websocket::open_sockets() != expected {
        assert!(
            Instant::now() < deadline,
            "{} sockets open, expected {expected}",
            websocket::open_sockets()
        );
        actix_web::rt::time::sleep(Duration::from_millis(10)).await;
    }
}

#[actix_web::test]
async fn websocket_routes_over_a_socket() {
    let addr = spawn();

    // Echo, text and binary; the peer's close is answered with its code.
    let mut socket = connect(addr, "/ws/echo").await;
    socket
        .send(client::Message::Text("hello".into()))
        .await
        .unwrap();
    assert_eq!(next_frame(&mut socket).await, Frame::Text("hello".into()));
    socket
        .send(client::Message::Binary(vec![0u8, 159, 255].into()))
        .await
        .unwrap();
    assert_eq!(
        next_frame(&mut socket).await,
        Frame::Binary(vec![0u8, 159, 255].into())
    );
    assert_eq!(websocket::open_sockets(), 1);
    socket
        .send(client::Message::Close(Some(CloseCode::Normal.into())))
        .await
        .unwrap();
    assert_eq!(
        close_code(&next_frame(&mut socket).await),
        Some(CloseCode::Normal)
    );
    wait_for_open_sockets(0).await;

    // A client ping is answered with its payload.
    let mut socket = connect(addr, "/ws/echo").await;
    socket
        .send(client::Message::Ping("are you there".into()))
        .await
        .unwrap();
    assert_eq!(
        next_frame(&mut socket).await,
        Frame::Pong("are you there".into())
    );
    drop(socket);
    wait_for_open_sockets(0).await;

    // A handler that returns: its socket is closed after what it sent.
    let mut socket = connect(addr, "/ws/once").await;
    assert_eq!(next_frame(&mut socket).await, Frame::Text("bye".into()));
    assert_eq!(
        close_code(&next_frame(&mut socket).await),
        Some(CloseCode::Normal)
    );
    wait_for_open_sockets(0).await;

    // `#[middleware]` runs first and may refuse the upgrade.
    let refused = awc::Client::new()
        .ws(format!("ws://{addr}/ws/private"))
        .connect()
        .await
        .map(|_| ())
        .expect_err("no token, no upgrade");
    assert!(
        matches!(
            refused,
            awc::error::WsClientError::InvalidResponseStatus(StatusCode::UNAUTHORIZED)
        ),
        "{refused:?}"
    );
    let mut socket = connect(addr, "/ws/private?token=secret").await;
    socket
        .send(client::Message::Text("in".into()))
        .await
        .unwrap();
    assert_eq!(next_frame(&mut socket).await, Frame::Text("in".into()));
    drop(socket);

    // A plain GET is told what the URL takes, in the error body (read raw:
    // awc takes a response's `Connection: upgrade` as an upgrade of its own).
    let plain = raw_get(addr, "/ws/echo", "Connection: close");
    assert!(
        plain.starts_with("HTTP/1.1 426 Upgrade Required\r\n"),
        "{plain}"
    );
    assert!(plain.contains("\r\nupgrade: websocket\r\n"), "{plain}");
    assert!(
        plain.ends_with(
            r#"{"error":"this URL takes a WebSocket connection (`Connection: Upgrade`, `Upgrade: websocket`)"}"#
        ),
        "{plain}"
    );
    // A malformed handshake (no version) is a 400.
    let malformed = raw_get(
        addr,
        "/ws/echo",
        "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==",
    );
    assert!(
        malformed.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{malformed}"
    );
    assert!(
        malformed.ends_with(
            r#"{"error":"malformed WebSocket handshake: WebSocket version header is required"}"#
        ),
        "{malformed}"
    );

    // A frame over the route's 16 bytes: 1009.
    let mut socket = connect(addr, "/ws/limited").await;
    socket
        .send(client::Message::Text("small".into()))
        .await
        .unwrap();
    assert_eq!(next_frame(&mut socket).await, Frame::Text("small".into()));
    socket
        .send(client::Message::Text("x".repeat(100).into()))
        .await
        .unwrap();
    assert_eq!(
        close_code(&next_frame(&mut socket).await),
        Some(CloseCode::Size)
    );

    // A message over its 32 bytes, in frames of 16: 1009 too.
    let mut socket = connect(addr, "/ws/limited").await;
    let piece = || actix_web::web::Bytes::from("y".repeat(16));
    for item in [
        Item::FirstText(piece()),
        Item::Continue(piece()),
        Item::Continue(piece()),
        Item::Last(piece()),
    ] {
        socket
            .send(client::Message::Continuation(item))
            .await
            .unwrap();
    }
    assert_eq!(
        close_code(&next_frame(&mut socket).await),
        Some(CloseCode::Size)
    );

    // A peer that answers approute's pings stays, well past the idle time.
    let mut socket = connect(addr, "/ws/limited").await;
    let until = Instant::now() + Duration::from_millis(2000);
    let mut pings = 0;
    while let Ok(Some(frame)) = actix_web::rt::time::timeout(
        until.saturating_duration_since(Instant::now()),
        socket.next(),
    )
    .await
    {
        match frame.unwrap() {
            Frame::Ping(payload) => {
                pings += 1;
                socket.send(client::Message::Pong(payload)).await.unwrap();
            }
            other => panic!("a live peer got {other:?}"),
        }
    }
    assert!(
        pings >= 3,
        "pinged every half idle time: {pings} pings in 2 s"
    );
    socket
        .send(client::Message::Text("still".into()))
        .await
        .unwrap();
    assert_eq!(next_frame(&mut socket).await, Frame::Text("still".into()));

    // A silent one is closed after 800 ms with 1000.
    let started = Instant::now();
    let mut silent = connect(addr, "/ws/limited").await;
    assert_eq!(
        close_code(&next_frame(&mut silent).await),
        Some(CloseCode::Normal)
    );
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(800) && waited < Duration::from_secs(3),
        "closed after {waited:?}"
    );

    // `close_all` (what `Server` calls at a graceful stop): 1001, at once.
    drop(socket);
    wait_for_open_sockets(0).await;
    let mut first = connect(addr, "/ws/echo").await;
    let mut second = connect(addr, "/ws/private?token=secret").await;
    wait_for_open_sockets(2).await;
    websocket::close_all().await;
    for socket in [&mut first, &mut second] {
        assert_eq!(close_code(&next_frame(socket).await), Some(CloseCode::Away));
    }
    wait_for_open_sockets(0).await;

    a_silent_websocket_outlives_the_body_timeout().await;
}

/// `Server`'s body watch fails a request body that sends nothing for
/// `body_timeout`; a WebSocket's frames arrive on the upgrade request's
/// payload, and a socket may rightly stay silent longer than that. (Part of
/// the test above: the count of open sockets is the process's.)
async fn a_silent_websocket_outlives_the_body_timeout() {
    let addr = spawn_with(|server| server.body_timeout(Duration::from_millis(200)));
    let mut socket = connect(addr, "/ws/echo").await;
    actix_web::rt::time::sleep(Duration::from_millis(600)).await;
    socket
        .send(client::Message::Text("still here".into()))
        .await
        .unwrap();
    assert_eq!(
        next_frame(&mut socket).await,
        Frame::Text("still here".into())
    );
    drop(socket);
    wait_for_open_sockets(0).await;
}

#[test]
fn the_listing_and_the_json_table_mark_websocket_routes() {
    let table = RouteTable::from_registry(approute::routing::Conflicts::Deny).unwrap();
    let listing = table.to_string();
    let line = listing
        .lines()
        .find(|line| line.contains("/ws/echo"))
        .unwrap();
    assert!(line.ends_with("(websocket)"), "{listing}");
    let json = table.to_json();
    let routes = json["routes"].as_array().unwrap();
    for route in routes {
        let is_socket = route["url"].as_str().unwrap().starts_with("/ws/");
        assert_eq!(route["websocket"], is_socket, "{route}");
    }
    // OpenAPI cannot describe an upgrade: the document leaves them out.
    let document = serde_json::to_value(table.openapi()).unwrap();
    assert!(
        document["paths"]
            .as_object()
            .unwrap()
            .keys()
            .all(|path| !path.starts_with("/ws/")),
        "{document}"
    );
}
