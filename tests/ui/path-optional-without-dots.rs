use approute::prelude::*;

#[route("/docs/[[slug]]")]
async fn GET() {}

fn main() {}
