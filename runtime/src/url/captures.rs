//! What a lookup captured for the route's dynamic segments.

use std::borrow::Cow;
use std::fmt;

use crate::url::request_path::decode_segment;

/// The value a dynamic segment captured: one segment (`[id]`) or a
/// catch-all's segments (`[...slug]`, `[[...slug]]`), percent-decoded.
///
/// Opaque, so that how values are stored is not part of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamValue(pub(crate) Value);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    One(Text),
    Many(CatchAllSegments),
}

/// A captured segment's text: inline up to 22 bytes (most ids, slugs and
/// names), so that a lookup allocates nothing for them; a `Box<str>` beyond
/// (16 bytes where a `String` takes 24: the enum stays 24 bytes, and a
/// `RouteMatch` small enough to be moved without a call to `memcpy`).
/// (`compact_str` measured no fewer instructions per request, BENCHMARKS.md;
/// this saves a `malloc` and a `free` per parameter on the lookup alone.)
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Text {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

const INLINE: usize = 22;

impl Text {
    #[inline]
    fn new(text: &str) -> Text {
        if text.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            // At most 22: it fits.
            let len = text.len() as u8;
            Text::Inline { len, bytes }
        } else {
            Text::Heap(Box::from(text))
        }
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::new("")
    }
}

impl std::ops::Deref for Text {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        match self {
            // Copied from a `str` whole: valid, checked again without `unsafe`.
            Text::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Text::Heap(text) => text,
        }
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl ParamValue {
    pub(crate) fn one(text: &str) -> Self {
        ParamValue(Value::One(Text::new(text)))
    }

    pub(crate) fn many(segments: CatchAllSegments) -> Self {
        ParamValue(Value::Many(segments))
    }

    /// The segment an `[id]` captured; `None` for a catch-all.
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            Value::One(text) => Some(text),
            Value::Many(_) => None,
        }
    }

    /// The segments a catch-all captured (none for an optional catch-all
    /// that matched nothing); `None` for an `[id]`.
    pub fn segments(&self) -> Option<&CatchAllSegments> {
        match &self.0 {
            Value::One(_) => None,
            Value::Many(segments) => Some(segments),
        }
    }

    /// The value as actix-web's `match_info` holds it: a catch-all's
    /// segments joined by `/`.
    pub(crate) fn to_match_info(&self) -> String {
        match &self.0 {
            Value::One(text) => text.to_string(),
            Value::Many(segments) => segments.joined(),
        }
    }
}

/// The segments a catch-all captured.
///
/// They are kept as the URL spells them and percent-decoded one by one as
/// they are read: capturing `/docs/a/b/c` copies one short string instead of
/// allocating a list and a string per segment.
#[derive(Clone, Default, Eq)]
pub struct CatchAllSegments {
    /// Still percent-encoded, `/`-separated, no empty segment.
    encoded: Text,
}

impl CatchAllSegments {
    /// `encoded` is the rest of a request path that `check_path` accepted.
    pub(crate) fn new(encoded: &str) -> Self {
        CatchAllSegments {
            encoded: Text::new(encoded),
        }
    }

    /// The segments, percent-decoded, in path order.
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, str>> + '_ {
        self.encoded_segments().map(decode_segment)
    }

    /// Counted without decoding: a `%2F` inside a segment is no separator.
    pub fn len(&self) -> usize {
        self.encoded_segments().count()
    }

    /// `split` yields one empty piece for no segments at all.
    fn encoded_segments(&self) -> impl Iterator<Item = &str> {
        self.encoded
            .split('/')
            .filter(|segment| !segment.is_empty())
    }

    /// No segments: an optional catch-all that matched nothing.
    pub fn is_empty(&self) -> bool {
        self.encoded.is_empty()
    }

    /// The segments as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(Cow::into_owned).collect()
    }

    /// The decoded segments joined by `/`, as actix's `match_info` holds a
    /// catch-all.
    pub(crate) fn joined(&self) -> String {
        if !self.encoded.contains('%') {
            return self.encoded.to_string();
        }
        let mut joined = String::with_capacity(self.encoded.len());
        for (index, segment) in self.iter().enumerate() {
            if index > 0 {
                joined.push('/');
            }
            joined.push_str(&segment);
        }
        joined
    }

    /// The first segment that is not one path segment once decoded: it
    /// holds a `\` or a NUL, raw (HTTP never carries a raw NUL, but
    /// `RouteTable::match_path` takes any string) or percent-encoded, or a
    /// `/` percent-encoded. A handler that
    /// joins the segments into a file path would otherwise join more than
    /// the URL's segments (`..%2f..%2fetc` is three).
    pub(crate) fn segment_with_separator(&self) -> Option<&str> {
        self.encoded_segments().find(|segment| {
            segment.contains(['\\', '\0'])
                || (segment.contains('%') && decode_segment(segment).contains(['/', '\\', '\0']))
        })
    }

    /// The segments as the URL spells them, e.g. `a/b%2Fc` (two segments).
    pub fn as_encoded(&self) -> &str {
        &self.encoded
    }
}

/// Equal when the decoded segments are: `a/%62` and `a/b` are one path.
impl PartialEq for CatchAllSegments {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl fmt::Debug for CatchAllSegments {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Inline up to two parameters: most routes have one or two.
pub(crate) type Captures = smallvec::SmallVec<[(&'static str, ParamValue); 2]>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catch_all_segments_decode_one_by_one() {
        let segments = CatchAllSegments::new("a%2Fb/c%20d/%C3%A9");
        assert_eq!(segments.to_vec(), ["a/b", "c d", "é"]);
        assert_eq!(segments.len(), 3);
        assert!(!segments.is_empty());
        assert_eq!(segments.as_encoded(), "a%2Fb/c%20d/%C3%A9");
        assert_eq!(segments.joined(), "a/b/c d/é");
        assert_eq!(CatchAllSegments::new("a/b").joined(), "a/b");
        assert_eq!(format!("{segments:?}"), r#"["a/b", "c d", "é"]"#);
    }

    #[test]
    fn a_segment_holding_a_separator_is_found() {
        for (encoded, found) in [
            ("a/b/c", None),
            ("a/%2e%2e%20x/%C3%A9", None),
            ("..%2f..%2fetc%2fpasswd", Some("..%2f..%2fetc%2fpasswd")),
            ("example.com/%2f%2e%2e", Some("%2f%2e%2e")),
            ("..%5c..%5cetc/passwd", Some("..%5c..%5cetc")),
            ("..\\..\\etc/passwd", Some("..\\..\\etc")),
            ("a/b%00.png", Some("b%00.png")),
            ("a/%2F", Some("%2F")),
            ("a/b\0c", Some("b\0c")),
        ] {
            let segments = CatchAllSegments::new(encoded);
            assert_eq!(segments.segment_with_separator(), found, "{encoded}");
        }
    }

    /// The size a request pays for in every move of its `RouteMatch`
    /// (BENCHMARKS.md section 1, tenth session).
    #[test]
    fn a_value_stays_small() {
        assert_eq!(std::mem::size_of::<Text>(), 24);
        assert!(std::mem::size_of::<ParamValue>() <= 32);
        assert!(std::mem::size_of::<crate::routing::RouteMatch>() <= 128);
    }

    #[test]
    fn no_segments_is_empty() {
        let segments = CatchAllSegments::default();
        assert!(segments.is_empty());
        assert_eq!(segments.len(), 0);
        assert_eq!(segments.to_vec(), Vec::<String>::new());
    }

    #[test]
    fn equal_when_the_decoded_segments_are() {
        assert_eq!(CatchAllSegments::new("a/%62"), CatchAllSegments::new("a/b"));
        assert_ne!(CatchAllSegments::new("a%2Fb"), CatchAllSegments::new("a/b"));
    }
}
