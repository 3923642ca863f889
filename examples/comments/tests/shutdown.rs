//! The real `comments` binary: SIGTERM while a request is in flight lets
//! that request finish while new connections are refused at once, closes
//! the live feed's WebSocket with 1001 instead of waiting for it, then the
//! process exits cleanly.

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use approute_tests::websocket_client::next_frame;
use awc::ws::{CloseCode, Frame, Message};
use futures_util::SinkExt;

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

    // The live feed: a comment created arrives on the socket, as JSON.
    let (_, mut feed) = awc::Client::new()
        .ws(format!("ws://127.0.0.1:{port}/comments/live"))
        .connect()
        .await
        .unwrap();
    let created =
        support::send_json("POST", &format!("{base}/comments"), r#"{"text":"live"}"#).await;
    assert_eq!(created.status, 201);
    let Frame::Text(json) = next_frame(&mut feed).await else {
        panic!("the new comment, as text");
    };
    let sent: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(sent, created.json());
    feed.send(Message::Ping("still there".into()))
        .await
        .unwrap();
    assert_eq!(
        next_frame(&mut feed).await,
        Frame::Pong("still there".into())
    );

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
    let signalled = Instant::now();
    // The socket, which would never end on its own, is closed at once.
    let Frame::Close(Some(reason)) = next_frame(&mut feed).await else {
        panic!("a close with its reason");
    };
    assert_eq!(reason.code, CloseCode::Away);
    assert!(signalled.elapsed() < Duration::from_secs(1));
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
    // The drain waited for the 2 s request, not for the socket (actix-web's
    // 30 s shutdown timeout).
    assert!(
        signalled.elapsed() < Duration::from_secs(10),
        "exited {:?} after the signal",
        signalled.elapsed()
    );
    let _ = std::fs::remove_file(database);
}
