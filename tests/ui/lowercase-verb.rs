use approute::prelude::*;

#[route("/hello")]
async fn get() -> &'static str {
    "Hello World"
}

fn main() {}
