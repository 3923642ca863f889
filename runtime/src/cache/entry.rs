//! What the cache keeps: a response as bytes, under the URL that asked for it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::body::MessageBody;
use std::sync::{Arc, OnceLock};

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::HttpResponse;

/// The URL a response is cached under: the path inside the mount (what
/// [`revalidate_path`](crate::cache::revalidate_path) names) and the query.
///
/// ```
/// let key = approute::cache::CacheKey { path: "/comments".into(), query: "query=first".into() };
/// assert_eq!(key.path, "/comments");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    /// `/comments`: the path inside the mount, as received.
    pub path: String,
    /// `query=x`: the query as received, without `?` (empty for none).
    pub query: String,
}

/// A cached response, and when it was made: the wall clock, so that
/// instances sharing a store agree on its age.
///
/// ```
/// use actix_web::http::{header::HeaderMap, StatusCode};
/// use approute::cache::CachedResponse;
///
/// let entry = CachedResponse {
///     status: StatusCode::OK,
///     headers: HeaderMap::new(),
///     body: "[]".into(),
///     stored_at_ms: 1_700_000_000_000,
///     generation: 0,
/// };
/// assert_eq!(CachedResponse::from_bytes(&entry.to_bytes()).unwrap().body, "[]");
/// ```
#[derive(Debug, Clone)]
pub struct CachedResponse {
    /// The status code (2xx).
    pub status: StatusCode,
    /// Its headers (`Date` and `Age` left out; a response made from it
    /// never repeats them).
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Bytes,
    /// Milliseconds since the Unix epoch.
    pub stored_at_ms: u64,
    /// The generation of its path it was made under (see [`Lookup`]).
    pub generation: u64,
}

/// What a store has for a key: the entry (none if the path was invalidated
/// since it was made) and the path's current generation, which a response
/// made now is stored under.
///
/// ```
/// let nothing = approute::cache::Lookup::default();
/// assert!(nothing.entry.is_none());
/// assert_eq!(nothing.generation, 0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// The cached response, if any (shared: a hit copies no body).
    pub entry: Option<Arc<CachedResponse>>,
    /// The path's generation: it grows with each `revalidate_path`.
    pub generation: u64,
}

/// Headers a cached copy never repeats: they belong to one answer. (Its
/// `Date` is kept: RFC 9111 §4 sends a stored response's `Date` with the
/// `Age` since, which is how a shared cache in front knows its freshness.)
const PER_RESPONSE: [&str; 2] = ["age", "x-approute-cache"];

impl CachedResponse {
    pub(crate) fn new(
        status: StatusCode,
        headers: &HeaderMap,
        body: Bytes,
        generation: u64,
    ) -> Self {
        let mut headers = headers.clone();
        for name in PER_RESPONSE {
            headers.remove(name);
        }
        CachedResponse {
            status,
            headers,
            body,
            stored_at_ms: now_ms(),
            generation,
        }
    }

    /// How long ago it was made (zero if a clock went back).
    pub(crate) fn age(&self) -> Duration {
        Duration::from_millis(now_ms().saturating_sub(self.stored_at_ms))
    }

    /// The copy for one request, `age` old, telling the client how it was
    /// served. The headers go into the response head actix-web keeps in its
    /// pool (a clone of the map would replace that one, and free it), and
    /// the values share their bytes: a hit allocates no header.
    pub(crate) fn to_response(&self, age: Duration, how: &'static str) -> HttpResponse {
        let mut response = HttpResponse::with_body(self.status, self.body.clone());
        let headers = response.headers_mut();
        for (name, value) in &self.headers {
            // Left out of the entries approute makes; a store of the
            // user's may keep them (the fields are public): one answer's
            // `Age` or cache status is not this one's.
            if !is_per_response(name) {
                headers.append(name.clone(), value.clone());
            }
        }
        headers.append(header::AGE, age_value(age.as_secs()));
        headers.append(CACHE_HEADER, HeaderValue::from_static(how));
        response.map_into_boxed_body()
    }
}

fn is_per_response(name: &HeaderName) -> bool {
    name == header::AGE || name == CACHE_HEADER
}

/// How the cache served an answer: `HIT`, `STALE` or `MISS`.
pub(crate) const CACHE_HEADER: HeaderName = HeaderName::from_static("x-approute-cache");

/// `Age: n`, made once for the first ten minutes (most `revalidate` times),
/// then formatted.
fn age_value(seconds: u64) -> HeaderValue {
    const KEPT: u64 = 600;
    static AGES: OnceLock<Vec<HeaderValue>> = OnceLock::new();
    if seconds >= KEPT {
        return HeaderValue::from(seconds);
    }
    let ages = AGES.get_or_init(|| (0..KEPT).map(HeaderValue::from).collect());
    ages[seconds as usize].clone()
}

pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64)
}

/// A body small enough to keep whole, read out of the response.
pub(crate) fn sized(body: &impl MessageBody, limit: u64) -> bool {
    matches!(body.size(), actix_web::body::BodySize::Sized(size) if size <= limit)
}

impl CachedResponse {
    /// The entry as bytes, for a store outside the process:
    /// status, generation, time, headers (each length-prefixed), then the body.
    ///
    /// ```
    /// use actix_web::http::{header::HeaderMap, StatusCode};
    /// use approute::cache::CachedResponse;
    ///
    /// let entry = CachedResponse {
    ///     status: StatusCode::OK,
    ///     headers: HeaderMap::new(),
    ///     body: "[]".into(),
    ///     stored_at_ms: 1_700_000_000_000,
    ///     generation: 0,
    /// };
    /// let bytes = entry.to_bytes(); // what a shared store keeps
    /// assert!(CachedResponse::from_bytes(&bytes).is_some());
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.body.len() + 256);
        out.extend_from_slice(&self.status.as_u16().to_be_bytes());
        out.extend_from_slice(&self.generation.to_be_bytes());
        out.extend_from_slice(&self.stored_at_ms.to_be_bytes());
        out.extend_from_slice(&(self.headers.len() as u32).to_be_bytes());
        for (name, value) in &self.headers {
            for part in [name.as_str().as_bytes(), value.as_bytes()] {
                out.extend_from_slice(&(part.len() as u32).to_be_bytes());
                out.extend_from_slice(part);
            }
        }
        out.extend_from_slice(&self.body);
        out
    }

    /// What [`to_bytes`](Self::to_bytes) wrote; `None` for anything else.
    ///
    /// ```
    /// use actix_web::http::{header::HeaderMap, StatusCode};
    /// use approute::cache::CachedResponse;
    ///
    /// let entry = CachedResponse {
    ///     status: StatusCode::OK,
    ///     headers: HeaderMap::new(),
    ///     body: "[]".into(),
    ///     stored_at_ms: 1_700_000_000_000,
    ///     generation: 0,
    /// };
    /// assert!(CachedResponse::from_bytes(&entry.to_bytes()).is_some());
    /// assert!(CachedResponse::from_bytes(b"garbage").is_none());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut reader = Reader(bytes);
        let status = StatusCode::from_u16(u16::from_be_bytes(reader.take()?)).ok()?;
        let generation = u64::from_be_bytes(reader.take()?);
        let stored_at_ms = u64::from_be_bytes(reader.take()?);
        let count = u32::from_be_bytes(reader.take()?);
        let mut headers = HeaderMap::new();
        for _ in 0..count {
            let name = HeaderName::from_bytes(reader.part()?).ok()?;
            headers.append(name, HeaderValue::from_bytes(reader.part()?).ok()?);
        }
        Some(CachedResponse {
            status,
            headers,
            body: Bytes::copy_from_slice(reader.0),
            stored_at_ms,
            generation,
        })
    }
}

/// Reads `to_bytes`'s fields off the front.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    fn part(&mut self) -> Option<&'a [u8]> {
        let length = u32::from_be_bytes(self.take()?) as usize;
        let (part, rest) = self.0.split_at_checked(length)?;
        self.0 = rest;
        Some(part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_survives_its_bytes_and_garbage_is_refused() {
        let mut headers = HeaderMap::new();
        headers.append(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        headers.append(header::VARY, HeaderValue::from_static("a"));
        headers.append(header::VARY, HeaderValue::from_static("b"));
        let entry = CachedResponse {
            status: StatusCode::NON_AUTHORITATIVE_INFORMATION,
            headers,
            body: Bytes::from_static(b"body \x00 bytes"),
            stored_at_ms: 1_700_000_000_123,
            generation: 7,
        };
        let bytes = entry.to_bytes();
        let back = CachedResponse::from_bytes(&bytes).expect("its own bytes");
        // By name: a header map's order of names is its own (hashed); the
        // values of one name keep theirs.
        let pairs = |entry: &CachedResponse| -> Vec<(String, Vec<u8>)> {
            let headers = entry.headers.iter();
            let mut pairs: Vec<_> = headers
                .map(|(name, value)| (name.to_string(), value.as_bytes().to_vec()))
                .collect();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            pairs
        };
        assert_eq!(pairs(&back), pairs(&entry));
        assert_eq!(
            (back.status, back.body, back.stored_at_ms, back.generation),
            (
                entry.status,
                entry.body,
                entry.stored_at_ms,
                entry.generation
            )
        );
        assert!(CachedResponse::from_bytes(&bytes[..20]).is_none());
        assert!(CachedResponse::from_bytes(b"short").is_none());
    }
}
