//! `#[middleware]`: which requests each runs on (handlers, 405, OPTIONS,
//! redirects, `serve`'s 404, paths a pattern reaches only partly, under a
//! scope), in which order, and what an early return, an error or a panic
//! answers.

use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{test as actix_test, web, App};
use approute::prelude::*;

static DASHBOARD_RUNS: AtomicUsize = AtomicUsize::new(0);

#[derive(Clone)]
struct User(String);

#[route("/dashboard/[[...rest]]")]
mod dashboard {
    use super::*;
    pub async fn GET(req: HttpRequest) -> HttpResponse {
        DASHBOARD_RUNS.fetch_add(1, Ordering::SeqCst);
        let user = req.extensions().get::<User>().map(|user| user.0.clone());
        let header = req
            .headers()
            .get("x-user")
            .map(|value| value.to_str().unwrap().to_owned());
        let mut response = HttpResponse::Ok().body(format!("dashboard for {user:?} {header:?}"));
        if let Some(trace) = req.headers().get("x-trace") {
            response
                .headers_mut()
                .insert(HeaderName::from_static("x-in"), trace.clone());
        }
        response
    }
    pub async fn PUT() -> &'static str {
        "put"
    }
}

#[route("/comments/[id]")]
async fn GET(Params(id): Params<String>) -> String {
    format!("comment {id}")
}

#[route("/boom")]
mod boom {
    pub async fn GET() -> &'static str {
        "unreachable: the middleware panics"
    }
}

#[route("/forbidden")]
mod forbidden {
    pub async fn GET() -> &'static str {
        "unreachable: the middleware refuses"
    }
}

#[route("/handler-panics")]
mod handler_panics {
    pub async fn GET() -> &'static str {
        panic!("handler bug")
    }
}

#[route("/handler-fails")]
mod handler_fails {
    pub async fn GET() -> Result<&'static str, actix_web::Error> {
        Err(actix_web::error::ErrorConflict("taken"))
    }
}

/// Appends `name` to a header's comma-separated list.
fn append(headers: &mut header::HeaderMap, header: &'static str, name: &str) {
    let header = HeaderName::from_static(header);
    let before = headers
        .get(&header)
        .map(|value| format!("{},", value.to_str().unwrap()))
        .unwrap_or_default();
    let value = HeaderValue::from_str(&format!("{before}{name}")).unwrap();
    headers.insert(header, value);
}

/// On the way in: the handler echoes `x-trace` as `x-in`.
fn trace(mut req: ServiceRequest, name: &str) -> ServiceRequest {
    append(req.headers_mut(), "x-trace", name);
    req
}

/// On the way out.
fn stamp(response: &mut ServiceResponse<BoxBody>, name: &'static str) {
    append(response.headers_mut(), "x-out", name);
}

/// Every path, broadest: first among `order = 0`.
#[middleware]
async fn everywhere(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let mut response = next.call(trace(req, "everywhere")).await?;
    stamp(&mut response, "everywhere");
    Ok(response)
}

/// Last: a higher `order`, whatever its pattern.
#[middleware("/dashboard/[[...rest]]", order = 1)]
async fn audit(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let mut response = next.call(trace(req, "audit")).await?;
    stamp(&mut response, "audit");
    response
        .response_mut()
        .add_cookie(&Cookie::new("seen", "1"))
        .unwrap();
    Ok(response)
}

/// The tutorial's check: 401 without an Authorization header.
#[middleware("/dashboard/[[...rest]]")]
async fn require_login(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let Some(token) = req.headers().get(header::AUTHORIZATION).cloned() else {
        let response = error_response(StatusCode::UNAUTHORIZED, "log in first");
        return Ok(req.into_response(response));
    };
    let mut req = trace(req, "require_login");
    req.extensions_mut()
        .insert(User(token.to_str().unwrap().to_owned()));
    req.headers_mut()
        .insert(HeaderName::from_static("x-user"), token);
    next.call(req).await
}

/// Reaches `/comments/[id]` only for `new`: checked per request there.
#[middleware("/comments/new", "/boom")]
async fn new_comment_or_boom(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if req.path().ends_with("/boom") {
        panic!("middleware bug");
    }
    let mut response = next.call(req).await?;
    stamp(&mut response, "new_comment");
    Ok(response)
}

#[middleware("/forbidden")]
async fn refuse(
    _req: ServiceRequest,
    _next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    Err(actix_web::error::ErrorForbidden("not for you"))
}

struct Reply {
    status: StatusCode,
    headers: header::HeaderMap,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().unwrap())
    }
}

async fn call_app<F>(app: App<F>, method: Method, uri: &str, authorized: bool) -> Reply
where
    F: approute::server::AppFactory<Body = BoxBody>,
{
    let app = actix_test::init_service(app).await;
    let mut request = actix_test::TestRequest::default().method(method).uri(uri);
    if authorized {
        request = request.insert_header((header::AUTHORIZATION, "Bearer ada"));
    }
    let response = actix_test::call_service(&app, request.to_request()).await;
    let status = response.status();
    let headers = response.headers().clone();
    let body = actix_test::read_body(response).await;
    Reply {
        status,
        headers,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

async fn call(method: Method, uri: &str, authorized: bool) -> Reply {
    call_app(
        App::new().configure(approute::configure),
        method,
        uri,
        authorized,
    )
    .await
}

#[actix_web::test]
async fn a_login_check_guards_the_dashboard() {
    let before = DASHBOARD_RUNS.load(Ordering::SeqCst);
    let reply = call(Method::GET, "/dashboard/settings", false).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.body, r#"{"error":"log in first"}"#);
    // The early return never reached the handler; the outer ones still ran.
    assert_eq!(DASHBOARD_RUNS.load(Ordering::SeqCst), before);
    assert_eq!(reply.header("x-out"), Some("everywhere"));

    let reply = call(Method::GET, "/dashboard", true).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.body,
        r#"dashboard for Some("Bearer ada") Some("Bearer ada")"#
    );
    assert_eq!(reply.header("set-cookie"), Some("seen=1"));
}

#[actix_web::test]
async fn the_chain_runs_in_order_and_unwinds_in_reverse() {
    let reply = call(Method::GET, "/dashboard/a/b", true).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("x-in"), Some("everywhere,require_login,audit"));
    // `audit` stamps its response first: it is innermost.
    assert_eq!(reply.header("x-out"), Some("audit,everywhere"));

    let table = approute::routes().unwrap();
    let chain: Vec<_> = table
        .entries()
        .find(|entry| entry.pattern == "/dashboard/[[...rest]]")
        .unwrap()
        .middleware
        .iter()
        .map(|link| link.name)
        .collect();
    assert_eq!(chain, ["everywhere", "require_login", "audit"]);
    let listing = table.to_string();
    assert!(
        listing.contains("via everywhere, require_login, audit"),
        "{listing}"
    );
    let comments = listing
        .lines()
        .find(|line| line.contains("/comments/[id]"))
        .unwrap();
    assert!(
        comments.ends_with("  via everywhere, new_comment_or_boom (some paths)"),
        "{listing}"
    );
}

#[actix_web::test]
async fn a_service_of_the_app_beside_approute_runs_none_of_it() {
    let app = App::new()
        .route(
            "/trace",
            web::get().to(|| async { "not approute's: no middleware" }),
        )
        .configure(approute::configure);
    let reply = call_app(app, Method::GET, "/trace", false).await;
    assert_eq!(reply.header("x-out"), None);
}

#[actix_web::test]
async fn approute_s_own_answers_run_the_chain() {
    let cases = [
        (Method::DELETE, "/dashboard", StatusCode::METHOD_NOT_ALLOWED),
        (Method::OPTIONS, "/dashboard", StatusCode::NO_CONTENT),
        (Method::GET, "/dashboard/x/", StatusCode::PERMANENT_REDIRECT),
        (Method::GET, "/comments/7/", StatusCode::PERMANENT_REDIRECT),
        (Method::GET, "/comments/%FF", StatusCode::BAD_REQUEST),
    ];
    for (method, uri, status) in cases {
        let reply = call(method.clone(), uri, true).await;
        assert_eq!(reply.status, status, "{method} {uri}");
        assert!(
            reply
                .header("x-out")
                .is_some_and(|out| out.ends_with("everywhere")),
            "{method} {uri}: {:?}",
            reply.header("x-out")
        );
    }
    // A redirect of the dashboard is guarded too.
    let reply = call(Method::GET, "/dashboard/x/", false).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn a_pattern_that_reaches_some_paths_of_a_route_is_checked_per_request() {
    let reply = call(Method::GET, "/comments/new", false).await;
    assert_eq!(reply.body, "comment new");
    assert_eq!(reply.header("x-out"), Some("new_comment,everywhere"));
    let reply = call(Method::GET, "/comments/7", false).await;
    assert_eq!(reply.header("x-out"), Some("everywhere"));
}

/// What a middleware's `Err` and panic answer.
const REFUSALS: [(&str, StatusCode, &str); 2] = [
    (
        "/forbidden",
        StatusCode::FORBIDDEN,
        r#"{"error":"not for you"}"#,
    ),
    (
        "/boom",
        StatusCode::INTERNAL_SERVER_ERROR,
        r#"{"error":"internal server error"}"#,
    ),
];

/// A middleware's `Err` and panic travel as actix-web's own middleware
/// errors do (the request went into the middleware), rendering the error
/// body: a client gets that response (see the socket test below).
#[actix_web::test]
async fn an_error_is_its_status_and_a_panic_a_500() {
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    for (uri, status, body) in REFUSALS {
        let request = actix_test::TestRequest::get().uri(uri).to_request();
        let error = actix_test::try_call_service(&app, request)
            .await
            .err()
            .unwrap();
        let response = error.error_response();
        assert_eq!(response.status(), status, "{uri}");
        let bytes = actix_web::body::to_bytes(response.into_body())
            .await
            .unwrap();
        assert_eq!(bytes, body, "{uri}");
    }
    // The same worker keeps serving.
    let next = actix_test::TestRequest::get()
        .uri("/comments/3")
        .to_request();
    let response = actix_test::call_service(&app, next).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[actix_web::test]
async fn under_a_scope_patterns_are_relative_to_the_mount() {
    let app = || App::new().service(web::scope("/api").configure(approute::configure));
    let reply = call_app(app(), Method::GET, "/api/dashboard", false).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let reply = call_app(app(), Method::GET, "/api/comments/new", false).await;
    assert_eq!(reply.header("x-out"), Some("new_comment,everywhere"));
    let reply = call_app(app(), Method::GET, "/api/dashboard/", false).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn over_a_socket_serve_s_404_errors_and_panics_answer() {
    let (addr, handle) = approute_tests::spawn_approute(
        approute::server::Server::from_registry()
            .unwrap()
            .app(actix_web::App::new),
    );
    let client = awc::Client::new();

    let response = client
        .get(format!("http://{addr}/nothing/here"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers().get("x-out").unwrap(), "everywhere");

    // `require_login` covers /dashboard/[[...rest]]: its 404s too. (This
    // table serves every dashboard path, so the check shows on a 405.)
    let response = client
        .post(format!("http://{addr}/dashboard/x"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    let served = ("/comments/1", StatusCode::OK, "comment 1");
    for (path, status, body) in REFUSALS.into_iter().chain([served]) {
        let mut response = client
            .get(format!("http://{addr}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(response.body().await.unwrap(), body, "{path}");
    }
    handle.stop(true).await;
}

#[test]
fn the_table_as_json_carries_the_chain() {
    let json = approute::routes().unwrap().to_json();
    let routes = json["routes"].as_array().unwrap();
    let dashboard = routes
        .iter()
        .find(|route| route["pattern"] == "/dashboard/[[...rest]]" && route["method"] == "PUT")
        .unwrap();
    assert_eq!(dashboard["kind"], "route");
    assert_eq!(dashboard["location"]["file"], "tests/tests/middleware.rs");
    let names: Vec<&str> = dashboard["middleware"]
        .as_array()
        .unwrap()
        .iter()
        .map(|link| link["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["everywhere", "require_login", "audit"]);
    let comment = routes
        .iter()
        .find(|route| route["pattern"] == "/comments/[id]")
        .unwrap();
    assert_eq!(comment["middleware"][1]["every_path"], false);
    assert_eq!(json["warnings"], serde_json::json!([]));
}

/// A handler's panic and error behind a middleware: answered at the end of
/// the chain, as without one (500 and the error body; the error's own status
/// and body), and the middleware sees that answer on its way out.
#[actix_web::test]
async fn a_handlers_panic_and_error_behind_a_middleware_are_answered_inside_it() {
    let reply = call(Method::GET, "/handler-panics", false).await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(reply.body, r#"{"error":"internal server error"}"#);
    assert_eq!(reply.header("x-out"), Some("everywhere"));
    let reply = call(Method::GET, "/handler-fails", false).await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.body, r#"{"error":"taken"}"#);
    assert_eq!(reply.header("x-out"), Some("everywhere"));
}
