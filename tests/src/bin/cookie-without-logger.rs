//! An application without a logger, mounted under a scope, whose handler
//! adds a cookie a header cannot carry: the refusal must still reach the
//! developer with the handler's location (run by `tests/loud_failures.rs`).

use actix_web::{test as actix_test, web, App};
use approute::prelude::*;

#[route("/login")]
async fn POST(cookies: Cookies) -> HttpResponse {
    let refused = cookies.add(Cookie::new("session", "a;b")).is_err();
    HttpResponse::Ok().body(format!("refused: {refused}"))
}

#[approute::main]
async fn main() {
    let app = actix_test::init_service(
        App::new().service(web::scope("/api").configure(approute::configure)),
    )
    .await;
    let request = actix_test::TestRequest::post()
        .uri("/api/login")
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    assert!(response.headers().get("set-cookie").is_none());
    let body = actix_test::read_body(response).await;
    println!("{}", String::from_utf8_lossy(&body));
}
