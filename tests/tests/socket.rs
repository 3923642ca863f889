//! The routing rules end to end over a real socket on 127.0.0.1:0: the
//! server `approute::serve` runs, an HTTP client, nothing in-process.

use std::net::TcpListener;

use approute::prelude::*;

#[route("/items")]
mod items {
    use approute::prelude::*;
    pub async fn GET() -> &'static str {
        "items"
    }
    pub async fn POST() -> HttpResponse {
        HttpResponse::Created().body("created")
    }
}

#[route("/items/[id]")]
async fn GET(Params(id): Params<u32>) -> String {
    format!("item {id}")
}

mod more {
    use approute::prelude::*;

    #[route("/items/featured")]
    async fn GET() -> &'static str {
        "featured"
    }

    #[route("/files/[...path]")]
    mod files {
        use approute::prelude::*;
        pub async fn GET(Params(path): Params<Vec<String>>) -> String {
            path.join("|")
        }
    }

    #[page("/about")]
    async fn about() -> Html {
        Html::new("<h1>About</h1>")
    }

    #[route("/about")]
    async fn PUT() -> &'static str {
        "route PUT"
    }
}

struct Reply {
    status: u16,
    allow: Option<String>,
    location: Option<String>,
    body: String,
}

async fn call(base: &str, method: &str, path: &str) -> Reply {
    let client = awc::Client::builder().disable_redirects().finish();
    let method = actix_web::http::Method::from_bytes(method.as_bytes()).unwrap();
    let mut response = client
        .request(method, format!("{base}{path}"))
        .send()
        .await
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap().to_owned())
    };
    let (allow, location) = (header("allow"), header("location"));
    let body = response.body().await.unwrap();
    Reply {
        status: response.status().as_u16(),
        allow,
        location,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

#[actix_web::test]
async fn every_rule_holds_over_a_real_socket() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = approute::server::Server::from_registry()
        .unwrap()
        .listen(listener)
        .start()
        .unwrap();
    let handle = server.handle();
    actix_web::rt::spawn(server);

    // (method, path, status, body); `*` skips the body check.
    let cases = [
        ("GET", "/items", 200, "items"),
        ("POST", "/items", 201, "created"),
        ("GET", "/items/7", 200, "item 7"),
        ("GET", "/items/featured", 200, "featured"),
        (
            "GET",
            "/items/x",
            404,
            r#"{"error":"path parameter `id` must be a non-negative integer (u32), got `x`"}"#,
        ),
        ("GET", "/files/a/b%20c", 200, "a|b c"),
        ("GET", "/files/caf%C3%A9", 200, "café"),
        ("GET", "/files", 404, "*"),
        ("GET", "/about", 200, "<h1>About</h1>"),
        ("PUT", "/about", 200, "route PUT"),
        ("HEAD", "/items", 200, ""),
        ("HEAD", "/about", 200, ""),
        ("OPTIONS", "/items/7", 204, ""),
        (
            "DELETE",
            "/items",
            405,
            r#"{"error":"method DELETE is not allowed for /items; allowed: GET, HEAD, OPTIONS, POST"}"#,
        ),
        ("GET", "/ITEMS", 404, r#"{"error":"no route for /ITEMS"}"#),
        (
            "GET",
            "/nowhere",
            404,
            r#"{"error":"no route for /nowhere"}"#,
        ),
    ];
    for (method, path, status, body) in cases {
        let reply = call(&base, method, path).await;
        assert_eq!(reply.status, status, "{method} {path}: {}", reply.body);
        if body != "*" {
            assert_eq!(reply.body, body, "{method} {path}");
        }
    }

    let options = call(&base, "OPTIONS", "/about").await;
    assert_eq!(options.allow.as_deref(), Some("GET, HEAD, OPTIONS, PUT"));
    let not_allowed = call(&base, "PATCH", "/items/7").await;
    assert_eq!(not_allowed.allow.as_deref(), Some("GET, HEAD, OPTIONS"));
    let slash = call(&base, "GET", "/items/7/?page=2").await;
    assert_eq!(
        (slash.status, slash.location.as_deref()),
        (308, Some("/items/7?page=2"))
    );

    handle.stop(true).await;
}
