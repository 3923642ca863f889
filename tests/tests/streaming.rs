//! Streamed bodies and server-sent events over a real socket: chunks arrive
//! as they are produced, events carry `id`/`event`/`data`, an idle stream
//! sends keep-alive comments, `Last-Event-ID` is readable, and a client that
//! goes away stops the producer.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use actix_web::web::Bytes;
use approute::prelude::*;
use approute::response::{Event, Sse};
use futures_util::{stream, Stream, StreamExt};

static FIRST_CHUNK_READ: AtomicBool = AtomicBool::new(false);
static PRODUCER_DROPPED: AtomicBool = AtomicBool::new(false);
static QUIET_DROPPED: AtomicBool = AtomicBool::new(false);

/// The second chunk is produced only once the client has read the first:
/// a buffered body would never get there.
#[route("/chunks")]
async fn GET() -> HttpResponse {
    let chunks = stream::unfold(0, |step| async move {
        match step {
            0 => Some((Ok::<_, actix_web::Error>(Bytes::from("first;")), 1)),
            1 => {
                let waited = Instant::now();
                while !FIRST_CHUNK_READ.load(Ordering::SeqCst) {
                    if waited.elapsed() > Duration::from_secs(5) {
                        return Some((Ok(Bytes::from("the client never saw the first chunk")), 2));
                    }
                    actix_web::rt::time::sleep(Duration::from_millis(10)).await;
                }
                Some((Ok(Bytes::from("second")), 2))
            }
            _ => None,
        }
    });
    HttpResponse::Ok()
        .content_type("text/plain")
        .streaming(chunks)
}

struct OnDrop;

struct QuietOnDrop;

impl Drop for QuietOnDrop {
    fn drop(&mut self) {
        QUIET_DROPPED.store(true, Ordering::SeqCst);
    }
}

impl Drop for OnDrop {
    fn drop(&mut self) {
        PRODUCER_DROPPED.store(true, Ordering::SeqCst);
    }
}

/// An endless producer, one event every 20 ms, from after `Last-Event-ID`.
fn ticks(after: u64) -> impl Stream<Item = Event> {
    stream::unfold((after, OnDrop), |(last, guard)| async move {
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
        let next = last + 1;
        let event = Event::data(format!("tick {next}\nline two"))
            .id(next.to_string())
            .event("tick");
        Some((event, (next, guard)))
    })
}

#[route("/events")]
mod events {
    use super::*;
    pub async fn GET(req: HttpRequest) -> Sse<impl Stream<Item = Event>> {
        let after = approute::response::last_event_id(&req)
            .and_then(|id| id.parse().ok())
            .unwrap_or(0);
        Sse::new(ticks(after))
    }
}

#[route("/quiet")]
mod quiet {
    use super::*;
    pub async fn GET() -> Sse<impl Stream<Item = Event>> {
        let guard = QuietOnDrop;
        let silent = stream::pending::<Event>().map(move |event| {
            let _ = &guard;
            event
        });
        Sse::new(silent).keep_alive(Duration::from_millis(100))
    }
}

/// A chat relaying client text as data: a CR in it must not start a field.
#[route("/relay")]
mod relay {
    use super::*;
    pub async fn GET(search: SearchParams) -> Sse<impl Stream<Item = Event>> {
        let message = search.get("message").unwrap_or_default().to_owned();
        Sse::new(stream::iter([Event::data(message).event("chat")]))
    }
}

fn server() -> (std::net::SocketAddr, actix_web::dev::ServerHandle) {
    approute_tests::spawn_server(|| actix_web::App::new().configure(approute::configure))
}

/// The server's answer to a GET of `path`, its body still to read.
async fn open(
    addr: std::net::SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
) -> awc::ClientResponse<impl Stream<Item = Result<Bytes, awc::error::PayloadError>>> {
    let mut request = awc::Client::new().get(format!("http://{addr}{path}"));
    for header in headers {
        request = request.insert_header(*header);
    }
    request.send().await.unwrap()
}

/// Waits until `flag` is set, failing after a second.
async fn within_a_second(flag: &AtomicBool, what: &str) {
    let started = Instant::now();
    while !flag.load(Ordering::SeqCst) {
        assert!(started.elapsed() < Duration::from_secs(1), "{what}");
        actix_web::rt::time::sleep(Duration::from_millis(10)).await;
    }
}

#[actix_web::test]
async fn a_streamed_body_arrives_chunk_by_chunk() {
    let (addr, handle) = server();
    let mut response = open(addr, "/chunks", &[]).await;
    assert_eq!(
        response.headers().get("transfer-encoding").unwrap(),
        "chunked"
    );
    let first = response.next().await.unwrap().unwrap();
    assert_eq!(first, "first;");
    FIRST_CHUNK_READ.store(true, Ordering::SeqCst);
    let mut rest = Vec::new();
    while let Some(chunk) = response.next().await {
        rest.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(rest, b"second");
    handle.stop(true).await;
}

/// Reads from the event stream until `count` events have arrived.
async fn read_events<S, E>(body: &mut S, count: usize) -> String
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Debug,
{
    let mut text = String::new();
    while text.matches("\n\n").count() < count {
        let chunk = body.next().await.unwrap().unwrap();
        text.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    text
}

#[actix_web::test]
async fn a_line_ending_in_relayed_data_cannot_add_a_field() {
    let (addr, handle) = server();
    let mut response = open(
        addr,
        "/relay?message=x%0Devent%3A%20evil%0Did%3A%20666%0D%0Aend",
        &[],
    )
    .await;
    let text = read_events(&mut response, 1).await;
    assert_eq!(
        text,
        "event: chat\ndata: x\ndata: event: evil\ndata: id: 666\ndata: end\n\n"
    );
    // Read as an `EventSource` reads it: CR, LF and CRLF each end a line.
    let fields: Vec<&str> = text
        .split(['\r', '\n'])
        .filter_map(|line| line.split_once(':').map(|(field, _)| field))
        .collect();
    assert_eq!(fields, ["event", "data", "data", "data", "data"]);
    handle.stop(true).await;
}

#[actix_web::test]
async fn events_resume_after_last_event_id_and_stop_when_the_client_leaves() {
    let (addr, handle) = server();
    let mut response = open(addr, "/events", &[("last-event-id", "41")]).await;
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "text/event-stream"
    );
    assert_eq!(response.headers().get("cache-control").unwrap(), "no-cache");
    let text = read_events(&mut response, 2).await;
    assert!(
        text.starts_with("id: 42\nevent: tick\ndata: tick 42\ndata: line two\n\nid: 43\n"),
        "{text}"
    );
    assert!(!PRODUCER_DROPPED.load(Ordering::SeqCst));

    drop(response);
    within_a_second(&PRODUCER_DROPPED, "the producer outlived its client").await;
    handle.stop(true).await;
}

#[actix_web::test]
async fn an_idle_stream_sends_keep_alive_comments() {
    let (addr, handle) = server();
    let mut response = open(addr, "/quiet", &[]).await;
    let started = Instant::now();
    let text = read_events(&mut response, 2).await;
    assert_eq!(text, ": keep-alive\n\n: keep-alive\n\n");
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "{:?}",
        started.elapsed()
    );
    // Not graceful: actix-web's graceful stop waits out its 30 s shutdown
    // timeout on this connection, though the stream is gone (noted).
    handle.stop(false).await;
}
