//! New comments as they are created, for the live feed's sockets
//! (`routes/live.rs`): one instance's comments, not its neighbours'.

use tokio::sync::broadcast;

use crate::db::Comment;

/// How many comments a slow socket may fall behind before it skips some.
const BACKLOG: usize = 64;

/// Every created comment, as JSON, to whoever listens now.
pub struct Feed(broadcast::Sender<String>);

impl Default for Feed {
    fn default() -> Self {
        Feed(broadcast::channel(BACKLOG).0)
    }
}

impl Feed {
    pub fn publish(&self, comment: &Comment) {
        // No socket listening is no error.
        let _ = self
            .0
            .send(serde_json::to_string(comment).unwrap_or_default());
    }

    pub fn subscribe(&self) -> broadcast::Receiver<String> {
        self.0.subscribe()
    }
}
