use approute::prelude::*;

#[route("/comments/[id]/[id]")]
mod comment {
    pub fn GET() {}
    pub async fn PATCH<T>(_value: T) {}
}

fn main() {}
