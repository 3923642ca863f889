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
    idle_timeout: Duration,
    /// When the peer has been silent for `idle_timeout`.
    idle: Pin<Box<Sleep>>,
    ping: Interval,
    ended: bool,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("idle_timeout", &self.idle_timeout)
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
    pub(super) fn new(
        stream: AggregatedMessageStream,
        session: Session,
        idle_timeout: Duration,
    ) -> Self {
        let half = (idle_timeout / 2).max(Duration::from_millis(1));
        Messages {
            stream,
            session,
            idle_timeout,
            idle: Box::pin(sleep(idle_timeout)),
            ping: interval_at(Instant::now() + half, half),
            ended: false,
        }
    }

    /// The next text or binary message; `None` once the socket is closed,
    /// whoever closed it: the peer (its close is answered), the handler, the
    /// shutdown (1001), a limit (1009 for a frame or message too big, 1002
    /// for a protocol error) or the idle timeout (1000). Each of approute's
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
                    let code = match error {
                        ProtocolError::Overflow => CloseCode::Size,
                        // The message limit, as actix-ws reports it.
                        ProtocolError::Io(_) => CloseCode::Size,
                        _ => CloseCode::Protocol,
                    };
                    self.close(Some(CloseReason {
                        code,
                        description: Some(error.to_string()),
                    }))
                    .await;
                }
                // The connection is gone (the peer, or a close already sent).
                Event::Frame(None) => self.ended = true,
                Event::Idle => {
                    log::debug!("WebSocket closed: silent for {:?}", self.idle_timeout);
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

    /// Any frame from the peer, a pong included, shows it is there.
    fn heard(&mut self) {
        let deadline = Instant::now() + self.idle_timeout;
        self.idle.as_mut().reset(deadline);
    }

    async fn close(&mut self, reason: Option<CloseReason>) {
        self.ended = true;
        let _ = self.session.clone().close(reason).await;
    }
}
