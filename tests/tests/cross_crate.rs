//! Handlers written in a library crate register in the binary that links it.

use actix_web::{test as actix_test, App};

// Without this line nothing refers to the crate, it is not linked, and its
// handlers do not exist in this binary.
use approute_linked_routes as _;

#[actix_web::test]
async fn a_library_crates_handlers_are_served() {
    let table = approute::routes().unwrap();
    let entry = table.entries().next().unwrap();
    assert_eq!(
        (entry.pattern, entry.location.file),
        ("/linked/ping", "tests/linked-routes/src/lib.rs")
    );

    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let request = actix_test::TestRequest::get()
        .uri("/linked/ping")
        .to_request();
    assert_eq!(
        actix_test::call_and_read_body(&app, request).await,
        "pong from a library crate"
    );
}
