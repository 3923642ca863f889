//! The tutorial's routes from `src/app`, over a real socket, in one table
//! with the crate's `#[route]` handler.

use std::net::TcpListener;

use serde_json::{json, Value};

struct Reply {
    status: u16,
    location: Option<String>,
    body: String,
}

async fn call(method: &str, url: &str, body: Option<Value>) -> Reply {
    let client = awc::Client::builder().disable_redirects().finish();
    let method = actix_web::http::Method::from_bytes(method.as_bytes()).unwrap();
    let request = client.request(method, url);
    let mut response = match body {
        Some(body) => request.send_json(&body).await,
        None => request.send().await,
    }
    .unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|value| value.to_str().unwrap().to_owned());
    let body = response.body().await.unwrap();
    Reply {
        status: response.status().as_u16(),
        location,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

#[actix_web::test]
async fn the_app_directory_serves_the_tutorial() {
    app_dir::data::seed();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = approute::server::Server::from_registry()
        .unwrap()
        .listen(listener)
        .start()
        .expect("the table builds");
    let handle = server.handle();
    actix_web::rt::spawn(server);

    let hello = call("GET", &format!("{base}/hello"), None).await;
    assert_eq!((hello.status, hello.body.as_str()), (200, "Hello World"));
    let about = call("GET", &format!("{base}/about"), None).await;
    assert_eq!((about.status, about.body.as_str()), (200, "<h1>About</h1>"));
    let health = call("GET", &format!("{base}/health"), None).await;
    assert_eq!(health.body, "ok", "the #[route] handler beside app/");

    let created = call(
        "POST",
        &format!("{base}/comments"),
        Some(json!({"text": "new"})),
    )
    .await;
    assert_eq!(created.status, 201);
    assert_eq!(
        serde_json::from_str::<Value>(&created.body).unwrap(),
        json!({"id": 4, "text": "new"})
    );
    let found = call("GET", &format!("{base}/comments?query=new"), None).await;
    assert_eq!(
        serde_json::from_str::<Value>(&found.body).unwrap(),
        json!([{"id": 4, "text": "new"}])
    );
    let patched = call(
        "PATCH",
        &format!("{base}/comments/4"),
        Some(json!({"text": "edited"})),
    )
    .await;
    assert_eq!(
        serde_json::from_str::<Value>(&patched.body).unwrap(),
        json!({"id": 4, "text": "edited"})
    );
    let deleted = call("DELETE", &format!("{base}/comments/4"), None).await;
    assert_eq!(deleted.status, 200);
    let missing = call("GET", &format!("{base}/comments/4"), None).await;
    assert_eq!(
        (missing.status, missing.location.as_deref()),
        (307, Some("/comments"))
    );
    let bad_id = call("GET", &format!("{base}/comments/abc"), None).await;
    assert_eq!(bad_id.status, 404);
    let bad_body = call("POST", &format!("{base}/comments"), Some(json!({"txt": 1}))).await;
    assert_eq!(bad_body.status, 400, "{}", bad_body.body);

    handle.stop(true).await;
}

#[test]
fn app_files_and_route_handlers_share_one_table_located_at_their_files() {
    let table = approute::routes().expect("no conflicts");
    let located: Vec<(String, String)> = table
        .entries()
        .map(|entry| {
            (
                format!("{} {}", entry.method, entry.pattern),
                entry.location.to_string(),
            )
        })
        .collect();
    let expect = [
        (
            "GET /(marketing)/about",
            "src/app/(marketing)/about/page.rs:5",
        ),
        ("GET /comments", "src/app/comments/route.rs:7"),
        ("POST /comments", "src/app/comments/route.rs:14"),
        ("GET /comments/[id]", "src/app/comments/[id]/route.rs:8"),
        ("DELETE /comments/[id]", "src/app/comments/[id]/route.rs:27"),
        ("GET /hello", "src/app/hello/route.rs:3"),
    ];
    for (route, location) in expect {
        assert!(
            located.iter().any(|(r, l)| r == route && l == location),
            "{route} at {location} in {located:?}"
        );
    }
    assert!(located
        .iter()
        .any(|(route, location)| route == "GET /health" && location.ends_with("src/lib.rs:13")));
}
