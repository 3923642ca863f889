//! A link whose route was renamed, or never existed, fails at start-up with
//! the link's location, in the same report as conflicts.

use approute::prelude::*;

#[route("/comments/[comment_id]")]
async fn GET(Params(id): Params<u32>) -> String {
    format!("comment {id}")
}

/// Links written before the parameter was renamed, and to a page that was
/// never written; `/comments/new` is served by `[comment_id]`.
pub fn links() -> [String; 3] {
    [
        href!("/comments/[id]", id = 1),
        href!("/profile"),
        href!("/comments/new"),
    ]
}

#[test]
fn each_link_without_a_route_is_reported_with_its_location() {
    let report = approute::routes().unwrap_err().to_string();
    assert!(
        report.contains(
            r#"href!("/comments/[id]") (tests/tests/broken_links.rs:15) links to no route or page"#
        ),
        "{report}"
    );
    assert!(
        report.contains(
            r#"href!("/profile") (tests/tests/broken_links.rs:16) links to no route or page"#
        ),
        "{report}"
    );
    assert!(!report.contains("/comments/new"), "{report}");
    assert_eq!(links()[0], "/comments/1");
}
