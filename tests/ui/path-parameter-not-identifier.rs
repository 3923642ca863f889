use approute::prelude::*;

#[route("/posts/[post-id]")]
async fn GET() {}

fn main() {}
