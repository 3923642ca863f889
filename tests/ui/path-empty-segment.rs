use approute::prelude::*;

#[route("/comments//new")]
async fn GET() {}

fn main() {}
