use approute::prelude::*;

#[route("/comments")]
mod comments;

fn main() {}
