//! actix-web's own extractors and errors, used in approute handlers, answer
//! the same `{"error": "…"}` as approute's own, with their status.

use actix_web::http::{header, StatusCode};
use actix_web::{test as actix_test, web, App};
use approute::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Comment {
    text: String,
}

#[derive(Deserialize)]
struct Page {
    page: u32,
}

#[route("/json")]
mod json {
    use super::*;
    pub async fn POST(comment: web::Json<Comment>) -> String {
        comment.into_inner().text
    }
}

#[route("/query")]
mod query {
    use super::*;
    pub async fn GET(page: Query<Page>) -> String {
        format!("page {}", page.page)
    }
}

#[route("/items/[id]")]
mod items_id {
    use super::*;
    pub async fn GET(id: web::Path<u32>) -> String {
        format!("item {id}")
    }
}

#[route("/form")]
mod form {
    use super::*;
    pub async fn POST(form: web::Form<Comment>) -> String {
        form.into_inner().text
    }
}

struct Pool;

#[route("/state")]
mod state {
    use super::*;
    pub async fn GET(_pool: Data<Pool>) -> &'static str {
        "unreachable without the pool"
    }
}

#[route("/login")]
mod login {
    use super::*;
    pub async fn GET() -> Result<&'static str, actix_web::Error> {
        let response = HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
            .content_type("text/plain; charset=utf-8")
            .body("log in first");
        Err(actix_web::error::InternalError::from_response("log in first", response).into())
    }
}

#[route("/maybe/[id]")]
mod maybe {
    use super::*;
    /// `None` is actix-web's empty 404; the OpenAPI document promises the
    /// error body.
    pub async fn GET(Params(id): Params<u32>) -> Option<String> {
        (id == 1).then(|| "one".to_owned())
    }

    /// A bare error status keeps its headers and gets the error body.
    pub async fn DELETE() -> HttpResponse {
        HttpResponse::Forbidden()
            .insert_header(("x-reason", "read-only"))
            .finish()
    }
}

async fn call(request: actix_test::TestRequest) -> (StatusCode, String, String) {
    let app = actix_test::init_service(
        App::new()
            .app_data(web::JsonConfig::default().limit(64))
            .configure(approute::configure),
    )
    .await;
    let response = actix_test::call_service(&app, request.to_request()).await;
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = actix_test::read_body(response).await;
    (
        status,
        content_type,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

fn error_message(body: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("{body}"));
    let object = value.as_object().unwrap();
    assert_eq!(object.len(), 1, "{body}");
    object["error"].as_str().unwrap().to_owned()
}

fn post(uri: &str, content_type: &str, body: &'static str) -> actix_test::TestRequest {
    actix_test::TestRequest::post()
        .uri(uri)
        .insert_header((header::CONTENT_TYPE, content_type))
        .set_payload(body)
}

#[actix_web::test]
async fn actix_extractor_errors_answer_json() {
    let long = r#"{"text": "a comment much longer than the sixty-four bytes this app accepts"}"#;
    let cases = [
        (
            post("/json", "text/plain", r#"{"text":"hi"}"#),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "expected a JSON body with `Content-Type: application/json`",
        ),
        (
            post("/json", "application/json", "{not json"),
            StatusCode::BAD_REQUEST,
            "malformed JSON",
        ),
        (
            post("/json", "application/json", long),
            StatusCode::PAYLOAD_TOO_LARGE,
            "over the limit of 64 bytes",
        ),
        (
            actix_test::TestRequest::get().uri("/query?pages=2"),
            StatusCode::BAD_REQUEST,
            "missing field `page`",
        ),
        (
            actix_test::TestRequest::get().uri("/items/seven"),
            StatusCode::NOT_FOUND,
            "can not parse \"seven\" to a u32",
        ),
        (
            post("/form", "application/x-www-form-urlencoded", "txt=hi"),
            StatusCode::BAD_REQUEST,
            "missing field `text`",
        ),
        (
            post("/form", "application/json", "{}"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content type error",
        ),
    ];
    for (request, status, message) in cases {
        let (got_status, content_type, body) = call(request).await;
        assert_eq!(got_status, status, "{body}");
        assert_eq!(content_type, "application/json", "{body}");
        let got = error_message(&body);
        assert!(got.contains(message), "{got:?} lacks {message:?}");
    }
}

#[actix_web::test]
async fn a_missing_data_is_a_500_without_detail() {
    let (status, _, body) = call(actix_test::TestRequest::get().uri("/state")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(error_message(&body), "internal server error");
}

#[actix_web::test]
async fn the_error_keeps_its_headers() {
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let request = actix_test::TestRequest::get().uri("/login").to_request();
    let response = actix_test::call_service(&app, request).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers().get(header::WWW_AUTHENTICATE).unwrap(),
        "Bearer"
    );
    // A plain-text body the error shaped itself is reshaped too: one shape.
    let body = actix_test::read_body(response).await;
    assert_eq!(
        error_message(std::str::from_utf8(&body).unwrap()),
        "log in first"
    );
}

#[actix_web::test]
async fn approute_and_successful_answers_are_untouched() {
    let (status, content_type, body) =
        call(post("/json", "application/json", r#"{"text":"hi"}"#)).await;
    assert_eq!(
        (status, content_type.as_str(), body.as_str()),
        (StatusCode::OK, "text/plain; charset=utf-8", "hi")
    );
}

#[actix_web::test]
async fn an_error_status_without_a_body_gets_the_error_body() {
    let get = |uri: &str| actix_test::TestRequest::get().uri(uri);
    assert_eq!(call(get("/maybe/1")).await.2, "one");
    let (status, content_type, body) = call(get("/maybe/2")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type, "application/json");
    assert_eq!(error_message(&body), "not found");
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let request = actix_test::TestRequest::delete()
        .uri("/maybe/1")
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(response.headers().get("x-reason").unwrap(), "read-only");
    let body = actix_test::read_body(response).await;
    assert_eq!(
        error_message(std::str::from_utf8(&body).unwrap()),
        "forbidden"
    );
}
