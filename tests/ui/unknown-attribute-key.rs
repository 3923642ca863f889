use approute::prelude::*;

#[route("/comments", name = "comments")]
async fn GET() {}

fn main() {}
