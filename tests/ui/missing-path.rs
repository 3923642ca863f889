use approute::prelude::*;

#[route]
async fn GET() {}

fn main() {}
