use approute::prelude::*;

#[route(cache = 10, "/hello")]
async fn GET() -> &'static str {
    "Hello World"
}

fn main() {}
