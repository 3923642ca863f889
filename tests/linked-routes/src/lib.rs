//! Handlers that live in a library crate: they register in any binary that
//! links this crate (`use approute_linked_routes as _;`).

use approute::prelude::*;

#[route("/linked/ping")]
async fn GET() -> &'static str {
    "pong from a library crate"
}
