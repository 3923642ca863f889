use approute::prelude::*;

#[route("/items/[item-id]/parts/[item_id]")]
async fn GET() -> &'static str {
    ""
}

fn main() {}
