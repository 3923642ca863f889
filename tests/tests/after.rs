//! `after(&req, task)`: the task runs once the response is sent — the client
//! already has its body — also after an error, a redirect or a panic, and
//! is stopped at the route's `max_duration`.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use approute::prelude::*;

static BLOCKING_DONE: AtomicBool = AtomicBool::new(false);
static RAN: AtomicUsize = AtomicUsize::new(0);
static STOPPED: AtomicBool = AtomicBool::new(false);

/// Blocks the worker's only thread for a second: had it run before the
/// response was written, the client would wait that second for its body.
#[route("/blocking")]
async fn GET(req: HttpRequest) -> &'static str {
    approute::response::after(&req, async {
        std::thread::sleep(Duration::from_secs(1));
        BLOCKING_DONE.store(true, Ordering::SeqCst);
    });
    "sent first"
}

fn count(req: &HttpRequest) {
    approute::response::after(req, async {
        RAN.fetch_add(1, Ordering::SeqCst);
    });
}

#[route("/outcomes/[kind]")]
mod outcomes {
    use super::*;
    pub async fn GET(
        req: HttpRequest,
        Params(kind): Params<String>,
    ) -> Result<HttpResponse, actix_web::Error> {
        count(&req);
        count(&req);
        match kind.as_str() {
            "redirect" => Ok(redirect("/blocking")),
            "error" => Err(actix_web::error::ErrorBadRequest("no")),
            "panic" => panic!("handler bug"),
            _ => Ok(HttpResponse::Ok().finish()),
        }
    }
}

struct SetOnDrop;

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        STOPPED.store(true, Ordering::SeqCst);
    }
}

#[route("/limited", max_duration = 1)]
mod limited {
    use super::*;
    pub async fn GET(req: HttpRequest) -> &'static str {
        approute::response::after(&req, async {
            let guard = SetOnDrop;
            actix_web::rt::time::sleep(Duration::from_secs(30)).await;
            std::mem::forget(guard);
        });
        "ok"
    }
}

async fn wait_for(condition: impl Fn() -> bool) -> bool {
    for _ in 0..100 {
        if condition() {
            return true;
        }
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[actix_web::test]
async fn the_task_runs_after_the_client_has_its_body() {
    let (addr, handle) =
        approute_tests::spawn_server(|| actix_web::App::new().configure(approute::configure));
    let started = Instant::now();
    let mut response = awc::Client::new()
        .get(format!("http://{addr}/blocking"))
        .send()
        .await
        .unwrap();
    let body = response.body().await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(body, "sent first");
    assert!(
        elapsed < Duration::from_millis(800),
        "the body waited for the task: {elapsed:?}"
    );
    assert!(
        wait_for(|| BLOCKING_DONE.load(Ordering::SeqCst)).await,
        "the task never ran"
    );
    handle.stop(true).await;
}

#[actix_web::test]
async fn tasks_run_after_every_outcome_and_stop_at_max_duration() {
    let (addr, handle) =
        approute_tests::spawn_server(|| actix_web::App::new().configure(approute::configure));
    let client = awc::Client::builder().disable_redirects().finish();
    let cases = [
        ("ok", StatusCode::OK),
        ("redirect", StatusCode::TEMPORARY_REDIRECT),
        ("error", StatusCode::BAD_REQUEST),
        ("panic", StatusCode::INTERNAL_SERVER_ERROR),
    ];
    for (at, (kind, status)) in cases.into_iter().enumerate() {
        let mut response = client
            .get(format!("http://{addr}/outcomes/{kind}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{kind}");
        response.body().await.unwrap();
        let expected = 2 * (at + 1);
        assert!(
            wait_for(|| RAN.load(Ordering::SeqCst) == expected).await,
            "{kind}: {} tasks ran, {expected} expected",
            RAN.load(Ordering::SeqCst)
        );
    }

    let started = Instant::now();
    let mut response = client
        .get(format!("http://{addr}/limited"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.body().await.unwrap(), "ok");
    assert!(
        wait_for(|| STOPPED.load(Ordering::SeqCst)).await,
        "the task was not stopped"
    );
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_secs(1) && elapsed < Duration::from_secs(4),
        "{elapsed:?}"
    );
    handle.stop(true).await;
}
