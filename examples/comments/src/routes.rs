//! One module per route folder of the Next.js tutorial app.

mod comment;
mod comments;
mod count;
mod dashboard;
mod hello;
mod live;
mod profile;
mod quote;

/// A failed query is the server's fault: log it, answer 500 without details.
fn database_error(error: crate::db::Error) -> actix_web::Error {
    log::error!("database error: {error}");
    actix_web::error::InternalError::from_response(
        error,
        approute::response::error_response(
            actix_web::http::StatusCode::INTERNAL_SERVER_ERROR,
            "database error",
        ),
    )
    .into()
}
