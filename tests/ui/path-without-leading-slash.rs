use approute::prelude::*;

#[route("comments")]
async fn GET() {}

fn main() {}
