//! A table's error body reshapes every error it answers: here to RFC 9457
//! `application/problem+json`, for approute's own errors (404 for no route
//! and for an unparsable parameter, 405, a rejected JSON body, a 500, a
//! handler's `error_response`) and actix-web's extractors alike; another
//! application of the same process keeps `{"error": …}`.

use actix_web::http::{header, StatusCode};
use actix_web::{test as actix_test, web, App};
use approute::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Page {
    #[allow(dead_code)]
    page: u32,
}

#[route("/items/[id]")]
mod items {
    use super::*;
    pub async fn GET(Params(id): Params<u32>, _page: Query<Page>) -> String {
        format!("item {id}")
    }
    pub async fn POST(Json(value): Json<serde_json::Value>) -> String {
        value.to_string()
    }
    pub async fn PUT() -> Result<&'static str, actix_web::Error> {
        Err(actix_web::error::ErrorInternalServerError("secret detail"))
    }
    /// A handler's own error, through `error_response`.
    pub async fn PATCH() -> HttpResponse {
        error_response(StatusCode::CONFLICT, "edited meanwhile")
    }
}

fn problem(status: StatusCode, detail: &str) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("application/problem+json")
        .json(serde_json::json!({
            "type": "about:blank",
            "title": status.canonical_reason(),
            "status": status.as_u16(),
            "detail": detail,
        }))
}

fn problem_table() -> approute::routing::RouteTable {
    approute::routes().unwrap().error_body(problem)
}

/// The body is a problem document with this status; its `detail`.
fn detail(status: StatusCode, content_type: Option<&str>, body: &[u8]) -> String {
    assert_eq!(content_type, Some("application/problem+json"));
    let value: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(value["status"], status.as_u16());
    assert_eq!(value["title"], status.canonical_reason().unwrap());
    value["detail"].as_str().unwrap().to_owned()
}

#[actix_web::test]
async fn every_error_is_a_problem_document() {
    let table = problem_table();
    let app = actix_test::init_service(App::new().configure(|cfg| table.configure(cfg))).await;
    let cases = [
        ("GET", "/items/x?page=1", "", StatusCode::NOT_FOUND, "x"),
        (
            "GET",
            "/items/7",
            "",
            StatusCode::BAD_REQUEST,
            "missing field `page`",
        ),
        (
            "DELETE",
            "/items/7",
            "",
            StatusCode::METHOD_NOT_ALLOWED,
            "not allowed",
        ),
        (
            "POST",
            "/items/7",
            "text/plain",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type",
        ),
        (
            "PUT",
            "/items/7",
            "",
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal server error",
        ),
        (
            "PATCH",
            "/items/7",
            "",
            StatusCode::CONFLICT,
            "edited meanwhile",
        ),
        (
            "HEADER",
            "/items/7",
            "",
            StatusCode::NOT_IMPLEMENTED,
            "not an HTTP method",
        ),
    ];
    for (method, uri, content_type, status, needle) in cases {
        let mut request = actix_test::TestRequest::default()
            .method(method.parse().unwrap())
            .uri(uri);
        if !content_type.is_empty() {
            request = request
                .insert_header((header::CONTENT_TYPE, content_type))
                .set_payload("{}");
        }
        let response = actix_test::call_service(&app, request.to_request()).await;
        assert_eq!(response.status(), status, "{method} {uri}");
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|value| value.to_str().unwrap().to_owned());
        let body = actix_test::read_body(response).await;
        let detail = detail(status, content_type.as_deref(), &body);
        assert!(detail.contains(needle), "{method} {uri}: {detail}");
        assert!(!detail.contains("secret"), "{detail}");
    }
}

#[actix_web::test]
async fn serve_answers_no_route_with_a_problem_document() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = approute::server::Server::new(problem_table())
        .app(|| actix_web::App::new().app_data(web::Data::new(())))
        .listen(listener)
        .start()
        .unwrap();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    let mut response = awc::Client::new()
        .get(format!("http://{addr}/nowhere"))
        .send()
        .await
        .unwrap();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned());
    let body = response.body().await.unwrap();
    let detail = detail(StatusCode::NOT_FOUND, content_type.as_deref(), &body);
    assert_eq!(detail, "no route for /nowhere");
    handle.stop(true).await;
}

/// Two applications in one process, one table each: each answers in its own
/// error body, whichever was built first.
#[actix_web::test]
async fn two_apps_in_one_process_keep_their_own_error_body() {
    let problems = problem_table();
    let plain = approute::routes().unwrap();
    let problem_app =
        actix_test::init_service(App::new().configure(|cfg| problems.configure(cfg))).await;
    let plain_app = actix_test::init_service(
        App::new().service(web::scope("/api").configure(|cfg| plain.configure(cfg))),
    )
    .await;
    for _ in 0..2 {
        let request = actix_test::TestRequest::patch()
            .uri("/items/7")
            .to_request();
        let response = actix_test::call_service(&problem_app, request).await;
        let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
        let body = actix_test::read_body(response).await;
        let content_type = content_type.map(|value| value.to_str().unwrap().to_owned());
        assert_eq!(
            detail(StatusCode::CONFLICT, content_type.as_deref(), &body),
            "edited meanwhile"
        );
        let request = actix_test::TestRequest::patch()
            .uri("/api/items/7")
            .to_request();
        let response = actix_test::call_service(&plain_app, request).await;
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let body = actix_test::read_body(response).await;
        assert_eq!(body, r#"{"error":"edited meanwhile"}"#);
        let request = actix_test::TestRequest::get()
            .uri("/api/items/x?page=1")
            .to_request();
        let body = actix_test::call_and_read_body(&plain_app, request).await;
        assert!(
            body.starts_with(br#"{"error":"path parameter `id`"#),
            "{body:?}"
        );
    }
}
