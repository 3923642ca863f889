//! Where the table is mounted: at the application's root, or inside a
//! `web::scope` whose prefix the request path starts with.
//!
//! Under a scope, actix-web has matched the prefix on its own copy of the
//! path, percent-decoded except `%`, `/` and `+` (and lossily: `%FF` is
//! gone). approute reads the raw path, so the prefix is found there by
//! counting `/`: decoding never adds or removes one.

use actix_web::dev::{Path, ServiceRequest, Url};
use actix_web::HttpRequest;

/// A request path split at the mount point: `/api/comments/7` under
/// `web::scope("/api")` is `/api` and `/comments/7`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Mounted<'a> {
    /// The raw path the scope matched, without a trailing `/`; empty at the root.
    pub(crate) prefix: &'a str,
    /// The rest of the raw path: empty (the mount point itself) or
    /// starting with `/`.
    pub(crate) path: &'a str,
}

impl<'a> Mounted<'a> {
    pub(crate) fn of(req: &'a ServiceRequest) -> Self {
        Self::from_match(req.path(), req.match_info())
    }

    pub(crate) fn from_match(raw: &'a str, matched: &Path<Url>) -> Self {
        let rest = matched.unprocessed();
        // Most paths hold nothing actix-web decodes: it matched the raw
        // path itself (its `Url` shares the request's bytes), and what is
        // left is the raw path's own tail.
        if rest.len() <= raw.len() && same_end(rest, raw) {
            return split_at(raw, raw.len() - rest.len());
        }
        let decoded = matched.as_str();
        let processed = &decoded[..decoded.len() - rest.len()];
        split(raw, processed)
    }
}

/// The raw path prefix under which the table that answers `req` is mounted
/// (`/api` under `web::scope("/api")`, empty at the root): what
/// [`href!`](crate::href) puts before a link made from a request.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/where")]
/// async fn GET(req: HttpRequest) -> String {
///     // "/api" under `web::scope("/api").configure(approute::configure)`, "" at the root.
///     approute::routing::mount_prefix(&req).to_owned()
/// }
/// # fn main() {}
/// ```
pub fn mount_prefix(req: &HttpRequest) -> &str {
    Mounted::from_match(req.path(), req.match_info()).prefix
}

/// Whether `tail` ends where `text` ends, in the same memory.
fn same_end(tail: &str, text: &str) -> bool {
    std::ptr::eq(
        tail.as_bytes().as_ptr_range().end,
        text.as_bytes().as_ptr_range().end,
    )
}

/// `raw` split where the scope's match of it ends (`at`), a trailing `/`
/// of the match aside.
fn split_at(raw: &str, at: usize) -> Mounted<'_> {
    let at = raw[..at].trim_end_matches('/').len();
    Mounted {
        prefix: &raw[..at],
        path: &raw[at..],
    }
}

/// `raw` split after as many `/` as `processed` (the decoded text the scope
/// matched) holds, a trailing one aside. Bytes, not `char`s: this runs on
/// every request under a scope, where a `char` search costs more than the
/// rest of finding the mount.
fn split<'a>(raw: &'a str, processed: &str) -> Mounted<'a> {
    let processed = processed.trim_end_matches('/');
    let at = match raw.as_bytes().get(processed.len()) {
        // Most prefixes hold nothing to decode: the raw path starts with
        // the matched text itself, and a `/` (or its end) follows it.
        None | Some(b'/') if raw.as_bytes().starts_with(processed.as_bytes()) => processed.len(),
        _ => {
            let slashes = processed.bytes().filter(|&byte| byte == b'/').count();
            raw.bytes()
                .enumerate()
                .filter(|&(_, byte)| byte == b'/')
                .nth(slashes)
                .map_or(raw.len(), |(index, _)| index)
        }
    };
    Mounted {
        prefix: &raw[..at],
        path: &raw[at..],
    }
}

#[cfg(test)]
mod tests {
    use super::{split, Mounted};
    use actix_web::dev::{Path, Url};

    /// Through actix-web's own match: the raw path's tail where nothing was
    /// decoded, the decoded prefix counted where something was.
    #[test]
    fn splits_where_the_scope_matched() {
        let cases = [
            ("/api/hello", 4, "/api", "/hello"),
            ("/api/", 5, "/api", "/"),
            ("/api", 4, "/api", ""),
            ("/hello", 0, "", "/hello"),
            ("/%61pi/hello", 4, "/%61pi", "/hello"),
            ("/t/%7Ex/a%2Fb", 5, "/t/%7Ex", "/a%2Fb"),
        ];
        for (raw, skip, prefix, path) in cases {
            let mut matched = Path::new(Url::new(raw.parse().unwrap()));
            matched.skip(skip);
            let raw = matched.get_ref().uri().path();
            assert_eq!(
                Mounted::from_match(raw, &matched),
                Mounted { prefix, path },
                "{raw}"
            );
        }
    }

    #[test]
    fn splits_the_raw_path_where_the_decoded_prefix_ends() {
        let cases = [
            ("/hello", "", "", "/hello"),
            ("/api/hello", "/api", "/api", "/hello"),
            ("/api", "/api", "/api", ""),
            ("/api/", "/api", "/api", "/"),
            ("/api/hello", "/api/", "/api", "/hello"),
            ("/%61pi/hello", "/api", "/%61pi", "/hello"),
            ("/t/%FF/x", "/t/\u{fffd}", "/t/%FF", "/x"),
            ("/v1/api/a%2Fb", "/v1/api", "/v1/api", "/a%2Fb"),
            ("/apix/hello", "/api", "/apix", "/hello"),
            ("/api", "", "", "/api"),
            ("/", "", "", "/"),
        ];
        for (raw, processed, prefix, path) in cases {
            assert_eq!(split(raw, processed), Mounted { prefix, path }, "{raw}");
        }
    }
}
