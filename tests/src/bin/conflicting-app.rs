//! The README's `main`, with two handlers for one URL and method: what a
//! user sees when `serve` refuses to start (run by `tests/loud_failures.rs`).

mod first {
    use approute::prelude::*;

    #[route("/twice")]
    async fn GET() -> &'static str {
        "first"
    }
}

mod second {
    use approute::prelude::*;

    #[route("/twice")]
    async fn GET() -> &'static str {
        "second"
    }
}

#[approute::main]
async fn main() -> std::io::Result<()> {
    approute::serve("127.0.0.1:0").await
}
