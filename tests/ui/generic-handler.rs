use approute::prelude::*;

#[route("/hello")]
async fn GET<T: Default>() -> &'static str {
    "Hello World"
}

fn main() {}
