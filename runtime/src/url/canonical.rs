//! The paths approute redirects to on its own (a trailing slash, dot
//! segments): resolved as a browser resolves them, and always a path on this
//! origin, so that no crafted URL turns a redirect into a way off the site.

use std::fmt::Write;

use crate::url::request_path::DotSegment;

/// The path with `.` and `..` resolved (RFC 3986, section 5.2.4) and no
/// trailing `/`, written as a same-origin `Location`; `None` when it cannot
/// be one (it would start with `//`, a scheme-relative URL).
pub(crate) fn canonical_location(path: &str) -> Option<String> {
    let resolved = remove_dot_segments(path);
    let trimmed = resolved.trim_end_matches('/');
    let path = if trimmed.is_empty() { "/" } else { trimmed };
    same_origin_location(path)
}

/// `location` (a path [`canonical_location`] built) under a mount prefix
/// (`/api`, or empty at the root), as a same-origin `Location`: the prefix
/// is the raw request text a scope matched, so it is checked as well.
pub(crate) fn under_prefix(prefix: &str, location: &str) -> Option<String> {
    if prefix.is_empty() {
        return Some(location.to_owned());
    }
    let rest = if location == "/" { "" } else { location };
    same_origin_location(&format!("{prefix}{rest}"))
}

fn remove_dot_segments(path: &str) -> String {
    let rest = path.strip_prefix('/').unwrap_or(path);
    let mut kept: Vec<&str> = Vec::new();
    for segment in rest.split('/') {
        match DotSegment::of(segment) {
            None => kept.push(segment),
            Some(DotSegment::Current) => {}
            Some(DotSegment::Parent) => {
                kept.pop();
            }
        }
    }
    let mut resolved = String::with_capacity(path.len());
    for segment in kept {
        resolved.push('/');
        resolved.push_str(segment);
    }
    resolved
}

/// Exactly one leading `/`, and `\`, control bytes, spaces and non-ASCII
/// percent-encoded (a `Location` is visible ASCII):
/// browsers read `/\evil.com` as `//evil.com`, another origin.
fn same_origin_location(path: &str) -> Option<String> {
    if !path.starts_with('/') || path[1..].starts_with('/') {
        return None;
    }
    let mut location = String::with_capacity(path.len());
    push_visible_ascii(&mut location, path);
    Some(location)
}

/// `location` with the request's query, kept as sent but for what a
/// `Location` must not hold: a `\\` there is as harmless as in a path, and
/// as forbidden (ARCHITECTURE.md, "Precedence and URL rules").
pub(crate) fn with_query(mut location: String, query: Option<&str>) -> String {
    if let Some(query) = query {
        location.push('?');
        push_visible_ascii(&mut location, query);
    }
    location
}

/// `text` with `\\`, control bytes, spaces and non-ASCII percent-encoded.
fn push_visible_ascii(location: &mut String, text: &str) {
    for byte in text.bytes() {
        if byte == b'\\' || byte <= b' ' || byte >= 0x7f {
            let _ = write!(location, "%{byte:02X}");
        } else {
            location.push(char::from(byte));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{canonical_location, under_prefix, with_query};

    #[test]
    fn resolves_dot_segments_and_trailing_slashes() {
        let cases = [
            ("/comments/", Some("/comments")),
            ("/docs/../../etc/passwd", Some("/etc/passwd")),
            ("/docs/%2e%2e/x", Some("/x")),
            ("/docs/%2E./x/.", Some("/x")),
            ("/a/./b/", Some("/a/b")),
            ("/a/..", Some("/")),
            ("/..", Some("/")),
            ("/\\evil.com/", Some("/%5Cevil.com")),
            ("/x/%5Cy/", Some("/x/%5Cy")),
            ("/a\tb/", Some("/a%09b")),
            ("/x/..//evil.com/", None),
            ("//evil.com/", None),
            ("/x/../\\evil.com", Some("/%5Cevil.com")),
            ("/café/", Some("/caf%C3%A9")),
            ("/a/b/.%2E/c", Some("/a/c")),
            ("/a/b/%2e./c/%2E", Some("/a/c")),
            ("/a/.../.x/", Some("/a/.../.x")),
        ];
        for (path, expected) in cases {
            assert_eq!(canonical_location(path).as_deref(), expected, "{path}");
        }
    }

    #[test]
    fn a_query_is_kept_but_for_what_a_location_cannot_hold() {
        let cases = [
            (None, "/a/b"),
            (Some("x=1&y=%2F"), "/a/b?x=1&y=%2F"),
            (Some("next=/\\evil.example"), "/a/b?next=/%5Cevil.example"),
            (Some("a=\x01b\x7f"), "/a/b?a=%01b%7F"),
            (Some(""), "/a/b?"),
        ];
        for (query, expected) in cases {
            assert_eq!(with_query("/a/b".to_owned(), query), expected, "{query:?}");
        }
    }

    #[test]
    fn prefixes_stay_on_the_origin() {
        let cases = [
            ("", "/comments", Some("/comments")),
            ("/api", "/comments", Some("/api/comments")),
            ("/api", "/", Some("/api")),
            ("/\\evil.com", "/x", Some("/%5Cevil.com/x")),
            ("/café", "/", Some("/caf%C3%A9")),
        ];
        for (prefix, location, expected) in cases {
            assert_eq!(
                under_prefix(prefix, location).as_deref(),
                expected,
                "{prefix}"
            );
        }
    }
}
