use approute::prelude::*;

#[route("/comments")]
mod comments {
    pub async fn get() -> &'static str {
        "lowercase, so only a helper"
    }
}

fn main() {}
