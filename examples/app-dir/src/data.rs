//! The tutorial's `data.ts`: the comments, in memory.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub id: u64,
    pub text: String,
}

/// What POST and PATCH take.
#[derive(Deserialize)]
pub struct CommentText {
    pub text: String,
}

pub static COMMENTS: Mutex<Vec<Comment>> = Mutex::new(Vec::new());

/// The tutorial's three comments.
pub fn seed() {
    let mut comments = COMMENTS.lock().unwrap();
    *comments = ["first", "second", "third"]
        .iter()
        .zip(1..)
        .map(|(nth, id)| Comment {
            id,
            text: format!("This is the {nth} comment"),
        })
        .collect();
}
