//! Server-sent events: a stream of [`Event`]s answered as
//! `text/event-stream`, with keep-alive comments while the stream is idle.
//! When the client goes away, actix-web drops the response body and with
//! it the stream: the producer stops there, at its next `await`.

use std::fmt::Write;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BodySize, MessageBody};
use actix_web::http::header::{self, HeaderValue};
use actix_web::rt::time::{interval_at, Instant, Interval};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, Responder};
use futures_util::Stream;

/// One server-sent event. `data` may hold several lines.
///
/// ```
/// use approute::response::Event;
///
/// let event = Event::data("two\nlines").id("7").event("comment");
/// # let _ = event;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Event {
    id: Option<String>,
    event: Option<String>,
    data: String,
}

impl Event {
    /// An event carrying `data`.
    ///
    /// ```
    /// let event = approute::response::Event::data("hello");
    /// # let _ = event;
    /// ```
    pub fn data(data: impl Into<String>) -> Self {
        Event {
            data: data.into(),
            ..Event::default()
        }
    }

    /// Its `id:`, which the browser sends back as `Last-Event-ID` when it
    /// reconnects.
    ///
    /// ```
    /// let event = approute::response::Event::data("hello").id("1");
    /// # let _ = event;
    /// ```
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Its `event:` name (`message` when none).
    ///
    /// ```
    /// let event = approute::response::Event::data("{}").event("comment");
    /// # let _ = event;
    /// ```
    pub fn event(mut self, name: impl Into<String>) -> Self {
        self.event = Some(name.into());
        self
    }

    /// The event in the wire format. A browser ends a line at CR, LF or
    /// CRLF: each of them in `data` starts another `data:` line, and in
    /// `id` or `event`, where it would start another field, it is replaced
    /// by a space.
    fn encode(&self) -> Bytes {
        let mut text = String::with_capacity(self.data.len() + 16);
        let one_line = |value: &str| value.replace(['\r', '\n'], " ");
        if let Some(id) = &self.id {
            let _ = writeln!(text, "id: {}", one_line(id));
        }
        if let Some(event) = &self.event {
            let _ = writeln!(text, "event: {}", one_line(event));
        }
        for line in lines(&self.data) {
            let _ = writeln!(text, "data: {line}");
        }
        text.push('\n');
        Bytes::from(text)
    }
}

/// The lines of `text` as the event-stream grammar ends them: CRLF, CR or
/// LF. A CR alone must split too: `x\revent: evil` is two lines to a browser.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        let Some(end) = text.find(['\r', '\n']) else {
            rest = None;
            return Some(text);
        };
        let ending = if text[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = Some(&text[end + ending..]);
        Some(&text[..end])
    })
}

/// A `text/event-stream` response from a stream of [`Event`]s; a comment
/// line every 15 s (or [`Sse::keep_alive`]) keeps proxies from closing an
/// idle connection.
///
/// ```
/// use approute::prelude::*;
/// use approute::{response::{Event, Sse}};
///
/// #[route("/ticks")]
/// async fn GET(req: HttpRequest) -> Sse<impl futures_util::Stream<Item = Event>> {
///     // A reconnecting browser says where it stopped.
///     let start: u64 = approute::response::last_event_id(&req).and_then(|id| id.parse().ok()).unwrap_or(0);
///     Sse::new(futures_util::stream::iter((start + 1..start + 4).map(|n| Event::data(n.to_string()).id(n.to_string()))))
/// }
/// # fn main() {}
/// ```
pub struct Sse<S> {
    events: S,
    keep_alive: Duration,
}

impl<S> std::fmt::Debug for Sse<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sse")
            .field("keep_alive", &self.keep_alive)
            .finish_non_exhaustive()
    }
}

impl<S> Sse<S>
where
    S: Stream<Item = Event> + 'static,
{
    /// Answers with `events`, as they come.
    ///
    /// ```
    /// use approute::response::{Event, Sse};
    ///
    /// let events = futures_util::stream::iter([Event::data("a"), Event::data("b")]);
    /// let sse = Sse::new(events);
    /// # let _ = sse;
    /// ```
    pub fn new(events: S) -> Self {
        Sse {
            events,
            keep_alive: Duration::from_secs(15),
        }
    }

    /// How long the stream may stay idle before a keep-alive comment.
    ///
    /// ```
    /// use std::time::Duration;
    /// use approute::response::{Event, Sse};
    ///
    /// let sse = Sse::new(futures_util::stream::pending::<Event>()).keep_alive(Duration::from_secs(5));
    /// # let _ = sse;
    /// ```
    pub fn keep_alive(mut self, every: Duration) -> Self {
        self.keep_alive = every;
        self
    }
}

/// The `Last-Event-ID` a reconnecting browser sends: the `id` of the last
/// event it received.
///
/// ```
/// use actix_web::test::TestRequest;
///
/// let req = TestRequest::default().insert_header(("Last-Event-ID", "41")).to_http_request();
/// assert_eq!(approute::response::last_event_id(&req), Some("41"));
/// ```
pub fn last_event_id(req: &HttpRequest) -> Option<&str> {
    req.headers()
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
}

impl<S> Responder for Sse<S>
where
    S: Stream<Item = Event> + 'static,
{
    type Body = SseBody<S>;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse<Self::Body> {
        let body = SseBody {
            events: Box::pin(self.events),
            keep_alive: interval_at(Instant::now() + self.keep_alive, self.keep_alive),
        };
        let mut response = HttpResponse::Ok()
            .insert_header((
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/event-stream"),
            ))
            .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
            .finish()
            .set_body(body);
        // Proxies such as nginx buffer responses unless told not to.
        response.headers_mut().insert(
            header::HeaderName::from_static("x-accel-buffering"),
            HeaderValue::from_static("no"),
        );
        response
    }
}

/// The body of an [`Sse`] response.
///
/// ```
/// use actix_web::body::MessageBody;
/// use approute::response::{Event, Sse, SseBody};
/// use futures_util::stream::Iter;
///
/// // What `Sse` answers with; a `MessageBody` of its own, for a response built by hand.
/// fn body_of<S: futures_util::Stream<Item = Event>>(_: &SseBody<S>) {}
/// # let _ = body_of::<Iter<std::vec::IntoIter<Event>>>;
/// ```
pub struct SseBody<S> {
    events: Pin<Box<S>>,
    keep_alive: Interval,
}

impl<S> std::fmt::Debug for SseBody<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SseBody").finish_non_exhaustive()
    }
}

impl<S> MessageBody for SseBody<S>
where
    S: Stream<Item = Event>,
{
    type Error = std::convert::Infallible;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.get_mut();
        match this.events.as_mut().poll_next(cx) {
            Poll::Ready(Some(event)) => {
                this.keep_alive.reset();
                Poll::Ready(Some(Ok(event.encode())))
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => match this.keep_alive.poll_tick(cx) {
                Poll::Ready(_) => Poll::Ready(Some(Ok(Bytes::from_static(b": keep-alive\n\n")))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Event;

    #[test]
    fn events_in_the_wire_format() {
        assert_eq!(Event::data("hello").encode(), "data: hello\n\n");
        assert_eq!(
            Event::data("a\nb").id("7").event("tick").encode(),
            "id: 7\nevent: tick\ndata: a\ndata: b\n\n"
        );
        assert_eq!(Event::data("x").id("1\n2").encode(), "id: 1 2\ndata: x\n\n");
    }

    #[test]
    fn every_line_ending_of_the_grammar_starts_a_data_line() {
        assert_eq!(
            Event::data("x\revent: evil\rid: 666").encode(),
            "data: x\ndata: event: evil\ndata: id: 666\n\n"
        );
        assert_eq!(
            Event::data("a\r\nb\n\rc\r").encode(),
            "data: a\ndata: b\ndata: \ndata: c\ndata: \n\n"
        );
        assert_eq!(Event::data("").encode(), "data: \n\n");
        assert_eq!(
            Event::data("x").id("1\r2").event("a\r\nb").encode(),
            "id: 1 2\nevent: a  b\ndata: x\n\n"
        );
    }
}
