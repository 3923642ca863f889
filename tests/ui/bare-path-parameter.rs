use approute::prelude::*;

#[route("/comments/[id]")]
async fn GET(id: u32) -> String {
    format!("{id}")
}

#[route("/blog/[year]/[...slug]")]
async fn PUT(year: u16) -> String {
    format!("{year}")
}

fn main() {}
