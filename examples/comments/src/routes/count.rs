//! A cached answer: how many comments there are, kept for 30 s and made
//! fresh by every create and delete (`revalidate_path`). With `REDIS_URL`
//! (and the `redis` feature), every instance shares the entry and sees the
//! others' invalidations.

use approute::prelude::*;

use crate::db::Db;

/// How many comments there are.
#[route("/comments/count", revalidate = 30)]
async fn GET(db: Data<Db>) -> Result<HttpResponse, actix_web::Error> {
    let comments = db.list(None).await.map_err(super::database_error)?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "count": comments.len() })))
}
