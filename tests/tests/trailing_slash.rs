//! `trailing_slash` (Next.js's `trailingSlash: true`), a table setting:
//! `/comments/` is the URL and `/comments` is 308 to it, query kept; `/` and
//! a mount point stay as they are; dot segments and hostile paths as without
//! it; `href!(&req, ..)` and OpenAPI write the slash. Another table of the
//! process keeps the default.

use actix_web::http::StatusCode;
use actix_web::{test as actix_test, web, App};
use approute::prelude::*;

#[route("/")]
async fn GET(req: HttpRequest) -> String {
    format!("home, see {}", href!(&req, "/comments/[id]", id = 7))
}

#[route("/comments/[id]")]
mod comment {
    use approute::prelude::*;
    pub async fn GET(Params(id): Params<u32>) -> String {
        format!("comment {id}")
    }
}

#[route("/docs/[...rest]")]
mod docs {
    use approute::prelude::*;
    pub async fn GET(req: HttpRequest, Params(rest): Params<Vec<String>>) -> String {
        format!("{} -> {}", rest.join("|"), href!(&req, "/"))
    }
}

async fn call_under(
    table: &approute::routing::RouteTable,
    prefix: &str,
    uri: &str,
) -> (StatusCode, Option<String>, String) {
    let table = table.clone();
    let app = actix_test::init_service(
        App::new().service(web::scope(prefix).configure(move |cfg| table.configure(cfg))),
    )
    .await;
    let response =
        actix_test::call_service(&app, actix_test::TestRequest::get().uri(uri).to_request()).await;
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|value| value.to_str().unwrap().to_owned());
    let body = actix_test::read_body(response).await;
    (status, location, String::from_utf8(body.to_vec()).unwrap())
}

#[actix_web::test]
async fn the_slash_is_the_url_and_its_absence_redirects() {
    let table = approute::routes().unwrap().trailing_slash(true);
    for prefix in ["", "/api"] {
        let at = |path: &str| format!("{prefix}{path}");
        let redirect = |path: &str| (StatusCode::PERMANENT_REDIRECT, Some(at(path)));
        let (status, location, _) = call_under(&table, prefix, &at("/comments/7?x=1")).await;
        assert_eq!((status, location), redirect("/comments/7/?x=1"));
        let (status, _, body) = call_under(&table, prefix, &at("/comments/7/")).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "comment 7"));
        let (status, location, _) = call_under(&table, prefix, &at("/comments/x/../7")).await;
        assert_eq!((status, location), redirect("/comments/7/"));
        let (status, location, _) = call_under(&table, prefix, &at("/comments/7//")).await;
        assert_eq!((status, location), redirect("/comments/7/"));
        let (status, location, _) =
            call_under(&table, prefix, &at("/docs/a?next=/\\evil.example")).await;
        assert_eq!(
            (status, location),
            redirect("/docs/a/?next=/%5Cevil.example")
        );
        let (status, _, body) = call_under(&table, prefix, &at("/docs/a/b/")).await;
        assert_eq!(
            (status, body),
            (
                StatusCode::OK,
                format!("a|b -> {}", if prefix.is_empty() { "/" } else { prefix })
            )
        );
        let (status, _, _) = call_under(&table, prefix, &at("/docs/..%2fx/")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    // The root and the mount point stay as they are.
    let (status, _, body) = call_under(&table, "", "/").await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::OK, "home, see /comments/7/")
    );
    let (status, _, body) = call_under(&table, "/api", "/api").await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::OK, "home, see /api/comments/7/")
    );
    let (status, location, _) = call_under(&table, "/api", "/api/").await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::PERMANENT_REDIRECT, Some("/api"))
    );
}

#[actix_web::test]
async fn another_table_keeps_the_default() {
    let _slashed = approute::routes().unwrap().trailing_slash(true);
    let table = approute::routes().unwrap();
    let (status, location, _) = call_under(&table, "", "/comments/7/").await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::PERMANENT_REDIRECT, Some("/comments/7"))
    );
    let (_, _, body) = call_under(&table, "", "/").await;
    assert_eq!(body, "home, see /comments/7");
}

#[test]
fn openapi_paths_have_the_slash() {
    let table = approute::routes().unwrap().trailing_slash(true);
    let document = serde_json::to_value(table.openapi()).unwrap();
    let mut paths: Vec<&str> = document["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    paths.sort();
    assert_eq!(paths, ["/", "/comments/{id}/", "/docs/{rest}/"]);
}
