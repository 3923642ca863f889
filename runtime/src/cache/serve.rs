//! A `revalidate` route's GET: from the cache while fresh; stale, answered
//! at once while one refresh runs in the background; cold, from one handler
//! call that concurrent requests wait for; kept when it may be.

use std::time::{Duration, Instant};

use actix_web::body::{self, BoxBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap};
use actix_web::http::{Method, StatusCode};
use actix_web::{Error, HttpResponse};
use futures_util::future::LocalBoxFuture;

use super::entry::{sized, CacheKey, CachedResponse, CACHE_HEADER};
use super::store::CacheStore;
use super::table_store::table_store;
use crate::registry::route::Revalidate;
use crate::response::error_response;
use crate::response::error_shape::internal_server_error;
use crate::url::mount::Mounted;

/// The largest body kept: a bigger (or streamed) one is sent, not cached.
const MAX_BODY: u64 = 8 << 20;

/// The stages after the cache (`max_duration`, the handler): what a miss or
/// a refresh runs.
pub(crate) trait Handler:
    Fn(ServiceRequest) -> LocalBoxFuture<'static, Result<ServiceResponse, Error>> + Copy + 'static
{
}

impl<H> Handler for H where
    H: Fn(ServiceRequest) -> LocalBoxFuture<'static, Result<ServiceResponse, Error>>
        + Copy
        + 'static
{
}

pub(crate) async fn serve(
    handler: impl Handler,
    rule: Revalidate,
    request: ServiceRequest,
) -> Result<ServiceResponse, Error> {
    // HEAD is answered by the GET handler, so from its entries too.
    let read = request.method() == Method::GET || request.method() == Method::HEAD;
    if !read {
        return handler(request).await;
    }
    if !rule.public && has_credentials(request.headers()) {
        let mut response = handler(request).await?;
        private_if_it_sets_a_cookie(response.headers_mut());
        return Ok(response);
    }
    let store = table_store(&request);
    let key = key(&request);
    let lookup = match store.get_now(&key) {
        Some(lookup) => lookup,
        None => store.get(&key).await,
    };
    let Some(entry) = lookup.entry else {
        return cold(handler, &*store, &key, lookup.generation, rule, request).await;
    };
    let age = entry.age();
    if age.as_secs() < u64::from(rule.seconds) {
        let http_request = request.request().clone();
        return Ok(ServiceResponse::new(
            http_request,
            answer(&request, &entry, age, "HIT"),
        ));
    }
    let http_request = request.request().clone();
    let stale = answer(&request, &entry, age, "STALE");
    if store.claim_refresh(&key).await {
        // This request's own handler call refreshes the entry, after its
        // client has the stale copy.
        let generation = lookup.generation;
        actix_web::rt::spawn(async move {
            let _claim = Claim {
                store: store.as_ref(),
                key: &key,
            };
            if let Ok(response) = handler(request).await {
                keep(store.as_ref(), &key, generation, rule, response, "MISS").await;
            }
        });
    }
    Ok(ServiceResponse::new(http_request, stale))
}

/// The entry, as the request's preconditions leave it (see [`conditional`]).
fn answer(
    request: &ServiceRequest,
    entry: &CachedResponse,
    age: Duration,
    how: &'static str,
) -> HttpResponse {
    conditional(request.headers(), entry.to_response(age, how))
}

/// A stored answer as RFC 9110 §13.2.2 evaluates the request's
/// preconditions on it: 412 when `If-Match` names none of its tags (strong
/// comparison, §13.1.1), 304 without the body when `If-None-Match` names one
/// (weak comparison, §13.1.2: `W/"x"` and `"x"` are the same tag), else as
/// it is.
fn conditional(request: &HeaderMap, mut response: HttpResponse) -> HttpResponse {
    // Most requests have neither: a glance at the few names a request has
    // costs less than two hashed lookups, on every hit.
    let preconditions = request
        .keys()
        .any(|name| name == header::IF_MATCH || name == header::IF_NONE_MATCH);
    if !preconditions {
        return response;
    }
    let tags = |name| {
        request
            .get_all(name)
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
    };
    let etag = response
        .headers()
        .get(header::ETAG)
        .map(|etag| etag.as_bytes());
    if request.contains_key(header::IF_MATCH) {
        let strong = |tag: &str| {
            tag == "*"
                || etag.is_some_and(|etag| {
                    !etag.starts_with(b"W/") && !tag.starts_with("W/") && tag.as_bytes() == etag
                })
        };
        if !tags(header::IF_MATCH).any(strong) {
            return error_response(
                StatusCode::PRECONDITION_FAILED,
                "the answer's entity tag is none that If-Match names",
            );
        }
    }
    let weak =
        |tag: &str| tag == "*" || etag.is_some_and(|etag| opaque(tag.as_bytes()) == opaque(etag));
    if tags(header::IF_NONE_MATCH).any(weak) {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response.headers_mut().remove(header::CONTENT_TYPE);
        return response.set_body(BoxBody::new(()));
    }
    response
}

/// An entity tag without its weakness mark: what weak comparison compares.
fn opaque(tag: &[u8]) -> &[u8] {
    tag.strip_prefix(b"W/").unwrap_or(tag)
}

/// A strong `ETag` for a body: a 64-bit hash (hashing runs once, when the
/// entry is stored; a hit copies the header).
fn etag_of(body: &[u8]) -> header::HeaderValue {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = foldhash::fast::FixedState::with_seed(0x6170_7072_6f75_7465).build_hasher();
    hasher.write(body);
    let tag = format!("\"{:016x}\"", hasher.finish());
    header::HeaderValue::from_str(&tag).expect("hex digits in quotes")
}

/// How long a request waits for another's answer to a cold key before it
/// runs the handler itself.
const COLD_WAIT: Duration = Duration::from_secs(5);

/// A cold key: the request that claims it runs the handler (as a stale
/// refresh does); the others wait for its entry. When the claim ends with no
/// entry (the answer could not be kept: a 503, a cookie), the waiters run the
/// handler themselves, side by side.
async fn cold(
    handler: impl Handler,
    store: &dyn CacheStore,
    key: &CacheKey,
    generation: u64,
    rule: Revalidate,
    request: ServiceRequest,
) -> Result<ServiceResponse, Error> {
    if store.claim_refresh(key).await {
        let _claim = Claim { store, key };
        let response = handler(request).await?;
        return Ok(keep(store, key, generation, rule, response, "MISS").await);
    }
    let started = Instant::now();
    let mut pause = Duration::from_millis(5);
    while started.elapsed() < COLD_WAIT {
        actix_web::rt::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(50));
        if let Some(entry) = store.get(key).await.entry {
            let http_request = request.request().clone();
            return Ok(ServiceResponse::new(
                http_request,
                answer(&request, &entry, entry.age(), "HIT"),
            ));
        }
        if store.claim_refresh(key).await {
            // The claim ended without an entry: no one keeps this answer.
            store.release_refresh(key);
            break;
        }
    }
    let response = handler(request).await?;
    Ok(keep(store, key, generation, rule, response, "MISS").await)
}

/// Ends the refresh claim however the refresh ends, a panic included.
struct Claim<'a> {
    store: &'a dyn CacheStore,
    key: &'a CacheKey,
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        self.store.release_refresh(self.key);
    }
}

/// RFC 9111 §3.5: a shared cache stores no answer to a request with
/// `Authorization`; approute also leaves out `Cookie`, where sessions live.
fn has_credentials(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION) || headers.contains_key(header::COOKIE)
}

fn key(request: &ServiceRequest) -> CacheKey {
    let path = Mounted::of(request).path;
    CacheKey {
        path: if path.is_empty() { "/" } else { path }.to_owned(),
        query: request.query_string().to_owned(),
    }
}

/// A 2xx response without cookies, `no-store`, `private` or `Vary` (the
/// cache keys by URL alone), whose whole body is known and not too large, is
/// stored; the client gets it either way. What approute stores tells a
/// shared cache in front the same as approute's own (unless the handler
/// said otherwise): Next.js's `Cache-Control`, and its `Date`; a response
/// that sets a cookie is private.
async fn keep(
    store: &dyn CacheStore,
    key: &CacheKey,
    generation: u64,
    rule: Revalidate,
    mut response: ServiceResponse,
    how: &'static str,
) -> ServiceResponse {
    if !cacheable(response.response()) {
        private_if_it_sets_a_cookie(response.headers_mut());
        return response;
    }
    let (request, response) = response.into_parts();
    let (mut head, body) = response.into_parts();
    let bytes = match body::to_bytes(body).await {
        Ok(bytes) => bytes,
        Err(error) => {
            log::error!("could not read a response body to cache it: {error}");
            return ServiceResponse::new(request, internal_server_error());
        }
    };
    let headers = head.headers_mut();
    if !headers.contains_key(header::ETAG) {
        headers.insert(header::ETAG, etag_of(&bytes));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, shared_cache_control(rule.seconds));
    }
    if !headers.contains_key(header::DATE) {
        let now = header::HttpDate::from(std::time::SystemTime::now());
        headers.insert(
            header::DATE,
            header::HeaderValue::from_str(&now.to_string()).expect("an HTTP date"),
        );
    }
    let entry = CachedResponse::new(head.status(), head.headers(), bytes.clone(), generation);
    store.put(key, entry).await;
    let mut response = head.set_body(BoxBody::new(bytes));
    response
        .headers_mut()
        .insert(CACHE_HEADER, header::HeaderValue::from_static(how));
    let response = conditional(request.headers(), response);
    ServiceResponse::new(request, response)
}

/// Next.js's answer for what no cache may share (its dynamic routes').
const PRIVATE: &str = "private, no-cache, no-store, max-age=0, must-revalidate";

/// A `revalidate` route's answer that sets a cookie is no cache's to share,
/// unless the handler said otherwise.
fn private_if_it_sets_a_cookie(headers: &mut HeaderMap) {
    if headers.contains_key(header::SET_COOKIE) && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static(PRIVATE),
        );
    }
}

/// How long an entry of a route revalidated every `seconds` may be served
/// stale: Next.js's default `expireTime`, a year.
const EXPIRE: u32 = 31_536_000;

/// Next.js's `Cache-Control` for a `revalidate` route (`getCacheControlHeader`
/// of Next.js 15.4 and 16): fresh for `seconds` in a shared cache, then stale
/// while revalidating until a year has passed. A stale answer sends it too,
/// with an `Age` past `s-maxage`: no shared cache takes it for fresh.
fn shared_cache_control(seconds: u32) -> header::HeaderValue {
    let value = match seconds < EXPIRE {
        true => format!(
            "s-maxage={seconds}, stale-while-revalidate={}",
            EXPIRE - seconds
        ),
        false => format!("s-maxage={seconds}"),
    };
    header::HeaderValue::from_str(&value).expect("digits and commas")
}

fn cacheable(response: &HttpResponse) -> bool {
    let headers = response.headers();
    let forbidden = headers
        .get_all(header::CACHE_CONTROL)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|directive| {
            let directive = directive.trim();
            directive.eq_ignore_ascii_case("no-store") || directive.eq_ignore_ascii_case("private")
        });
    response.status().is_success()
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::VARY)
        && !forbidden
        && sized(response.body(), MAX_BODY)
}
