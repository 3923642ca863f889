use std::fmt;

use crate::{parse, PathError};

/// One `/`-separated part of a route path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// `items`: matches exactly this text (case-sensitive).
    Literal(String),
    /// `[id]`: matches any one segment.
    Param(String),
    /// `[...slug]`: matches one or more trailing segments.
    CatchAll(String),
    /// `[[...slug]]`: matches zero or more trailing segments.
    OptionalCatchAll(String),
    /// `(group)`: organises code, left out of the URL.
    Group(String),
}

impl Segment {
    /// The parameter this segment binds, if any.
    pub fn param_name(&self) -> Option<&str> {
        match self {
            Segment::Param(name) | Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                Some(name)
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

impl fmt::Display for Segment {
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

/// A parsed route path such as `/(shop)/items/[id]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PathPattern {
    source: String,
    segments: Vec<Segment>,
}

impl PathPattern {
    /// Parses a path of the grammar in approute's DESIGN.md.
    pub fn parse(source: &str) -> Result<Self, PathError> {
        let segments = parse::segments(source)?;
        Ok(PathPattern {
            source: source.to_owned(),
            segments,
        })
    }

    /// The path as written, route groups included.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Every segment as written, route groups included.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The segments that take part in the URL (route groups left out).
    pub fn url_segments(&self) -> impl Iterator<Item = &Segment> + Clone {
        self.segments
            .iter()
            .filter(|segment| !matches!(segment, Segment::Group(_)))
    }

    /// The URL this pattern answers, route groups left out: `/(shop)/[id]` → `/[id]`.
    pub fn url(&self) -> String {
        use std::fmt::Write;
        let mut url = String::with_capacity(self.source.len());
        for segment in self.url_segments() {
            let _ = write!(url, "/{segment}");
        }
        if url.is_empty() {
            url.push('/');
        }
        url
    }

    /// Names of the dynamic segments, in order.
    pub fn param_names(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(Segment::param_name)
    }
}

impl fmt::Display for PathPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}
