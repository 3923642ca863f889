//! `max_duration = N`: a handler still running after N seconds is dropped
//! and answered 504 with a JSON body; a quicker one is untouched.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use actix_web::{test as actix_test, App};
use approute::prelude::*;

static DROPPED: AtomicBool = AtomicBool::new(false);

/// Set when the handler's future is dropped unfinished.
struct OnDrop;

impl Drop for OnDrop {
    fn drop(&mut self) {
        DROPPED.store(true, Ordering::SeqCst);
    }
}

#[route("/slow", max_duration = 1)]
mod slow {
    use super::*;
    pub async fn GET() -> &'static str {
        let _guard = OnDrop;
        actix_web::rt::time::sleep(Duration::from_secs(30)).await;
        std::mem::forget(_guard);
        "too late"
    }
    pub async fn POST() -> &'static str {
        "quick"
    }
}

#[actix_web::test]
async fn a_handler_over_its_limit_is_dropped_and_answered_504() {
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let started = Instant::now();
    let request = actix_test::TestRequest::get().uri("/slow").to_request();
    let response = actix_test::call_service(&app, request).await;
    let elapsed = started.elapsed();
    assert_eq!(response.status(), StatusCode::GATEWAY_TIMEOUT);
    assert!(
        elapsed >= Duration::from_secs(1) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
    let body = actix_test::read_body(response).await;
    assert_eq!(
        body,
        r#"{"error":"the handler did not answer within its max_duration of 1 s"}"#
    );
    assert!(
        DROPPED.load(Ordering::SeqCst),
        "the handler's future was not dropped"
    );

    let request = actix_test::TestRequest::post().uri("/slow").to_request();
    assert_eq!(actix_test::call_and_read_body(&app, request).await, "quick");
}

#[test]
fn the_limit_is_on_each_handler_of_the_module_and_in_the_table() {
    let table = approute::routes().unwrap();
    let limits: Vec<_> = table.entries().map(|entry| entry.max_duration).collect();
    assert_eq!(limits, [Some(Duration::from_secs(1)); 2]);
    let json = table.to_json();
    assert_eq!(json["routes"][0]["max_duration_seconds"], 1);
}
