use approute::prelude::*;

#[route("/comments/[id")]
async fn GET() {}

fn main() {}
