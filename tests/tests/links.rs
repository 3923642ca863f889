//! `href!`: links from route patterns, their encoding, the mount prefix
//! taken from a request, and links that the table checks at start-up.

use actix_web::http::StatusCode;
use actix_web::{test as actix_test, web, App};
use approute::prelude::*;

#[route("/comments/[id]")]
mod comment {
    use approute::prelude::*;
    /// A missing comment redirects to the list, under whatever mount.
    pub async fn GET(req: HttpRequest, Params(id): Params<u32>) -> HttpResponse {
        if id > 3 {
            return redirect(href!(&req, "/comments"));
        }
        HttpResponse::Ok().body(href!(&req, "/comments/[id]", id = id))
    }
}

#[route("/comments")]
mod comments {
    pub async fn GET() -> &'static str {
        "list"
    }
}

#[route("/docs/[...slug]")]
mod docs {
    use approute::prelude::*;
    pub async fn GET(Params(slug): Params<Vec<String>>) -> String {
        slug.join("|")
    }
}

#[route("/files/[[...path]]")]
mod files {
    pub async fn GET() -> &'static str {
        "files"
    }
}

#[test]
fn values_are_encoded_one_segment_each() {
    let hostile = "a/b?c#d%e f";
    assert_eq!(
        href!("/comments/[id]", id = hostile),
        "/comments/a%2Fb%3Fc%23d%25e%20f"
    );
    assert_eq!(href!("/comments/[id]", id = 'é'), "/comments/%C3%A9");
    let slug = vec!["guides".to_owned(), "getting started".to_owned()];
    assert_eq!(
        href!("/docs/[...slug]", slug = &slug),
        "/docs/guides/getting%20started"
    );
    assert_eq!(href!("/files/[[...path]]", path = [0u8; 0]), "/files");
    assert_eq!(href!("/files/[[...path]]", path = 1..=2), "/files/1/2");
    assert_eq!(href!("/comments"), "/comments");
    // Arguments are evaluated once each, in the order written.
    let mut calls = Vec::new();
    let mut next = |name: &'static str| {
        calls.push(name);
        name
    };
    let _ = href!("/docs/[...slug]", slug = [next("a"), next("b")]);
    assert_eq!(calls, ["a", "b"]);
}

#[actix_web::test]
async fn an_encoded_link_reaches_its_route_with_the_value_intact() {
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let slug = ["a+b", "c d", "é?#%"];
    let request = actix_test::TestRequest::get()
        .uri(&href!("/docs/[...slug]", slug = slug))
        .to_request();
    let body = actix_test::call_and_read_body(&app, request).await;
    assert_eq!(body, "a+b|c d|é?#%");
    // A catch-all's segments are path segments: an element holding `/` is
    // encoded, and its route refuses it (give each segment on its own).
    let request = actix_test::TestRequest::get()
        .uri(&href!("/docs/[...slug]", slug = ["a/b"]))
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    assert_eq!(response.status(), actix_web::http::StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn a_link_from_a_request_carries_the_mount_prefix() {
    for (app, prefix) in [
        (App::new().configure(approute::configure), ""),
        (
            App::new().service(web::scope("/api").configure(approute::configure)),
            "/api",
        ),
    ] {
        let app = actix_test::init_service(app).await;
        let request = actix_test::TestRequest::get()
            .uri(&format!("{prefix}/comments/2"))
            .to_request();
        let body = actix_test::call_and_read_body(&app, request).await;
        assert_eq!(body, format!("{prefix}/comments/2"));

        let request = actix_test::TestRequest::get()
            .uri(&format!("{prefix}/comments/9"))
            .to_request();
        let response = actix_test::call_service(&app, request).await;
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(
            response.headers().get("location").unwrap(),
            &format!("{prefix}/comments")
        );
    }
}

#[test]
fn links_to_routes_that_exist_pass_the_start_up_check() {
    approute::routes().unwrap();
}
