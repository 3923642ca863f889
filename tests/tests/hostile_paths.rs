//! Hostile request paths against a table with a root-level parameter and
//! catch-alls: every redirect stays on this origin, no handler ever sees a
//! `.` or `..` segment, a catch-all's segments are path segments, and a
//! `RelativePath` never leaves its base.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

use actix_web::http::StatusCode;
use actix_web::{test as actix_test, App};
use approute::prelude::*;

#[route("/[slug]")]
async fn GET(Params(slug): Params<String>) -> String {
    format!("slug {slug}")
}

#[route("/docs/[...rest]")]
mod docs {
    use approute::prelude::*;
    pub async fn GET(Params(rest): Params<Vec<String>>) -> String {
        format!("docs {}", rest.join("|"))
    }
}

#[route("/files/[[...path]]")]
mod files {
    use approute::prelude::*;
    pub async fn GET(Params(path): Params<Vec<String>>) -> String {
        format!("files {}", path.join("|"))
    }
}

#[route("/static/[...path]")]
mod static_files {
    use approute::prelude::*;
    pub async fn GET(Params(path): Params<RelativePath>) -> String {
        format!(
            "static {}",
            std::path::Path::new("public").join(&path).display()
        )
    }
}

#[route("/download/[name]")]
mod download {
    use approute::prelude::*;

    #[derive(serde::Deserialize)]
    pub struct Download {
        name: RelativePath,
    }

    pub async fn GET(Params(download): Params<Download>) -> String {
        format!("download {}", download.name)
    }
}

async fn call(uri: &str) -> (StatusCode, Option<String>, String) {
    call_under("", uri).await
}

/// `call` with the table mounted under `prefix` (`""`: at the root).
async fn call_under(prefix: &str, uri: &str) -> (StatusCode, Option<String>, String) {
    let app = actix_test::init_service(
        App::new().service(actix_web::web::scope(prefix).configure(approute::configure)),
    )
    .await;
    let request = actix_test::TestRequest::get().uri(uri).to_request();
    let response = actix_test::call_service(&app, request).await;
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|value| value.to_str().unwrap().to_owned());
    let body = actix_test::read_body(response).await;
    (status, location, String::from_utf8(body.to_vec()).unwrap())
}

/// What a browser would do with the `Location`: it must stay a path here.
fn assert_same_origin(path: &str, location: &str) {
    assert!(
        location.starts_with('/') && !location[1..].starts_with('/'),
        "{path} → {location}"
    );
    assert!(!location.contains('\\'), "{path} → {location}");
    assert!(
        !location.chars().any(|c| c.is_ascii_control()),
        "{path} → {location}"
    );
}

#[actix_web::test]
async fn redirects_never_leave_the_origin() {
    let cases = [
        ("/\\evil.com/", Some("/%5Cevil.com")),
        ("/%5Cevil.com/", Some("/%5Cevil.com")),
        ("/%5cx/", Some("/%5cx")),
        ("//evil.com/", None),
        ("/%2F%2Fevil.com/", Some("/%2F%2Fevil.com")),
        ("/x/..//evil.com/", None),
        ("/x/../\\evil.com/", Some("/%5Cevil.com")),
        ("/./\\evil.com", Some("/%5Cevil.com")),
        ("/%09evil.com/", Some("/%09evil.com")),
        ("/%0D%0ALocation:%20x/", Some("/%0D%0ALocation:%20x")),
    ];
    for (path, expected) in cases {
        let (status, location, body) = call(path).await;
        match expected {
            Some(expected) => {
                assert_eq!(status, StatusCode::PERMANENT_REDIRECT, "{path}: {body}");
                let location = location.unwrap();
                assert_same_origin(path, &location);
                assert_eq!(location, expected, "{path}");
            }
            None => {
                assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
                assert_eq!(location, None, "{path}");
            }
        }
    }
    // The redirect target is served, with the backslash as the value.
    assert_eq!(call("/%5Cevil.com").await.2, "slug \\evil.com");
}

#[actix_web::test]
async fn dot_segments_are_resolved_and_redirected_query_kept() {
    let cases = [
        ("/docs/../../etc", "/etc"),
        ("/docs/../docs/x/", "/docs/x"),
        ("/docs/%2e%2e/x", "/x"),
        ("/docs/%2E%2e/%2e/x", "/x"),
        ("/docs/a/./b/../c?q=1", "/docs/a/c?q=1"),
        ("/files/a/..", "/files"),
        ("/docs/a/.%2e/b/", "/docs/b"),
    ];
    for (path, expected) in cases {
        let (status, location, body) = call(path).await;
        assert_eq!(status, StatusCode::PERMANENT_REDIRECT, "{path}: {body}");
        assert_eq!(location.as_deref(), Some(expected), "{path}");
    }
    // Resolved to a path no route serves: 404, as that path itself.
    assert_eq!(
        call("/docs/../../etc/passwd").await.0,
        StatusCode::NOT_FOUND
    );
    // `...` and `.x` are ordinary names, not dot segments.
    assert_eq!(call("/docs/.../.x").await.2, "docs ...|.x");
}

#[actix_web::test]
async fn no_handler_sees_a_dot_segment() {
    for path in [
        "/docs/..",
        "/docs/.",
        "/docs/a/%2e%2e",
        "/files/%2e",
        "/..",
        "/%2e%2e",
        "/.",
    ] {
        let (status, _, body) = call(path).await;
        assert!(
            status == StatusCode::PERMANENT_REDIRECT || status == StatusCode::NOT_FOUND,
            "{path}: {status} {body}"
        );
    }
}

/// Under `serve` (the root) and under a scope alike.
#[actix_web::test]
async fn a_catch_all_segment_holding_a_separator_is_refused() {
    for prefix in ["", "/api"] {
        for path in [
            "/docs/..%2f..%2fetc%2fpasswd",
            "/docs/example.com/%2f%2e%2e",
            "/docs/..%5c..%5cetc/passwd",
            "/docs/..%5C..%5Cetc/passwd",
            "/files/a/b%00.png",
            "/files/%2F",
            "/static/..%2fsecret",
        ] {
            let (status, _, body) = call_under(prefix, &format!("{prefix}{path}")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{prefix}{path}: {body}");
            let error: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert!(
                error["error"].as_str().unwrap().contains("catch-all"),
                "{body}"
            );
        }
        // Not a redirect to a URL its route refuses (found by the `redirect`
        // fuzz target): the 400 at once.
        let (status, location, _) = call_under(prefix, &format!("{prefix}/docs/x/../a%00")).await;
        assert_eq!((status, location), (StatusCode::BAD_REQUEST, None));
        // An encoded `/` in a single `[param]` keeps its decoded value.
        let (status, _, body) = call_under(prefix, &format!("{prefix}/a%2Fb")).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "slug a/b"));
        let (status, _, body) = call_under(prefix, &format!("{prefix}/docs/a%20b/c")).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "docs a b|c"));
    }
}

#[actix_web::test]
async fn a_relative_path_never_leaves_its_base() {
    let (status, _, body) = call("/static/css/site.css").await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::OK, "static public/css/site.css")
    );
    let (status, _, body) = call("/download/report.pdf").await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::OK, "download report.pdf")
    );
    for (path, why) in [
        ("/download/..%2f..%2fetc%2fpasswd", "`..`"),
        ("/download/..%2F", "`..`"),
        ("/download/%2Fetc%2Fpasswd", "absolute"),
        ("/download/..%5Cwin.ini", "`\\`"),
        ("/download/C:%5Cboot.ini", "`\\`"),
        ("/download/C:boot.ini", "drive prefix"),
        ("/download/a%00b", "NUL"),
        ("/static/C:/Windows", "drive prefix"),
    ] {
        let (status, _, body) = call(path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        let error: serde_json::Value = serde_json::from_str(&body).unwrap();
        let message = error["error"].as_str().unwrap();
        assert!(
            message.contains("is not a safe relative path"),
            "{path}: {message}"
        );
        assert!(message.contains(why), "{path}: {message}");
    }
}

#[actix_web::test]
async fn a_redirects_query_holds_no_backslash() {
    for prefix in ["", "/api"] {
        let (status, location, _) =
            call_under(prefix, &format!("{prefix}/docs/b/?next=/\\evil.example")).await;
        assert_eq!(status, StatusCode::PERMANENT_REDIRECT);
        assert_eq!(
            location.as_deref(),
            Some(format!("{prefix}/docs/b?next=/%5Cevil.example").as_str())
        );
    }
}

/// `curl --path-as-is`: the raw bytes reach the server unnormalised.
fn raw_get(address: std::net::SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[actix_web::test]
async fn over_a_socket_raw_hostile_paths_stay_home() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let server = approute::server::Server::from_registry()
        .unwrap()
        .listen(listener)
        .start()
        .unwrap();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    let responses = actix_web::rt::task::spawn_blocking(move || {
        [
            "/docs/../../etc",
            "/\\evil.com/",
            "/x/..//evil.com/",
            "//evil.com/",
            "/\tevil.com/",
            "/docs/..\\..\\etc/passwd",
            "/files/example.com/%2f%2e%2e",
        ]
        .map(|path| raw_get(address, path))
    })
    .await
    .unwrap();
    let status_line = |response: &str| response.lines().next().unwrap().to_owned();
    assert!(
        responses[0].contains("location: /etc\r\n"),
        "{}",
        responses[0]
    );
    assert!(
        responses[1].contains("location: /%5Cevil.com\r\n"),
        "{}",
        responses[1]
    );
    assert_eq!(status_line(&responses[2]), "HTTP/1.1 404 Not Found");
    assert_eq!(status_line(&responses[3]), "HTTP/1.1 404 Not Found");
    // actix-web refuses a raw control byte in the request line itself.
    assert_eq!(status_line(&responses[4]), "HTTP/1.1 400 Bad Request");
    for response in &responses[5..] {
        assert_eq!(status_line(response), "HTTP/1.1 400 Bad Request");
        assert!(
            response.contains("catch-all takes whole path segments"),
            "{response}"
        );
    }
    handle.stop(true).await;
}
