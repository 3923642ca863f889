use approute::prelude::*;

#[route("/posts/[post.id]")]
async fn GET() -> &'static str {
    ""
}

fn main() {}
