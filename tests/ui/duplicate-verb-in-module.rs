use approute::prelude::*;

#[route("/comments")]
mod comments {
    pub async fn GET() -> &'static str {
        "one"
    }

    pub async fn GET() -> &'static str {
        "two"
    }
}

fn main() {}
