use approute::prelude::*;

#[route("/blog/[[[...id]]")]
async fn GET() -> &'static str {
    ""
}

mod b {
    use approute::prelude::*;

    #[route("/blog/[...id]]")]
    async fn GET() -> &'static str {
        ""
    }
}

fn main() {}
