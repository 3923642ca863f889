use approute::prelude::*;

#[route("/comments")]
struct Comments;

fn main() {}
