//! A live feed of new comments over a WebSocket: each one created by
//! `POST /comments` arrives as a JSON text message, as the list shows it.

use approute::prelude::*;
use approute::websocket::WebSocket;
use tokio::sync::broadcast::error::RecvError;

use crate::feed::Feed;

/// New comments, as they are created (a WebSocket).
#[route("/comments/live")]
async fn GET(feed: Data<Feed>, socket: WebSocket) -> HttpResponse {
    // Subscribed before the 101, so that nothing created after it is missed.
    let mut created = feed.subscribe();
    socket.on_upgrade(|mut session, mut messages| async move {
        loop {
            tokio::select! {
                comment = created.recv() => match comment {
                    Ok(json) => {
                        if session.text(json).await.is_err() {
                            break;
                        }
                    }
                    // A reader too slow for the backlog skips what it missed.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => break,
                },
                // The client says nothing; `None` is its close (or the
                // server's shutdown, or its silence past the idle time).
                message = messages.recv() => if message.is_none() {
                    break;
                },
            }
        }
    })
}
