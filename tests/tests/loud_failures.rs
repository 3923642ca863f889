//! Failures that speak: `serve` prints the conflict report as text and
//! fails in one line; warnings reach a developer without a logger.

use std::net::TcpListener;
use std::process::Command;

use approute::prelude::*;

#[route("/hello")]
async fn GET() -> &'static str {
    "Hello World"
}

#[actix_web::test]
async fn a_denying_table_can_be_served() {
    let table =
        approute::routing::RouteTable::from_registry(approute::routing::Conflicts::Deny).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let server = approute::server::Server::new(table)
        .listen(listener)
        .start()
        .unwrap();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    let mut response = awc::Client::new()
        .get(format!("http://{address}/hello"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.body().await.unwrap(), "Hello World");
    handle.stop(true).await;
}

/// The README's `main` (`-> std::io::Result<()>` returning `serve`'s error)
/// in a binary with two handlers for one URL and method.
#[test]
fn serve_prints_the_report_as_text_and_fails_in_one_line() {
    let output = Command::new(env!("CARGO_BIN_EXE_conflicting-app"))
        .output()
        .expect("the example binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "approute: 1 problem in the registered routes\n\n1. GET /twice has 2 route handlers\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("  --> tests/src/bin/conflicting-app.rs:"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("Error: Custom { kind: Other, error: approute did not start: 1 problem in the registered routes, listed above }\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("\\n"), "no escaped newlines: {stderr}");
}

#[test]
fn configure_reports_warnings_without_a_logger() {
    let output = Command::new(env!("CARGO_BIN_EXE_shadowed-page-app"))
        .output()
        .expect("the example binary runs");
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("warning: the page at /profile is never served: the route handler's GET answers that URL\n"),
        "{stderr}"
    );
}

#[test]
fn a_refused_cookie_is_reported_without_a_logger_under_a_scope() {
    let output = Command::new(env!("CARGO_BIN_EXE_cookie-without-logger"))
        .output()
        .expect("the example binary runs");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "refused: true\n");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "error: cookie \"session\" refused: its value holds a character a `Set-Cookie` header cannot carry (at tests/src/bin/cookie-without-logger.rs:10:"
        ),
        "{stderr}"
    );
}
