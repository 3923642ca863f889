//! Checking a request path before the lookup, and decoding its segments.

use std::borrow::Cow;

/// How a request path can be looked up.
pub(crate) enum PathShape<'a> {
    /// Non-empty segments, valid UTF-8 once decoded: the part after `/`
    /// (`None` for `/` itself), and whether any `%` needs decoding.
    Segments {
        path: Option<&'a str>,
        encoded: bool,
    },
    /// An empty segment (`/a//b`, `/a/`): never matches a parameter.
    EmptySegment,
    /// A `.` or `..` segment, percent-encoded or not: never reaches a
    /// handler; the path is resolved and redirected to instead.
    DotSegment,
    /// This segment is not UTF-8 once percent-decoded; `path` is the part
    /// after `/`, for a lossy look at whether a route would match.
    BadEncoding { segment: &'a str, path: &'a str },
}

/// The part after `/` of a path with nothing to look at twice: no `%`, no
/// `.`, no empty first or last segment (`None` for `/` itself). One search
/// instead of `check_path`'s walk over every byte. The lookup asks it only
/// when the walk that takes paths as they came missed (`Node::find_in_raw_path`):
/// such a path misses for good, unless it holds an empty segment inside
/// (`a//b`), which [`check_path`] may resolve into a redirect.
#[inline]
pub(crate) fn plain_path(path: &str) -> Option<Option<&str>> {
    let trimmed = path.strip_prefix('/')?;
    let bytes = trimmed.as_bytes();
    match (bytes.first(), bytes.last()) {
        (None, _) => Some(None),
        (Some(b'/'), _) | (_, Some(b'/')) => None,
        _ => (!has_percent_or_dot(bytes)).then_some(Some(trimmed)),
    }
}

/// Below this many bytes a plain loop; from it on `memchr2`, whose call and
/// set-up cost more than a short path's bytes (a word-at-a-time loop is no
/// cheaper than `memchr2` on the GitHub route sets, BENCHMARKS.md 3b).
const SHORT_PATH: usize = 16;

#[inline]
pub(crate) fn has_percent_or_dot(bytes: &[u8]) -> bool {
    if bytes.len() < SHORT_PATH {
        return bytes.iter().any(|&byte| byte == b'%' || byte == b'.');
    }
    memchr::memchr2(b'%', b'.', bytes).is_some()
}

/// Whether a path (one [`plain_path`] took, or a catch-all's rest) holds an
/// empty segment inside.
pub(crate) fn has_empty_segment(path: &str) -> bool {
    let bytes = path.as_bytes();
    // `memmem` builds a searcher first: more than a short path's bytes.
    if bytes.len() < SHORT_PATH * 4 {
        return bytes.windows(2).any(|pair| pair == b"//");
    }
    memchr::memmem::find(bytes, b"//").is_some()
}

/// One pass over the path's bytes, for the paths [`plain_path`] leaves. A segment
/// is looked at again only when it holds a `.` or a `%` (a dot segment, or
/// one to decode), and only that segment.
pub(crate) fn check_path(path: &str) -> PathShape<'_> {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    if trimmed.is_empty() {
        return PathShape::Segments {
            path: None,
            encoded: false,
        };
    }
    let mut encoded = false;
    // A leading `/` counts as following an empty segment.
    let mut empty_segment = false;
    let mut after_slash = true;
    let mut special = Special::default();
    let mut segment_start = 0;
    let mut segment_special = false;
    for (at, &byte) in trimmed.as_bytes().iter().enumerate() {
        match byte {
            b'/' => {
                if segment_special {
                    special.note(&trimmed[segment_start..at]);
                    segment_special = false;
                }
                segment_start = at + 1;
                empty_segment |= after_slash;
                after_slash = true;
                continue;
            }
            b'%' => {
                encoded = true;
                segment_special = true;
            }
            b'.' => segment_special = true,
            _ => {}
        }
        after_slash = false;
    }
    if segment_special {
        special.note(&trimmed[segment_start..]);
    }
    empty_segment |= after_slash;
    if special.dot_segment {
        return PathShape::DotSegment;
    }
    // Before the encoding check: such a path is only ever redirected, and
    // a redirect to a path that is not UTF-8 is never made.
    if empty_segment {
        return PathShape::EmptySegment;
    }
    if let Some(segment) = special.bad_encoding {
        return PathShape::BadEncoding {
            segment,
            path: trimmed,
        };
    }
    PathShape::Segments {
        path: Some(trimmed),
        encoded,
    }
}

/// What the segments holding a `.` or a `%` turned out to be.
#[derive(Default)]
struct Special<'a> {
    dot_segment: bool,
    /// The first segment that is not UTF-8 once percent-decoded.
    bad_encoding: Option<&'a str>,
}

impl<'a> Special<'a> {
    fn note(&mut self, segment: &'a str) {
        self.dot_segment |= DotSegment::of(segment).is_some();
        if self.bad_encoding.is_none()
            && segment.contains('%')
            && percent_encoding::percent_decode_str(segment)
                .decode_utf8()
                .is_err()
        {
            self.bad_encoding = Some(segment);
        }
    }
}

/// Percent-decodes a segment: a route's literal, or a request segment that
/// `check_path` accepted (lossily, so it never fails).
pub(crate) fn decode_segment(segment: &str) -> Cow<'_, str> {
    if !segment.contains('%') {
        return Cow::Borrowed(segment);
    }
    percent_encoding::percent_decode_str(segment).decode_utf8_lossy()
}

/// A `.` or `..` segment, as RFC 3986 reads them (`%2e` counts as a dot).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum DotSegment {
    Current,
    Parent,
}

impl DotSegment {
    pub(crate) fn of(segment: &str) -> Option<DotSegment> {
        let rest = strip_dot(segment)?;
        match rest {
            "" => Some(DotSegment::Current),
            rest => strip_dot(rest)?.is_empty().then_some(DotSegment::Parent),
        }
    }
}

fn strip_dot(segment: &str) -> Option<&str> {
    segment.strip_prefix('.').or_else(|| {
        let head = segment.get(..3)?;
        head.eq_ignore_ascii_case("%2e").then(|| &segment[3..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways of looking (lengths on each side of `SHORT_PATH`), a `%`
    /// or `.` at every place, and bytes that differ from them by one bit.
    #[test]
    fn a_percent_or_dot_is_found_anywhere() {
        for len in 0..40 {
            let plain: Vec<u8> = (0..len).map(|at| b"az-/_,$&\x7f\xff"[at % 10]).collect();
            assert!(!has_percent_or_dot(&plain), "{len}");
            for at in 0..len {
                for special in [b'%', b'.'] {
                    let mut bytes = plain.clone();
                    bytes[at] = special;
                    assert!(has_percent_or_dot(&bytes), "{len} {at}");
                }
                for near in [b'$', b'&', b'-', b'/', 0x05, 0x0e, 0xa5, 0xae] {
                    let mut bytes = plain.clone();
                    bytes[at] = near;
                    assert!(!has_percent_or_dot(&bytes), "{len} {at} {near}");
                }
            }
        }
    }
}
