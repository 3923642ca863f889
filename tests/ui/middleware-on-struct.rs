use approute::prelude::*;

#[middleware("/dashboard")]
struct RequireLogin;

fn main() {}
