//! `Cookies`: read the request's cookies; changes made in a handler are
//! read back by the handler and written to its response, whatever that
//! response is.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::convert::Infallible;
use std::fmt;
use std::panic::Location;
use std::rc::Rc;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The request's cookies, and the `Set-Cookie` changes of this handler,
/// which its own reads see (as Next.js's `cookies()` does).
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/theme")]
/// async fn GET(cookies: Cookies) -> Result<HttpResponse, Error> {
///     let theme = cookies.get("theme").unwrap_or_else(|| "light".to_owned());
///     cookies.set("visited", "1"); // Path=/; HttpOnly; SameSite=Lax
///     assert!(cookies.has("visited"));
///     cookies.add(Cookie::build("session", "abc").secure(true).max_age(Duration::hours(1)).finish())?;
///     Ok(HttpResponse::Ok().body(theme))
/// }
/// # fn main() {}
/// ```
///
/// Values go through `encodeURIComponent`'s encoding on [`set`](Self::set)
/// and are decoded on [`get`](Self::get), as in Next.js, so a value (from a
/// client, say) can never add an attribute such as `; Domain=evil.example`.
/// [`add`](Self::add) sends a cookie as built, and refuses one that a header
/// cannot carry.
#[derive(Clone)]
pub struct Cookies {
    request: HttpRequest,
    changes: Changes,
}

impl fmt::Debug for Cookies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let changes = self.changes.0.borrow();
        let names: Vec<&str> = changes.iter().map(|change| change.cookie.name()).collect();
        f.debug_struct("Cookies")
            .field("changed", &names)
            .finish_non_exhaustive()
    }
}

/// A cookie to set, as it was given (for the handler's own reads), and its
/// `Set-Cookie` value, checked when it was added.
struct Change {
    cookie: Cookie<'static>,
    /// The value as the handler meant it: `set`'s value before encoding.
    value: String,
    header: HeaderValue,
}

/// The changes shared by every `Cookies` of one request.
#[derive(Clone, Default)]
struct Changes(Rc<RefCell<Vec<Change>>>);

/// The request's `Changes`, as its extension: counted while it lives, so
/// that a request whose handler took no `Cookies` skips the extension
/// lookup on its way out (as `after` does with its tasks).
struct Jar(Changes);

thread_local! {
    /// How many requests on this worker hold a `Jar`: set by `Jar::new`,
    /// cleared by its `Drop`. It cannot speak of another request's cookies:
    /// it only lets `write_changes` skip the extension lookup while it is 0,
    /// the changes themselves are on each request, and a `Jar` dropped with
    /// its request (however the request ends) counts itself out.
    /// ARCHITECTURE.md, "Thread-locals".
    static JARS: Cell<usize> = const { Cell::new(0) };
}

impl Jar {
    fn new() -> Self {
        JARS.with(|jars| jars.set(jars.get() + 1));
        Jar(Changes::default())
    }
}

impl Drop for Jar {
    fn drop(&mut self) {
        JARS.with(|jars| jars.set(jars.get() - 1));
    }
}

/// What `encodeURIComponent` leaves as it is: letters, digits and
/// `-_.!~*'()`.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

impl Cookies {
    /// The value of cookie `name`: this handler's own `set` or `delete` if
    /// it made one, else the request's; percent-decoded (a value that does
    /// not decode is returned as sent).
    ///
    /// ```
    /// use actix_web::{test::TestRequest, FromRequest};
    /// use approute::extract::Cookies;
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().insert_header(("Cookie", "theme=dark")).to_http_request();
    /// let cookies = Cookies::extract(&req).await.unwrap();
    /// assert_eq!(cookies.get("theme").as_deref(), Some("dark"));
    /// cookies.set("theme", "light");
    /// assert_eq!(cookies.get("theme").as_deref(), Some("light"), "its own set");
    /// # });
    /// ```
    pub fn get(&self, name: &str) -> Option<String> {
        if let Some(change) = self
            .changes
            .0
            .borrow()
            .iter()
            .rev()
            .find(|c| c.cookie.name() == name)
        {
            return (!is_removal(&change.cookie)).then(|| change.value.clone());
        }
        self.request
            .cookie_raw(name)
            .map(|cookie| decode(cookie.value()).into_owned())
    }

    /// Whether [`get`](Self::get) would find cookie `name`.
    ///
    /// ```
    /// use actix_web::{test::TestRequest, FromRequest};
    /// use approute::extract::Cookies;
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().insert_header(("Cookie", "theme=dark")).to_http_request();
    /// let cookies = Cookies::extract(&req).await.unwrap();
    /// assert!(cookies.has("theme"));
    /// cookies.delete("theme");
    /// assert!(!cookies.has("theme"));
    /// # });
    /// ```
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Every cookie as [`get`](Self::get) sees them: the request's, with
    /// this handler's changes applied, values decoded.
    ///
    /// ```
    /// use actix_web::{test::TestRequest, FromRequest};
    /// use approute::extract::Cookies;
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().insert_header(("Cookie", "theme=dark")).to_http_request();
    /// let cookies = Cookies::extract(&req).await.unwrap();
    /// cookies.set("lang", "en");
    /// let names: Vec<String> = cookies.all().iter().map(|cookie| cookie.name().to_owned()).collect();
    /// assert_eq!(names, ["theme", "lang"]);
    /// # });
    /// ```
    pub fn all(&self) -> Vec<Cookie<'static>> {
        let mut cookies: Vec<Cookie<'static>> = self
            .request
            .cookies_raw()
            .map(|cookies| {
                cookies
                    .iter()
                    .map(|cookie| {
                        Cookie::new(
                            cookie.name().to_owned(),
                            decode(cookie.value()).into_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        for change in self.changes.0.borrow().iter() {
            cookies.retain(|cookie| cookie.name() != change.cookie.name());
            if !is_removal(&change.cookie) {
                let mut cookie = change.cookie.clone();
                cookie.set_value(change.value.clone());
                cookies.push(cookie);
            }
        }
        cookies
    }

    /// Sets `name=value` with `Path=/; HttpOnly; SameSite=Lax`, the value
    /// encoded as `encodeURIComponent` does. It cannot fail the response:
    /// a `name` that is not a cookie name (a `;`, `=`, space, control byte…)
    /// is not sent, and the log says so with the caller's `file:line`.
    ///
    /// ```
    /// use actix_web::{test::TestRequest, FromRequest};
    /// use approute::extract::Cookies;
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().insert_header(("Cookie", "theme=dark")).to_http_request();
    /// let cookies = Cookies::extract(&req).await.unwrap();
    /// cookies.set("greeting", "hi; Domain=evil.example");
    /// assert_eq!(cookies.get("greeting").as_deref(), Some("hi; Domain=evil.example"));
    /// # });
    /// ```
    #[track_caller]
    pub fn set(&self, name: impl Into<String>, value: impl Into<String>) {
        let value = value.into();
        let encoded = utf8_percent_encode(&value, URI_COMPONENT).to_string();
        let cookie = Cookie::build(name.into(), encoded)
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .finish();
        let _ = self.push(cookie, value, false, Location::caller());
    }

    /// Adds a fully built cookie: every option of the `cookie` crate
    /// (Max-Age, Expires, Secure, Domain, SameSite=None…); `Partitioned`
    /// through [`add_partitioned`](Self::add_partitioned). Its value is sent
    /// as it is.
    ///
    /// A cookie without a path gets `Path=/`: a browser would otherwise
    /// scope it to the request's directory (`/api/login` sets it for `/api`
    /// only), which surprises more than it helps.
    ///
    /// # Errors
    ///
    /// A name that is not a token, or a value, path or domain holding a
    /// `;`, a control byte or anything else a `Set-Cookie` header cannot
    /// carry: the cookie is not sent (the rest of the response is), and the
    /// log names the caller's `file:line`.
    ///
    /// ```
    /// use actix_web::{test::TestRequest, FromRequest};
    /// use approute::extract::Cookies;
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().insert_header(("Cookie", "theme=dark")).to_http_request();
    /// let cookies = Cookies::extract(&req).await.unwrap();
    /// use approute::prelude::{Cookie, Duration};
    /// cookies.add(Cookie::build("session", "abc").secure(true).max_age(Duration::hours(1)).finish()).unwrap();
    /// assert!(cookies.add(Cookie::new("bad name", "1")).is_err());
    /// # });
    /// ```
    #[track_caller]
    pub fn add(&self, cookie: Cookie<'static>) -> Result<(), InvalidCookie> {
        let value = cookie.value().to_owned();
        self.push(cookie, value, false, Location::caller())
    }

    /// Adds a cookie with the `Partitioned` attribute (CHIPS); browsers want
    /// it `Secure` too. `Path=/` unless it has a path, and refused as
    /// [`add`](Self::add) refuses.
    ///
    /// ```
    /// use actix_web::{test::TestRequest, FromRequest};
    /// use approute::extract::Cookies;
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().insert_header(("Cookie", "theme=dark")).to_http_request();
    /// let cookies = Cookies::extract(&req).await.unwrap();
    /// use approute::prelude::Cookie;
    /// let cookie = Cookie::build("__Host-embed", "1").path("/").secure(true).finish();
    /// cookies.add_partitioned(cookie).unwrap();
    /// # });
    /// ```
    #[track_caller]
    pub fn add_partitioned(&self, cookie: Cookie<'static>) -> Result<(), InvalidCookie> {
        let value = cookie.value().to_owned();
        self.push(cookie, value, true, Location::caller())
    }

    /// Tells the client to remove cookie `name` (set at `Path=/`); `get`
    /// answers `None` for it from here on.
    ///
    /// ```
    /// use actix_web::{test::TestRequest, FromRequest};
    /// use approute::extract::Cookies;
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().insert_header(("Cookie", "theme=dark")).to_http_request();
    /// let cookies = Cookies::extract(&req).await.unwrap();
    /// cookies.delete("theme");
    /// assert_eq!(cookies.get("theme"), None);
    /// # });
    /// ```
    #[track_caller]
    pub fn delete(&self, name: impl Into<String>) {
        let mut cookie = Cookie::build(name.into(), "").path("/").finish();
        cookie.make_removal();
        let _ = self.push(cookie, String::new(), false, Location::caller());
    }

    fn push(
        &self,
        mut cookie: Cookie<'static>,
        value: String,
        partitioned: bool,
        caller: &Location<'_>,
    ) -> Result<(), InvalidCookie> {
        if cookie.path().is_none() {
            cookie.set_path("/");
        }
        let header = header_value(&cookie, partitioned)
            .inspect_err(|error| report_refused(error, caller))?;
        self.changes.0.borrow_mut().push(Change {
            cookie,
            value,
            header,
        });
        Ok(())
    }
}

fn is_removal(cookie: &Cookie<'_>) -> bool {
    cookie.max_age() == Some(actix_web::cookie::time::Duration::ZERO)
}

fn decode(value: &str) -> Cow<'_, str> {
    percent_decode_str(value)
        .decode_utf8()
        .unwrap_or(Cow::Borrowed(value))
}

/// The `Set-Cookie` value of `cookie`, if nothing in it can add an
/// attribute or split the header.
fn header_value(cookie: &Cookie<'_>, partitioned: bool) -> Result<HeaderValue, InvalidCookie> {
    let refuse = |part| InvalidCookie {
        name: cookie.name().to_owned(),
        part,
    };
    if cookie.name().is_empty() || !cookie.name().bytes().all(is_token_byte) {
        return Err(refuse("name"));
    }
    if !is_attribute_text(cookie.value()) {
        return Err(refuse("value"));
    }
    if !cookie.path().is_none_or(is_attribute_text) {
        return Err(refuse("path"));
    }
    if !cookie.domain().is_none_or(is_attribute_text) {
        return Err(refuse("domain"));
    }
    let text = match partitioned {
        true => format!("{cookie}; Partitioned"),
        false => cookie.to_string(),
    };
    HeaderValue::from_str(&text).map_err(|_| refuse("value"))
}

/// RFC 6265's cookie-name: an RFC 9110 token.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// No `;` (it would start an attribute) and no control byte (CR and LF
/// would split the header; a browser drops a cookie with any other).
fn is_attribute_text(text: &str) -> bool {
    !text
        .bytes()
        .any(|byte| byte == b';' || byte < b' ' || byte == 0x7f)
}

/// Reported even where the application installed no logger: a cookie that
/// silently never arrives is a long search.
fn report_refused(error: &InvalidCookie, caller: &Location<'_>) {
    if log::log_enabled!(log::Level::Error) {
        log::error!("{error} (at {caller}); it was not sent");
    } else {
        eprintln!("error: {error} (at {caller}); it was not sent");
    }
}

/// A cookie that a `Set-Cookie` header cannot carry as built; it is not
/// sent. As an error response it is a 500 (the handler built it), with the
/// body saying only that the server failed.
///
/// ```
/// use actix_web::{test::TestRequest, FromRequest};
/// use approute::extract::Cookies;
/// # actix_web::rt::System::new().block_on(async {
/// let req = TestRequest::default().insert_header(("Cookie", "theme=dark")).to_http_request();
/// let cookies = Cookies::extract(&req).await.unwrap();
/// use approute::prelude::Cookie;
/// let refused = cookies.add(Cookie::new("a", "x; Domain=evil.example")).unwrap_err();
/// assert_eq!(refused.name(), "a");
/// # });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidCookie {
    name: String,
    part: &'static str,
}

impl InvalidCookie {
    /// The cookie's name, as given.
    ///
    /// ```
    /// use actix_web::{test::TestRequest, FromRequest};
    /// use approute::extract::Cookies;
    /// # actix_web::rt::System::new().block_on(async {
    /// let req = TestRequest::default().insert_header(("Cookie", "theme=dark")).to_http_request();
    /// let cookies = Cookies::extract(&req).await.unwrap();
    /// use approute::prelude::Cookie;
    /// let refused = cookies.add(Cookie::new("a b", "1")).unwrap_err();
    /// assert_eq!(refused.name(), "a b");
    /// # });
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for InvalidCookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cookie {:?} refused: its {} holds a character a `Set-Cookie` header cannot carry",
            self.name, self.part
        )
    }
}

impl std::error::Error for InvalidCookie {}

impl ResponseError for InvalidCookie {}

impl FromRequest for Cookies {
    type Error = Infallible;
    type Future = std::future::Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let changes = req.extensions_mut().get_or_insert_with(Jar::new).0.clone();
        std::future::ready(Ok(Cookies {
            request: req.clone(),
            changes,
        }))
    }
}

/// Writes the handler's cookie changes onto its response as `Set-Cookie`,
/// before anything else (the cache) looks at the response.
#[inline]
pub(crate) fn write_changes(request: &HttpRequest, response: &mut HttpResponse) {
    if JARS.with(Cell::get) == 0 {
        return;
    }
    if let Some(jar) = request.extensions_mut().remove::<Jar>() {
        append_changes(jar, response);
    }
}

#[cold]
fn append_changes(jar: Jar, response: &mut HttpResponse) {
    let Jar(Changes(changes)) = &jar;
    for change in changes.take() {
        response
            .headers_mut()
            .append(header::SET_COOKIE, change.header);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn jars() -> usize {
        JARS.with(Cell::get)
    }

    #[actix_web::test]
    async fn a_jar_is_counted_while_its_request_lives_however_the_request_ends() {
        assert_eq!(jars(), 0);
        let written = TestRequest::default().to_http_request();
        let cookies = Cookies::extract(&written).await.unwrap();
        cookies.set("theme", "dark");
        assert_eq!(jars(), 1);
        // Two extractions of one request share one jar.
        let _again = Cookies::extract(&written).await.unwrap();
        assert_eq!(jars(), 1);
        let mut response = HttpResponse::Ok().finish();
        write_changes(&written, &mut response);
        assert_eq!(jars(), 0, "written out: the jar left with its changes");
        assert!(response.headers().contains_key(header::SET_COOKIE));

        // A request dropped before its response was written (a panic, a
        // client gone): its jar goes with its extensions.
        let dropped = TestRequest::default().to_http_request();
        Cookies::extract(&dropped).await.unwrap().set("a", "1");
        assert_eq!(jars(), 1);
        drop(dropped);
        assert_eq!(jars(), 0, "a dropped request's jar counts itself out");

        // The next request, with no `Cookies` of its own, sees none.
        let next = TestRequest::default().to_http_request();
        let mut response = HttpResponse::Ok().finish();
        write_changes(&next, &mut response);
        assert!(!response.headers().contains_key(header::SET_COOKIE));
    }

    #[test]
    fn values_are_encoded_as_encode_uri_component_does() {
        let encoded = utf8_percent_encode("x; Domain=evil.example é!~*'()-_.", URI_COMPONENT);
        assert_eq!(
            encoded.to_string(),
            "x%3B%20Domain%3Devil.example%20%C3%A9!~*'()-_."
        );
        assert_eq!(decode("x%3B%20Domain"), "x; Domain");
        assert_eq!(decode("%FF%ZZ"), "%FF%ZZ");
    }

    #[test]
    fn a_cookie_a_header_cannot_carry_is_refused() {
        let refused = |cookie: Cookie<'static>| header_value(&cookie, false).unwrap_err().part;
        assert_eq!(refused(Cookie::new("a b", "1")), "name");
        assert_eq!(refused(Cookie::new("a=b", "1")), "name");
        assert_eq!(refused(Cookie::new("", "1")), "name");
        assert_eq!(refused(Cookie::new("a", "x; Domain=evil.example")), "value");
        assert_eq!(refused(Cookie::new("a", "x\r\nX-Injected: 1")), "value");
        assert_eq!(refused(Cookie::new("a", "x\0")), "value");
        assert_eq!(
            refused(Cookie::build("a", "1").path("/; Domain=evil").finish()),
            "path"
        );
        assert_eq!(
            refused(Cookie::build("a", "1").domain("x\nY").finish()),
            "domain"
        );
        let fine = Cookie::build("__Host-id", "a=b/c").path("/").finish();
        assert_eq!(
            header_value(&fine, true).unwrap(),
            "__Host-id=a=b/c; Path=/; Partitioned"
        );
    }
}
