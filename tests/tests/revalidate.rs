//! `revalidate = N`: GET responses cached per URL, stale-while-revalidate
//! with one refresh for many concurrent requests, never for credentials or
//! cookies unless the route opts in, `revalidate_path` from a mutation.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use actix_http::Request;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::{test as actix_test, App};
use approute::prelude::*;
use futures_util::future::join_all;

/// Each handler counts its calls, and answers with the count.
static TIME_CALLS: AtomicUsize = AtomicUsize::new(0);
static STALE_CALLS: AtomicUsize = AtomicUsize::new(0);
static PRIVATE_CALLS: AtomicUsize = AtomicUsize::new(0);
static PUBLIC_CALLS: AtomicUsize = AtomicUsize::new(0);
static COOKIE_CALLS: AtomicUsize = AtomicUsize::new(0);
static FAILING_CALLS: AtomicUsize = AtomicUsize::new(0);
static DYNAMIC_CALLS: AtomicUsize = AtomicUsize::new(0);
static VARY_CALLS: AtomicUsize = AtomicUsize::new(0);
static NO_STORE_CALLS: AtomicUsize = AtomicUsize::new(0);
static LIST_CALLS: AtomicUsize = AtomicUsize::new(0);

fn count(calls: &AtomicUsize) -> String {
    (calls.fetch_add(1, Ordering::SeqCst) + 1).to_string()
}

#[route("/time", revalidate = 60)]
mod time {
    use super::*;

    pub async fn GET(search: SearchParams) -> String {
        format!("{} {:?}", count(&TIME_CALLS), search.get("q"))
    }
}

#[route("/stale", revalidate = 1)]
mod stale {
    use super::*;

    pub async fn GET() -> String {
        // Slow enough that 100 requests arrive while it runs.
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
        count(&STALE_CALLS)
    }
}

#[route("/private", revalidate = 60)]
mod private {
    use super::*;

    pub async fn GET() -> String {
        count(&PRIVATE_CALLS)
    }
}

#[route("/public", revalidate = 60, cache_public = true)]
mod public {
    use super::*;

    pub async fn GET() -> String {
        count(&PUBLIC_CALLS)
    }
}

#[route("/sets-cookie", revalidate = 60)]
mod sets_cookie {
    use super::*;

    pub async fn GET() -> HttpResponse {
        let body = count(&COOKIE_CALLS);
        HttpResponse::Ok()
            .cookie(actix_web::cookie::Cookie::new("seen", "1"))
            .body(body)
    }
}

/// Its body depends on a header the URL does not carry.
#[route("/varies", revalidate = 60)]
mod varies {
    use super::*;

    pub async fn GET() -> HttpResponse {
        HttpResponse::Ok()
            .insert_header(("vary", "Accept-Language"))
            .body(count(&VARY_CALLS))
    }
}

#[route("/no-store", revalidate = 60)]
mod no_store {
    use super::*;

    pub async fn GET() -> HttpResponse {
        HttpResponse::Ok()
            .insert_header(("cache-control", "max-age=0, No-Store"))
            .body(count(&NO_STORE_CALLS))
    }
}

#[route("/failing", revalidate = 60)]
mod failing {
    use super::*;

    pub async fn GET() -> HttpResponse {
        HttpResponse::ServiceUnavailable().body(count(&FAILING_CALLS))
    }
}

#[route("/dynamic", revalidate = 0)]
mod dynamic {
    use super::*;

    pub async fn GET() -> String {
        count(&DYNAMIC_CALLS)
    }
}

#[route("/comments", revalidate = 60)]
mod comments {
    use super::*;

    pub async fn GET() -> String {
        count(&LIST_CALLS)
    }

    /// A new comment: the list is fresh on its next GET.
    pub async fn POST() -> HttpResponse {
        approute::cache::revalidate_path("/comments");
        HttpResponse::Created().finish()
    }
}

#[route("/per-table", revalidate = 60)]
async fn GET() -> &'static str {
    "cached per table"
}

async fn app() -> impl Service<Request, Response = ServiceResponse, Error = actix_web::Error> {
    actix_test::init_service(App::new().configure(approute::configure)).await
}

struct Reply {
    status: StatusCode,
    cache: Option<String>,
    body: String,
}

async fn send(
    app: &impl Service<Request, Response = ServiceResponse, Error = actix_web::Error>,
    request: actix_test::TestRequest,
) -> Reply {
    let response = actix_test::call_service(app, request.to_request()).await;
    let status = response.status();
    let cache = response
        .headers()
        .get("x-approute-cache")
        .map(|value| value.to_str().unwrap().to_owned());
    let body = actix_test::read_body(response).await;
    Reply {
        status,
        cache,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

fn get(uri: &str) -> actix_test::TestRequest {
    actix_test::TestRequest::get().uri(uri)
}

#[actix_web::test]
async fn a_get_is_cached_per_url_query_included() {
    let app = app().await;
    let first = send(&app, get("/time?q=a")).await;
    assert_eq!(
        (first.body.as_str(), first.cache.as_deref()),
        ("1 Some(\"a\")", Some("MISS"))
    );
    let again = send(&app, get("/time?q=a")).await;
    assert_eq!(
        (again.body.as_str(), again.cache.as_deref()),
        ("1 Some(\"a\")", Some("HIT"))
    );
    let other = send(&app, get("/time?q=b")).await;
    assert_eq!(other.body, "2 Some(\"b\")");
    assert_eq!(TIME_CALLS.load(Ordering::SeqCst), 2);
}

#[actix_web::test]
async fn a_stale_copy_is_served_while_one_refresh_runs() {
    let app = app().await;
    assert_eq!(send(&app, get("/stale")).await.body, "1");
    actix_web::rt::time::sleep(Duration::from_millis(1100)).await;
    // 100 concurrent requests: each gets the stale copy at once, and one
    // refresh runs.
    let replies = join_all((0..100).map(|_| send(&app, get("/stale")))).await;
    for reply in &replies {
        assert_eq!(
            (reply.body.as_str(), reply.cache.as_deref()),
            ("1", Some("STALE"))
        );
    }
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(STALE_CALLS.load(Ordering::SeqCst), 2, "one refresh");
    let refreshed = send(&app, get("/stale")).await;
    assert_eq!(
        (refreshed.body.as_str(), refreshed.cache.as_deref()),
        ("2", Some("HIT"))
    );
}

#[actix_web::test]
async fn credentials_are_not_cached_unless_the_route_opts_in() {
    let app = app().await;
    for header in [("authorization", "Bearer one"), ("cookie", "session=one")] {
        let reply = send(&app, get("/private").insert_header(header)).await;
        assert_eq!(reply.cache, None, "{header:?}");
    }
    assert_eq!(
        send(&app, get("/private")).await.body,
        "3",
        "nothing was stored"
    );
    let with_token = send(
        &app,
        get("/private").insert_header(("authorization", "Bearer two")),
    )
    .await;
    assert_eq!(with_token.body, "4", "not answered from the cache either");

    let public = send(
        &app,
        get("/public").insert_header(("authorization", "Bearer one")),
    )
    .await;
    assert_eq!(public.cache.as_deref(), Some("MISS"));
    let public = send(
        &app,
        get("/public").insert_header(("cookie", "session=two")),
    )
    .await;
    assert_eq!(
        (public.body.as_str(), public.cache.as_deref()),
        ("1", Some("HIT"))
    );
}

#[actix_web::test]
async fn cookies_errors_vary_no_store_and_revalidate_zero_are_never_cached() {
    let app = app().await;
    for expected in ["1", "2"] {
        let reply = send(&app, get("/sets-cookie")).await;
        assert_eq!(reply.body, expected);
        let reply = send(&app, get("/failing")).await;
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (StatusCode::SERVICE_UNAVAILABLE, expected)
        );
        let reply = send(&app, get("/varies")).await;
        assert_eq!(
            (reply.body.as_str(), reply.cache.as_deref()),
            (expected, None)
        );
        let reply = send(&app, get("/no-store")).await;
        assert_eq!(
            (reply.body.as_str(), reply.cache.as_deref()),
            (expected, None)
        );
        let reply = send(&app, get("/dynamic")).await;
        assert_eq!((reply.body.as_str(), reply.cache), (expected, None));
    }
}

#[actix_web::test]
async fn revalidate_path_makes_the_next_get_fresh_for_any_query() {
    let app = app().await;
    assert_eq!(send(&app, get("/comments")).await.body, "1");
    assert_eq!(send(&app, get("/comments?page=2")).await.body, "2");
    assert_eq!(
        send(&app, get("/comments")).await.cache.as_deref(),
        Some("HIT")
    );
    let created = send(&app, actix_test::TestRequest::post().uri("/comments")).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let fresh = send(&app, get("/comments")).await;
    assert_eq!(
        (fresh.body.as_str(), fresh.cache.as_deref()),
        ("3", Some("MISS"))
    );
    assert_eq!(send(&app, get("/comments?page=2")).await.body, "4");
}

/// Two applications in one process, each table with a store of its own:
/// neither serves the other's entries, and `revalidate_path` (a plain call)
/// reaches both.
#[actix_web::test]
async fn each_table_keeps_its_own_store_and_revalidate_path_reaches_all() {
    let first_table = approute::routes()
        .unwrap()
        .cache_store(approute::cache::MemoryStore::new(100));
    let second_table = approute::routes()
        .unwrap()
        .cache_store(approute::cache::MemoryStore::new(100));
    let first =
        actix_test::init_service(App::new().configure(|cfg| first_table.configure(cfg))).await;
    let second =
        actix_test::init_service(App::new().configure(|cfg| second_table.configure(cfg))).await;
    let uri = "/per-table";
    assert_eq!(send(&first, get(uri)).await.cache.as_deref(), Some("MISS"));
    assert_eq!(send(&first, get(uri)).await.cache.as_deref(), Some("HIT"));
    // Not the first application's entry.
    assert_eq!(send(&second, get(uri)).await.cache.as_deref(), Some("MISS"));
    assert_eq!(send(&second, get(uri)).await.cache.as_deref(), Some("HIT"));
    approute::cache::revalidate_path("/per-table");
    assert_eq!(send(&first, get(uri)).await.cache.as_deref(), Some("MISS"));
    assert_eq!(send(&second, get(uri)).await.cache.as_deref(), Some("MISS"));
}

/// A stored answer carries a strong `ETag`; a client that holds it gets 304
/// with no body, and HEAD is answered from the entry.
#[actix_web::test]
async fn etag_if_none_match_and_head_come_from_the_entry() {
    let app = app().await;
    let response = actix_test::call_service(&app, get("/per-table?etag=1").to_request()).await;
    let etag = response.headers().get("etag").expect("an ETag").clone();
    assert!(etag.to_str().unwrap().starts_with('"'), "{etag:?}");
    let revalidated = actix_test::call_service(
        &app,
        get("/per-table?etag=1")
            .insert_header(("if-none-match", etag.clone()))
            .to_request(),
    )
    .await;
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(revalidated.headers().get("etag"), Some(&etag));
    assert_eq!(
        revalidated.headers().get("x-approute-cache").unwrap(),
        "HIT"
    );
    assert!(actix_test::read_body(revalidated).await.is_empty());
    // Another tag: the whole answer.
    let other = send(
        &app,
        get("/per-table?etag=1").insert_header(("if-none-match", "\"other\"")),
    )
    .await;
    assert_eq!(
        (other.status, other.body.as_str()),
        (StatusCode::OK, "cached per table")
    );
    let head = send(
        &app,
        actix_test::TestRequest::default()
            .method(actix_web::http::Method::HEAD)
            .uri("/per-table?etag=1"),
    )
    .await;
    assert_eq!(
        (head.status, head.cache.as_deref()),
        (StatusCode::OK, Some("HIT"))
    );
}

static COLD_CALLS: AtomicUsize = AtomicUsize::new(0);

#[route("/cold", revalidate = 60)]
mod cold {
    use super::*;

    pub async fn GET() -> String {
        let call = count(&COLD_CALLS);
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
        call
    }
}

/// Concurrent requests for a key nobody has cached yet run the handler
/// once: the others wait for its answer.
#[actix_web::test]
async fn concurrent_misses_of_one_cold_key_run_the_handler_once() {
    let app = app().await;
    let replies = join_all((0..50).map(|_| send(&app, get("/cold")))).await;
    assert_eq!(COLD_CALLS.load(Ordering::SeqCst), 1);
    assert!(replies.iter().all(|reply| reply.body == "1"));
    let misses = replies
        .iter()
        .filter(|reply| reply.cache.as_deref() == Some("MISS"))
        .count();
    assert_eq!(misses, 1);
}

#[route("/planted", revalidate = 60)]
mod planted {
    pub async fn GET() -> &'static str {
        "planted"
    }
}

/// A store of the user's that keeps headers of one response with its
/// entries (`CachedResponse`'s fields are public): they are not repeated.
struct KeepsEverything(approute::cache::MemoryStore);

impl approute::cache::CacheStore for KeepsEverything {
    fn get<'a>(
        &'a self,
        key: &'a approute::cache::CacheKey,
    ) -> futures_util::future::LocalBoxFuture<'a, approute::cache::Lookup> {
        self.0.get(key)
    }

    fn put<'a>(
        &'a self,
        key: &'a approute::cache::CacheKey,
        mut entry: approute::cache::CachedResponse,
    ) -> futures_util::future::LocalBoxFuture<'a, ()> {
        for (name, value) in [
            ("age", "999"),
            ("date", "Mon, 01 Jan 2001 00:00:00 GMT"),
            ("x-approute-cache", "MISS"),
        ] {
            entry.headers.insert(
                actix_web::http::header::HeaderName::from_static(name),
                actix_web::http::header::HeaderValue::from_static(value),
            );
        }
        self.0.put(key, entry)
    }

    fn claim_refresh<'a>(
        &'a self,
        key: &'a approute::cache::CacheKey,
    ) -> futures_util::future::LocalBoxFuture<'a, bool> {
        self.0.claim_refresh(key)
    }

    fn release_refresh(&self, key: &approute::cache::CacheKey) {
        self.0.release_refresh(key)
    }

    fn invalidate_path(&self, path: &str) {
        self.0.invalidate_path(path)
    }
}

#[actix_web::test]
async fn a_stores_own_age_and_cache_headers_are_not_sent_again_its_date_is() {
    let table = approute::routes()
        .unwrap()
        .cache_store(KeepsEverything(approute::cache::MemoryStore::new(10)));
    let app = actix_test::init_service(App::new().configure(|cfg| table.configure(cfg))).await;
    actix_test::call_service(&app, get("/planted").to_request()).await;
    let hit = actix_test::call_service(&app, get("/planted").to_request()).await;
    let all = |name: &str| -> Vec<String> {
        hit.headers()
            .get_all(name)
            .map(|value| value.to_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(all("x-approute-cache"), ["HIT"]);
    let ages = all("age");
    assert_eq!(ages.len(), 1, "{ages:?}");
    assert!(ages[0].parse::<u64>().unwrap() < 60, "{ages:?}");
    // The entry's own `Date` (RFC 9111 §4: the stored one, with the `Age`
    // since), once.
    assert_eq!(all("date"), ["Mon, 01 Jan 2001 00:00:00 GMT"]);
    assert_eq!(actix_test::read_body(hit).await, "planted");
}

/// The headers a shared cache in front reads: Next.js's `Cache-Control`
/// (`s-maxage` and a year of `stale-while-revalidate`), the stored `Date`
/// and the `Age` since on a hit; the handler's own `Cache-Control` kept; a
/// cookie's answer private; `If-None-Match` compared weakly.
#[actix_web::test]
async fn a_shared_cache_in_front_is_told_what_approute_does() {
    let app = app().await;
    let call = |request: actix_test::TestRequest| {
        let app = &app;
        async move {
            let response = actix_test::call_service(app, request.to_request()).await;
            (response.status(), response.headers().clone())
        }
    };
    let header = |headers: &actix_web::http::header::HeaderMap, name: &str| {
        headers
            .get(name)
            .map(|value| value.to_str().unwrap().to_owned())
    };
    let (status, miss) = call(get("/headers-shared")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        header(&miss, "cache-control").as_deref(),
        Some("s-maxage=60, stale-while-revalidate=31535940")
    );
    let date = header(&miss, "date").expect("the entry's date");
    actix_web::rt::time::sleep(Duration::from_millis(1100)).await;
    let (_, hit) = call(get("/headers-shared")).await;
    assert_eq!(header(&hit, "x-approute-cache").as_deref(), Some("HIT"));
    assert_eq!(
        header(&hit, "date"),
        Some(date),
        "the stored Date, not a new one"
    );
    assert_eq!(header(&hit, "age").as_deref(), Some("1"));
    assert_eq!(
        header(&hit, "cache-control"),
        header(&miss, "cache-control")
    );

    // A weak tag is the same tag to `If-None-Match` (RFC 9110 §13.1.2).
    let etag = header(&hit, "etag").unwrap();
    let weak = get("/headers-shared").insert_header(("if-none-match", format!("W/{etag}")));
    assert_eq!(call(weak).await.0, StatusCode::NOT_MODIFIED);
    let other = get("/headers-shared").insert_header(("if-none-match", "W/\"other\""));
    assert_eq!(call(other).await.0, StatusCode::OK);

    // `If-Match` compares strongly (RFC 9110 §13.1.1) and comes first: a
    // weak tag or another tag is 412, the tag itself or `*` the answer.
    let matching = get("/headers-shared").insert_header(("if-match", etag.clone()));
    assert_eq!(call(matching).await.0, StatusCode::OK);
    let any = get("/headers-shared").insert_header(("if-match", "*"));
    assert_eq!(call(any).await.0, StatusCode::OK);
    let weak = get("/headers-shared").insert_header(("if-match", format!("W/{etag}")));
    assert_eq!(call(weak).await.0, StatusCode::PRECONDITION_FAILED);
    let both = get("/headers-shared")
        .insert_header(("if-match", "\"other\""))
        .insert_header(("if-none-match", etag.clone()));
    assert_eq!(call(both).await.0, StatusCode::PRECONDITION_FAILED);

    // A miss, the handler's own answer, is conditional too: another query
    // is another entry with the same body, so the same tag.
    let (_, first) = call(get("/headers-conditional?first")).await;
    let tag = header(&first, "etag").unwrap();
    let second = get("/headers-conditional?second").insert_header(("if-none-match", tag));
    let (status, second) = call(second).await;
    assert_eq!(
        (status, header(&second, "x-approute-cache").as_deref()),
        (StatusCode::NOT_MODIFIED, Some("MISS"))
    );

    let (_, own) = call(get("/headers-own")).await;
    assert_eq!(
        header(&own, "cache-control").as_deref(),
        Some("public, max-age=5")
    );
    let (_, cookie) = call(get("/headers-cookie")).await;
    assert_eq!(
        header(&cookie, "cache-control").as_deref(),
        Some("private, no-cache, no-store, max-age=0, must-revalidate")
    );
    // Also where the request's own cookie keeps the cache out of it.
    let (_, cookie) = call(get("/headers-cookie").insert_header(("cookie", "session=1"))).await;
    assert_eq!(
        header(&cookie, "cache-control").as_deref(),
        Some("private, no-cache, no-store, max-age=0, must-revalidate")
    );
    let (_, dynamic) = call(get("/headers-dynamic")).await;
    assert_eq!(
        header(&dynamic, "cache-control"),
        None,
        "a dynamic route says nothing"
    );
}

#[route("/headers-shared", revalidate = 60)]
mod headers_shared {
    pub async fn GET() -> &'static str {
        "shared"
    }
}

#[route("/headers-own", revalidate = 60)]
mod headers_own {
    use super::*;

    pub async fn GET() -> HttpResponse {
        HttpResponse::Ok()
            .insert_header(("cache-control", "public, max-age=5"))
            .body("own")
    }
}

#[route("/headers-cookie", revalidate = 60)]
mod headers_cookie {
    use super::*;

    pub async fn GET(cookies: Cookies) -> &'static str {
        cookies.set("seen", "1");
        "with a cookie"
    }
}

#[route("/headers-dynamic")]
mod headers_dynamic {
    pub async fn GET() -> &'static str {
        "dynamic"
    }
}

#[route("/headers-conditional", revalidate = 60)]
mod headers_conditional {
    pub async fn GET() -> &'static str {
        "conditional"
    }
}
