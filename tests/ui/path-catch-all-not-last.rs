use approute::prelude::*;

#[route("/docs/[...slug]/edit")]
async fn GET() {}

fn main() {}
