//! app/hello/route.ts

use approute::prelude::*;

#[route("/hello")]
async fn GET() -> &'static str {
    "Hello World"
}
