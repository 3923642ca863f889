//! `Cookies` over a real socket, as Next.js's `cookies()` behaves: a handler
//! reads its own writes, values are encoded so that no value can add an
//! attribute or fail the response, a cookie a header cannot carry is refused
//! with its caller's location in the log, and a `revalidate` route never
//! caches a response that set a cookie.

use std::sync::Mutex;

use actix_web::web;
use approute::prelude::*;

#[route("/read-your-writes")]
async fn GET(cookies: Cookies) -> String {
    let before = cookies.get("a");
    cookies.set("a", "new value");
    let after_set = (cookies.get("a"), cookies.has("a"));
    cookies.delete("old");
    let after_delete = (cookies.get("old"), cookies.has("old"));
    let mut names: Vec<String> = cookies
        .all()
        .iter()
        .map(|cookie| format!("{}={}", cookie.name(), cookie.value()))
        .collect();
    names.sort();
    format!("{before:?} {after_set:?} {after_delete:?} {names:?}")
}

#[route("/cookie")]
mod pref {
    use approute::prelude::*;
    /// The value from the client, as Next.js's tests set it.
    pub async fn GET(search: SearchParams, cookies: Cookies) -> String {
        let value = search.get("v").unwrap_or_default();
        cookies.set("pref", value);
        format!("{:?}", cookies.get("pref"))
    }
}

#[route("/echo-cookie")]
mod echo_cookie {
    use approute::prelude::*;
    pub async fn GET(cookies: Cookies) -> String {
        format!("{:?}", cookies.get("pref"))
    }
}

#[route("/add-raw")]
mod add_raw {
    use approute::prelude::*;
    /// `add` sends a cookie as built: a bad one is refused, the rest is sent.
    pub async fn GET(search: SearchParams, cookies: Cookies) -> HttpResponse {
        let value = search.get("v").unwrap_or_default().to_owned();
        let added = cookies.add(Cookie::build("raw", value).finish());
        let error = added.as_ref().err().map(ToString::to_string);
        HttpResponse::Ok()
            .insert_header(("x-added", added.is_ok().to_string()))
            .body(error.unwrap_or_default())
    }
}

#[route("/count-cookie", revalidate = 2)]
mod count_cookie {
    use approute::prelude::*;
    pub async fn GET(cookies: Cookies) -> &'static str {
        cookies.set("seen", "1");
        "counted"
    }
}

static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        let line = format!("{} {}", record.level(), record.args());
        LINES.lock().unwrap().push(line);
    }
    fn flush(&self) {}
}

struct Reply {
    status: u16,
    set_cookies: Vec<String>,
    headers: actix_web::http::header::HeaderMap,
    body: String,
}

/// A GET of `path` on the table mounted at `prefix`, over a socket.
async fn get(prefix: &'static str, path: &str, cookie: Option<&str>) -> Reply {
    let (addr, handle) = approute_tests::spawn_server(move || {
        actix_web::App::new().service(web::scope(prefix).configure(approute::configure))
    });
    let mut request = awc::Client::new().get(format!("http://{addr}{prefix}{path}"));
    if let Some(cookie) = cookie {
        request = request.insert_header(("cookie", cookie));
    }
    let mut response = request.send().await.unwrap();
    let body = response.body().await.unwrap();
    handle.stop(true).await;
    let headers = response.headers().clone();
    Reply {
        status: response.status().as_u16(),
        set_cookies: headers
            .get_all("set-cookie")
            .map(|value| value.to_str().unwrap().to_owned())
            .collect(),
        headers,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

#[actix_web::test]
async fn a_handler_reads_its_own_writes() {
    let reply = get(
        "",
        "/read-your-writes",
        Some("a=old%20a; old=1; keep=k%3Dv"),
    )
    .await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.body,
        r#"Some("old a") (Some("new value"), true) (None, false) ["a=new value", "keep=k=v"]"#
    );
    assert_eq!(reply.set_cookies.len(), 2, "{:?}", reply.set_cookies);
    assert_eq!(
        reply.set_cookies[0],
        "a=new%20value; HttpOnly; SameSite=Lax; Path=/"
    );
    assert!(
        reply.set_cookies[1].starts_with("old=;"),
        "{:?}",
        reply.set_cookies
    );
    assert!(
        reply.set_cookies[1].contains("Max-Age=0"),
        "{:?}",
        reply.set_cookies
    );
}

#[actix_web::test]
async fn no_value_adds_an_attribute_or_fails_the_response() {
    for (query, encoded, decoded) in [
        (
            "x%3B%20Domain%3Devil.example",
            "x%3B%20Domain%3Devil.example",
            "x; Domain=evil.example",
        ),
        (
            "x%3B%20Max-Age%3D999999999",
            "x%3B%20Max-Age%3D999999999",
            "x; Max-Age=999999999",
        ),
        (
            "x%3B%20SameSite%3DNone%3B%20Secure%3B%20Partitioned",
            "x%3B%20SameSite%3DNone%3B%20Secure%3B%20Partitioned",
            "x; SameSite=None; Secure; Partitioned",
        ),
        (
            "a%0D%0AX-Injected:%20yes",
            "a%0D%0AX-Injected%3A%20yes",
            "a\r\nX-Injected: yes",
        ),
        ("nul%00del%7F", "nul%00del%7F", "nul\0del\x7f"),
        ("caf%C3%A9", "caf%C3%A9", "café"),
    ] {
        for prefix in ["", "/api"] {
            let reply = get(prefix, &format!("/cookie?v={query}"), None).await;
            assert_eq!(reply.status, 200, "{query}: {}", reply.body);
            assert_eq!(reply.body, format!("{:?}", Some(decoded)));
            assert_eq!(
                reply.set_cookies,
                [format!("pref={encoded}; HttpOnly; SameSite=Lax; Path=/")],
                "{query}"
            );
            assert!(reply.headers.get("x-injected").is_none());
        }
        // The browser sends it back as it was set: `get` decodes it.
        let reply = get("", "/echo-cookie", Some(&format!("pref={encoded}"))).await;
        assert_eq!(reply.body, format!("{:?}", Some(decoded)), "{query}");
    }
    // A value that does not decode is returned as sent.
    let reply = get("", "/echo-cookie", Some("pref=%FF%ZZ")).await;
    assert_eq!(reply.body, r#"Some("%FF%ZZ")"#);
}

#[actix_web::test]
async fn add_refuses_a_cookie_a_header_cannot_carry_and_logs_where() {
    let _ = log::set_logger(&Capture).map(|()| log::set_max_level(log::LevelFilter::Info));
    for prefix in ["", "/api"] {
        for query in [
            "x%3B%20Domain%3Devil.example",
            "a%0D%0AX-Injected:%20yes",
            "a%00",
        ] {
            let reply = get(prefix, &format!("/add-raw?v={query}"), None).await;
            assert_eq!(reply.status, 200, "{query}");
            assert_eq!(reply.headers.get("x-added").unwrap(), "false");
            assert!(reply.set_cookies.is_empty(), "{:?}", reply.set_cookies);
            assert_eq!(
                reply.body,
                r#"cookie "raw" refused: its value holds a character a `Set-Cookie` header cannot carry"#
            );
        }
    }
    let lines = LINES.lock().unwrap().clone();
    let refused: Vec<&String> = lines
        .iter()
        .filter(|line| line.contains("\"raw\" refused"))
        .collect();
    assert_eq!(refused.len(), 6, "{lines:?}");
    for line in refused {
        assert!(line.starts_with("ERROR cookie \"raw\" refused"), "{line}");
        assert!(line.contains("(at tests/tests/cookies.rs:"), "{line}");
    }
    let reply = get("", "/add-raw?v=fine", None).await;
    assert_eq!(reply.set_cookies, ["raw=fine; Path=/"]);
}

#[actix_web::test]
async fn a_response_that_sets_a_cookie_is_never_cached() {
    for _ in 0..3 {
        let reply = get("", "/count-cookie", None).await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "counted"));
        assert_eq!(reply.set_cookies.len(), 1, "{:?}", reply.set_cookies);
        assert!(reply.set_cookies[0].starts_with("seen=1;"));
        assert_ne!(
            reply
                .headers
                .get("x-approute-cache")
                .map(|v| v.to_str().unwrap()),
            Some("HIT")
        );
    }
}
