//! app/comments/[id]/route.ts: read, partial update, delete one comment.

use approute::prelude::*;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::Db;

/// The fields to change; those left out keep their value.
#[derive(Deserialize, ToSchema)]
struct CommentPatch {
    text: Option<String>,
}

#[route("/comments/[id]")]
mod comments {
    use super::*;

    /// Reads comment `id`.
    ///
    /// As in the tutorial, a missing comment redirects to the list.
    // The redirect is a link checked against the table at start-up, under
    // whatever mount serves it.
    pub async fn GET(
        req: HttpRequest,
        db: Data<Db>,
        Params(id): Params<i64>,
    ) -> Result<HttpResponse, actix_web::Error> {
        Ok(
            match db.get(id).await.map_err(super::super::database_error)? {
                Some(comment) => HttpResponse::Ok().json(comment),
                None => redirect(href!(&req, "/comments")),
            },
        )
    }

    /// Changes comment `id`'s text; answers with the comment.
    pub async fn PATCH(
        db: Data<Db>,
        Params(id): Params<i64>,
        Json(patch): Json<CommentPatch>,
    ) -> Result<HttpResponse, actix_web::Error> {
        let updated = match patch.text {
            Some(text) => db.update(id, &text).await,
            None => db.get(id).await,
        };
        Ok(match updated.map_err(super::super::database_error)? {
            Some(comment) => HttpResponse::Ok().json(comment),
            None => not_found(),
        })
    }

    /// Deletes comment `id` and returns it (the tutorial's own code deletes
    /// the last comment of the array instead; this deletes the one asked for).
    pub async fn DELETE(
        db: Data<Db>,
        Params(id): Params<i64>,
    ) -> Result<HttpResponse, actix_web::Error> {
        Ok(
            match db.delete(id).await.map_err(super::super::database_error)? {
                Some(comment) => {
                    approute::cache::revalidate_path("/comments/count");
                    HttpResponse::Ok().json(comment)
                }
                None => not_found(),
            },
        )
    }
}
