//! The opt-in routes that serve the document: its JSON, and a Scalar page
//! that reads it.

use std::sync::OnceLock;

use actix_web::http::header::ContentType;
use actix_web::{web, HttpResponse, Resource};

/// Serves the document of every registered handler
/// ([`RouteTable::openapi`](crate::routing::RouteTable::openapi) of
/// [`routes()`](crate::routes)) as JSON at `path` (GET and HEAD), built once
/// for the process at the first call:
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// approute::server::Server::new(approute::routes()?)
///     .app(|| actix_web::App::new().service(approute::openapi::openapi_service("/openapi.json")))
///     .bind("127.0.0.1:3000")?
///     .run()
///     .await
/// # }
/// ```
pub fn openapi_service(path: &str) -> Resource {
    static DOCUMENT: OnceLock<web::Bytes> = OnceLock::new();
    let document = DOCUMENT.get_or_init(|| {
        let json = serde_json::to_vec(&super::registry_document(""))
            .expect("an OpenAPI document serializes");
        web::Bytes::from(json)
    });
    json_resource(path, document.clone())
}

/// `document` as JSON at `path` (GET and HEAD), from bytes made once.
pub(super) fn json_resource(path: &str, document: web::Bytes) -> Resource {
    // HEAD wherever GET is (RFC 9110 §9.3.2); actix-http sends no body for it.
    web::resource(path).route(get_or_head().to(move || {
        let body = document.clone();
        async move {
            HttpResponse::Ok()
                .content_type(ContentType::json())
                .body(body)
        }
    }))
}

/// Serves at `path` a [Scalar](https://github.com/scalar/scalar) API
/// reference page for the document at `document_url` (as the browser will
/// ask for it: `"/openapi.json"`, or `"/api/openapi.json"` under a scope).
/// The page loads Scalar's script from the jsDelivr CDN.
///
/// ```
/// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
/// use actix_web::App;
///
/// let app = App::new()
///     .service(approute::openapi::openapi_service("/openapi.json"))
///     .service(approute::openapi::openapi_scalar("/docs", "/openapi.json"))
///     .configure(approute::configure);
/// # let _ = app;
/// ```
pub fn openapi_scalar(path: &str, document_url: &str) -> Resource {
    let page = format!(
        r#"<!doctype html>
<html>
  <head>
    <title>API reference</title>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
  </head>
  <body>
    <script id="api-reference" data-url="{}"></script>
    <script src="https://cdn.jsdelivr.net/npm/@scalar/api-reference"></script>
  </body>
</html>
"#,
        html_attribute(document_url)
    );
    web::resource(path).route(get_or_head().to(move || {
        let page = page.clone();
        async move { web::Html::new(page) }
    }))
}

/// A route for GET and HEAD.
fn get_or_head() -> actix_web::Route {
    use actix_web::guard;
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// `value` safe inside a double-quoted HTML attribute.
fn html_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
