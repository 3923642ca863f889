//! `Cookies`: read the request's cookies; changes made in a handler are
//! written to its response, whatever that response is.

use std::cell::RefCell;
use std::convert::Infallible;
use std::rc::Rc;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpMessage, HttpRequest};

use crate::response::error_response;

/// The request's cookies, and the `Set-Cookie` changes of this handler.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/theme")]
/// async fn GET(cookies: Cookies) -> HttpResponse {
///     let theme = cookies.get("theme").unwrap_or_else(|| "light".to_owned());
///     cookies.set("visited", "1"); // Path=/; HttpOnly; SameSite=Lax
///     cookies.add(Cookie::build("session", "abc").secure(true).max_age(Duration::hours(1)).finish());
///     HttpResponse::Ok().body(theme)
/// }
/// # fn main() {}
/// ```
#[derive(Clone)]
pub struct Cookies {
    request: HttpRequest,
    changes: Rc<RefCell<Vec<Change>>>,
}

/// A cookie to set, and whether it is `Partitioned` (CHIPS), an attribute
/// the `cookie` version actix-web re-exports cannot express itself.
type Change = (Cookie<'static>, bool);

/// The changes shared by every `Cookies` of one request.
#[derive(Clone, Default)]
struct Changes(Rc<RefCell<Vec<Change>>>);

impl Cookies {
    /// The value of the request's cookie `name`.
    pub fn get(&self, name: &str) -> Option<String> {
        self.request
            .cookie(name)
            .map(|cookie| cookie.value().to_owned())
    }

    /// Every cookie the request sent.
    pub fn all(&self) -> Vec<Cookie<'static>> {
        self.request
            .cookies()
            .map(|cookies| cookies.clone())
            .unwrap_or_default()
    }

    /// Sets `name=value` with `Path=/; HttpOnly; SameSite=Lax`.
    pub fn set(&self, name: impl Into<String>, value: impl Into<String>) {
        let cookie = Cookie::build(name.into(), value.into())
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .finish();
        self.add(cookie);
    }

    /// Adds a fully built cookie: every option of the `cookie` crate
    /// (Max-Age, Expires, Secure, Domain, SameSite=None…); `Partitioned`
    /// through [`add_partitioned`](Self::add_partitioned).
    ///
    /// A cookie without a path gets `Path=/`: a browser would otherwise
    /// scope it to the request's directory (`/api/login` sets it for `/api`
    /// only), which surprises more than it helps.
    pub fn add(&self, cookie: Cookie<'static>) {
        self.push(cookie, false);
    }

    /// Adds a cookie with the `Partitioned` attribute (CHIPS); browsers want
    /// it `Secure` too. `Path=/` unless it has a path, as [`add`](Self::add).
    pub fn add_partitioned(&self, cookie: Cookie<'static>) {
        self.push(cookie, true);
    }

    fn push(&self, mut cookie: Cookie<'static>, partitioned: bool) {
        if cookie.path().is_none() {
            cookie.set_path("/");
        }
        self.changes.borrow_mut().push((cookie, partitioned));
    }

    /// Tells the client to remove cookie `name` (set at `Path=/`).
    pub fn delete(&self, name: impl Into<String>) {
        let mut cookie = Cookie::build(name.into(), "").path("/").finish();
        cookie.make_removal();
        self.add(cookie);
    }
}

impl FromRequest for Cookies {
    type Error = Infallible;
    type Future = std::future::Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let changes = req
            .extensions_mut()
            .get_or_insert_with(Changes::default)
            .0
            .clone();
        std::future::ready(Ok(Cookies {
            request: req.clone(),
            changes,
        }))
    }
}

/// Writes the handler's cookie changes onto its response as `Set-Cookie`.
pub(crate) fn write_changes(response: &mut ServiceResponse) {
    let Some(Changes(changes)) = response.request().extensions_mut().remove::<Changes>() else {
        return;
    };
    for (cookie, partitioned) in changes.take() {
        let value = match partitioned {
            true => format!("{cookie}; Partitioned"),
            false => cookie.to_string(),
        };
        let Ok(value) = HeaderValue::from_str(&value) else {
            // A CR/LF in a name or value would split the header: refuse.
            log::error!(
                "refused to set cookie {:?}: not a valid header value",
                cookie.name()
            );
            *response.response_mut() = error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                "a cookie set by this handler contains characters that are not allowed in a header",
            );
            return;
        };
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}
