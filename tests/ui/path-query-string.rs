use approute::prelude::*;

#[route("/comments?query=first")]
async fn GET() {}

fn main() {}
