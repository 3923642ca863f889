//! WebSocket route handlers: a `#[route]` GET that takes [`WebSocket`]
//! accepts the upgrade and hands the connection to a task of its own.
//!
//! ```
//! use approute::prelude::*;
//! use approute::websocket::{Message, WebSocket};
//!
//! /// Echoes every message back.
//! #[route("/echo")]
//! async fn GET(socket: WebSocket) -> HttpResponse {
//!     socket.on_upgrade(|mut session, mut messages| async move {
//!         while let Some(message) = messages.recv().await {
//!             let sent = match message {
//!                 Message::Text(text) => session.text(text).await,
//!                 Message::Binary(bytes) => session.binary(bytes).await,
//!             };
//!             if sent.is_err() {
//!                 break;
//!             }
//!         }
//!     })
//! }
//! # fn main() {}
//! ```
//!
//! The request goes through the route's `#[middleware]` first, like any
//! other: one that answers (a 401 without a token) refuses the upgrade with
//! that response. A request that is no upgrade (a browser's plain GET) is
//! answered 426 Upgrade Required in the error body, a malformed handshake
//! 400. The listing and [`RouteTable::to_json`](crate::routing::RouteTable::to_json)
//! mark the route `websocket`; the OpenAPI document leaves it out (OpenAPI
//! cannot describe an upgrade).
//!
//! What approute does for every socket, with [`Limits`]' defaults:
//! a frame over 64 KiB or a message over 1 MiB closes it with 1009 (Message
//! Too Big); a ping every half idle time keeps a live peer talking, and a
//! peer silent for 60 s is closed with 1000; pings are answered, and a
//! close from the peer is answered and ends [`Messages::recv`]. Graceful
//! shutdown under [`Server`](crate::server::Server) and [`serve`](crate::serve)
//! closes every open socket with 1001 (Going Away) at the signal, so the
//! drain does not wait out its timeout; an application that runs its own
//! `HttpServer` calls [`close_all`] from its shutdown.

mod messages;
mod open;

use std::future::{ready, Future, Ready};
use std::time::Duration;

use actix_web::dev::Payload;
use actix_web::error::InternalError;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};

pub use actix_ws::{CloseCode, CloseReason, Closed, Session};
pub use messages::{Message, Messages};
pub(crate) use open::OpenSockets;
pub use open::{close_all, open_sockets};

use crate::response::error_response;
use crate::routing::request_route::with_settings;

/// The limits of one socket: [`WebSocket`]'s setters change them per route.
///
/// ```
/// let limits = approute::websocket::Limits::default();
/// assert_eq!(limits.max_frame_size, 64 * 1024);
/// assert_eq!(limits.idle_timeout, std::time::Duration::from_secs(60));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest frame a peer may send: 64 KiB.
    pub max_frame_size: usize,
    /// The largest message, its continuation frames together: 1 MiB.
    pub max_message_size: usize,
    /// How long a peer may send nothing, not even a pong, before the
    /// socket is closed: 60 s. approute pings it every half of this.
    pub idle_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_frame_size: 64 * 1024,
            max_message_size: 1024 * 1024,
            idle_timeout: Duration::from_secs(60),
        }
    }
}

/// A WebSocket upgrade request: take it as a GET handler's argument and
/// answer [`WebSocket::on_upgrade`]. The handshake is checked when it is
/// extracted, so `on_upgrade` cannot fail.
///
/// ```
/// use approute::prelude::*;
/// use approute::websocket::{Message, WebSocket};
///
/// #[route("/echo")]
/// async fn GET(socket: WebSocket) -> HttpResponse {
///     socket.on_upgrade(|mut session, mut messages| async move {
///         while let Some(Message::Text(text)) = messages.recv().await {
///             if session.text(text).await.is_err() {
///                 break;
///             }
///         }
///     })
/// }
/// # fn main() {}
/// ```
pub struct WebSocket {
    request: HttpRequest,
    body: web::Payload,
    limits: Limits,
}

impl std::fmt::Debug for WebSocket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebSocket")
            .field("path", &self.request.path())
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl FromRequest for WebSocket {
    type Error = actix_web::Error;
    type Future = Ready<Result<WebSocket, actix_web::Error>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let socket = refusal(request).and_then(|()| {
            // actix-web's own extractor, taken at once (it is always ready).
            let body = web::Payload::from_request(request, payload).into_inner()?;
            Ok(WebSocket {
                request: request.clone(),
                body,
                limits: Limits::default(),
            })
        });
        ready(socket)
    }
}

impl WebSocket {
    /// The largest frame the peer may send (64 KiB unless set).
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::websocket::{Message, WebSocket};
    ///
    /// #[route("/uploads")]
    /// async fn GET(socket: WebSocket) -> HttpResponse {
    ///     socket.max_frame_size(1024 * 1024).on_upgrade(|_session, _messages| async {})
    /// }
    /// # fn main() {}
    /// ```
    pub fn max_frame_size(mut self, bytes: usize) -> Self {
        self.limits.max_frame_size = bytes;
        self
    }

    /// The largest message, continuation frames together (1 MiB unless set).
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::websocket::{Message, WebSocket};
    ///
    /// #[route("/chat")]
    /// async fn GET(socket: WebSocket) -> HttpResponse {
    ///     socket.max_message_size(16 * 1024).on_upgrade(|_session, _messages| async {})
    /// }
    /// # fn main() {}
    /// ```
    pub fn max_message_size(mut self, bytes: usize) -> Self {
        self.limits.max_message_size = bytes;
        self
    }

    /// How long the peer may stay silent before the socket is closed (60 s
    /// unless set); it is pinged every half of this.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::websocket::{Message, WebSocket};
    ///
    /// #[route("/live")]
    /// async fn GET(socket: WebSocket) -> HttpResponse {
    ///     let socket = socket.idle_timeout(std::time::Duration::from_secs(300));
    ///     socket.on_upgrade(|_session, _messages| async {})
    /// }
    /// # fn main() {}
    /// ```
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.limits.idle_timeout = idle;
        self
    }

    /// The limits this socket will have.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::websocket::{Message, WebSocket};
    ///
    /// #[route("/live")]
    /// async fn GET(socket: WebSocket) -> HttpResponse {
    ///     log::debug!("frames up to {} bytes", socket.limits().max_frame_size);
    ///     socket.on_upgrade(|_session, _messages| async {})
    /// }
    /// # fn main() {}
    /// ```
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The request that asked for the upgrade.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::websocket::{Message, WebSocket};
    ///
    /// #[route("/live")]
    /// async fn GET(socket: WebSocket) -> HttpResponse {
    ///     if socket.request().headers().get("origin").is_none() {
    ///         return forbidden();
    ///     }
    ///     socket.on_upgrade(|_session, _messages| async {})
    /// }
    /// # fn main() {}
    /// ```
    pub fn request(&self) -> &HttpRequest {
        &self.request
    }

    /// Accepts the upgrade: the 101 to return, and `handler` run on a task
    /// of the worker with the socket's sending half and its messages. The
    /// socket is closed when `handler` returns (with 1000, unless it closed
    /// it itself).
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::websocket::{Message, WebSocket};
    ///
    /// #[route("/greet")]
    /// async fn GET(socket: WebSocket) -> HttpResponse {
    ///     socket.on_upgrade(|mut session, _messages| async move {
    ///         let _ = session.text("hello").await;
    ///     })
    /// }
    /// # fn main() {}
    /// ```
    pub fn on_upgrade<F, Fut>(self, handler: F) -> HttpResponse
    where
        F: FnOnce(Session, Messages) -> Fut + 'static,
        Fut: Future<Output = ()> + 'static,
    {
        let (response, session, stream) = match actix_ws::handle(&self.request, self.body) {
            Ok(parts) => parts,
            // Checked when extracted; kept as an answer rather than a panic.
            Err(refusal) => return refusal.error_response(),
        };
        let stream = stream
            .max_frame_size(self.limits.max_frame_size)
            .aggregate_continuations()
            .max_continuation_size(self.limits.max_message_size);
        let messages = Messages::new(stream, session.clone(), self.limits);
        let sockets = with_settings(&self.request, OpenSockets::of_table)
            .unwrap_or_else(OpenSockets::unrouted);
        let registered = sockets.register(session.clone());
        actix_web::rt::spawn(async move {
            handler(session.clone(), messages).await;
            drop(registered);
            // Unless the handler or the peer closed it already.
            let _ = session.close(Some(CloseCode::Normal.into())).await;
        });
        response
    }
}

/// The handshake as actix-http checks it, answered in the error body: 426
/// for a request that asks for no upgrade, 400 for a malformed one.
fn refusal(request: &HttpRequest) -> Result<(), actix_web::Error> {
    use actix_http::ws::HandshakeError as Why;
    let Err(why) = actix_http::ws::handshake(request.head()) else {
        return Ok(());
    };
    let response = match why {
        Why::NoWebsocketUpgrade | Why::NoConnectionUpgrade => {
            let mut response = error_response(
                StatusCode::UPGRADE_REQUIRED,
                "this URL takes a WebSocket connection (`Connection: Upgrade`, `Upgrade: websocket`)",
            );
            // Not `Connection: Upgrade`, which would make actix-http send
            // the 426 as an upgrade, without its body.
            response
                .headers_mut()
                .insert(header::UPGRADE, HeaderValue::from_static("websocket"));
            response
        }
        other => error_response(
            StatusCode::BAD_REQUEST,
            format!("malformed WebSocket handshake: {other}"),
        ),
    };
    Err(InternalError::from_response(why, response).into())
}
