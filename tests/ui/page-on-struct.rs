use approute::prelude::*;

#[page("/profile")]
struct Profile;

fn main() {}
