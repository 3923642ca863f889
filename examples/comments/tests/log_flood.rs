//! The real `comments` binary under `serve`'s default logger: a malformed
//! request is the client's fault, so `RUST_LOG=warn` shows none of them
//! (actix-http reports each at ERROR), and `RUST_LOG=debug` still does.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Request lines and headers from the public corpora that actix-http
/// cannot parse.
const MALFORMED: [&[u8]; 4] = [
    b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
    b"GARBAGE\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
];

/// The binary's standard error after the malformed requests and one good
/// one, with `RUST_LOG` at `level`.
fn stderr_at(level: &str) -> String {
    let port = support::closed_port().port();
    let database = support::fresh_database();
    let mut child = Command::new(env!("CARGO_BIN_EXE_comments"))
        .env("PORT", port.to_string())
        .env("RUST_LOG", level)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", database.display()),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "never listened"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    for request in MALFORMED {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.write_all(request).unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        assert!(
            answer.starts_with(b"HTTP/1.1 400"),
            "{:?}",
            String::from_utf8_lossy(&answer)
        );
    }
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_file(database);
    stderr
}

#[test]
fn malformed_requests_are_logged_below_warn() {
    let at_warn = stderr_at("warn");
    assert!(!at_warn.contains("stream error"), "{at_warn}");
    assert!(!at_warn.contains("ERROR"), "{at_warn}");

    let at_debug = stderr_at("debug");
    let reported = at_debug
        .lines()
        .filter(|line| line.contains("DEBUG") && line.contains("stream error: request parse error"))
        .count();
    assert_eq!(reported, MALFORMED.len(), "{at_debug}");
}
