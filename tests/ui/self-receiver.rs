use approute::prelude::*;

struct Api;

impl Api {
    #[route("/hello")]
    async fn GET(&self) -> &'static str {
        "Hello World"
    }
}

fn main() {}
