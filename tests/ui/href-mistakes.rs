use approute::prelude::*;

struct NotDisplay;

fn main() {
    let _ = href!("/comments/[id]");
    let _ = href!("/comments/[id]", id = 1, id = 2);
    let _ = href!("/comments/[id]", id = 1, slug = 2);
    let _ = href!("/comments", page = 2);
    let _ = href!("/comments/[id");
    let _ = href!("/(shop)/items");
    let _ = href!("/comments/[id]", id = NotDisplay);
    let _ = href!("/docs/[...slug]", slug = 3);
    let _ = href!(comments);
}
