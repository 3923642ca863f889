//! Every method over a real socket: a method HTTP does not know is 501 with
//! the error body, a known one a route lacks stays 405 with `Allow`, `QUERY`
//! is a verb (a safe method with a body, never cached), and `forbidden()` /
//! `unauthorized()` answer in the error body.

use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::http::Method;
use actix_web::web;
use approute::prelude::*;

static QUERIES: AtomicUsize = AtomicUsize::new(0);

#[route("/search", revalidate = 60)]
mod search {
    use super::*;

    pub async fn GET() -> &'static str {
        "all"
    }

    /// The query is the body, as the `QUERY` method draft has it.
    pub async fn QUERY(Json(filter): Json<serde_json::Value>) -> String {
        let call = QUERIES.fetch_add(1, Ordering::SeqCst);
        format!("call {call} for {}", filter["tag"])
    }
}

#[route("/admin")]
async fn GET(req: HttpRequest) -> HttpResponse {
    match req.headers().get("authorization") {
        None => unauthorized(),
        Some(_) => forbidden(),
    }
}

struct Reply {
    status: u16,
    allow: Option<String>,
    cache: Option<String>,
    body: String,
}

async fn send(prefix: &'static str, method: &str, path: &str, body: Option<&str>) -> Reply {
    let (addr, handle) = approute_tests::spawn_server(move || {
        actix_web::App::new().service(web::scope(prefix).configure(approute::configure))
    });
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = awc::Client::new().request(method, format!("http://{addr}{prefix}{path}"));
    if path == "/admin" && body.is_some() {
        request = request.insert_header(("authorization", "Bearer someone"));
    }
    let mut response = match body {
        Some(json) if path != "/admin" => request
            .insert_header(("content-type", "application/json"))
            .send_body(json.to_owned())
            .await
            .unwrap(),
        _ => request.send().await.unwrap(),
    };
    let body = response.body().await.unwrap();
    handle.stop(true).await;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap().to_owned())
    };
    Reply {
        status: response.status().as_u16(),
        allow: header("allow"),
        cache: header("x-approute-cache"),
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

#[actix_web::test]
async fn a_method_http_does_not_know_is_501_and_a_known_one_405() {
    for prefix in ["", "/api"] {
        let reply = send(prefix, "HEADER", "/search", None).await;
        assert_eq!(reply.status, 501);
        assert_eq!(reply.allow, None);
        assert_eq!(
            reply.body,
            r#"{"error":"method HEADER is not an HTTP method this server implements"}"#
        );
        for known in ["TRACE", "PROPFIND", "DELETE"] {
            let reply = send(prefix, known, "/search", None).await;
            assert_eq!(reply.status, 405, "{known}");
            assert_eq!(reply.allow.as_deref(), Some("GET, HEAD, OPTIONS, QUERY"));
        }
    }
    // No route, no answer of approute's: the 404 as before.
    assert_eq!(send("", "HEADER", "/nowhere", None).await.status, 404);
}

#[actix_web::test]
async fn query_is_a_verb_with_a_body_and_never_cached() {
    let first = send("", "QUERY", "/search", Some(r#"{"tag":"rust"}"#)).await;
    let second = send("", "QUERY", "/search", Some(r#"{"tag":"rust"}"#)).await;
    assert_eq!((first.status, second.status), (200, 200));
    assert!(first.body.ends_with(r#"for "rust""#), "{}", first.body);
    assert_ne!(first.body, second.body, "the handler ran twice");
    assert_eq!((first.cache, second.cache), (None, None));
    // The GET beside it is cached as its route says.
    send("", "GET", "/search", None).await;
    assert_eq!(
        send("", "GET", "/search", None).await.cache.as_deref(),
        Some("HIT")
    );
    // Its body is read like any other: a malformed one is 400.
    assert_eq!(send("", "QUERY", "/search", Some("{")).await.status, 400);
    let reply = send("", "OPTIONS", "/search", None).await;
    assert_eq!(reply.allow.as_deref(), Some("GET, HEAD, OPTIONS, QUERY"));
}

#[actix_web::test]
async fn forbidden_and_unauthorized_answer_in_the_error_body() {
    for prefix in ["", "/api"] {
        let reply = send(prefix, "GET", "/admin", None).await;
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (401, r#"{"error":"unauthorized"}"#)
        );
        let reply = send(prefix, "GET", "/admin", Some("")).await;
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (403, r#"{"error":"forbidden"}"#)
        );
    }
}
