use std::borrow::Cow;
use std::fmt;

use crate::{parse, PathError};

/// One `/`-separated part of a route path, borrowed from the path's text.
///
/// ```
/// use approute_path::{PathPattern, Segment};
///
/// let pattern = PathPattern::parse("/(shop)/items/[id]").unwrap();
/// assert_eq!(pattern.segments(), [Segment::Group("shop"), Segment::Literal("items"), Segment::Param("id")]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment<'a> {
    /// `items`: matches exactly this text (case-sensitive).
    Literal(&'a str),
    /// `[id]`: matches any one segment.
    Param(&'a str),
    /// `[...slug]`: matches one or more trailing segments.
    CatchAll(&'a str),
    /// `[[...slug]]`: matches zero or more trailing segments.
    OptionalCatchAll(&'a str),
    /// `(group)`: organises code, left out of the URL.
    Group(&'a str),
}

impl<'a> Segment<'a> {
    /// The parameter this segment binds, if any.
    ///
    /// ```
    /// use approute_path::Segment;
    ///
    /// assert_eq!(Segment::CatchAll("slug").param_name(), Some("slug"));
    /// assert_eq!(Segment::Literal("items").param_name(), None);
    /// ```
    pub fn param_name(&self) -> Option<&'a str> {
        match self {
            Segment::Param(name) | Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                Some(*name)
            }
            Segment::Literal(_) | Segment::Group(_) => None,
        }
    }

    /// The segment as part of the URL; `None` for a route group.
    ///
    /// ```
    /// use approute_path::{Segment, UrlSegment};
    ///
    /// assert_eq!(Segment::Param("id").in_url(), Some(UrlSegment::Param("id")));
    /// assert_eq!(Segment::Group("shop").in_url(), None);
    /// ```
    pub fn in_url(self) -> Option<UrlSegment<'a>> {
        Some(match self {
            Segment::Literal(text) => UrlSegment::Literal(text),
            Segment::Param(name) => UrlSegment::Param(name),
            Segment::CatchAll(name) => UrlSegment::CatchAll(name),
            Segment::OptionalCatchAll(name) => UrlSegment::OptionalCatchAll(name),
            Segment::Group(_) => return None,
        })
    }
}

/// One segment of the URL a pattern answers: a [`Segment`] that is not a
/// route group, so that code matching URLs has no group case to handle.
///
/// ```
/// use approute_path::{PathPattern, UrlSegment};
///
/// let pattern = PathPattern::parse("/(shop)/items/[id]").unwrap();
/// let url: Vec<UrlSegment> = pattern.url_segments().collect();
/// assert_eq!(url, [UrlSegment::Literal("items"), UrlSegment::Param("id")]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UrlSegment<'a> {
    /// `items`: matches exactly this text (case-sensitive).
    Literal(&'a str),
    /// `[id]`: matches any one segment.
    Param(&'a str),
    /// `[...slug]`: matches one or more trailing segments.
    CatchAll(&'a str),
    /// `[[...slug]]`: matches zero or more trailing segments.
    OptionalCatchAll(&'a str),
}

impl<'a> UrlSegment<'a> {
    /// Matching rank at one position: lower wins (static > `[param]` >
    /// `[...catchall]` > `[[...optional]]`).
    ///
    /// ```
    /// use approute_path::UrlSegment;
    ///
    /// assert!(UrlSegment::Literal("new").rank() < UrlSegment::Param("id").rank());
    /// assert!(UrlSegment::CatchAll("rest").rank() < UrlSegment::OptionalCatchAll("rest").rank());
    /// ```
    pub fn rank(&self) -> u8 {
        match self {
            UrlSegment::Literal(_) => 0,
            UrlSegment::Param(_) => 1,
            UrlSegment::CatchAll(_) => 2,
            UrlSegment::OptionalCatchAll(_) => 3,
        }
    }
}

impl fmt::Display for UrlSegment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlSegment::Literal(text) => f.write_str(text),
            UrlSegment::Param(name) => write!(f, "[{name}]"),
            UrlSegment::CatchAll(name) => write!(f, "[...{name}]"),
            UrlSegment::OptionalCatchAll(name) => write!(f, "[[...{name}]]"),
        }
    }
}

impl fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Segment::Group(name) = self {
            return write!(f, "({name})");
        }
        self.in_url().map_or(Ok(()), |segment| segment.fmt(f))
    }
}

/// A parsed route path such as `/(shop)/items/[id]`. It borrows the path's
/// text: parsing allocates one vector, whatever the path.
///
/// ```
/// use approute_path::PathPattern;
///
/// let pattern = PathPattern::parse("/(shop)/items/[id]").unwrap();
/// assert_eq!(pattern.url(), "/items/[id]");
/// assert_eq!(pattern.param_names().collect::<Vec<_>>(), ["id"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PathPattern<'a> {
    source: &'a str,
    segments: Vec<Segment<'a>>,
}

impl<'a> PathPattern<'a> {
    /// Parses a path of approute's grammar (see the crate's docs).
    ///
    /// ```
    /// use approute_path::PathPattern;
    ///
    /// assert!(PathPattern::parse("/docs/[...slug]").is_ok());
    /// assert!(PathPattern::parse("docs").is_err(), "a path starts with `/`");
    /// ```
    pub fn parse(source: &'a str) -> Result<Self, PathError> {
        let segments = parse::segments(source)?;
        Ok(PathPattern { source, segments })
    }

    /// The path as written, route groups included.
    ///
    /// ```
    /// let pattern = approute_path::PathPattern::parse("/(shop)/items").unwrap();
    /// assert_eq!(pattern.as_str(), "/(shop)/items");
    /// ```
    pub fn as_str(&self) -> &'a str {
        self.source
    }

    /// Every segment as written, route groups included.
    ///
    /// ```
    /// let pattern = approute_path::PathPattern::parse("/a/[b]").unwrap();
    /// assert_eq!(pattern.segments().len(), 2);
    /// ```
    pub fn segments(&self) -> &[Segment<'a>] {
        &self.segments
    }

    /// The segments that take part in the URL (route groups left out).
    ///
    /// ```
    /// let pattern = approute_path::PathPattern::parse("/(g)/a/[b]").unwrap();
    /// assert_eq!(pattern.url_segments().count(), 2, "the group is not in the URL");
    /// ```
    pub fn url_segments(&self) -> impl Iterator<Item = UrlSegment<'a>> + Clone + '_ {
        self.segments.iter().filter_map(|segment| segment.in_url())
    }

    /// The URL this pattern answers, route groups left out: `/(shop)/[id]` →
    /// `/[id]`. Borrowed from the path when it has no group.
    ///
    /// ```
    /// let pattern = approute_path::PathPattern::parse("/(marketing)/about").unwrap();
    /// assert_eq!(pattern.url(), "/about");
    /// ```
    pub fn url(&self) -> Cow<'a, str> {
        use std::fmt::Write;
        if !self.segments.iter().any(|s| matches!(s, Segment::Group(_))) {
            return Cow::Borrowed(self.source);
        }
        let mut url = String::with_capacity(self.source.len());
        for segment in self.url_segments() {
            let _ = write!(url, "/{segment}");
        }
        if url.is_empty() {
            url.push('/');
        }
        Cow::Owned(url)
    }

    /// Names of the dynamic segments, in order.
    ///
    /// ```
    /// let pattern = approute_path::PathPattern::parse("/blog/[year]/[...slug]").unwrap();
    /// assert_eq!(pattern.param_names().collect::<Vec<_>>(), ["year", "slug"]);
    /// ```
    pub fn param_names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.segments.iter().filter_map(Segment::param_name)
    }
}

impl fmt::Display for PathPattern<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.source)
    }
}
