//! What a lookup captured for the route's dynamic segments: the values in
//! one buffer ([`Captures`], kept in the `RouteMatch`), and the views a
//! handler reads them through ([`RouteParams`], [`ParamValue`],
//! [`CatchAllSegments`]).

use std::borrow::Cow;
use std::fmt;

use crate::url::request_path::decode_segment;

/// The values a lookup captured, in path order, one after another in one
/// buffer: a parameter's percent-decoded, a catch-all's as the URL spells
/// it. Names are not kept: the endpoint has them, in the same order.
///
/// Up to six values of 46 bytes in all are stored inline (a lookup then
/// allocates nothing, and a `RouteMatch` is moved without a call to
/// `memcpy`); beyond, one heap buffer. A catch-all ends its URL, so only
/// the last value can be one.
#[derive(Clone)]
pub(crate) enum Captures {
    Inline {
        count: u8,
        /// The last value is a catch-all's segments.
        many: bool,
        /// Each value's end in `bytes`.
        ends: [u8; INLINE_VALUES],
        bytes: [u8; INLINE_BYTES],
    },
    Heap(Box<HeapCaptures>),
}

const INLINE_VALUES: usize = 6;
const INLINE_BYTES: usize = 46;

#[derive(Clone, Default)]
pub(crate) struct HeapCaptures {
    text: String,
    ends: Vec<usize>,
    many: bool,
}

impl Default for Captures {
    fn default() -> Self {
        Captures::new()
    }
}

impl Captures {
    #[inline]
    pub(crate) fn new() -> Self {
        Captures::Inline {
            count: 0,
            many: false,
            ends: [0; INLINE_VALUES],
            bytes: [0; INLINE_BYTES],
        }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        match self {
            Captures::Inline { count, .. } => usize::from(*count),
            Captures::Heap(heap) => heap.ends.len(),
        }
    }

    /// A parameter's segment, decoded.
    #[inline]
    pub(crate) fn push_one(&mut self, value: &str) {
        self.push(value, false);
    }

    /// A catch-all's segments, still percent-encoded (`check_path`
    /// accepted them: `/`-separated, none empty); `""` for none.
    pub(crate) fn push_many(&mut self, encoded: &str) {
        self.push(encoded, true);
    }

    #[inline]
    fn push(&mut self, value: &str, is_many: bool) {
        if let Captures::Inline {
            count,
            many,
            ends,
            bytes,
        } = self
        {
            let index = usize::from(*count);
            let start = index
                .checked_sub(1)
                .map_or(0, |last| usize::from(ends[last]));
            let end = start + value.len();
            if index < INLINE_VALUES && end <= INLINE_BYTES {
                bytes[start..end].copy_from_slice(value.as_bytes());
                // At most 46: it fits.
                ends[index] = end as u8;
                *count += 1;
                *many = is_many;
                return;
            }
        }
        self.spilled().push(value, is_many);
    }

    /// The heap buffer, the inline values moved into it first.
    #[cold]
    fn spilled(&mut self) -> &mut HeapCaptures {
        if let Captures::Inline { .. } = self {
            let mut heap = HeapCaptures::default();
            for index in 0..self.len() {
                heap.push(self.get(index), false);
            }
            heap.many = self.last_is_many();
            *self = Captures::Heap(Box::new(heap));
        }
        match self {
            Captures::Heap(heap) => heap,
            Captures::Inline { .. } => unreachable!("moved to the heap above"),
        }
    }

    /// Drops the values after the first `len` (a branch of the walk that
    /// dead-ended).
    #[inline]
    pub(crate) fn truncate(&mut self, len: usize) {
        match self {
            Captures::Inline { count, many, .. } => {
                if len < usize::from(*count) {
                    // Below the count: it fits.
                    *count = len as u8;
                    *many = false;
                }
            }
            Captures::Heap(heap) => {
                if len < heap.ends.len() {
                    heap.ends.truncate(len);
                    heap.text.truncate(heap.ends.last().copied().unwrap_or(0));
                    heap.many = false;
                }
            }
        }
    }

    /// The `index`th value's text.
    #[inline]
    pub(crate) fn get(&self, index: usize) -> &str {
        match self {
            // Copied from `str`s whole: valid, checked again without
            // `unsafe`.
            Captures::Inline { .. } => std::str::from_utf8(self.bytes(index)).unwrap_or_default(),
            Captures::Heap(heap) => {
                let start = index.checked_sub(1).map_or(0, |last| heap.ends[last]);
                &heap.text[start..heap.ends[index]]
            }
        }
    }

    /// The `index`th value's bytes, without the UTF-8 check of [`Self::get`].
    #[inline]
    fn bytes(&self, index: usize) -> &[u8] {
        match self {
            Captures::Inline { ends, bytes, .. } => {
                let start = index
                    .checked_sub(1)
                    .map_or(0, |last| usize::from(ends[last]));
                &bytes[start..usize::from(ends[index])]
            }
            Captures::Heap(_) => self.get(index).as_bytes(),
        }
    }

    /// Whether the catch-all (if the last value is one) may hold a segment
    /// that is not one path segment: only a `\`, a NUL or a `%` can make
    /// one, so most catch-alls are cleared by one look at their bytes,
    /// before [`CatchAllSegments::segment_with_separator`] splits them.
    #[inline(always)]
    pub(crate) fn catch_all_may_hold_a_separator(&self) -> bool {
        if !self.last_is_many() {
            return false;
        }
        let last = self.len() - 1;
        self.bytes(last)
            .iter()
            .any(|&byte| matches!(byte, b'\\' | b'\0' | b'%'))
    }

    #[inline]
    fn last_is_many(&self) -> bool {
        match self {
            Captures::Inline { many, .. } => *many,
            Captures::Heap(heap) => heap.many,
        }
    }

    /// The `index`th value as a handler reads it.
    #[inline]
    pub(crate) fn value(&self, index: usize) -> ParamValue<'_> {
        let text = self.get(index);
        match index + 1 == self.len() && self.last_is_many() {
            true => ParamValue(Value::Many(CatchAllSegments { encoded: text })),
            false => ParamValue(Value::One(text)),
        }
    }

    /// The catch-all's segments, if the last value is one.
    #[inline(always)]
    pub(crate) fn catch_all(&self) -> Option<CatchAllSegments<'_>> {
        if !self.last_is_many() {
            return None;
        }
        self.value(self.len().checked_sub(1)?).segments()
    }
}

impl HeapCaptures {
    fn push(&mut self, value: &str, is_many: bool) {
        self.text.push_str(value);
        self.ends.push(self.text.len());
        self.many = is_many;
    }
}

/// A route's parameters, in path order: each name and its value.
///
/// ```
/// use approute::prelude::*;
/// use approute::routing::{Conflicts, Resolution, RouteTable};
///
/// #[route("/blog/[year]/[...slug]")]
/// async fn GET() -> &'static str { "" }
///
/// let table = RouteTable::from_registry(Conflicts::Deny).unwrap();
/// let Resolution::Route(found) = table.resolve("/blog/2024/hello%20world/part-2") else {
///     panic!("no route")
/// };
/// let mut params = found.params();
/// let (name, year) = params.next().unwrap();
/// assert_eq!((name, year.as_str()), ("year", Some("2024")));
/// let (name, slug) = params.next().unwrap();
/// assert_eq!(name, "slug");
/// assert_eq!(slug.segments().unwrap().to_vec(), ["hello world", "part-2"]);
/// assert!(params.next().is_none());
/// assert_eq!(found.params().get("year").and_then(|year| year.as_str()), Some("2024"));
/// ```
#[derive(Clone)]
pub struct RouteParams<'a> {
    names: std::slice::Iter<'a, &'static str>,
    values: &'a Captures,
    next: usize,
}

impl<'a> RouteParams<'a> {
    /// `names` and `values` in the same order, one name per value.
    pub(crate) fn new(names: &'a [&'static str], values: &'a Captures) -> Self {
        debug_assert_eq!(names.len(), values.len(), "a name per value");
        RouteParams {
            names: names.iter(),
            values,
            next: 0,
        }
    }

    /// The value of the parameter named `name` (as the path writes it).
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/docs/[...slug]")]
    /// async fn GET() -> &'static str { "" }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/docs/a%20b/c") else { panic!() };
    /// assert!(found.params().get("slug").is_some());
    /// assert!(found.params().get("id").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<ParamValue<'a>> {
        self.clone()
            .find(|(known, _)| *known == name)
            .map(|(_, value)| value)
    }
}

impl<'a> Iterator for RouteParams<'a> {
    type Item = (&'static str, ParamValue<'a>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let name = self.names.next()?;
        let value = self.values.value(self.next);
        self.next += 1;
        Some((name, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.names.size_hint()
    }
}

impl ExactSizeIterator for RouteParams<'_> {}

impl fmt::Debug for RouteParams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// The value a dynamic segment captured: one segment (`[id]`) or a
/// catch-all's segments (`[...slug]`, `[[...slug]]`), percent-decoded.
///
/// Opaque, so that how values are stored is not part of the API.
///
/// ```
/// use approute::prelude::*;
/// use approute::routing::Resolution;
///
/// #[route("/docs/[...slug]")]
/// async fn GET() -> &'static str { "" }
///
/// let table = approute::routes().unwrap();
/// let Resolution::Route(found) = table.resolve("/docs/a%20b/c") else { panic!() };
/// let slug = found.params().get("slug").unwrap();
/// assert_eq!(slug.segments().map(|segments| segments.len()), Some(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamValue<'a>(pub(crate) Value<'a>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value<'a> {
    One(&'a str),
    Many(CatchAllSegments<'a>),
}

impl<'a> ParamValue<'a> {
    /// The segment an `[id]` captured, decoded; `None` for a catch-all.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/docs/[...slug]")]
    /// async fn GET() -> &'static str { "" }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/docs/a%20b/c") else { panic!() };
    /// let slug = found.params().get("slug").unwrap();
    /// assert_eq!(slug.as_str(), None, "a catch-all is segments, not one value");
    /// ```
    pub fn as_str(&self) -> Option<&'a str> {
        match self.0 {
            Value::One(text) => Some(text),
            Value::Many(_) => None,
        }
    }

    /// The segments a catch-all captured (none for an optional catch-all
    /// that matched nothing); `None` for an `[id]`.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/docs/[...slug]")]
    /// async fn GET() -> &'static str { "" }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/docs/a%20b/c") else { panic!() };
    /// let slug = found.params().get("slug").unwrap().segments().unwrap();
    /// assert_eq!(slug.to_vec(), ["a b", "c"]);
    /// ```
    pub fn segments(&self) -> Option<CatchAllSegments<'a>> {
        match self.0 {
            Value::One(_) => None,
            Value::Many(segments) => Some(segments),
        }
    }

    /// The value as actix-web's `match_info` holds it: a catch-all's
    /// segments joined by `/`.
    pub(crate) fn to_match_info(self) -> String {
        match self.0 {
            Value::One(text) => text.to_owned(),
            Value::Many(segments) => segments.joined(),
        }
    }
}

/// The segments a catch-all captured.
///
/// They are kept as the URL spells them and percent-decoded one by one as
/// they are read: capturing `/docs/a/b/c` copies one short string instead of
/// allocating a list and a string per segment.
///
/// ```
/// use approute::prelude::*;
/// use approute::routing::Resolution;
///
/// #[route("/docs/[...slug]")]
/// async fn GET() -> &'static str { "" }
///
/// let table = approute::routes().unwrap();
/// let Resolution::Route(found) = table.resolve("/docs/a%20b/c") else { panic!() };
/// let slug = found.params().get("slug").unwrap().segments().unwrap();
/// assert_eq!(slug.len(), 2);
/// assert_eq!(slug.as_encoded(), "a%20b/c");
/// ```
#[derive(Clone, Copy, Default, Eq)]
pub struct CatchAllSegments<'a> {
    /// Still percent-encoded, `/`-separated, no empty segment.
    encoded: &'a str,
}

impl<'a> CatchAllSegments<'a> {
    /// `encoded` is the rest of a request path that `check_path` accepted.
    #[cfg(test)]
    pub(crate) fn new(encoded: &'a str) -> Self {
        CatchAllSegments { encoded }
    }

    /// The segments, percent-decoded, in path order.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/docs/[...slug]")]
    /// async fn GET() -> &'static str { "" }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/docs/a%20b/c") else { panic!() };
    /// let slug = found.params().get("slug").unwrap().segments().unwrap();
    /// assert_eq!(slug.iter().collect::<Vec<_>>(), ["a b", "c"]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = Cow<'a, str>> + 'a {
        self.encoded_segments().map(decode_segment)
    }

    /// Counted without decoding: a `%2F` inside a segment is no separator.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/docs/[...slug]")]
    /// async fn GET() -> &'static str { "" }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/docs/a%20b/c") else { panic!() };
    /// assert_eq!(found.params().get("slug").unwrap().segments().unwrap().len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.encoded_segments().count()
    }

    /// `split` yields one empty piece for no segments at all.
    fn encoded_segments(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.encoded
            .split('/')
            .filter(|segment| !segment.is_empty())
    }

    /// No segments: an optional catch-all that matched nothing.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/docs/[...slug]")]
    /// async fn GET() -> &'static str { "" }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/docs/a%20b/c") else { panic!() };
    /// assert!(!found.params().get("slug").unwrap().segments().unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.encoded.is_empty()
    }

    /// The segments as owned strings.
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/docs/[...slug]")]
    /// async fn GET() -> &'static str { "" }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/docs/a%20b/c") else { panic!() };
    /// assert_eq!(found.params().get("slug").unwrap().segments().unwrap().to_vec(), ["a b", "c"]);
    /// ```
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(Cow::into_owned).collect()
    }

    /// The decoded segments joined by `/`, as actix's `match_info` holds a
    /// catch-all.
    pub(crate) fn joined(&self) -> String {
        if !self.encoded.contains('%') {
            return self.encoded.to_owned();
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
    /// `RouteTable::resolve` takes any string) or percent-encoded, or a
    /// `/` percent-encoded. A handler that
    /// joins the segments into a file path would otherwise join more than
    /// the URL's segments (`..%2f..%2fetc` is three).
    pub(crate) fn segment_with_separator(&self) -> Option<&'a str> {
        self.encoded_segments().find(|segment| {
            segment.contains(['\\', '\0'])
                || (segment.contains('%') && decode_segment(segment).contains(['/', '\\', '\0']))
        })
    }

    /// The segments as the URL spells them, e.g. `a/b%2Fc` (two segments).
    ///
    /// ```
    /// use approute::prelude::*;
    /// use approute::routing::Resolution;
    ///
    /// #[route("/docs/[...slug]")]
    /// async fn GET() -> &'static str { "" }
    ///
    /// let table = approute::routes().unwrap();
    /// let Resolution::Route(found) = table.resolve("/docs/a%20b/c") else { panic!() };
    /// assert_eq!(found.params().get("slug").unwrap().segments().unwrap().as_encoded(), "a%20b/c");
    /// ```
    pub fn as_encoded(&self) -> &'a str {
        self.encoded
    }
}

/// Equal when the decoded segments are: `a/%62` and `a/b` are one path.
impl PartialEq for CatchAllSegments<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl fmt::Debug for CatchAllSegments<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

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
            // The quick look clears no catch-all the whole check refuses.
            let mut captures = Captures::new();
            captures.push_many(encoded);
            let may = captures.catch_all_may_hold_a_separator();
            assert!(may || found.is_none(), "{encoded}");
            assert_eq!(may, encoded.contains(['\\', '\0', '%']), "{encoded}");
        }
        let mut one = Captures::new();
        one.push_one("a%2Fb");
        assert!(!one.catch_all_may_hold_a_separator());
    }

    /// The size a request pays for in every move of its `RouteMatch`.
    #[test]
    fn a_match_stays_small() {
        assert!(std::mem::size_of::<Captures>() <= 56);
        // The values, the endpoint, and the table borrowed or shared.
        assert!(std::mem::size_of::<crate::routing::RouteMatch<'static>>() <= 80);
    }

    fn texts(captures: &Captures) -> Vec<&str> {
        (0..captures.len())
            .map(|index| captures.get(index))
            .collect()
    }

    #[test]
    fn values_stay_inline_until_they_do_not_fit_and_none_is_lost() {
        let mut captures = Captures::new();
        for value in ["octocat", "", "hello-world", "1347"] {
            captures.push_one(value);
        }
        assert!(matches!(captures, Captures::Inline { .. }));
        assert_eq!(texts(&captures), ["octocat", "", "hello-world", "1347"]);
        captures.truncate(2);
        assert_eq!(texts(&captures), ["octocat", ""]);
        // A value too long for what is left of the buffer, then the seventh
        // value: both on the heap, the first ones moved along.
        captures.push_one(&"x".repeat(40));
        assert!(matches!(captures, Captures::Heap(_)));
        for value in ["d", "e", "f", "g"] {
            captures.push_one(value);
        }
        captures.push_many("a/b%2Fc");
        let long = "x".repeat(40);
        assert_eq!(
            texts(&captures),
            ["octocat", "", &long, "d", "e", "f", "g", "a/b%2Fc"]
        );
        assert_eq!(captures.catch_all().map(|all| all.len()), Some(2));
        assert_eq!(captures.value(0).as_str(), Some("octocat"));
        captures.truncate(3);
        assert_eq!(texts(&captures), ["octocat", "", &long]);
        assert_eq!(captures.catch_all(), None);
    }

    #[test]
    fn seven_short_values_move_to_the_heap_in_order() {
        let mut captures = Captures::new();
        let values = ["a", "b", "c", "d", "e", "f", "g"];
        for value in values {
            captures.push_one(value);
        }
        assert!(matches!(captures, Captures::Heap(_)));
        assert_eq!(texts(&captures), values);
    }

    #[test]
    fn only_the_last_value_can_be_a_catch_all() {
        let mut captures = Captures::new();
        captures.push_one("a%2Fb");
        assert_eq!(captures.catch_all(), None);
        captures.push_many("");
        let all = captures.catch_all().unwrap();
        assert!(all.is_empty());
        assert_eq!(all.len(), 0);
        assert_eq!(all.to_vec(), Vec::<String>::new());
        assert_eq!(captures.value(0).segments(), None);
        captures.truncate(1);
        assert_eq!(captures.catch_all(), None);
        assert_eq!(Captures::new().catch_all(), None);
    }

    /// Names as the path writes them, values in path order, the last a
    /// catch-all's segments.
    #[test]
    fn route_params_pair_each_name_with_its_value() {
        let mut values = Captures::new();
        values.push_one("42");
        values.push_many("a/b");
        let names = ["product-id", "rest"];
        let params = RouteParams::new(&names, &values);
        assert_eq!(params.len(), 2);
        assert_eq!(
            params.get("product-id").and_then(|id| id.as_str()),
            Some("42")
        );
        assert_eq!(params.get("product_id"), None);
        let rest = params.get("rest").and_then(|rest| rest.segments());
        assert_eq!(
            rest.map(|rest| rest.to_vec()),
            Some(vec!["a".to_owned(), "b".to_owned()])
        );
        let mut walked = params.clone();
        assert_eq!(walked.next().map(|(name, _)| name), Some("product-id"));
        assert_eq!(walked.len(), 1);
        assert_eq!(
            format!("{params:?}"),
            r#"[("product-id", ParamValue(One("42"))), ("rest", ParamValue(Many(["a", "b"])))]"#
        );
    }

    #[test]
    fn equal_when_the_decoded_segments_are() {
        assert_eq!(CatchAllSegments::new("a/%62"), CatchAllSegments::new("a/b"));
        assert_ne!(CatchAllSegments::new("a%2Fb"), CatchAllSegments::new("a/b"));
    }
}
