use approute::prelude::*;

#[route("/hello")]
fn GET() -> &'static str {
    "Hello World"
}

fn main() {}
