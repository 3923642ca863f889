//! What a production team's tracing sees of approute's answers, with the
//! real tracing-actix-web over a real socket: an error that approute
//! reshapes into its error body stays an error on the response, so the
//! span is marked failed with the error's message, as it is for a
//! hand-written actix-web service; and README's root-span builder records
//! each route's pattern as `http.route`.

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

/// README's "Observability" workaround until `match_pattern()` knows
/// approute's routes: the span's route from the `RouteMatch` the request
/// carries, recorded when the request ends.
struct ApprouteRootSpan;

impl tracing_actix_web::RootSpanBuilder for ApprouteRootSpan {
    fn on_request_start(request: &actix_web::dev::ServiceRequest) -> tracing::Span {
        tracing_actix_web::root_span!(request)
    }

    fn on_request_end<B: actix_web::body::MessageBody>(
        span: tracing::Span,
        outcome: &Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>,
    ) {
        if let Ok(response) = outcome {
            let request = response.request();
            if let Some(matched) = request.extensions().get::<approute::routing::RouteMatch>() {
                let route = format!(
                    "{}{}",
                    approute::routing::mount_prefix(request),
                    matched.pattern()
                );
                span.record("http.route", route.as_str());
                span.record(
                    "otel.name",
                    format!("{} {route}", request.method()).as_str(),
                );
            }
        }
        tracing_actix_web::DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// The root span tracing-actix-web closed for a request to `path`.
async fn span_of(method: &str, path: &str, body: Option<&str>) -> (u16, Fields) {
    let spans = spans();
    let (addr, handle) = approute_tests::spawn_server(|| {
        App::new()
            .wrap(tracing_actix_web::TracingLogger::<ApprouteRootSpan>::new())
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
    // The route, as the workaround records it (`match_pattern()` says "").
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
    assert_eq!(rejected["http.route"], "/typed/[n]", "{rejected:?}");
    assert!(rejected.contains_key("exception.message"), "{rejected:?}");
    assert_ne!(
        rejected.get("otel.status_code").map(String::as_str),
        Some("ERROR")
    );
}
