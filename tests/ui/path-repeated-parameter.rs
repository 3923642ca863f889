use approute::prelude::*;

#[route("/[id]/comments/[id]")]
async fn GET() {}

fn main() {}
