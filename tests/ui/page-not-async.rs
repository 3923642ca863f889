use approute::prelude::*;

#[page("/profile")]
fn profile() -> Html {
    Html::new("<h1>Profile</h1>")
}

fn main() {}
