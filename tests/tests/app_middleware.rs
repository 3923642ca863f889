//! actix-web's own middleware around `serve`'s application: actix-cors and a
//! `from_fn` wrap approute's routes, its 405 and its JSON 404, over a real
//! socket, and the server still shuts down gracefully.

use actix_cors::Cors;
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::{from_fn, Next};
use actix_web::{body::MessageBody, dev::ServiceRequest, dev::ServiceResponse, App};
use approute::prelude::*;

#[route("/comments")]
mod comments {
    pub async fn GET() -> &'static str {
        "list"
    }
    pub async fn PATCH() -> &'static str {
        "patched"
    }
}

const ORIGIN: &str = "https://app.example";

async fn stamp(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut response = next.call(req).await?;
    response.headers_mut().insert(
        header::HeaderName::from_static("x-stamp"),
        header::HeaderValue::from_static("1"),
    );
    Ok(response)
}

fn app() -> App<impl approute::server::AppFactory> {
    let cors = Cors::default()
        .allowed_origin(ORIGIN)
        .allowed_methods(["GET", "PATCH"])
        .allowed_header(header::CONTENT_TYPE);
    App::new().wrap(from_fn(stamp)).wrap(cors)
}

#[actix_web::test]
async fn cors_and_from_fn_wrap_every_answer() {
    let (addr, handle) =
        approute_tests::spawn_approute(approute::server::Server::from_registry().unwrap().app(app));
    let client = awc::Client::new();
    let url = |path: &str| format!("http://{addr}{path}");

    // A browser's preflight for a cross-origin PATCH.
    let preflight = client
        .request(Method::OPTIONS, url("/comments"))
        .insert_header((header::ORIGIN, ORIGIN))
        .insert_header((header::ACCESS_CONTROL_REQUEST_METHOD, "PATCH"))
        .insert_header((header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type"))
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::OK);
    let headers = preflight.headers();
    assert_eq!(
        headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(),
        ORIGIN
    );
    let methods = headers
        .get(header::ACCESS_CONTROL_ALLOW_METHODS)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(methods.contains("PATCH"), "{methods}");

    let mut patched = client
        .patch(url("/comments"))
        .insert_header((header::ORIGIN, ORIGIN))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), StatusCode::OK);
    assert_eq!(
        patched
            .headers()
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .unwrap(),
        ORIGIN
    );
    assert_eq!(patched.headers().get("x-stamp").unwrap(), "1");
    assert_eq!(patched.body().await.unwrap(), "patched");

    // approute's own answers are inside the middleware too.
    for (method, path, status) in [
        (Method::DELETE, "/comments", StatusCode::METHOD_NOT_ALLOWED),
        (Method::GET, "/nowhere", StatusCode::NOT_FOUND),
    ] {
        let mut response = client
            .request(method, url(path))
            .insert_header((header::ORIGIN, ORIGIN))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(
            response
                .headers()
                .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
                .unwrap(),
            ORIGIN
        );
        assert_eq!(response.headers().get("x-stamp").unwrap(), "1");
        let body = response.body().await.unwrap();
        assert!(body.starts_with(b"{\"error\":"), "{body:?}");
    }

    // A foreign origin is refused by actix-cors, not served.
    let foreign = client
        .request(Method::OPTIONS, url("/comments"))
        .insert_header((header::ORIGIN, "https://evil.example"))
        .insert_header((header::ACCESS_CONTROL_REQUEST_METHOD, "PATCH"))
        .send()
        .await
        .unwrap();
    assert!(foreign.status().is_client_error(), "{}", foreign.status());
    assert!(foreign
        .headers()
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());

    handle.stop(true).await;
}
