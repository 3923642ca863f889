//! `/api/quote` against a fake upstream on 127.0.0.1:0: the key goes to the
//! upstream and nowhere else; failures answer 502, slowness 504.

mod support;

use std::time::Duration;

use serde_json::json;
use support::{closed_port, fake_upstream, get, logs, start, upstream, SECRET};

async fn quote_from(url: String, timeout: Duration) -> support::Reply {
    let server = start(support::fresh_database(), upstream(Some(url), timeout)).await;
    get(&server.url("/api/quote")).await
}

#[actix_web::test]
async fn returns_the_upstreams_json_and_never_the_key() {
    let upstream = fake_upstream().await;
    let reply = quote_from(format!("http://{upstream}/quote"), Duration::from_secs(5)).await;
    // The fake answers 401 unless it got the key: 200 proves it was sent.
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.json(),
        json!({ "quote": "Stay hungry", "author": "upstream" })
    );
    assert!(!reply.body.contains(SECRET));
    assert!(!format!("{:?}", reply.headers).contains(SECRET));
}

#[actix_web::test]
async fn a_failing_upstream_is_502() {
    let upstream = fake_upstream().await;
    let reply = quote_from(format!("http://{upstream}/fail"), Duration::from_secs(5)).await;
    assert_eq!(reply.status, 502);
    assert_eq!(
        reply.json(),
        json!({ "error": "the upstream API answered 500 Internal Server Error" })
    );
    let reply = quote_from(
        format!("http://{upstream}/not-json"),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(reply.status, 502);
    assert!(
        reply.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("the upstream API answered invalid JSON"),
        "{}",
        reply.body
    );
}

#[actix_web::test]
async fn an_unreachable_upstream_is_502() {
    let reply = quote_from(
        format!("http://{}/quote", closed_port()),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(reply.status, 502, "{}", reply.body);
    assert!(
        reply.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("the upstream API is unreachable"),
        "{}",
        reply.body
    );
}

#[actix_web::test]
async fn a_slow_upstream_is_504_after_the_timeout() {
    let upstream = fake_upstream().await;
    let started = std::time::Instant::now();
    let reply = quote_from(
        format!("http://{upstream}/slow"),
        Duration::from_millis(300),
    )
    .await;
    assert_eq!(reply.status, 504);
    assert_eq!(
        reply.json(),
        json!({ "error": "the upstream API did not answer within 300 ms" })
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "answered before the upstream did"
    );
}

#[actix_web::test]
async fn the_key_is_in_no_log_line() {
    let upstream = fake_upstream().await;
    quote_from(format!("http://{upstream}/quote"), Duration::from_secs(5)).await;
    quote_from(format!("http://{upstream}/fail"), Duration::from_secs(5)).await;
    let logs = logs();
    assert!(
        logs.iter().any(|line| line.contains("/api/quote")),
        "the log was captured: {logs:?}"
    );
    assert!(logs.iter().all(|line| !line.contains(SECRET)), "{logs:?}");
}
