//! app/comments/route.ts: list (filtered by `?query=`) and create.

use approute::prelude::*;

use crate::data::{Comment, CommentText, COMMENTS};

pub async fn GET(search: SearchParams) -> Json<Vec<Comment>> {
    let query = search.get("query").unwrap_or_default();
    let comments = COMMENTS.lock().unwrap();
    let found = comments.iter().filter(|comment| comment.text.contains(query));
    Json(found.cloned().collect())
}

pub async fn POST(Json(new): Json<CommentText>) -> HttpResponse {
    let mut comments = COMMENTS.lock().unwrap();
    let comment = Comment {
        id: comments.iter().map(|comment| comment.id).max().unwrap_or(0) + 1,
        text: new.text,
    };
    comments.push(comment.clone());
    HttpResponse::Created().json(comment)
}
