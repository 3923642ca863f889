//! app/comments/[id]/route.ts: read, update, delete one comment.

use approute::prelude::*;

use crate::data::{CommentText, COMMENTS};

/// A missing comment redirects to the list, as in the tutorial.
pub async fn GET(req: HttpRequest, Params(id): Params<u64>) -> HttpResponse {
    let comments = COMMENTS.lock().unwrap();
    match comments.iter().find(|comment| comment.id == id) {
        Some(comment) => HttpResponse::Ok().json(comment),
        None => redirect(href!(&req, "/comments")),
    }
}

pub async fn PATCH(Params(id): Params<u64>, Json(patch): Json<CommentText>) -> HttpResponse {
    let mut comments = COMMENTS.lock().unwrap();
    match comments.iter_mut().find(|comment| comment.id == id) {
        Some(comment) => {
            comment.text = patch.text;
            HttpResponse::Ok().json(comment)
        }
        None => not_found(),
    }
}

pub async fn DELETE(Params(id): Params<u64>) -> HttpResponse {
    let mut comments = COMMENTS.lock().unwrap();
    match comments.iter().position(|comment| comment.id == id) {
        Some(at) => HttpResponse::Ok().json(comments.remove(at)),
        None => not_found(),
    }
}
