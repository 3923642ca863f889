//! Hostile input over a real socket: each gets a defined status and a
//! readable message, and the server goes on serving.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::json;
use support::{get, send_json, start_default, TestServer};

/// Sends raw bytes (what no well-behaved client would) and returns the
/// status line.
async fn raw(server: &TestServer, request: &[u8]) -> String {
    let (addr, request) = (server.addr, request.to_vec());
    // Blocking I/O off the test's runtime thread.
    actix_web::rt::task::spawn_blocking(move || raw_blocking(addr, &request))
        .await
        .unwrap()
}

fn raw_blocking(addr: std::net::SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    // The server may refuse before reading everything: a failed write is fine.
    let _ = stream.write_all(request);
    let _ = stream.flush();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

async fn still_serving(server: &TestServer) {
    assert_eq!(get(&server.url("/hello")).await.body, "Hello World");
}

#[actix_web::test]
async fn malformed_percent_encoding_and_odd_segments() {
    let server = start_default().await;
    let cases = [
        (
            "/comments/%ZZ",
            404,
            json!({ "error": "path parameter `id` must be an integer (i64), got `%ZZ`" }),
        ),
        (
            "/comments/%FF",
            400,
            json!({ "error": "path segment `%FF` is not valid UTF-8 once percent-decoded" }),
        ),
        (
            "/comments/1%2F2",
            404,
            json!({ "error": "path parameter `id` must be an integer (i64), got `1/2`" }),
        ),
        // Resolved to `/`, which has no route: no handler sees `..`.
        (
            "/comments/..",
            404,
            json!({ "error": "no route for /comments/.." }),
        ),
        (
            "/comments/%00",
            404,
            json!({ "error": "path parameter `id` must be an integer (i64), got `\u{0}`" }),
        ),
    ];
    for (path, status, body) in cases {
        let reply = get(&server.url(path)).await;
        assert_eq!((reply.status, reply.json()), (status, body), "{path}");
    }
    still_serving(&server).await;
}

#[actix_web::test]
async fn overlong_paths_and_thousands_of_segments() {
    let server = start_default().await;
    let many = format!("/comments/{}", "a/".repeat(5_000));
    let reply = get(&server.url(many.trim_end_matches('/'))).await;
    assert_eq!(reply.status, 404);
    assert!(reply.json()["error"]
        .as_str()
        .unwrap()
        .starts_with("no route for /comments/a/a/"));
    // Past actix-web's limit on the request head: refused before routing.
    let huge = format!(
        "GET /{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "x".repeat(64 * 1024)
    );
    let status = raw(&server, huge.as_bytes()).await;
    assert!(status.starts_with("HTTP/1.1 4"), "{status}");
    still_serving(&server).await;
}

#[actix_web::test]
async fn control_bytes_and_oversized_headers_are_refused() {
    let server = start_default().await;
    let nul = raw(
        &server,
        b"GET /hel\0lo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(nul.starts_with("HTTP/1.1 400"), "{nul:?}");
    assert!(raw(
        &server,
        b"GET /hello HTTP/1.1\r\nHost: x\r\nX-Bad: a\rb\r\nConnection: close\r\n\r\n"
    )
    .await
    .starts_with("HTTP/1.1 400"));
    let big_header = format!(
        "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "v".repeat(1024 * 1024)
    );
    let status = raw(&server, big_header.as_bytes()).await;
    assert!(
        status.starts_with("HTTP/1.1 431") || status.starts_with("HTTP/1.1 400"),
        "{status}"
    );
    still_serving(&server).await;
}

#[actix_web::test]
async fn deeply_nested_json_is_refused_or_skipped_safely() {
    let server = start_default().await;
    let nested = format!(
        r#"{{"text": {}"x"{}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let reply = send_json("POST", &server.url("/comments"), &nested).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json()["error"],
        "invalid request body: invalid type: sequence, expected a string at line 1 column 9"
    );
    assert_eq!(support::comment_count(&server).await, 3);
    // Deep nesting in a field the handler ignores is skipped without
    // recursion (serde_json walks it iteratively): no stack overflow.
    let ignored = format!(
        r#"{{"other": {}{}, "text": "x"}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(
        send_json("POST", &server.url("/comments"), &ignored)
            .await
            .status,
        201
    );
    assert_eq!(support::comment_count(&server).await, 4);
}

#[actix_web::test]
async fn a_query_string_with_thousands_of_keys() {
    let server = start_default().await;
    let keys: String = (0..5_000).map(|i| format!("k{i}=v&")).collect();
    let reply = get(&server.url(&format!("/comments?{keys}query=second"))).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json(),
        json!([{ "id": 2, "text": "This is the second comment" }])
    );
}
