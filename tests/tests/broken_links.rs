//! A link whose route was renamed, or never existed, fails at start-up with
//! the link's location, in the same report as conflicts; a link the router
//! serves passes, whatever the route calls its parameters.

use approute::prelude::*;

/// Once `/comments/[id]`: renamed to `/posts/[post_id]`.
#[route("/posts/[post_id]")]
async fn GET(Params(id): Params<u32>) -> String {
    format!("post {id}")
}

#[route("/docs/[...slug]")]
mod docs {
    pub async fn GET() -> &'static str {
        "docs"
    }
}

#[route("/tags/intro")]
mod intro {
    pub async fn GET() -> &'static str {
        "intro"
    }
}

/// Links written before the rename, to a page never written, to one tag
/// only where any tag is linked; and links the router serves.
pub fn links() -> [String; 7] {
    [
        href!("/comments/[id]", id = 1),
        href!("/profile"),
        href!("/tags/[tag]", tag = "intro"),
        href!("/docs/[[...slug]]", slug = ["a"]),
        href!("/posts/[id]", id = 2),
        href!("/posts/new"),
        href!("/docs/[page]", page = "start"),
    ]
}

#[test]
fn each_link_without_a_route_is_reported_with_its_location() {
    let report = approute::routes().unwrap_err().to_string();
    let reported: Vec<&str> = report
        .lines()
        .filter(|line| line.ends_with("links to no route or page"))
        .collect();
    let at = |line: u32| format!("(tests/tests/broken_links.rs:{line}) links to no route or page");
    assert_eq!(
        reported,
        [
            format!(r#"1. href!("/comments/[id]") {}"#, at(31)),
            format!(r#"2. href!("/profile") {}"#, at(32)),
            format!(r#"3. href!("/tags/[tag]") {}"#, at(33)),
            // `/docs` itself has no route: `[...slug]` needs a segment.
            format!(r#"4. href!("/docs/[[...slug]]") {}"#, at(34)),
        ],
        "{report}"
    );
    assert_eq!(links()[0], "/comments/1");
}
