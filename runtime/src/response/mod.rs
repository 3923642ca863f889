//! Response helpers: redirects, 401/403/404 and the one error body every
//! approute error uses, server-sent events, and [`after`]: work that runs
//! once the response is sent.

pub(crate) mod after;
mod error_body;
pub(crate) mod error_shape;
pub(crate) mod href;
pub(crate) mod rejection;
mod sse;
pub(crate) mod table_error_body;

pub use after::after;
pub use error_body::error_response;
pub use sse::{last_event_id, Event, Sse, SseBody};

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;

/// 307 Temporary Redirect to `url`; the method and body are kept on the next
/// request, as Next.js's `redirect()` in a route handler does.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/old-comments")]
/// async fn GET() -> HttpResponse {
///     redirect("/comments")
/// }
/// let response = redirect("/comments");
/// assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
/// assert_eq!(response.headers().get("location").unwrap(), "/comments");
/// ```
pub fn redirect(url: impl AsRef<str>) -> HttpResponse {
    redirect_with(StatusCode::TEMPORARY_REDIRECT, url.as_ref())
}

/// 303 See Other to `url`: the client follows with a GET, whatever the
/// request's method (a logout POST, a form submission), so that reloading
/// the next page does not send the POST again. `url` is sent as given.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/logout")]
/// async fn POST() -> HttpResponse {
///     see_other("/")
/// }
/// assert_eq!(see_other("/").status(), StatusCode::SEE_OTHER);
/// ```
pub fn see_other(url: impl AsRef<str>) -> HttpResponse {
    redirect_with(StatusCode::SEE_OTHER, url.as_ref())
}

/// 308 Permanent Redirect to `url`.
///
/// ```
/// use approute::prelude::*;
///
/// let response = permanent_redirect("/blog");
/// assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
/// assert_eq!(response.headers().get("location").unwrap(), "/blog");
/// ```
pub fn permanent_redirect(url: impl AsRef<str>) -> HttpResponse {
    redirect_with(StatusCode::PERMANENT_REDIRECT, url.as_ref())
}

/// 404 Not Found, in the application's error body.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/comments/[id]")]
/// async fn GET(Params(id): Params<u32>) -> HttpResponse {
///     if id > 3 {
///         return not_found();
///     }
///     HttpResponse::Ok().body(format!("comment {id}"))
/// }
/// assert_eq!(not_found().status(), StatusCode::NOT_FOUND);
/// ```
pub fn not_found() -> HttpResponse {
    error_response(StatusCode::NOT_FOUND, "not found")
}

/// 403 Forbidden, in the application's error body: the client is known and
/// may not do this (Next.js 15.1's `forbidden()`).
///
/// ```
/// use approute::prelude::*;
///
/// assert_eq!(forbidden().status(), StatusCode::FORBIDDEN);
/// ```
pub fn forbidden() -> HttpResponse {
    error_response(StatusCode::FORBIDDEN, "forbidden")
}

/// 401 Unauthorized, in the application's error body: the client must
/// authenticate first (Next.js 15.1's `unauthorized()`). Add the
/// `WWW-Authenticate` header your scheme needs.
///
/// ```
/// use approute::prelude::*;
///
/// let response = unauthorized();
/// assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
/// ```
pub fn unauthorized() -> HttpResponse {
    error_response(StatusCode::UNAUTHORIZED, "unauthorized")
}

fn redirect_with(status: StatusCode, url: &str) -> HttpResponse {
    match HeaderValue::from_str(url) {
        Ok(location) => HttpResponse::build(status)
            .insert_header((header::LOCATION, location))
            .finish(),
        // CR, LF or other control bytes would split the header: refuse.
        Err(_) => {
            log::error!("refused to redirect to {url:?}: not a valid header value");
            error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                "redirect target contains characters that are not allowed in a header",
            )
        }
    }
}
