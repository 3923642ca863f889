//! httplint (mnot's HTTP linter, the checks of REDbot) on the example's
//! answers, as they leave the socket: every route with GET and HEAD, a
//! `revalidate` route's miss, hit and 304, a create, 405, OPTIONS, 404, 415
//! and the redirects: no finding at its error level (`BAD`). Runs where
//! `APPROUTE_TEST_HTTPLINT` names `httplint` (`.ci/run` installs it from
//! PyPI); prints each exchange's warnings.

mod support;

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::process::{Command, Stdio};

/// The whole answer to `request` (its head written out here), as sent.
fn exchange(addr: SocketAddr, request: String) -> Vec<u8> {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    answer
}

/// httplint's findings on `response`.
fn lint(httplint: &str, response: &[u8]) -> String {
    let mut child = Command::new(httplint)
        .arg("-n")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("httplint runs");
    child.stdin.take().unwrap().write_all(response).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "httplint failed");
    String::from_utf8(output.stdout).unwrap()
}

#[actix_web::test]
#[cfg_attr(not(httplint), ignore = "needs APPROUTE_TEST_HTTPLINT at build time")]
async fn no_answer_has_an_error_level_finding() {
    let httplint = std::env::var("APPROUTE_TEST_HTTPLINT").expect("httplint's path");
    let server = support::start_default().await;
    let addr = server.addr;
    let head = |method: &str, path: &str, extra: &str| {
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}\r\n")
    };
    let mut requests = Vec::new();
    for path in [
        "/hello",
        "/comments",
        "/comments?query=first",
        "/comments/1",
        "/comments/count",
        "/comments/count",
        "/comments/99",
        "/comments/abc",
        "/comments/",
        "/profile",
        "/profile/theme",
        "/dashboard",
        "/openapi.json",
        "/docs",
        "/nope",
    ] {
        requests.push(head("GET", path, ""));
        requests.push(head("HEAD", path, ""));
    }
    let json = "Content-Type: application/json\r\nContent-Length: 12\r\n";
    requests.push(head("POST", "/comments", json) + r#"{"text":"x"}"#);
    requests.push(head("POST", "/comments", "Content-Length: 1\r\n") + "x");
    requests.push(head("PUT", "/comments", ""));
    requests.push(head("OPTIONS", "/comments/2", ""));
    let count = requests.len();
    let findings = actix_web::rt::task::spawn_blocking(move || {
        let mut bad = Vec::new();
        let mut warnings = Vec::new();
        for request in requests {
            let answer = exchange(addr, request.clone());
            let first = request.lines().next().unwrap().to_owned();
            // The entry's tag, for the conditional request that follows.
            let text = String::from_utf8_lossy(&answer).into_owned();
            for line in lint(&httplint, &answer).lines() {
                if line.contains("[BAD]") {
                    bad.push(format!("{first}: {line}"));
                } else if line.contains("[WARN]") {
                    warnings.push(format!("{first}: {line}"));
                }
            }
            if first == "GET /comments/count HTTP/1.1" {
                let tag = text
                    .lines()
                    .find_map(|line| line.strip_prefix("etag: "))
                    .expect("a stored answer has an ETag")
                    .to_owned();
                let conditional = format!(
                    "GET /comments/count HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
                     If-None-Match: {tag}\r\n\r\n"
                );
                let not_modified = exchange(addr, conditional);
                assert!(String::from_utf8_lossy(&not_modified).starts_with("HTTP/1.1 304"));
                for line in lint(&httplint, &not_modified).lines() {
                    if line.contains("[BAD]") {
                        bad.push(format!("304: {line}"));
                    }
                }
            }
        }
        (bad, warnings)
    })
    .await
    .unwrap();
    let (bad, warnings) = findings;
    println!("httplint on {count} answers: {} warnings", warnings.len());
    for warning in &warnings {
        println!("  {warning}");
    }
    assert!(bad.is_empty(), "error-level findings:\n{}", bad.join("\n"));
    server.stop().await;
}
