//! An application without a logger that mounts a shadowed page through
//! `configure`: the warning must still reach the developer (run by
//! `tests/loud_failures.rs`).

use actix_web::{test as actix_test, App};
use approute::prelude::*;

#[route("/profile")]
async fn GET() -> &'static str {
    "route"
}

#[page("/profile")]
async fn profile() -> Html {
    Html::new("<h1>never served</h1>")
}

#[approute::main]
async fn main() {
    let _ = actix_test::init_service(App::new().configure(approute::configure)).await;
}
