//! A panicking handler, a failing database, and comments that outlive a
//! restart.

mod support;

use approute::prelude::*;
use serde_json::json;
use support::{call, get, send_json, start, upstream};

// A handler of this test binary only, served beside the example's routes.
#[route("/test-only/panic")]
async fn GET() -> &'static str {
    panic!("the handler failed")
}

#[route("/test-only/slow")]
mod slow {
    pub async fn GET() -> &'static str {
        actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
        "slow and fine"
    }
}

#[actix_web::test]
async fn requests_in_flight_complete_while_another_handler_panics() {
    let server = support::start_default().await;
    let (slow_url, panic_url) = (
        server.url("/test-only/slow"),
        server.url("/test-only/panic"),
    );
    let slow: Vec<_> = (0..6).map(|_| get(&slow_url)).collect();
    let panics = get(&panic_url);
    let (slow, panic) = futures_join(slow, panics).await;
    assert_eq!(panic.status, 500);
    for reply in slow {
        assert_eq!((reply.status, reply.body.as_str()), (200, "slow and fine"));
    }
}

async fn futures_join<F: std::future::Future<Output = support::Reply>>(
    slow: Vec<F>,
    panic: impl std::future::Future<Output = support::Reply>,
) -> (Vec<support::Reply>, support::Reply) {
    let slow = futures_util::future::join_all(slow);
    futures_util::future::join(slow, panic).await
}

#[actix_web::test]
async fn a_panic_answers_500_without_details_and_the_next_request_succeeds() {
    let server = support::start_default().await;
    for _ in 0..3 {
        let reply = get(&server.url("/test-only/panic")).await;
        assert_eq!(
            (reply.status, reply.json()),
            (500, json!({ "error": "internal server error" }))
        );
        assert_eq!(get(&server.url("/hello")).await.body, "Hello World");
    }
    assert!(support::logs()
        .iter()
        .any(|line| line.contains("handler GET /test-only/panic")
            && line.contains("the handler failed")));
}

#[actix_web::test]
async fn comments_persist_across_a_restart_of_the_sqlite_file() {
    let no_upstream = || upstream(None, std::time::Duration::from_secs(1));
    let first = start(support::fresh_database(), no_upstream()).await;
    assert_eq!(
        send_json("POST", &first.url("/comments"), r#"{"text":"kept"}"#)
            .await
            .status,
        201
    );
    assert_eq!(
        call("DELETE", &first.url("/comments/1"), &[], None)
            .await
            .status,
        200
    );
    let database = first.stop().await;

    let second = start(database, no_upstream()).await;
    let texts: Vec<String> = get(&second.url("/comments"))
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|comment| comment["text"].as_str().unwrap().to_owned())
        .collect();
    // The seed is not applied again: the deleted comment stays deleted.
    assert_eq!(
        texts,
        [
            "This is the second comment",
            "This is the third comment",
            "kept"
        ]
    );
    std::fs::remove_file(second.stop().await).unwrap();
}

#[actix_web::test]
async fn a_failing_database_answers_500_and_logs_the_cause() {
    let server = support::start_default().await;
    assert_eq!(get(&server.url("/comments/1")).await.status, 200);
    // Pull the table from under the running server.
    rusqlite::Connection::open(&server.database)
        .unwrap()
        .execute("DROP TABLE comments", [])
        .unwrap();

    // Reads (inline on the worker) and writes (on the blocking pool) alike.
    for reply in [
        get(&server.url("/comments")).await,
        get(&server.url("/comments/1")).await,
        send_json("POST", &server.url("/comments"), r#"{"text":"lost?"}"#).await,
        send_json("PATCH", &server.url("/comments/1"), r#"{"text":"x"}"#).await,
        call("DELETE", &server.url("/comments/1"), &[], None).await,
    ] {
        assert_eq!(reply.status, 500);
        assert_eq!(reply.json(), json!({ "error": "database error" }));
    }
    assert!(support::logs()
        .iter()
        .any(|line| line.contains("database error") && line.contains("no such table: comments")));
    // The server still answers what does not need the table.
    assert_eq!(get(&server.url("/hello")).await.status, 200);
    std::fs::remove_file(server.stop().await).unwrap();
}

#[actix_web::test]
async fn concurrent_writes_all_land() {
    let server = support::start_default().await;
    let url = server.url("/comments");
    let bodies: Vec<String> = (0..48).map(|i| format!(r#"{{"text":"w{i}"}}"#)).collect();
    let posts = bodies.iter().map(|body| send_json("POST", &url, body));
    for reply in futures_util::future::join_all(posts).await {
        assert_eq!(reply.status, 201, "{}", reply.body);
    }
    assert_eq!(support::comment_count(&server).await, 3 + 48);
    std::fs::remove_file(server.stop().await).unwrap();
}
