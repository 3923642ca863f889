//! app/comments/route.ts: list (filtered by `?query=`) and create.

use approute::prelude::*;
use serde::Deserialize;

use crate::db::Db;

#[derive(Deserialize)]
struct NewComment {
    text: String,
}

#[route("/comments")]
async fn GET(db: Data<Db>, search: SearchParams) -> Result<HttpResponse, actix_web::Error> {
    let query = search.get("query").filter(|query| !query.is_empty());
    let comments = db.list(query).await.map_err(super::database_error)?;
    Ok(HttpResponse::Ok().json(comments))
}

#[route("/comments")]
async fn POST(
    db: Data<Db>,
    Json(comment): Json<NewComment>,
) -> Result<HttpResponse, actix_web::Error> {
    let created = db
        .create(&comment.text)
        .await
        .map_err(super::database_error)?;
    Ok(HttpResponse::Created().json(created))
}
