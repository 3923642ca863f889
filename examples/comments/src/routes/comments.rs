//! app/comments/route.ts: list (filtered by `?query=`) and create.

use approute::prelude::*;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::db::{Comment, Db};
use crate::feed::Feed;

#[derive(Deserialize, ToSchema)]
struct NewComment {
    text: String,
}

/// Lists the comments.
///
/// `?query=` keeps those whose text contains it.
#[route("/comments")]
async fn GET(db: Data<Db>, search: SearchParams) -> Result<Json<Vec<Comment>>, actix_web::Error> {
    let query = search.get("query").filter(|query| !query.is_empty());
    let comments = db.list(query).await.map_err(super::database_error)?;
    Ok(Json(comments))
}

/// Creates a comment; answers 201 with it, and its URL in `Location`
/// (RFC 9110 §15.3.2).
#[route("/comments")]
async fn POST(
    req: HttpRequest,
    db: Data<Db>,
    feed: Data<Feed>,
    Json(comment): Json<NewComment>,
) -> Result<HttpResponse, actix_web::Error> {
    let created = db
        .create(&comment.text)
        .await
        .map_err(super::database_error)?;
    approute::cache::revalidate_path("/comments/count");
    feed.publish(&created);
    let location = href!(&req, "/comments/[id]", id = created.id);
    Ok(HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, location))
        .json(created))
}
