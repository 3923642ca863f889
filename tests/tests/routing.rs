//! Precedence and HTTP semantics through in-process requests
//! (`actix_web::test`), one table built from the handlers below.

use actix_web::http::{header, StatusCode};
use actix_web::{test as actix_test, web, App, HttpResponse};
use approute::prelude::*;
use serde::Deserialize;

mod handlers {
    use super::*;

    #[route("/hello")]
    async fn GET() -> &'static str {
        "Hello World"
    }

    #[route("/comments")]
    mod comments {
        use approute::prelude::*;
        pub async fn GET() -> &'static str {
            "list"
        }
        pub async fn POST() -> HttpResponse {
            HttpResponse::Created().finish()
        }
    }

    #[route("/comments/[id]")]
    mod comment {
        use approute::prelude::*;
        pub async fn GET(Params(id): Params<u32>) -> String {
            format!("comment {id}")
        }
        pub async fn PATCH(Params(id): Params<u32>) -> String {
            format!("patched {id}")
        }
    }

    #[route("/comments/new")]
    mod new_comment {
        pub async fn GET() -> &'static str {
            "static beats [id]"
        }
    }

    #[route("/shop/item/[slug]")]
    mod shop_item {
        use approute::prelude::*;
        pub async fn GET(Params(slug): Params<String>) -> String {
            format!("item {slug}")
        }
    }

    #[route("/shop/[...slug]")]
    mod shop {
        use approute::prelude::*;
        pub async fn GET(Params(slug): Params<Vec<String>>) -> String {
            format!("shop {}", slug.join("|"))
        }
    }

    #[route("/docs/[[...path]]")]
    mod docs {
        use approute::prelude::*;
        pub async fn GET(Params(path): Params<Option<Vec<String>>>) -> String {
            format!("docs {:?}", path)
        }
    }

    #[route("/(marketing)/about")]
    mod about {
        use approute::prelude::*;
        use approute::routing::RouteMatch;
        pub async fn GET(req: HttpRequest) -> String {
            // Found again from the request's path and the table in the
            // application's data: no request extension holds it.
            let route = RouteMatch::of(&req).expect("approute serves this request");
            format!("about, matched {}", route.pattern())
        }
    }

    #[derive(Deserialize)]
    pub struct Post {
        year: u16,
        slug: String,
    }

    #[route("/blog/[year]/[slug]")]
    mod blog {
        use approute::prelude::*;
        pub async fn GET(
            Params(post): Params<super::Post>,
            path: actix_web::web::Path<(u16, String)>,
        ) -> String {
            format!("{} {} / {:?}", post.year, post.slug, path.into_inner())
        }
        pub async fn PUT(Params((year, slug)): Params<(u16, String)>) -> String {
            format!("{year} {slug}")
        }
    }

    #[route("/raw/[...rest]")]
    mod raw {
        use approute::prelude::*;
        /// A catch-all as actix's own `match_info` holds it: decoded, `/`-joined.
        pub async fn GET(req: HttpRequest) -> String {
            req.match_info().get("rest").unwrap_or("(none)").to_owned()
        }
    }

    #[route("/explicit-head")]
    mod explicit_head {
        use approute::prelude::*;
        pub async fn GET() -> &'static str {
            "get"
        }
        pub async fn HEAD() -> HttpResponse {
            HttpResponse::Ok().insert_header(("x-head", "own")).finish()
        }
        pub async fn OPTIONS() -> HttpResponse {
            HttpResponse::Ok().body("own options")
        }
    }

    #[route("/settings")]
    async fn POST() -> &'static str {
        "route POST"
    }

    #[page("/settings")]
    async fn settings_page() -> Html {
        Html::new("<h1>Settings</h1>")
    }

    #[route("/inject/redirect")]
    mod inject_redirect {
        use approute::prelude::*;
        pub async fn GET(search: SearchParams) -> HttpResponse {
            redirect(search.get("to").unwrap_or("/"))
        }
    }

    #[route("/inject/cookie")]
    mod inject_cookie {
        use approute::prelude::*;
        pub async fn GET(search: SearchParams, cookies: Cookies) -> HttpResponse {
            cookies.set("name", search.get("value").unwrap_or(""));
            HttpResponse::Ok().finish()
        }
    }

    #[route("/login")]
    mod login {
        use approute::prelude::*;
        /// Every cookie option, and a cookie set on a redirect.
        pub async fn POST(cookies: Cookies) -> Result<HttpResponse, Error> {
            cookies.set("plain", "1");
            cookies.add_partitioned(
                Cookie::build("session", "abc")
                    .path("/app")
                    .domain("example.com")
                    .secure(true)
                    .http_only(true)
                    .same_site(SameSite::None)
                    .max_age(Duration::hours(1))
                    .finish(),
            )?;
            cookies.delete("old");
            Ok(redirect("/welcome"))
        }
    }

    #[route("/all/[[...rest]]")]
    mod optional_as_vec {
        use approute::prelude::*;
        pub async fn GET(Params(rest): Params<Vec<String>>) -> String {
            format!("{} segments", rest.len())
        }
    }

    #[route("/search")]
    mod search {
        use approute::prelude::*;
        pub async fn GET(search: SearchParams) -> String {
            let tags: Vec<&str> = search.get_all("tag").collect();
            format!(
                "first={:?} tags={tags:?} has_flag={} has_x={}",
                search.get("tag"),
                search.has("flag"),
                search.has("x")
            )
        }
    }

    #[route("/echo")]
    mod echo {
        use approute::prelude::*;
        pub async fn POST(Json(value): Json<serde_json::Value>) -> Json<serde_json::Value> {
            Json(value)
        }
    }

    #[route("/boom")]
    async fn DELETE() -> &'static str {
        panic!("handler exploded")
    }
}

#[route("/nonzero/[n]")]
mod nonzero {
    use approute::prelude::*;
    pub async fn GET(Params(n): Params<std::num::NonZeroU32>) -> String {
        format!("nonzero {n}")
    }
}

async fn call(method: &str, uri: &str) -> (StatusCode, Headers, String) {
    let app = actix_test::init_service(
        App::new()
            .route(
                "/mine",
                web::get().to(|| async { HttpResponse::Ok().body("hand-registered") }),
            )
            .configure(approute::configure)
            .route(
                "/after/{any}",
                web::get().to(|| async { HttpResponse::Ok().body("the user's own route") }),
            )
            .route(
                "/after",
                web::get().to(|| async { HttpResponse::Ok().body("registered after") }),
            ),
    )
    .await;
    let method = actix_web::http::Method::from_bytes(method.as_bytes()).unwrap();
    let request = actix_test::TestRequest::default()
        .method(method)
        .uri(uri)
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    let status = response.status();
    let headers = Headers(response.headers().clone());
    let body = actix_test::read_body(response).await;
    (status, headers, String::from_utf8(body.to_vec()).unwrap())
}

struct Headers(header::HeaderMap);

impl std::ops::Index<&str> for Headers {
    type Output = str;
    fn index(&self, name: &str) -> &str {
        self.0
            .get(name)
            .map(|value| value.to_str().unwrap())
            .unwrap_or_else(|| panic!("no `{name}` header"))
    }
}

async fn body(uri: &str) -> String {
    let (status, _, body) = call("GET", uri).await;
    assert_eq!(status, StatusCode::OK, "GET {uri}: {body}");
    body
}

#[actix_web::test]
async fn static_and_dynamic_routes_answer() {
    assert_eq!(body("/hello").await, "Hello World");
    assert_eq!(body("/comments").await, "list");
    assert_eq!(body("/comments/7").await, "comment 7");
}

#[actix_web::test]
async fn static_beats_param_beats_catch_all_with_backtracking() {
    assert_eq!(body("/comments/new").await, "static beats [id]");
    assert_eq!(body("/shop/item/a").await, "item a");
    // `/shop/item/[slug]` dead-ends on a third segment: back to the catch-all.
    assert_eq!(body("/shop/item/a/b").await, "shop item|a|b");
    assert_eq!(body("/shop/x").await, "shop x");
    // A required catch-all needs at least one segment.
    assert_eq!(call("GET", "/shop").await.0, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn optional_catch_all_matches_zero_or_more_segments() {
    assert_eq!(body("/docs").await, "docs None");
    assert_eq!(body("/docs/a/b").await, r#"docs Some(["a", "b"])"#);
}

#[actix_web::test]
async fn route_groups_are_left_out_of_the_url() {
    assert_eq!(body("/about").await, "about, matched /about");
    assert_eq!(
        call("GET", "/(marketing)/about").await.0,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn params_deserialise_into_structs_tuples_and_web_path() {
    assert_eq!(
        body("/blog/2024/hello").await,
        r#"2024 hello / (2024, "hello")"#
    );
    let (status, _, body) = call("PUT", "/blog/2024/x").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "2024 x"));
}

#[actix_web::test]
async fn unparsable_parameter_is_404_naming_it() {
    let (status, headers, body) = call("GET", "/comments/abc").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(&headers["content-type"], "application/json");
    assert_eq!(
        body,
        r#"{"error":"path parameter `id` must be a non-negative integer (u32), got `abc`"}"#
    );
}

#[actix_web::test]
async fn parameters_are_percent_decoded_and_paths_case_sensitive() {
    assert_eq!(body("/shop/caf%C3%A9").await, "shop café");
    assert_eq!(body("/shop/a%2Bb/c%20d/e").await, "shop a+b|c d|e");
    // A catch-all's segments are path segments: an encoded `/` is refused
    // (tests/tests/hostile_paths.rs has the rest).
    assert_eq!(call("GET", "/shop/a%2Fb").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(body("/raw/a/b").await, "a/b");
    assert_eq!(body("/raw/c%20d/%C3%A9").await, "c d/é");
    // Longer than the 24 bytes a captured value keeps inline.
    let long = "a-slug-longer-than-twenty-four-bytes-%C3%A9";
    assert_eq!(
        body(&format!("/shop/item/{long}")).await,
        "item a-slug-longer-than-twenty-four-bytes-é"
    );
    assert_eq!(
        body(&format!("/shop/{long}/{long}")).await,
        "shop a-slug-longer-than-twenty-four-bytes-é|a-slug-longer-than-twenty-four-bytes-é"
    );
    assert_eq!(call("GET", "/HELLO").await.0, StatusCode::NOT_FOUND);
    let (status, _, body) = call("GET", "/shop/%FF").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("not valid UTF-8"), "{body}");
    // Where no route would match, the path is not approute's to refuse.
    assert_eq!(call("GET", "/after/%FF").await.2, "the user's own route");
    assert_eq!(call("GET", "/nope/%FF").await.0, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn wrong_method_is_405_with_allow() {
    let (status, headers, body) = call("PUT", "/comments").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(&headers["allow"], "GET, HEAD, OPTIONS, POST");
    assert_eq!(
        body,
        r#"{"error":"method PUT is not allowed for /comments; allowed: GET, HEAD, OPTIONS, POST"}"#
    );
    let (status, headers, _) = call("DELETE", "/hello").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(&headers["allow"], "GET, HEAD, OPTIONS");
}

#[actix_web::test]
async fn head_is_answered_by_get_unless_it_has_its_own() {
    let (status, headers, _) = call("HEAD", "/hello").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&headers["content-type"], "text/plain; charset=utf-8");
    let (status, headers, _) = call("HEAD", "/explicit-head").await;
    assert_eq!((status, &headers["x-head"]), (StatusCode::OK, "own"));
}

#[actix_web::test]
async fn options_is_204_with_allow_unless_it_has_its_own() {
    let (status, headers, body) = call("OPTIONS", "/comments/2").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(&headers["allow"], "GET, HEAD, OPTIONS, PATCH");
    assert_eq!(body, "");
    assert_eq!(call("OPTIONS", "/explicit-head").await.2, "own options");
}

#[actix_web::test]
async fn trailing_slash_redirects_308_keeping_the_query() {
    let (status, headers, _) = call("GET", "/comments/?query=first").await;
    assert_eq!(status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(&headers["location"], "/comments?query=first");
    let (status, headers, _) = call("GET", "/comments/2/").await;
    assert_eq!(
        (status, &headers["location"]),
        (StatusCode::PERMANENT_REDIRECT, "/comments/2")
    );
    // No open redirect through a protocol-relative path.
    assert_eq!(
        call("GET", "//evil.example/").await.0,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn route_handler_wins_over_page_per_method() {
    let (status, headers, body) = call("GET", "/settings").await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::OK, "<h1>Settings</h1>")
    );
    assert_eq!(&headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(call("POST", "/settings").await.2, "route POST");
    assert_eq!(
        &call("OPTIONS", "/settings").await.1["allow"],
        "GET, HEAD, OPTIONS, POST"
    );
}

#[actix_web::test]
async fn unmatched_paths_fall_through_to_the_users_own_services() {
    assert_eq!(body("/mine").await, "hand-registered");
    assert_eq!(body("/after").await, "registered after");
    assert_eq!(call("GET", "/nope").await.0, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn a_panicking_handler_answers_500_and_the_app_keeps_serving() {
    let (status, _, text) = call("DELETE", "/boom").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(text, r#"{"error":"internal server error"}"#);
    assert!(!text.contains("exploded"));
    assert_eq!(body("/hello").await, "Hello World");
}

#[test]
fn table_lists_every_handler_in_precedence_order() {
    let table = approute::routes().unwrap();
    let urls: Vec<String> = table
        .entries()
        .map(|entry| format!("{} {}", entry.method, entry.url))
        .collect();
    let position = |needle: &str| {
        urls.iter()
            .position(|url| url == needle)
            .unwrap_or_else(|| panic!("{needle} in {urls:?}"))
    };
    assert!(position("GET /comments/new") < position("GET /comments/[id]"));
    assert!(position("GET /shop/item/[slug]") < position("GET /shop/[...slug]"));
    assert_eq!(table.to_string(), LISTING);
}

/// Compared as full text: column widths and order are part of the listing.
const LISTING: &str = "Routes (26 handlers, in precedence order)
  GET     /(marketing)/about   route  tests/tests/routing.rs:74
  GET     /all/[[...rest]]     route  tests/tests/routing.rs:176
  GET     /blog/[year]/[slug]  route  tests/tests/routing.rs:91
  PUT     /blog/[year]/[slug]  route  tests/tests/routing.rs:97
  DELETE  /boom                route  tests/tests/routing.rs:204
  GET     /comments            route  tests/tests/routing.rs:20
  POST    /comments            route  tests/tests/routing.rs:23
  GET     /comments/new        route  tests/tests/routing.rs:41
  GET     /comments/[id]       route  tests/tests/routing.rs:31
  PATCH   /comments/[id]       route  tests/tests/routing.rs:34
  GET     /docs/[[...path]]    route  tests/tests/routing.rs:65
  POST    /echo                route  tests/tests/routing.rs:198
  GET     /explicit-head       route  tests/tests/routing.rs:114
  HEAD    /explicit-head       route  tests/tests/routing.rs:117
  OPTIONS /explicit-head       route  tests/tests/routing.rs:120
  GET     /hello               route  tests/tests/routing.rs:13
  GET     /inject/cookie       route  tests/tests/routing.rs:146
  GET     /inject/redirect     route  tests/tests/routing.rs:138
  POST    /login               route  tests/tests/routing.rs:156
  GET     /nonzero/[n]         route  tests/tests/routing.rs:212
  GET     /raw/[...rest]       route  tests/tests/routing.rs:106
  GET     /search              route  tests/tests/routing.rs:184
  POST    /settings            route  tests/tests/routing.rs:126
  GET     /settings            page   tests/tests/routing.rs:131
  GET     /shop/item/[slug]    route  tests/tests/routing.rs:49
  GET     /shop/[...slug]      route  tests/tests/routing.rs:57
";

#[actix_web::test]
async fn cookies_reach_every_option_and_ride_on_redirects() {
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let request = actix_test::TestRequest::post().uri("/login").to_request();
    let response = actix_test::call_service(&app, request).await;
    assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(response.headers().get("location").unwrap(), "/welcome");
    let cookies: Vec<&str> = response
        .headers()
        .get_all("set-cookie")
        .map(|value| value.to_str().unwrap())
        .collect();
    assert_eq!(cookies.len(), 3, "{cookies:?}");
    assert!(
        cookies.contains(&"plain=1; HttpOnly; SameSite=Lax; Path=/"),
        "{cookies:?}"
    );
    let session = cookies
        .iter()
        .find(|cookie| cookie.starts_with("session="))
        .unwrap();
    for attribute in [
        "Path=/app",
        "Domain=example.com",
        "Secure",
        "HttpOnly",
        "SameSite=None",
        "Partitioned",
        "Max-Age=3600",
    ] {
        assert!(
            session.split("; ").any(|part| part == attribute),
            "{attribute} in {session}"
        );
    }
    let removal = cookies
        .iter()
        .find(|cookie| cookie.starts_with("old="))
        .unwrap();
    assert!(
        removal.contains("Max-Age=0") && removal.contains("Expires="),
        "{removal}"
    );
}

#[actix_web::test]
async fn cr_lf_cannot_split_a_redirect_or_cookie_header() {
    let (status, headers, body) =
        call("GET", "/inject/redirect?to=%2Fa%0D%0ASet-Cookie:%20x=1").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        body,
        r#"{"error":"redirect target contains characters that are not allowed in a header"}"#
    );
    assert!(headers.0.get("set-cookie").is_none() && headers.0.get("location").is_none());

    // The value is encoded as `encodeURIComponent` does: one cookie, no
    // injected header, never a 500 (tests/tests/cookies.rs has the rest).
    let (status, headers, _) = call("GET", "/inject/cookie?value=a%0D%0AX-Injected:%20yes").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.0.get("x-injected").is_none());
    assert_eq!(
        headers.0.get("set-cookie").unwrap(),
        "name=a%0D%0AX-Injected%3A%20yes; HttpOnly; SameSite=Lax; Path=/"
    );
}

#[actix_web::test]
async fn the_json_limit_is_configurable_and_nesting_is_bounded() {
    let app = actix_test::init_service(
        App::new()
            .app_data(web::JsonConfig::default().limit(16))
            .configure(approute::configure),
    )
    .await;
    let post = |body: String| {
        actix_test::TestRequest::post()
            .uri("/echo")
            .insert_header(("content-type", "application/json"))
            .set_payload(body)
            .to_request()
    };
    let response = actix_test::call_service(&app, post(r#"{"a":1}"#.to_owned())).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(actix_test::read_body(response).await, r#"{"a":1}"#);

    let response =
        actix_test::call_service(&app, post(format!(r#"{{"a":"{}"}}"#, "x".repeat(64)))).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body = actix_test::read_body(response).await;
    assert_eq!(
        body,
        r#"{"error":"request body of 72 bytes is over the limit of 16 bytes"}"#
    );

    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let deep = format!("{}{}", "[".repeat(1_000), "]".repeat(1_000));
    let response = actix_test::call_service(&app, post(deep)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body = String::from_utf8(actix_test::read_body(response).await.to_vec()).unwrap();
    assert!(body.contains("recursion limit exceeded"), "{body}");
}

#[actix_web::test]
async fn an_optional_catch_all_reads_as_an_empty_vec() {
    assert_eq!(body("/all").await, "0 segments");
    assert_eq!(body("/all/a/b").await, "2 segments");
}

#[actix_web::test]
async fn search_params_get_the_first_value_and_list_all() {
    assert_eq!(
        body("/search?tag=a&flag&tag=b%20c").await,
        r#"first=Some("a") tags=["a", "b c"] has_flag=true has_x=false"#
    );
}

#[actix_web::test]
async fn a_value_the_type_refuses_is_404_naming_the_parameter() {
    assert_eq!(body("/nonzero/7").await, "nonzero 7");
    let (status, _, text) = call("GET", "/nonzero/0").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        text,
        r#"{"error":"path parameter `n` is invalid: invalid value: integer `0`, expected a nonzero u32"}"#
    );
}

/// A static URL is found with one probe of the whole path, before the tree
/// is walked; a literal that decodes to a `/` has no such spelling, and a
/// request's `/` still separates segments.
#[test]
fn a_literal_holding_an_encoded_slash_is_one_segment() {
    use approute::{__private::leaked_registration, routing::*};

    let ok = || async { "" };
    let routes = ["/a%2Fb", "/a/[x]", "/hello", "/"];
    let registrations =
        routes.map(|route| leaked_registration(Kind::Route, Method::GET, route.to_owned(), ok));
    let table = RouteTable::from_registrations(registrations, Conflicts::Deny).unwrap();
    let pattern = |path: &str| match table.resolve(path) {
        Resolution::Route(found) => found.pattern().to_owned(),
        other => format!("{other:?}"),
    };
    assert_eq!(pattern("/a/b"), "/a/[x]");
    assert_eq!(pattern("/a%2Fb"), "/a%2Fb");
    assert_eq!(pattern("/a%2fb"), "/a%2Fb");
    assert_eq!(pattern("/hello"), "/hello");
    assert_eq!(pattern("/"), "/");
    assert_eq!(pattern("/hello/"), r#"Redirect("/hello")"#);
}
