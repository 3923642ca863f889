//! The receiving half of a socket: the peer's text and binary messages,
//! with the protocol's chores (pings, pongs, the close handshake, limits and
//! idle time) done before a message reaches the handler.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use actix_http::ws::ProtocolError;
use actix_web::rt::time::{interval_at, sleep, Instant, Interval, Sleep};
use actix_web::web::Bytes;
use actix_ws::{AggregatedMessage, AggregatedMessageStream, CloseCode, CloseReason, Session};
use bytestring::ByteString;

use super::Limits;
use futures_util::Stream;

/// A message from the peer.
///
/// ```
/// use approute::prelude::*;
/// use approute::websocket::{Message, WebSocket};
///
/// #[route("/echo")]
/// async fn GET(socket: WebSocket) -> HttpResponse {
///     socket.on_upgrade(|mut session, mut messages| async move {
///         while let Some(message) = messages.recv().await {
///             let sent = match message {
///                 Message::Text(text) => session.text(text).await,
///                 Message::Binary(bytes) => session.binary(bytes).await,
///             };
///             if sent.is_err() {
///                 break;
///             }
///         }
///     })
/// }
/// # fn main() {}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A text message (valid UTF-8, continuation frames joined).
    Text(ByteString),
    /// A binary message (continuation frames joined).
    Binary(Bytes),
}

/// The peer's messages, one [`recv`](Messages::recv) at a time.
///
/// ```
/// use approute::prelude::*;
/// use approute::websocket::{Message, WebSocket};
///
/// #[route("/count")]
/// async fn GET(socket: WebSocket) -> HttpResponse {
///     socket.on_upgrade(|_session, mut messages| async move {
///         let mut count = 0;
///         while messages.recv().await.is_some() {
///             count += 1;
///         }
///         log::info!("{count} messages");
///     })
/// }
/// # fn main() {}
/// ```
pub struct Messages {
    stream: AggregatedMessageStream,
    /// For the answers approute gives itself: pongs and closes.
    session: Session,
    /// The socket's limits: the idle time, and the sizes a close names.
    limits: Limits,
    /// When the peer has been silent for the idle time.
    idle: Pin<Box<Sleep>>,
    ping: Interval,
    ended: bool,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("limits", &self.limits)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

/// What woke `recv`.
enum Event {
    Frame(Option<Result<AggregatedMessage, ProtocolError>>),
    Idle,
    Ping,
}

impl Messages {
    pub(super) fn new(stream: AggregatedMessageStream, session: Session, limits: Limits) -> Self {
        let idle_timeout = limits.idle_timeout;
        let half = (idle_timeout / 2).max(Duration::from_millis(1));
        Messages {
            stream,
            session,
            limits,
            idle: Box::pin(sleep(idle_timeout)),
            ping: interval_at(Instant::now() + half, half),
            ended: false,
        }
    }

    /// The next text or binary message; `None` once the socket is closed,
    /// whoever closed it: the peer (its close is answered), the handler, the
    /// shutdown (1001), a limit (1009 for a frame or message too big), a
    /// protocol error (1002; 1007 for text that is not UTF-8) or the idle
    /// timeout (1000). Each of approute's
    /// own closes is logged at DEBUG: they are the peer's doing.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::websocket::{Message, WebSocket};
    ///
    /// #[route("/first")]
    /// async fn GET(socket: WebSocket) -> HttpResponse {
    ///     socket.on_upgrade(|_session, mut messages| async move {
    ///         if let Some(Message::Text(first)) = messages.recv().await {
    ///             log::info!("the peer said {first}");
    ///         }
    ///     })
    /// }
    /// # fn main() {}
    /// ```
    pub async fn recv(&mut self) -> Option<Message> {
        while !self.ended {
            match self.next_event().await {
                Event::Frame(Some(Ok(frame))) => {
                    self.heard();
                    match frame {
                        AggregatedMessage::Text(text) => return Some(Message::Text(text)),
                        AggregatedMessage::Binary(bytes) => return Some(Message::Binary(bytes)),
                        AggregatedMessage::Ping(bytes) => {
                            let _ = self.session.pong(&bytes).await;
                        }
                        AggregatedMessage::Pong(_) => {}
                        AggregatedMessage::Close(reason) => self.close(reason).await,
                    }
                }
                Event::Frame(Some(Err(error))) => {
                    log::debug!("WebSocket closed: {error}");
                    self.close(Some(self.reason_for(&error))).await;
                }
                // The connection is gone (the peer, or a close already sent).
                Event::Frame(None) => self.ended = true,
                Event::Idle => {
                    log::debug!(
                        "WebSocket closed: silent for {:?}",
                        self.limits.idle_timeout
                    );
                    self.close(Some(CloseReason {
                        code: CloseCode::Normal,
                        description: Some("idle timeout".to_owned()),
                    }))
                    .await;
                }
                Event::Ping => {
                    let _ = self.session.ping(b"").await;
                }
            }
        }
        None
    }

    fn next_event(&mut self) -> impl Future<Output = Event> + '_ {
        poll_fn(|cx| {
            if let Poll::Ready(frame) = Pin::new(&mut self.stream).poll_next(cx) {
                return Poll::Ready(Event::Frame(frame));
            }
            if self.idle.as_mut().poll(cx).is_ready() {
                return Poll::Ready(Event::Idle);
            }
            if self.ping.poll_tick(cx).is_ready() {
                return Poll::Ready(Event::Ping);
            }
            Poll::Pending
        })
    }

    /// The close for a peer's protocol error: the code RFC 6455 §7.4.1 gives
    /// its cause, and a reason a client can show. actix-http and actix-ws
    /// report three causes as I/O errors (`Io`), told apart by their kind and
    /// words until they have variants of their own.
    fn reason_for(&self, error: &ProtocolError) -> CloseReason {
        let (code, description) = match error {
            ProtocolError::Overflow => (
                CloseCode::Size,
                format!(
                    "a frame is larger than {} bytes",
                    self.limits.max_frame_size
                ),
            ),
            ProtocolError::Io(io) if io.to_string().contains("reserved bits") => (
                CloseCode::Protocol,
                "a frame has reserved bits set, and no extension was agreed".to_owned(),
            ),
            ProtocolError::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => (
                CloseCode::Invalid,
                "a text message is not valid UTF-8".to_owned(),
            ),
            ProtocolError::Io(io) if io.to_string().contains("continuation size") => (
                CloseCode::Size,
                format!(
                    "a message is larger than {} bytes",
                    self.limits.max_message_size
                ),
            ),
            other => (CloseCode::Protocol, format!("a protocol error: {other}")),
        };
        CloseReason {
            code,
            description: Some(description),
        }
    }

    /// Any frame from the peer, a pong included, shows it is there.
    fn heard(&mut self) {
        let deadline = Instant::now() + self.limits.idle_timeout;
        self.idle.as_mut().reset(deadline);
    }

    async fn close(&mut self, reason: Option<CloseReason>) {
        self.ended = true;
        let _ = self.session.clone().close(reason).await;
    }
}
