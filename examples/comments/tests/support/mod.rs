//! A real server of the example on 127.0.0.1:0, its own SQLite file, a fake
//! upstream API, and a log that tests can read.

#![allow(dead_code)] // Each test binary uses its own part of this.

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use actix_web::dev::ServerHandle;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use comments::upstream::Upstream;
use comments::{Config, State};

pub const SECRET: &str = "s3cret-upstream-key";

/// The browser origin the test servers allow (`CORS_ORIGIN`).
pub const BROWSER_ORIGIN: &str = "http://localhost:5173";

pub struct TestServer {
    pub addr: SocketAddr,
    pub handle: ServerHandle,
    pub database: PathBuf,
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn stop(self) -> PathBuf {
        self.handle.stop(true).await;
        self.database
    }
}

/// A fresh SQLite file in the temporary directory.
pub fn fresh_database() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "approute-comments-{}-{}.db",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let path = std::env::temp_dir().join(name);
    let _ = std::fs::remove_file(&path);
    path
}

pub fn upstream(url: Option<String>, timeout: Duration) -> Upstream {
    Upstream {
        url,
        api_key: SECRET.to_owned(),
        timeout,
    }
}

/// Starts the example exactly as `main` does, but on port 0, on an SQLite file.
pub async fn start(database: PathBuf, upstream: Upstream) -> TestServer {
    let url = format!("sqlite://{}?mode=rwc", database.display());
    start_on(&url, database, upstream).await
}

/// Starts the example on any database URL (`database` is only handed back).
pub async fn start_on(database_url: &str, database: PathBuf, upstream: Upstream) -> TestServer {
    capture_logs();
    let config = Config {
        host: "127.0.0.1".to_owned(),
        port: 0,
        database_url: database_url.to_owned(),
        upstream,
        cors_origin: Some(BROWSER_ORIGIN.to_owned()),
        redis_url: None,
    };
    let state = State::open(&config).await.expect("database opens");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let app = comments::CommentsApp::new(state, &config);
    let server = approute::server::Server::from_registry()
        .unwrap()
        .app(move || app.build())
        .listen(listener)
        .start()
        .unwrap();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    TestServer {
        addr,
        handle,
        database,
    }
}

pub async fn start_default() -> TestServer {
    start(fresh_database(), upstream(None, Duration::from_secs(1))).await
}

/// A fake upstream API: `/quote` demands the secret key; `/fail` answers 500,
/// `/slow` takes two seconds, `/not-json` answers text.
pub async fn fake_upstream() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HttpServer::new(|| {
        App::new()
            .route(
                "/quote",
                web::get().to(|req: HttpRequest| async move {
                    match req.headers().get("x-api-key") {
                        Some(key) if key == SECRET => HttpResponse::Ok().json(
                            serde_json::json!({ "quote": "Stay hungry", "author": "upstream" }),
                        ),
                        _ => HttpResponse::Unauthorized().finish(),
                    }
                }),
            )
            .route(
                "/fail",
                web::get().to(|| async { HttpResponse::InternalServerError().body("boom") }),
            )
            .route(
                "/slow",
                web::get().to(|| async {
                    actix_web::rt::time::sleep(Duration::from_secs(2)).await;
                    HttpResponse::Ok().json(serde_json::json!({ "late": true }))
                }),
            )
            .route(
                "/not-json",
                web::get().to(|| async { HttpResponse::Ok().body("not json") }),
            )
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    actix_web::rt::spawn(server);
    addr
}

/// A port nothing listens on.
pub fn closed_port() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

static LOGS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        LOGS.lock()
            .unwrap()
            .push(format!("{} {}", record.level(), record.args()));
    }
    fn flush(&self) {}
}

/// Every log line of this test binary so far.
pub fn logs() -> Vec<String> {
    LOGS.lock().unwrap().clone()
}

fn capture_logs() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        log::set_logger(&Capture).unwrap();
        log::set_max_level(log::LevelFilter::Trace);
    });
}

/// What a request got back.
pub struct Reply {
    pub status: u16,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|value| value.to_str().unwrap())
            .unwrap_or_else(|| panic!("no `{name}` header in {:?}", self.headers))
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }
}

/// One request over a real socket; redirects are not followed.
pub async fn call(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<Vec<u8>>,
) -> Reply {
    let client = awc::Client::builder().disable_redirects().finish();
    let method = actix_web::http::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = client.request(method, url);
    for (name, value) in headers {
        request = request.insert_header((*name, *value));
    }
    let mut response = match body {
        Some(body) => request.send_body(body).await,
        None => request.send().await,
    }
    .unwrap_or_else(|error| panic!("{url}: {error}"));
    let body = response.body().limit(16 << 20).await.unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

pub async fn get(url: &str) -> Reply {
    call("GET", url, &[], None).await
}

/// A JSON request with `Content-Type: application/json`.
pub async fn send_json(method: &str, url: &str, body: &str) -> Reply {
    call(
        method,
        url,
        &[("content-type", "application/json")],
        Some(body.as_bytes().to_vec()),
    )
    .await
}

/// How many comments the server lists.
pub async fn comment_count(server: &TestServer) -> usize {
    get(&server.url("/comments"))
        .await
        .json()
        .as_array()
        .unwrap()
        .len()
}
