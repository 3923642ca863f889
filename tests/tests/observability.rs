//! What a production team's tracing sees of approute's answers, with the
//! real tracing-actix-web over a real socket: an error that approute
//! reshapes into its error body stays an error on the response, so the
//! span is marked failed with the error's message, as it is for a
//! hand-written actix-web service; and each span names its route
//! (`http.route`, from `match_pattern()`), under a scope and beside the
//! user's own services.

use std::collections::BTreeMap;
use std::sync::Mutex;

use actix_web::{web, App, HttpResponse};
use approute::prelude::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

#[route("/failing")]
async fn GET() -> Result<String, actix_web::Error> {
    Err(actix_web::error::ErrorInternalServerError(
        "connection to the database refused",
    ))
}

#[route("/typed/[n]")]
mod typed {
    use approute::prelude::*;
    pub async fn GET(Params(n): Params<u32>, Json(body): Json<serde_json::Value>) -> String {
        format!("{n} {body}")
    }
}

type Fields = BTreeMap<String, String>;

/// Every span's fields, kept when the span closes.
#[derive(Default)]
struct Spans {
    open: Mutex<BTreeMap<u64, Fields>>,
    closed: Mutex<Vec<Fields>>,
}

struct Collect<'a>(&'a mut Fields);

impl Visit for Collect<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: tracing::Subscriber> Layer<S> for &'static Spans {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut fields = Fields::new();
        attrs.record(&mut Collect(&mut fields));
        self.open.lock().unwrap().insert(id.into_u64(), fields);
    }
    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        if let Some(fields) = self.open.lock().unwrap().get_mut(&id.into_u64()) {
            values.record(&mut Collect(fields));
        }
    }
    fn on_close(&self, id: Id, _: Context<'_, S>) {
        if let Some(fields) = self.open.lock().unwrap().remove(&id.into_u64()) {
            self.closed.lock().unwrap().push(fields);
        }
    }
}

fn spans() -> &'static Spans {
    static SPANS: std::sync::OnceLock<&'static Spans> = std::sync::OnceLock::new();
    SPANS.get_or_init(|| {
        let spans: &'static Spans = Box::leak(Box::default());
        let subscriber = tracing_subscriber::registry().with(spans);
        tracing::subscriber::set_global_default(subscriber).unwrap();
        spans
    })
}

/// The root span tracing-actix-web closed for a request to `path`.
async fn span_of(method: &str, path: &str, body: Option<&str>) -> (u16, Fields) {
    let spans = spans();
    let (addr, handle) = approute_tests::spawn_server(|| {
        App::new()
            .wrap(tracing_actix_web::TracingLogger::default())
            .route(
                "/hand-written",
                web::get().to(|| async {
                    Err::<HttpResponse, _>(actix_web::error::ErrorInternalServerError(
                        "connection to the database refused",
                    ))
                }),
            )
            .configure(approute::configure)
    });
    let client = awc::Client::new();
    let request = client.request(method.parse().unwrap(), format!("http://{addr}{path}"));
    let response = match body {
        Some(body) => request
            .insert_header(("content-type", "application/json"))
            .send_body(body.to_owned())
            .await
            .unwrap(),
        None => request.send().await.unwrap(),
    };
    handle.stop(true).await;
    let closed = spans.closed.lock().unwrap();
    let span = closed
        .iter()
        .rev()
        .find(|fields| fields.get("http.target").map(String::as_str) == Some(path))
        .unwrap_or_else(|| panic!("no span for {path}: {closed:?}"))
        .clone();
    (response.status().as_u16(), span)
}

#[actix_web::test]
async fn an_error_approute_reshapes_stays_an_error_in_the_trace() {
    let (status, hand_written) = span_of("GET", "/hand-written", None).await;
    assert_eq!(status, 500);
    // A service of one's own keeps the pattern actix-web gives it.
    assert_eq!(
        hand_written["http.route"], "/hand-written",
        "{hand_written:?}"
    );
    assert_eq!(hand_written["otel.status_code"], "ERROR");

    let (status, ours) = span_of("GET", "/failing", None).await;
    assert_eq!(status, 500);
    // The route, as `match_pattern()` names it (tests/tests/match_pattern.rs).
    assert_eq!(ours["http.route"], "/failing", "{ours:?}");
    assert_eq!(ours["otel.name"], "GET /failing", "{ours:?}");
    assert_eq!(ours["otel.status_code"], "ERROR", "{ours:?}");
    assert_eq!(
        ours["exception.message"], hand_written["exception.message"],
        "{ours:?}"
    );
    assert!(ours["exception.message"].contains("connection to the database refused"));

    // An extractor's 4xx keeps its error too, and is not a server failure.
    let (status, rejected) = span_of("POST", "/typed/1", Some("{")).await;
    assert_eq!(status, 405, "{rejected:?}");
    let (status, rejected) = span_of("GET", "/typed/1", Some("{")).await;
    assert_eq!(status, 400);
    assert_eq!(rejected["http.route"], "/typed/{n}", "{rejected:?}");
    assert!(rejected.contains_key("exception.message"), "{rejected:?}");
    assert_ne!(
        rejected.get("otel.status_code").map(String::as_str),
        Some("ERROR")
    );
}

/// Sends GET `path` for each case and checks its status, then the route
/// its root span named.
async fn expect_routes(addr: std::net::SocketAddr, cases: &[(&str, u16, &str)]) {
    let client = awc::Client::new();
    for (path, status, _) in cases {
        let res = client
            .get(format!("http://{addr}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), *status, "{path}");
    }
    let closed = spans().closed.lock().unwrap();
    for (path, _, route) in cases {
        let span = closed
            .iter()
            .find(|fields| fields.get("http.target").map(String::as_str) == Some(*path))
            .unwrap_or_else(|| panic!("no span for {path}: {closed:?}"));
        assert_eq!(span["http.route"], *route, "{span:?}");
        assert_eq!(span["otel.name"], format!("GET {route}"), "{span:?}");
    }
}

#[actix_web::test]
async fn tracing_actix_web_names_the_route_in_every_span() {
    let (addr, handle) = approute_tests::spawn_server(|| {
        App::new()
            .wrap(tracing_actix_web::TracingLogger::default())
            .service(web::scope("/api/v1").configure(approute::configure))
            .route("/readyz", web::get().to(|| async { "ready" }))
    });
    let cases = [
        ("/api/v1/failing", 500, "/api/v1/failing"),
        ("/api/v1/typed/x", 404, "/api/v1/typed/{n}"),
        ("/readyz", 200, "/readyz"),
        // tracing-actix-web's word for unmatched.
        ("/api/v1/nope", 404, "default"),
    ];
    expect_routes(addr, &cases).await;
    handle.stop(true).await;

    // At the root, beside a service registered after approute's.
    let (addr, handle) = approute_tests::spawn_server(|| {
        App::new()
            .wrap(tracing_actix_web::TracingLogger::default())
            .configure(approute::configure)
            .route("/livez", web::get().to(|| async { "live" }))
    });
    let cases = [
        ("/typed/y", 404, "/typed/{n}"),
        ("/livez", 200, "/livez"),
        ("/nowhere", 404, "default"),
    ];
    expect_routes(addr, &cases).await;
    handle.stop(true).await;
}
