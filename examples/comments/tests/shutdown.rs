//! The real `comments` binary: SIGTERM while a request is in flight lets
//! that request finish while new connections are refused at once, then the
//! process exits cleanly.

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[actix_web::test]
async fn sigterm_drains_in_flight_requests_and_exits_cleanly() {
    let upstream = support::fake_upstream().await;
    let port = support::closed_port().port();
    let database = support::fresh_database();
    let mut child = Command::new(env!("CARGO_BIN_EXE_comments"))
        .env("PORT", port.to_string())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", database.display()),
        )
        .env("UPSTREAM_URL", format!("http://{upstream}/slow"))
        .env("UPSTREAM_TIMEOUT_MS", "10000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the example never listened"
        );
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }

    // `/api/quote` waits two seconds on the slow upstream: stop the server
    // while that request is in flight.
    let url = format!("{base}/api/quote");
    let in_flight = actix_web::rt::spawn(async move { support::get(&url).await });
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // Refused at once, so that a load balancer sends it elsewhere, while
    // the request in flight is still being answered.
    actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    let refused = std::net::TcpStream::connect(("127.0.0.1", port));
    assert_eq!(
        refused.map_err(|error| error.kind()).err(),
        Some(std::io::ErrorKind::ConnectionRefused)
    );

    let reply = in_flight.await.unwrap();
    assert_eq!(
        (reply.status, reply.json()),
        (200, serde_json::json!({ "late": true }))
    );
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    let _ = std::fs::remove_file(database);
}
