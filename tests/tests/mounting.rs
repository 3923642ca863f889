//! approute inside a `web::scope`: every route, 404/405/OPTIONS and the
//! redirects approute builds carry the mount prefix; nested scopes, two
//! scopes in one application and a dynamic scope; what the table does not
//! serve goes to the application's default service.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::{test as actix_test, web, App, HttpResponse};
use approute::prelude::*;

#[route("/")]
async fn GET() -> &'static str {
    "root"
}

#[route("/hello")]
mod hello {
    pub async fn GET() -> &'static str {
        "Hello World"
    }
    pub async fn PUT() -> &'static str {
        "put"
    }
}

/// A redirect the handler builds is sent as given, under any mount.
#[route("/logout")]
mod logout {
    use approute::prelude::*;
    pub async fn POST() -> HttpResponse {
        see_other("/hello")
    }
}

#[route("/comments/[id]")]
mod comment {
    use approute::prelude::*;
    pub async fn GET(Params(id): Params<u32>, path: actix_web::web::Path<u32>) -> String {
        format!("comment {id} {}", path.into_inner())
    }
}

#[route("/docs/[...slug]")]
mod docs {
    use approute::prelude::*;
    pub async fn GET(Params(slug): Params<Vec<String>>) -> String {
        format!("docs {}", slug.join("|"))
    }
}

struct Reply {
    status: StatusCode,
    location: Option<String>,
    allow: Option<String>,
    body: String,
}

async fn read(response: ServiceResponse) -> Reply {
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|value: &header::HeaderValue| value.to_str().unwrap().to_owned())
    };
    let (status, location, allow) = (
        response.status(),
        header(header::LOCATION),
        header(header::ALLOW),
    );
    let body = actix_test::read_body(response).await;
    Reply {
        status,
        location,
        allow,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

/// Sends each request to a fresh application built by `app`.
macro_rules! call {
    ($app:expr, $method:expr, $uri:expr) => {{
        let app = actix_test::init_service($app).await;
        let request = actix_test::TestRequest::default()
            .method($method)
            .uri($uri)
            .to_request();
        read(app.call(request).await.unwrap()).await
    }};
}

async fn default_404() -> HttpResponse {
    HttpResponse::NotFound().body("the app's own 404")
}

macro_rules! under_api {
    () => {
        App::new()
            .service(web::scope("/api").configure(approute::configure))
            .default_service(web::to(default_404))
    };
}

#[actix_web::test]
async fn every_route_answers_under_the_prefix() {
    let cases = [
        ("/api/hello", "Hello World"),
        ("/api", "root"),
        ("/api/comments/7", "comment 7 7"),
        ("/api/docs/a/b%20c", "docs a|b c"),
        // actix-web matched the scope on the decoded path; approute the raw one.
        ("/%61pi/hello", "Hello World"),
    ];
    for (uri, body) in cases {
        let reply = call!(under_api!(), Method::GET, uri);
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (StatusCode::OK, body),
            "{uri}"
        );
    }
}

#[actix_web::test]
async fn redirects_keep_the_prefix_and_the_query() {
    let cases = [
        ("/api/hello/", "/api/hello"),
        ("/api/hello/?q=1", "/api/hello?q=1"),
        ("/api/", "/api"),
        ("/api//", "/api"),
        ("/api/docs/a/../hello", "/api/docs/hello"),
        // Dot segments resolve inside the mount: never above it.
        ("/api/../../hello", "/api/hello"),
        ("/api/docs/%2e%2e/%2E%2E/hello", "/api/hello"),
        ("/%61pi/hello/", "/%61pi/hello"),
    ];
    for (uri, location) in cases {
        let reply = call!(under_api!(), Method::GET, uri);
        assert_eq!(reply.status, StatusCode::PERMANENT_REDIRECT, "{uri}");
        assert_eq!(reply.location.as_deref(), Some(location), "{uri}");
    }
}

#[actix_web::test]
async fn a_handler_s_own_redirect_is_sent_as_given() {
    let reply = call!(under_api!(), Method::POST, "/api/logout");
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location.as_deref(), Some("/hello"));
}

#[actix_web::test]
async fn method_answers_and_errors_under_the_prefix() {
    let reply = call!(under_api!(), Method::DELETE, "/api/hello");
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.allow.as_deref(), Some("GET, HEAD, OPTIONS, PUT"));
    assert!(reply.body.contains("not allowed"), "{}", reply.body);

    let reply = call!(under_api!(), Method::OPTIONS, "/api/hello");
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(reply.allow.as_deref(), Some("GET, HEAD, OPTIONS, PUT"));

    let reply = call!(under_api!(), Method::HEAD, "/api/hello");
    assert_eq!(reply.status, StatusCode::OK);

    // An unparsable parameter is a 404 as at the root.
    let reply = call!(under_api!(), Method::GET, "/api/comments/x");
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.starts_with('{'), "{}", reply.body);

    let reply = call!(under_api!(), Method::GET, "/api/%FF");
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let reply = call!(under_api!(), Method::GET, "/api/docs/%FF");
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn what_the_table_does_not_serve_reaches_the_default_service() {
    for uri in ["/hello", "/api/nothing", "/apihello", "/comments/7"] {
        let reply = call!(under_api!(), Method::GET, uri);
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (StatusCode::NOT_FOUND, "the app's own 404"),
            "{uri}"
        );
    }
}

#[actix_web::test]
async fn a_service_registered_first_in_the_scope_still_answers() {
    let app = || {
        App::new().service(
            web::scope("/api")
                .route("/health", web::get().to(|| async { "ok" }))
                .configure(approute::configure),
        )
    };
    assert_eq!(call!(app(), Method::GET, "/api/health").body, "ok");
    assert_eq!(call!(app(), Method::GET, "/api/hello").body, "Hello World");
}

#[actix_web::test]
async fn nested_scopes_and_two_mounts_in_one_app() {
    let nested = || {
        App::new()
            .service(web::scope("/v1").service(web::scope("/api").configure(approute::configure)))
    };
    assert_eq!(
        call!(nested(), Method::GET, "/v1/api/hello").body,
        "Hello World"
    );
    let reply = call!(nested(), Method::GET, "/v1/api/hello/");
    assert_eq!(reply.location.as_deref(), Some("/v1/api/hello"));

    let two = || {
        App::new()
            .service(web::scope("/a").configure(approute::configure))
            .service(web::scope("/b").configure(approute::configure))
            .configure(approute::configure)
    };
    for uri in ["/a/hello", "/b/hello", "/hello"] {
        assert_eq!(call!(two(), Method::GET, uri).body, "Hello World", "{uri}");
    }
    let reply = call!(two(), Method::GET, "/b/comments/3/");
    assert_eq!(reply.location.as_deref(), Some("/b/comments/3"));
}

#[actix_web::test]
async fn a_dynamic_scope_never_redirects_off_the_origin() {
    let app = || App::new().service(web::scope("/{tenant}").configure(approute::configure));
    assert_eq!(call!(app(), Method::GET, "/acme/hello").body, "Hello World");
    let cases = [
        ("/acme/hello/", "/acme/hello"),
        // actix-web decodes `%5C` to `\` to match `{tenant}`: browsers read
        // `/\evil.com` as `//evil.com`.
        ("/%5Cevil.com/hello/", "/%5Cevil.com/hello"),
        ("/%5Cevil.com/", "/%5Cevil.com"),
    ];
    for (uri, location) in cases {
        let reply = call!(app(), Method::GET, uri);
        assert_eq!(reply.status, StatusCode::PERMANENT_REDIRECT, "{uri}");
        assert_eq!(reply.location.as_deref(), Some(location), "{uri}");
    }
}

#[actix_web::test]
async fn mounted_over_a_real_socket() {
    let (addr, handle) = approute_tests::spawn_server(|| {
        App::new().service(web::scope("/api").configure(approute::configure))
    });

    let client = awc::Client::builder().disable_redirects().finish();
    let mut response = client
        .get(format!("http://{addr}/api/comments/12"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.body().await.unwrap(), "comment 12 12");

    let response = client
        .get(format!("http://{addr}/api/comments/12/?x=y"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        response.headers().get(header::LOCATION).unwrap(),
        "/api/comments/12?x=y"
    );
    handle.stop(true).await;
}
