//! A `Params<T>` that cannot fit its route is a start-up problem, reported
//! with the handler's location, never a 500 at request time.

use approute::prelude::*;
use serde::Deserialize;

#[route("/wrong/[a]/[b]")]
async fn GET(Params(value): Params<u32>) -> String {
    value.to_string()
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Misnamed {
    user_id: u32,
}

#[route("/misnamed/[id]")]
async fn PATCH(Params(params): Params<Misnamed>) -> String {
    params.user_id.to_string()
}

#[route("/tuple/[a]/[...rest]")]
async fn PUT(Params((a, b, c)): Params<(u32, String, String)>) -> String {
    format!("{a}{b}{c}")
}

#[route("/list/[slug]")]
async fn DELETE(Params(list): Params<Vec<String>>) -> String {
    list.join("")
}

#[route("/single/[...rest]")]
async fn POST(Params(one): Params<u32>) -> String {
    one.to_string()
}

#[test]
fn every_misfit_params_type_is_reported_at_start_up_with_its_location() {
    let report = approute::routes()
        .expect_err("the table is refused")
        .to_string();
    assert_eq!(report, EXPECTED);
}

/// In table order (by URL precedence), whatever the link order.
const EXPECTED: &str = r#"approute: 5 problems in the registered routes

1. DELETE /list/[slug] takes `Params<Vec<String>>`: `slug` is a single segment, not a list; write `[...slug]` in the path for a catch-all
  --> tests/tests/params_check.rs:29  #[route("/list/[slug]")] DELETE
  = help: the route has 1 parameter (`slug`): take one as `Params<T>`, several as a tuple in path order, or a struct with a field per parameter; a catch-all as `Vec<String>`

2. PATCH /misnamed/[id] takes `Params<Misnamed>`: field `user_id` names no parameter of the route
  --> tests/tests/params_check.rs:19  #[route("/misnamed/[id]")] PATCH
  = help: the route has 1 parameter (`id`): take one as `Params<T>`, several as a tuple in path order, or a struct with a field per parameter; a catch-all as `Vec<String>`

3. POST /single/[...rest] takes `Params<u32>`: `rest` is a catch-all (a list of segments), not a non-negative integer (u32); use `Vec<String>`
  --> tests/tests/params_check.rs:34  #[route("/single/[...rest]")] POST
  = help: the route has 1 parameter (`rest`): take one as `Params<T>`, several as a tuple in path order, or a struct with a field per parameter; a catch-all as `Vec<String>`

4. PUT /tuple/[a]/[...rest] takes `Params<(u32, String, String)>`: a tuple of 3 for a route with 2 parameters
  --> tests/tests/params_check.rs:24  #[route("/tuple/[a]/[...rest]")] PUT
  = help: the route has 2 parameters (`a`, `rest`): take one as `Params<T>`, several as a tuple in path order, or a struct with a field per parameter; a catch-all as `Vec<String>`

5. GET /wrong/[a]/[b] takes `Params<u32>`: a single value for a route with 2 parameters; use a struct with a field per parameter, or a tuple
  --> tests/tests/params_check.rs:8  #[route("/wrong/[a]/[b]")] GET
  = help: the route has 2 parameters (`a`, `b`): take one as `Params<T>`, several as a tuple in path order, or a struct with a field per parameter; a catch-all as `Vec<String>`"#;
