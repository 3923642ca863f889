use approute::prelude::*;

struct NotAnExtractor;

#[route("/hello")]
async fn GET(_value: NotAnExtractor) -> &'static str {
    "Hello World"
}

fn main() {}
