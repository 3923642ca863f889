//! The open sockets of each table, so that a graceful shutdown can close
//! them with 1001 instead of waiting for its timeout: a socket is a response
//! that never ends on its own.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};

use actix_ws::{CloseCode, CloseReason, Session};

use crate::routing::compiled::Settings;

/// One table's open sockets, by a number of their own.
#[derive(Default)]
pub(crate) struct OpenSockets {
    next: AtomicU64,
    open: Mutex<HashMap<u64, Session>>,
}

impl std::fmt::Debug for OpenSockets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenSockets")
            .field("open", &self.count())
            .finish()
    }
}

/// A table's sockets, as its settings keep them.
struct TableSockets(Arc<OpenSockets>);

/// Every table's registry, for [`close_all`].
static EVERY: Mutex<Vec<Weak<OpenSockets>>> = Mutex::new(Vec::new());

impl OpenSockets {
    /// A registry that [`close_all`] reaches.
    pub(crate) fn new() -> Arc<OpenSockets> {
        let sockets = Arc::new(OpenSockets::default());
        let mut every = EVERY
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        every.retain(|sockets| sockets.strong_count() > 0);
        every.push(Arc::downgrade(&sockets));
        sockets
    }

    /// The sockets of the table whose settings these are, made on first use.
    pub(crate) fn of_table(settings: &Settings) -> Arc<OpenSockets> {
        Arc::clone(&settings.get_or_init(|| TableSockets(OpenSockets::new())).0)
    }

    /// For a socket served outside an approute table (a hand-written
    /// actix-web route that takes `WebSocket`).
    pub(crate) fn unrouted() -> Arc<OpenSockets> {
        static UNROUTED: OnceLock<Arc<OpenSockets>> = OnceLock::new();
        Arc::clone(UNROUTED.get_or_init(OpenSockets::new))
    }

    /// Keeps `session` until the returned guard is dropped.
    pub(crate) fn register(self: &Arc<Self>, session: Session) -> Registered {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(id, session);
        Registered {
            sockets: Arc::clone(self),
            id,
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.lock().len()
    }

    /// Sends every open socket a close with 1001 (Going Away); each one's
    /// `Messages::recv` then ends, and so does its handler.
    pub(crate) async fn close_all(&self) {
        let sessions: Vec<Session> = self.lock().drain().map(|(_, session)| session).collect();
        let closing = sessions.into_iter().map(|session| {
            session.close(Some(CloseReason {
                code: CloseCode::Away,
                description: Some("server shutting down".to_owned()),
            }))
        });
        futures_util::future::join_all(closing).await;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Session>> {
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A socket's place in its registry, given up when its handler ends.
pub(crate) struct Registered {
    sockets: Arc<OpenSockets>,
    id: u64,
}

impl Drop for Registered {
    fn drop(&mut self) {
        self.sockets.lock().remove(&self.id);
    }
}

/// Closes every open WebSocket of the process with 1001 (Going Away).
/// [`Server`](crate::server::Server) and [`serve`](crate::serve) call it at the
/// shutdown signal; an application running its own `HttpServer` with
/// [`configure`](crate::configure) calls it from its own shutdown, before
/// stopping the server, so that the drain does not wait for sockets that
/// would never end.
///
/// ```
/// // Your own shutdown, for an `HttpServer` of your own.
/// async fn shut_down(server: actix_web::dev::ServerHandle) {
///     approute::websocket::close_all().await; // 1001 to every open socket
///     server.stop(true).await;
/// }
/// ```
pub async fn close_all() {
    let every: Vec<Arc<OpenSockets>> = EVERY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .iter()
        .filter_map(Weak::upgrade)
        .collect();
    for sockets in every {
        sockets.close_all().await;
    }
}

/// How many WebSockets are open in the process (for a health or metrics
/// endpoint).
///
/// ```
/// assert_eq!(approute::websocket::open_sockets(), 0);
/// ```
pub fn open_sockets() -> usize {
    EVERY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .iter()
        .filter_map(Weak::upgrade)
        .map(|sockets| sockets.count())
        .sum()
}
