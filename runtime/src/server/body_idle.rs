//! A request body that stops arriving fails with 408 under [`Server`]:
//! actix-web times out slow request *headers* (`client_request_timeout`)
//! but waits for a body forever, so a client that sends `Content-Length:
//! 1000` and ten bytes would hold its connection and its handler for good.
//!
//! [`Server`]: crate::server::Server

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::rt::time::{sleep, Instant, Sleep};
use actix_web::web::Bytes;
use actix_web::{Error, HttpMessage};

use crate::response::rejection::BodyIdle;
use futures_util::Stream;

/// `serve`'s default: a body that sends nothing for this long is given up.
pub(crate) const DEFAULT_BODY_IDLE: Duration = Duration::from_secs(30);

/// The `#[middleware]`-shaped stage `Server` installs: a request with a body
/// gets it watched, so that reading it fails once it sends nothing for
/// `idle`; the extractor's error is then a 408 (error shaping reads
/// [`BodyIdle`] off the error).
pub(crate) async fn watch_body(
    idle: Duration,
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    // actix-http gives a request without a body (no `Content-Length`
    // other than 0, not chunked) no payload at all: nothing to watch, and
    // no header to look up on most requests.
    let body = req.take_payload();
    if matches!(body, Payload::None) || !has_body(&req) {
        req.set_payload(body);
    } else {
        let watched = Watched {
            body,
            idle,
            timer: Box::pin(sleep(idle)),
        };
        req.set_payload(Payload::from(
            Box::pin(watched) as Pin<Box<dyn Stream<Item = _>>>
        ));
    }
    next.call(req).await
}

/// A `Content-Length` other than 0, or a chunked body: not a WebSocket
/// upgrade's stream, which may rightly stay silent.
fn has_body(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    headers
        .get(header::CONTENT_LENGTH)
        .is_some_and(|length| length.as_bytes() != b"0")
        || headers.contains_key(header::TRANSFER_ENCODING)
}

/// The request's body, failing once it sends nothing for `idle`.
struct Watched {
    body: Payload,
    idle: Duration,
    timer: Pin<Box<Sleep>>,
}

impl Stream for Watched {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        match Pin::new(&mut this.body).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                this.timer.as_mut().reset(Instant::now() + this.idle);
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(other) => Poll::Ready(other),
            Poll::Pending => match this.timer.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    let idle = BodyIdle(this.idle);
                    let error = io::Error::new(io::ErrorKind::TimedOut, idle);
                    Poll::Ready(Some(Err(PayloadError::Io(error))))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}
