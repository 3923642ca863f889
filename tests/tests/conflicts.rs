//! Every start-up conflict (ARCHITECTURE.md), reported at once with locations.
//! The handlers below conflict on purpose; this test binary links only them.

use approute::prelude::*;

mod duplicate_method {
    use super::*;

    #[route("/comments")]
    async fn GET() -> &'static str {
        "one"
    }

    pub mod again {
        use super::*;

        #[route("/(admin)/comments")]
        async fn GET() -> &'static str {
            "two"
        }
    }
}

mod parameter_names {
    use super::*;

    #[route("/c/[id]")]
    async fn GET() -> &'static str {
        ""
    }

    pub mod other {
        use super::*;

        #[route("/c/[slug]/x")]
        async fn GET() -> &'static str {
            ""
        }
    }
}

mod catch_alls {
    use super::*;

    #[route("/files/[...path]")]
    async fn GET() -> &'static str {
        ""
    }

    pub mod optional {
        use super::*;

        #[route("/files/[[...rest]]")]
        async fn POST() -> &'static str {
            ""
        }
    }
}

mod optional_and_static {
    use super::*;

    #[route("/docs")]
    async fn GET() -> &'static str {
        ""
    }

    pub mod optional {
        use super::*;

        #[route("/docs/[[...slug]]")]
        async fn GET() -> &'static str {
            ""
        }
    }
}

#[test]
fn every_conflict_is_reported_at_once_with_locations() {
    let error = approute::routes().unwrap_err();
    let expected = r#"approute: 4 problems in the registered routes

1. different parameter names at the same position: `/c/[id]` and `/c/[slug]/x`
  --> tests/tests/conflicts.rs:28  #[route("/c/[id]")] GET
  --> tests/tests/conflicts.rs:36  #[route("/c/[slug]/x")] GET
  = help: name a dynamic segment the same in every route that shares it

2. GET /comments has 2 route handlers
  --> tests/tests/conflicts.rs:10  #[route("/comments")] GET
  --> tests/tests/conflicts.rs:18  #[route("/(admin)/comments")] GET
  = help: keep one handler per method and URL; route groups such as `(admin)` are left out of the URL

3. `/docs` and `/docs/[[...slug]]` both answer the same URL: a route cannot have the same specificity as an optional catch-all
  --> tests/tests/conflicts.rs:64  #[route("/docs")] GET
  --> tests/tests/conflicts.rs:72  #[route("/docs/[[...slug]]")] GET
  = help: remove the static route and handle the bare path in the optional catch-all (its parameter is empty there), or make it a required catch-all `[...slug]`

4. a catch-all and an optional catch-all at the same level: `/files/[...path]` and `/files/[[...rest]]`
  --> tests/tests/conflicts.rs:46  #[route("/files/[...path]")] GET
  --> tests/tests/conflicts.rs:54  #[route("/files/[[...rest]]")] POST
  = help: keep one: `[[...slug]]` answers everything `[...slug]` does, and the bare path too"#;
    assert_eq!(error.to_string(), expected);
}

#[test]
#[should_panic(expected = "approute: 4 problems in the registered routes")]
fn configure_refuses_a_conflicting_table() {
    let _ = actix_web::App::new().configure(approute::configure);
}

/// One URL written with two parameter names by two handlers of it (not two
/// sibling patterns): the check that compares handlers of one endpoint.
#[test]
fn one_url_with_two_parameter_names_is_reported() {
    use approute::__private::leaked_registration;
    use approute::routing::{Conflicts, Kind, Method, RouteTable};

    let ok = || async { "" };
    let get = leaked_registration(Kind::Route, Method::GET, "/c/[id]".to_owned(), ok);
    let post = leaked_registration(Kind::Route, Method::POST, "/c/[slug]".to_owned(), ok);
    let error = RouteTable::from_registrations([get, post], Conflicts::Warn).unwrap_err();
    let line = get.location().line;
    assert_eq!(
        error.to_string(),
        format!(
            "approute: 1 problem in the registered routes

1. different parameter names at the same position: `/c/[id]` and `/c/[slug]`
  --> tests/tests/conflicts.rs:{line}  #[route(\"/c/[id]\")] GET
  --> tests/tests/conflicts.rs:{}  #[route(\"/c/[slug]\")] POST
  = help: name a dynamic segment the same in every route that shares it",
            line + 1
        )
    );
}

/// `/blog/[id]` GET beside `/blog/[cid]` GET: one mistake (two names for
/// one segment), reported once, not also as "GET has 2 route handlers".
#[test]
fn sibling_names_with_one_method_are_one_problem() {
    use approute::__private::leaked_registration;
    use approute::routing::{Conflicts, Kind, Method, RouteTable};

    let ok = || async { "" };
    let id = leaked_registration(Kind::Route, Method::GET, "/blog/[id]".to_owned(), ok);
    let cid = leaked_registration(Kind::Route, Method::GET, "/blog/[cid]".to_owned(), ok);
    let error = RouteTable::from_registrations([id, cid], Conflicts::Warn).unwrap_err();
    assert_eq!(error.problems().len(), 1, "{error}");
    assert!(
        error.problems()[0].message.starts_with(
            "different parameter names at the same position: `/blog/[id]` and `/blog/[cid]`"
        ),
        "{error}"
    );
}

/// `/%61` and `/a` are one URL (literals compare decoded, as requests do):
/// two GETs there are a duplicate, not two endpoints, one silently lost.
#[test]
fn an_encoded_literal_is_the_same_url_as_its_plain_spelling() {
    use approute::__private::leaked_registration;
    use approute::routing::{Conflicts, Kind, Method, RouteTable};

    let ok = || async { "" };
    let plain = leaked_registration(Kind::Route, Method::GET, "/x/a".to_owned(), ok);
    let encoded = leaked_registration(Kind::Route, Method::GET, "/x/%61".to_owned(), ok);
    let error = RouteTable::from_registrations([plain, encoded], Conflicts::Warn).unwrap_err();
    assert_eq!(error.problems().len(), 1);
    assert!(
        error.problems()[0]
            .message
            .starts_with("GET /x/a has 2 route handlers"),
        "{error}"
    );
}
