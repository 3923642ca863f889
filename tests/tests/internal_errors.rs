//! A handler error that answers 500 tells the client nothing internal, and
//! the log gets the detail with the handler's location.

use std::sync::Mutex;

use actix_web::http::StatusCode;
use actix_web::{test as actix_test, App};
use approute::prelude::*;

#[route("/failing")]
mod failing {
    use approute::prelude::*;

    /// actix-web renders this error as its `Display` text.
    pub async fn GET() -> Result<String, actix_web::Error> {
        Err(actix_web::error::ErrorInternalServerError(
            "connection to postgres://admin:hunter2@db failed",
        ))
    }

    /// A 500 body the error type shaped itself is its own choice.
    pub async fn PUT() -> Result<String, actix_web::Error> {
        let body = HttpResponse::InternalServerError()
            .json(serde_json::json!({ "error": "store unavailable" }));
        Err(actix_web::error::InternalError::from_response("store down", body).into())
    }

    /// Another status is the handler's deliberate answer, in the error body.
    pub async fn POST() -> Result<String, actix_web::Error> {
        Err(actix_web::error::ErrorServiceUnavailable("try again soon"))
    }
}

static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        LINES
            .lock()
            .unwrap()
            .push(format!("{} {}", record.level(), record.args()));
    }
    fn flush(&self) {}
}

async fn call(method: &str) -> (StatusCode, String) {
    let _ = log::set_logger(&Capture).map(|()| log::set_max_level(log::LevelFilter::Info));
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let request = actix_test::TestRequest::default()
        .method(method.parse().unwrap())
        .uri("/failing")
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    let status = response.status();
    let body = actix_test::read_body(response).await;
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn logged(needle: &str) -> Vec<String> {
    LINES
        .lock()
        .unwrap()
        .iter()
        .filter(|line| line.contains(needle))
        .cloned()
        .collect()
}

#[actix_web::test]
async fn a_plain_text_500_is_concealed_and_logged_with_the_location() {
    assert_eq!(
        call("GET").await,
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            r#"{"error":"internal server error"}"#.to_owned()
        )
    );
    let lines = logged("hunter2");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("ERROR handler GET /failing (tests/tests/internal_errors.rs:"),
        "{lines:?}"
    );
}

#[actix_web::test]
async fn a_shaped_500_body_and_other_statuses_are_kept() {
    assert_eq!(
        call("PUT").await,
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            r#"{"error":"store unavailable"}"#.to_owned()
        )
    );
    assert_eq!(logged("store down").len(), 1);
    assert_eq!(
        call("POST").await,
        (
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"error":"try again soon"}"#.to_owned()
        )
    );
}
