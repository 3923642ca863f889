//! A page fully shadowed by a route handler: a warning by default, an error
//! under `Conflicts::Deny`; the route answers either way.

use actix_web::http::StatusCode;
use actix_web::{test as actix_test, App};
use approute::prelude::*;
use approute::routing::{Conflicts, RouteTable};

#[route("/profile")]
async fn GET() -> &'static str {
    "Profile route handler"
}

#[page("/profile")]
async fn profile() -> Html {
    Html::new("<h1>Profile</h1>")
}

const REPORT: &str = r#"the page at /profile is never served: the route handler's GET answers that URL
  --> tests/tests/shadowed_page.rs:10  #[route("/profile")] GET
  --> tests/tests/shadowed_page.rs:15  #[page("/profile")] GET
  = help: move the route handler to another path (Next.js apps use `/api/...`), or remove its GET"#;

#[test]
fn warns_by_default_with_both_locations() {
    let table = approute::routes().unwrap();
    let warnings: Vec<String> = table.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(warnings, [REPORT]);
    let listing = table.to_string();
    assert_eq!(
        listing,
        format!(
            "Routes (2 handlers, in precedence order)
  GET     /profile  route  tests/tests/shadowed_page.rs:10
  GET     /profile  page   tests/tests/shadowed_page.rs:15  (shadowed by a route)

warning: {REPORT}
"
        )
    );
}

#[test]
fn deny_makes_it_a_start_up_error() {
    let error = RouteTable::from_registry(Conflicts::Deny).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("approute: 1 problem in the registered routes\n\n1. {REPORT}")
    );
}

#[actix_web::test]
async fn the_route_handler_answers() {
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let response = actix_test::call_service(
        &app,
        actix_test::TestRequest::get().uri("/profile").to_request(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        actix_test::read_body(response).await,
        "Profile route handler"
    );
}
