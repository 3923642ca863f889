use approute::prelude::*;

#[route("/hello")]
async fn fetch_hello() -> &'static str {
    "Hello World"
}

fn main() {}
