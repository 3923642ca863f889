//! Public attack corpora (a checked-in sample of PayloadsAllTheThings'
//! traversal, dotdotpwn, open-redirect and CRLF lists: `tests/corpora/`)
//! replayed as raw bytes over a real socket, under `serve` and under a
//! scope, with approute's invariants (ARCHITECTURE.md) checked on every answer: no `Location`
//! leaves the origin or holds a `\` or a control byte, no handler sees a
//! `.`/`..` segment or a catch-all segment holding a separator, no header is
//! split, no 5xx, and every error body approute writes is its JSON body.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use actix_web::web;
use approute::prelude::*;

#[route("/[slug]")]
async fn GET(Params(slug): Params<String>) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "one": slug }))
}

#[route("/files/[...path]")]
mod files {
    use approute::prelude::*;
    pub async fn GET(Params(path): Params<Vec<String>>) -> HttpResponse {
        HttpResponse::Ok().json(serde_json::json!({ "segments": path }))
    }
}

#[route("/docs/[[...path]]")]
mod docs {
    use approute::prelude::*;
    pub async fn GET(Params(path): Params<RelativePath>) -> HttpResponse {
        HttpResponse::Ok().json(serde_json::json!({ "relative": path.to_string() }))
    }
}

fn corpus(name: &str) -> Vec<String> {
    let path = format!("{}/corpora/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The request targets a scanner sends for one payload, under `prefix`.
fn targets(prefix: &str, payload: &str) -> [String; 4] {
    let rooted = if payload.starts_with('/') {
        payload.to_owned()
    } else {
        format!("/{payload}")
    };
    [
        format!("{prefix}{rooted}"),
        format!("{prefix}/files{rooted}"),
        format!("{prefix}/docs{rooted}/"),
        format!("{prefix}/files/a/?next={payload}"),
    ]
}

/// `curl --path-as-is`: the bytes as the corpus spells them.
fn raw_get(addr: SocketAddr, target: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    response
}

/// Checks one answer; its status.
fn check(prefix: &str, target: &str, response: &[u8]) -> u16 {
    let text = String::from_utf8_lossy(response);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("{target}: no status line in {text:?}"));
    assert!(status < 500, "{target}: {status} {body}");
    let headers: Vec<(String, &str)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim()))
        .collect();
    assert!(
        !headers.iter().any(|(name, _)| name == "set-cookie"),
        "{target}: a header was split: {head}"
    );
    let locations: Vec<&str> = headers
        .iter()
        .filter(|(name, _)| name == "location")
        .map(|(_, value)| *value)
        .collect();
    assert!(locations.len() <= 1, "{target}: {head}");
    if let Some(location) = locations.first() {
        assert!(
            location.starts_with(&format!("{prefix}/")) || *location == prefix,
            "{target} → {location}"
        );
        assert!(!location[1..].starts_with('/'), "{target} → {location}");
        assert!(
            location
                .bytes()
                .all(|byte| (0x21..0x7f).contains(&byte) && byte != b'\\'),
            "{target} → {location}"
        );
    }
    let json = || -> serde_json::Value {
        serde_json::from_str(body).unwrap_or_else(|_| panic!("{target}: {status} {body:?}"))
    };
    match status {
        200 => check_handler_saw(target, &json()),
        // approute's answers carry its error body; actix-web's own refusal of
        // a request it cannot parse has none.
        400 | 404 | 405 if !body.is_empty() => {
            assert!(json()["error"].is_string(), "{target}: {body}");
        }
        _ => {}
    }
    status
}

/// What a handler received is whole path segments, never a dot segment.
fn check_handler_saw(target: &str, echoed: &serde_json::Value) {
    if let Some(one) = echoed["one"].as_str() {
        assert!(one != "." && one != "..", "{target}: {echoed}");
    }
    for segment in echoed["segments"].as_array().into_iter().flatten() {
        let segment = segment.as_str().unwrap();
        assert!(segment != "." && segment != "..", "{target}: {echoed}");
        assert!(!segment.contains(['/', '\\', '\0']), "{target}: {echoed}");
    }
    if let Some(relative) = echoed["relative"].as_str() {
        let path = std::path::Path::new(relative);
        assert!(
            path.components()
                .all(|part| matches!(part, std::path::Component::Normal(_))),
            "{target}: {echoed}"
        );
    }
}

#[actix_web::test]
async fn the_corpora_keep_every_invariant_under_serve_and_a_scope() {
    let serve_listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let serve_addr = serve_listener.local_addr().unwrap();
    let served = approute::server::Server::from_registry()
        .unwrap()
        .listen(serve_listener)
        .workers(1)
        .start()
        .unwrap();
    let serve_handle = served.handle();
    actix_web::rt::spawn(served);
    let (scope_addr, scope_handle) = approute_tests::spawn_server(|| {
        actix_web::App::new().service(web::scope("/mnt").configure(approute::configure))
    });

    let summary = actix_web::rt::task::spawn_blocking(move || {
        let mut summary: BTreeMap<String, BTreeMap<u16, usize>> = BTreeMap::new();
        for name in ["traversal.txt", "open-redirect.txt", "crlf.txt"] {
            let payloads = corpus(name);
            assert!(payloads.len() > 10, "{name}");
            for (prefix, addr) in [("", serve_addr), ("/mnt", scope_addr)] {
                for payload in &payloads {
                    for target in targets(prefix, payload) {
                        let status = check(prefix, &target, &raw_get(addr, &target));
                        let counts = summary.entry(format!("{name} {prefix}")).or_default();
                        *counts.entry(status).or_default() += 1;
                    }
                }
            }
        }
        summary
    })
    .await
    .unwrap();
    // The answers by corpus and mount, for RELIABILITY.md (`--nocapture`).
    for (corpus, counts) in &summary {
        eprintln!("{corpus}: {counts:?}");
    }
    assert!(summary.values().all(|counts| counts.contains_key(&400)));
    serve_handle.stop(true).await;
    scope_handle.stop(true).await;
}
