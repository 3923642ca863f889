//! An actix-web middleware (`Transform`) on the routes a pattern matches,
//! with the real actix-web-httpauth over a real socket: `#[middleware]` on a
//! `fn() -> impl RouteTransform`, ordered with the `from_fn` functions,
//! its refusals in approute's error body, shown in the listing.

use actix_web::dev::ServiceRequest;
use actix_web::App;
use actix_web_httpauth::extractors::bearer::BearerAuth;
use actix_web_httpauth::middleware::HttpAuthentication;
use approute::prelude::*;

async fn validate(
    req: ServiceRequest,
    credentials: BearerAuth,
) -> Result<ServiceRequest, (Error, ServiceRequest)> {
    match credentials.token() {
        "let-me-in" => Ok(req),
        _ => Err((
            actix_web::error::ErrorUnauthorized("that token opens nothing"),
            req,
        )),
    }
}

#[middleware("/private/[[...rest]]")]
fn bearer() -> impl RouteTransform {
    HttpAuthentication::bearer(validate)
}

/// Outermost: it wraps `bearer`, so that even a refusal carries its header.
#[middleware("/private/[[...rest]]", order = -1)]
async fn stamp(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let mut response = next.call(req).await?;
    response.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("x-outer"),
        actix_web::http::header::HeaderValue::from_static("1"),
    );
    Ok(response)
}

#[route("/private/data")]
async fn GET() -> &'static str {
    "secret"
}

#[route("/public")]
mod public {
    pub async fn GET() -> &'static str {
        "public"
    }
}

#[actix_web::test]
async fn the_middleware_guards_its_routes_only() {
    let (addr, handle) = approute_tests::spawn_server(|| App::new().configure(approute::configure));
    let client = awc::Client::new();
    let url = |path: &str| format!("http://{addr}{path}");

    let mut public = client.get(url("/public")).send().await.unwrap();
    assert_eq!(public.status(), 200);
    assert_eq!(public.body().await.unwrap(), "public");
    assert!(public.headers().get("x-outer").is_none());

    // No credentials: the middleware's 401, its challenge kept, in
    // approute's error body, inside the outer function.
    let mut refused = client.get(url("/private/data")).send().await.unwrap();
    assert_eq!(refused.status(), 401);
    assert!(
        refused.headers().contains_key("www-authenticate"),
        "{refused:?}"
    );
    assert_eq!(refused.headers().get("x-outer").unwrap(), "1");
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(body["error"].is_string(), "{body}");

    let mut wrong = client
        .get(url("/private/data"))
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let body: serde_json::Value = wrong.json().await.unwrap();
    assert_eq!(body["error"], "that token opens nothing", "{body}");

    let mut allowed = client
        .get(url("/private/data"))
        .bearer_auth("let-me-in")
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.status(), 200);
    assert_eq!(allowed.body().await.unwrap(), "secret");
    assert_eq!(allowed.headers().get("x-outer").unwrap(), "1");
    handle.stop(true).await;
}

#[test]
fn the_listing_shows_it_in_its_place() {
    let table = approute::routes().unwrap();
    let listing = table.to_string();
    let line = listing
        .lines()
        .find(|line| line.contains("/private/data"))
        .unwrap();
    assert!(line.ends_with("via stamp, bearer"), "{listing}");
    let public = listing
        .lines()
        .find(|line| line.contains("/public"))
        .unwrap();
    assert!(!public.contains("via"), "{listing}");
}
