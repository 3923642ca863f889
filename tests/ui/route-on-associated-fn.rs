// `#[route]` on one associated function cannot name its type: the attribute
// sees only the function. Put `#[route("/comments")]` on the `impl` instead.
use approute::prelude::*;

pub struct Comments;

impl Comments {
    #[route("/comments")]
    pub async fn GET() -> &'static str {
        "[]"
    }
}

fn main() {}
