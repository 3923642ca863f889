//! `after(&req, task)`: work that runs once the response is sent, as
//! Next.js's `after()` does — a log line, an analytics call, a cache warm-up
//! that the client should not wait for.
//!
//! The tasks wait in the request's extensions; when the handler's answer is
//! ready (a response, an error, a panic's 500), they move onto its body and
//! start when the body has been written out, or dropped.

use std::cell::Cell;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use futures_util::FutureExt;

use super::error_shape::panic_message;

/// Runs `task` once the response to `req` has been sent, also after an
/// error, a redirect or a panic in the handler. It runs on the same worker,
/// bounded by the route's `max_duration` when it has one; a panic in it is
/// logged.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/comments")]
/// async fn POST(req: HttpRequest) -> HttpResponse {
///     approute::response::after(&req, async { log::info!("comment created"); });
///     HttpResponse::Created().finish()
/// }
/// # fn main() {}
/// ```
pub fn after(req: &HttpRequest, task: impl Future<Output = ()> + 'static) {
    let mut extensions = req.extensions_mut();
    match extensions.get_mut::<AfterTasks>() {
        Some(tasks) => tasks.tasks.push(Box::pin(task)),
        None => {
            extensions.insert(AfterTasks::new(Box::pin(task)));
        }
    }
}

thread_local! {
    /// How many requests on this worker hold tasks: while none does, the
    /// handler's way out skips the extension lookup, so `after` costs
    /// nothing to the requests that do not use it. Set by `AfterTasks::new`,
    /// cleared by its `Drop`; the tasks themselves are on each request, so a
    /// count above 0 costs a lookup and nothing else, and a request dropped
    /// however it ends takes its `AfterTasks` (and its count) with it.
    /// ARCHITECTURE.md, "Thread-locals".
    static PENDING: Cell<usize> = const { Cell::new(0) };
}

struct AfterTasks {
    tasks: Vec<LocalBoxFuture<'static, ()>>,
}

impl AfterTasks {
    fn new(task: LocalBoxFuture<'static, ()>) -> Self {
        PENDING.with(|pending| pending.set(pending.get() + 1));
        AfterTasks { tasks: vec![task] }
    }
}

impl Drop for AfterTasks {
    fn drop(&mut self) {
        PENDING.with(|pending| pending.set(pending.get() - 1));
    }
}

/// Moves the request's tasks, if any, onto the response's body.
#[inline]
pub(crate) fn attach(response: ServiceResponse, limit: Option<Duration>) -> ServiceResponse {
    if !pending() {
        return response;
    }
    attach_tasks(response, limit)
}

/// Whether any request of this thread has `after` tasks waiting.
#[inline]
pub(crate) fn pending() -> bool {
    PENDING.with(Cell::get) != 0
}

/// [`attach`] once [`pending`] said so.
#[cold]
fn attach_tasks(response: ServiceResponse, limit: Option<Duration>) -> ServiceResponse {
    let Some(mut pending) = response.request().extensions_mut().remove::<AfterTasks>() else {
        return response;
    };
    let tasks = std::mem::take(&mut pending.tasks);
    response.map_body(|_, body| BoxBody::new(AfterBody { body, tasks, limit }))
}

/// A body that starts its tasks once it is complete or dropped.
struct AfterBody {
    body: BoxBody,
    tasks: Vec<LocalBoxFuture<'static, ()>>,
    limit: Option<Duration>,
}

impl AfterBody {
    fn start(&mut self) {
        let limit = self.limit;
        for task in self.tasks.drain(..) {
            actix_web::rt::spawn(run(task, limit));
        }
    }
}

async fn run(task: LocalBoxFuture<'static, ()>, limit: Option<Duration>) {
    let guarded = AssertUnwindSafe(task).catch_unwind();
    let outcome = match limit {
        Some(limit) => match actix_web::rt::time::timeout(limit, guarded).await {
            Ok(outcome) => outcome,
            Err(_) => {
                log::warn!(
                    "an `after` task was stopped at its route's max_duration of {} s",
                    limit.as_secs()
                );
                return;
            }
        },
        None => guarded.await,
    };
    if let Err(panic) = outcome {
        log::error!(
            "an `after` task panicked: {}",
            panic_message(panic.as_ref())
        );
    }
}

impl MessageBody for AfterBody {
    type Error = <BoxBody as MessageBody>::Error;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.get_mut();
        let next = Pin::new(&mut this.body).poll_next(cx);
        if let Poll::Ready(None) = next {
            this.start();
        }
        next
    }
}

impl Drop for AfterBody {
    fn drop(&mut self) {
        self.start();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use actix_web::HttpResponse;

    #[actix_web::test]
    async fn tasks_are_counted_while_their_request_holds_them() {
        assert!(!pending());
        let request = TestRequest::default().to_http_request();
        after(&request, async {});
        after(&request, async {});
        assert_eq!(PENDING.with(Cell::get), 1, "one count per request");
        let response = ServiceResponse::new(request, HttpResponse::Ok().finish());
        let response = attach(response, None);
        assert!(!pending(), "moved onto the body: counted out");
        drop(response);

        // A request dropped before its answer was ready (a client gone).
        let dropped = TestRequest::default().to_http_request();
        after(&dropped, async {});
        assert!(pending());
        drop(dropped);
        assert!(!pending(), "a dropped request's tasks count themselves out");

        // The next request, with no tasks of its own, carries none.
        let next = TestRequest::default().to_http_request();
        let response = attach(
            ServiceResponse::new(next, HttpResponse::Ok().finish()),
            None,
        );
        assert!(response
            .request()
            .extensions()
            .get::<AfterTasks>()
            .is_none());
    }
}
