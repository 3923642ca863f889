//! A middleware pattern that reaches no route or page is most likely a
//! typo: a start-up warning with the middleware's location.

use approute::prelude::*;

#[route("/dashboard")]
async fn GET() -> &'static str {
    "dashboard"
}

#[middleware("/dashbord/[[...rest]]", "/dashboard")]
async fn require_login(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    next.call(req).await
}

#[test]
fn a_pattern_that_reaches_no_route_is_a_warning() {
    let table = approute::routes().unwrap();
    let warnings: Vec<String> = table.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(
            "middleware require_login (tests/tests/middleware_typo.rs:12): pattern `/dashbord/[[...rest]]` matches no route or page"
        ),
        "{warnings:?}"
    );
    // Tools read the kind, not the text.
    assert_eq!(
        table.warnings()[0].kind,
        approute::routing::ProblemKind::MiddlewareMatchesNothing
    );
    let json = table.to_json();
    assert_eq!(json["warnings"][0]["kind"], "middleware-matches-nothing");
    assert_eq!(json["warnings"][0]["help"], table.warnings()[0].help);
}
