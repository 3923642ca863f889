use approute::prelude::*;

#[route(cache = 10)]
async fn GET() -> &'static str {
    "Hello World"
}

fn main() {}
