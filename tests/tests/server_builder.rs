//! `Server`, the one builder beyond `serve(addr)`: a table of one's own, an
//! application of one's own, a bound address read back, a clear error
//! without one.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use actix_web::{middleware, App};
use approute::prelude::*;
use approute::{
    routing::{Conflicts, RouteTable},
    server::Server,
};

#[route("/hello")]
async fn GET() -> &'static str {
    "Hello World"
}

#[route("/echo")]
mod echo {
    use super::*;
    /// Slower than the body timeout once the body is read: not cut off.
    pub async fn POST(body: String) -> String {
        actix_web::rt::time::sleep(Duration::from_millis(1500)).await;
        body
    }
}

#[route("/large")]
mod large {
    pub async fn GET() -> String {
        "x".repeat(1 << 20)
    }
}

#[route("/json")]
mod json {
    use approute::prelude::*;
    pub async fn POST(Json(value): Json<serde_json::Value>) -> String {
        value.to_string()
    }
}

/// `server` on a port of its own, one worker, running in the background.
fn spawn(server: Server) -> (SocketAddr, actix_web::dev::ServerHandle) {
    let server = server.workers(1).bind("127.0.0.1:0").unwrap();
    let addr = server.local_addrs()[0];
    let running = server.start().unwrap();
    let handle = running.handle();
    actix_web::rt::spawn(running);
    (addr, handle)
}

/// A raw request whose body is sent in `pieces`, `gap` apart; the answer.
fn send_slowly(addr: SocketAddr, length: usize, pieces: &[&[u8]], gap: Duration) -> String {
    send_slowly_to(addr, "/echo", length, pieces, gap)
}

fn send_slowly_to(
    addr: SocketAddr,
    path: &str,
    length: usize,
    pieces: &[&[u8]],
    gap: Duration,
) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    for piece in pieces {
        std::thread::sleep(gap);
        if stream.write_all(piece).is_err() {
            break;
        }
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

#[actix_web::test]
async fn a_table_and_an_app_of_ones_own_on_a_bound_port() {
    let table = RouteTable::from_registry(Conflicts::Deny).unwrap();
    let server = Server::new(table)
        .app(|| App::new().wrap(middleware::DefaultHeaders::new().add(("x-app", "mine"))))
        .workers(1)
        .shutdown_timeout(1)
        .bind("127.0.0.1:0")
        .unwrap();
    let [addr] = server.local_addrs()[..] else {
        panic!("one address")
    };
    assert_ne!(addr.port(), 0);
    let running = server.start().unwrap();
    let handle = running.handle();
    actix_web::rt::spawn(running);
    let client = awc::Client::new();
    let mut hello = client
        .get(format!("http://{addr}/hello"))
        .send()
        .await
        .unwrap();
    assert_eq!(hello.status(), 200);
    assert_eq!(hello.headers().get("x-app").unwrap(), "mine");
    assert_eq!(hello.body().await.unwrap(), "Hello World");
    // The JSON 404, inside the app's middleware too.
    let mut missing = client
        .get(format!("http://{addr}/nowhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers().get("x-app").unwrap(), "mine");
    assert_eq!(
        missing.body().await.unwrap(),
        r#"{"error":"no route for /nowhere"}"#
    );
    handle.stop(true).await;
}

#[actix_web::test]
async fn a_server_without_an_address_says_so() {
    let Err(error) = Server::from_registry().unwrap().start() else {
        panic!("a server without an address started")
    };
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert_eq!(
        error.to_string(),
        "the server has no address: call `bind` or `listen` first"
    );
}

#[actix_web::test]
async fn a_body_that_stops_arriving_is_408_and_a_slow_one_is_read() {
    let (addr, handle) = spawn(
        Server::from_registry()
            .unwrap()
            .body_timeout(Duration::from_secs(1)),
    );

    let (stalled, (slow, json)) = actix_web::rt::task::spawn_blocking(move || {
        let started = Instant::now();
        let stalled = send_slowly(addr, 100, &[b"0123456789"], Duration::ZERO);
        let stalled_after = started.elapsed();
        // A byte every 400 ms: slow, never idle for a whole second.
        let slow = send_slowly(
            addr,
            4,
            &[b"a", b"b", b"c", b"d"],
            Duration::from_millis(400),
        );
        let json = send_slowly_to(addr, "/json", 100, &[b"{\"a\": "], Duration::ZERO);
        ((stalled, stalled_after), (slow, json))
    })
    .await
    .unwrap();
    let (stalled, after) = stalled;
    assert!(stalled.starts_with("HTTP/1.1 408"), "{stalled}");
    assert!(
        stalled.ends_with(r#"{"error":"the request body sent nothing for 1 s"}"#),
        "{stalled}"
    );
    assert!(after < Duration::from_secs(5), "{after:?}");
    assert!(slow.starts_with("HTTP/1.1 200"), "{slow}");
    assert!(slow.ends_with("abcd"), "{slow}");
    // approute's `Json` answers the same.
    assert!(json.starts_with("HTTP/1.1 408"), "{json}");
    assert!(json.contains("sent nothing for 1 s"), "{json}");
    handle.stop(true).await;
}

/// A client that asks and never reads: the server gives its connection up.
#[actix_web::test]
async fn a_client_that_never_reads_is_dropped() {
    let (addr, handle) = spawn(
        Server::from_registry()
            .unwrap()
            .send_timeout(Duration::from_secs(2)),
    );
    let outcome = actix_web::rt::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        let request = b"GET /large HTTP/1.1\r\nHost: x\r\n\r\n".repeat(64);
        stream.write_all(&request).unwrap();
        // Never read while the server sends; then see what is left.
        std::thread::sleep(Duration::from_secs(8));
        stream
            .set_read_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        let mut total = 0;
        let mut buffer = vec![0; 1 << 16];
        loop {
            match stream.read(&mut buffer) {
                Ok(0) => return format!("closed after {total} bytes"),
                Ok(read) => total += read,
                Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => {
                    return format!("reset after {total} bytes")
                }
                Err(error) => return format!("{error} after {total} bytes"),
            }
        }
    })
    .await
    .unwrap();
    // 64 answers of 1 MiB were asked for; far fewer ever left the server.
    assert!(
        outcome.starts_with("reset") || outcome.starts_with("closed"),
        "{outcome}"
    );
    let bytes: usize = outcome.split(' ').nth(2).unwrap().parse().unwrap();
    assert!(bytes < 64 << 20, "{outcome}");
    handle.stop(true).await;
}
