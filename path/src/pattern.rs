use std::borrow::Cow;
use std::fmt;

use crate::{parse, PathError};

/// One `/`-separated part of a route path, borrowed from the path's text.
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
    pub fn param_name(&self) -> Option<&'a str> {
        match self {
            Segment::Param(name) | Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                Some(*name)
            }
            Segment::Literal(_) | Segment::Group(_) => None,
        }
    }

    /// Matching rank at one position: lower wins (static > `[param]` >
    /// `[...catchall]` > `[[...optional]]`).
    pub fn rank(&self) -> u8 {
        match self {
            Segment::Literal(_) | Segment::Group(_) => 0,
            Segment::Param(_) => 1,
            Segment::CatchAll(_) => 2,
            Segment::OptionalCatchAll(_) => 3,
        }
    }
}

impl fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Literal(text) => f.write_str(text),
            Segment::Param(name) => write!(f, "[{name}]"),
            Segment::CatchAll(name) => write!(f, "[...{name}]"),
            Segment::OptionalCatchAll(name) => write!(f, "[[...{name}]]"),
            Segment::Group(name) => write!(f, "({name})"),
        }
    }
}

/// A parsed route path such as `/(shop)/items/[id]`. It borrows the path's
/// text: parsing allocates one vector, whatever the path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PathPattern<'a> {
    source: &'a str,
    segments: Vec<Segment<'a>>,
}

impl<'a> PathPattern<'a> {
    /// Parses a path of the grammar in approute's DESIGN.md.
    pub fn parse(source: &'a str) -> Result<Self, PathError> {
        let segments = parse::segments(source)?;
        Ok(PathPattern { source, segments })
    }

    /// The path as written, route groups included.
    pub fn as_str(&self) -> &'a str {
        self.source
    }

    /// Every segment as written, route groups included.
    pub fn segments(&self) -> &[Segment<'a>] {
        &self.segments
    }

    /// The segments that take part in the URL (route groups left out).
    pub fn url_segments(&self) -> impl Iterator<Item = Segment<'a>> + Clone + '_ {
        self.segments
            .iter()
            .copied()
            .filter(|segment| !matches!(segment, Segment::Group(_)))
    }

    /// The URL this pattern answers, route groups left out: `/(shop)/[id]` →
    /// `/[id]`. Borrowed from the path when it has no group.
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
    pub fn param_names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.segments.iter().filter_map(Segment::param_name)
    }
}

impl fmt::Display for PathPattern<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.source)
    }
}
