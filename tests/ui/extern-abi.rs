use approute::prelude::*;

#[route("/hello")]
async extern "C" fn GET() -> &'static str {
    "Hello World"
}

fn main() {}
