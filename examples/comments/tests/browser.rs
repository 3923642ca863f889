//! What a browser app meets: the dashboard behind its Authorization check,
//! CORS for the configured origin, and the same routes mounted under `/api`
//! in an application of one's own.

mod support;

use std::net::TcpListener;
use std::time::Duration;

use actix_web::{web, App, HttpServer};
use serde_json::json;
use support::{call, get, start_default, BROWSER_ORIGIN};

#[actix_web::test]
async fn the_dashboard_needs_a_bearer_token() {
    let server = start_default().await;
    for path in ["/dashboard", "/dashboard/users", "/dashboard/nothing"] {
        let refused = get(&server.url(path)).await;
        assert_eq!(refused.status, 401, "{path}");
        assert_eq!(refused.header("www-authenticate"), "Bearer");
        assert_eq!(
            refused.json(),
            json!({ "error": "the dashboard needs an `Authorization: Bearer <token>` header" })
        );
    }
    let empty = call(
        "GET",
        &server.url("/dashboard"),
        &[("authorization", "Bearer ")],
        None,
    )
    .await;
    assert_eq!(empty.status, 401);
    let served = call(
        "GET",
        &server.url("/dashboard/users"),
        &[("authorization", "Bearer abc123")],
        None,
    )
    .await;
    assert_eq!((served.status, served.body.as_str()), (200, "Users data"));
    // Other routes are not behind it.
    assert_eq!(get(&server.url("/hello")).await.status, 200);
}

#[actix_web::test]
async fn cors_answers_the_configured_origin_only() {
    let server = start_default().await;
    let preflight = call(
        "OPTIONS",
        &server.url("/comments/1"),
        &[
            ("origin", BROWSER_ORIGIN),
            ("access-control-request-method", "PATCH"),
            ("access-control-request-headers", "content-type"),
        ],
        None,
    )
    .await;
    assert_eq!(preflight.status, 200);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        BROWSER_ORIGIN
    );
    assert!(preflight
        .header("access-control-allow-methods")
        .contains("PATCH"));

    let listed = call(
        "GET",
        &server.url("/comments"),
        &[("origin", BROWSER_ORIGIN)],
        None,
    )
    .await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.header("access-control-allow-origin"), BROWSER_ORIGIN);

    let foreign = call(
        "OPTIONS",
        &server.url("/comments/1"),
        &[
            ("origin", "https://evil.example"),
            ("access-control-request-method", "DELETE"),
        ],
        None,
    )
    .await;
    assert_ne!(foreign.status, 200);
    assert!(foreign.headers.get("access-control-allow-origin").is_none());
}

#[actix_web::test]
async fn the_routes_mounted_under_api() {
    let database = support::fresh_database();
    let config = comments::Config {
        host: "127.0.0.1".to_owned(),
        port: 0,
        database_url: format!("sqlite://{}?mode=rwc", database.display()),
        upstream: support::upstream(None, Duration::from_secs(1)),
        cors_origin: None,
        redis_url: None,
    };
    let state = comments::State::open(&config).await.unwrap();
    let app = comments::CommentsApp::new(state, &config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HttpServer::new(move || {
        let app = app.clone();
        App::new()
            .route("/", web::get().to(|| async { "the site's own home" }))
            .service(
                web::scope("/api")
                    .configure(move |cfg| app.app_data(cfg))
                    .configure(approute::configure),
            )
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    let url = |path: &str| format!("http://{addr}{path}");

    assert_eq!(get(&url("/")).await.body, "the site's own home");
    let hello = get(&url("/api/hello")).await;
    assert_eq!((hello.status, hello.body.as_str()), (200, "Hello World"));
    let comment = get(&url("/api/comments/1")).await;
    assert_eq!(comment.status, 200);
    assert_eq!(comment.json()["id"], 1);

    let created = call(
        "POST",
        &url("/api/comments"),
        &[("content-type", "application/json")],
        Some(br#"{"text": "mounted"}"#.to_vec()),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);

    // A link made with `href!` from the request carries the mount.
    let missing = get(&url("/api/comments/999")).await;
    assert_eq!(missing.status, 307);
    assert_eq!(missing.header("location"), "/api/comments");

    // approute's own answers carry the prefix.
    let redirected = get(&url("/api/comments/1/?x=1")).await;
    assert_eq!(redirected.status, 308);
    assert_eq!(redirected.header("location"), "/api/comments/1?x=1");
    let refused = get(&url("/api/dashboard")).await;
    assert_eq!(refused.status, 401);
    let wrong_method = call("PUT", &url("/api/hello"), &[], None).await;
    assert_eq!(wrong_method.status, 405);
    // Outside the mount, nothing of approute's.
    assert_eq!(get(&url("/hello")).await.status, 404);
    handle.stop(true).await;
    let _ = std::fs::remove_file(database);
}
