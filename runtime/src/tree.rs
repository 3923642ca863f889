//! The route tree: one trie of URL segments, so a lookup costs one hash probe
//! per segment however many routes the application has.

use std::borrow::Cow;

use approute_path::Segment;

/// Index of an endpoint (one URL shape and its handlers) in the route table.
pub(crate) type EndpointId = usize;

/// The value a dynamic segment captured, percent-decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// `[id]`: one segment.
    One(String),
    /// `[...slug]` / `[[...slug]]`: the trailing segments (empty for an
    /// optional catch-all that matched nothing).
    Many(Vec<String>),
}

/// Inline up to two parameters: most routes have one or two, and a lookup
/// then allocates only the captured text itself.
pub(crate) type Captures = smallvec::SmallVec<[(&'static str, ParamValue); 2]>;

#[derive(Default, Debug)]
pub(crate) struct Node {
    statics: foldhash::HashMap<Box<str>, Node>,
    param: Option<Child<Box<Node>>>,
    catch_all: Option<Child<EndpointId>>,
    optional_catch_all: Option<Child<EndpointId>>,
    endpoint: Option<EndpointId>,
}

/// A dynamic child and the endpoint that first created it (for reports).
#[derive(Debug)]
struct Child<T> {
    name: &'static str,
    origin: EndpointId,
    next: T,
}

/// Why an endpoint cannot join the tree beside one already in it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Clash {
    /// `/c/[id]` beside `/c/[slug]/x`: one position, two names.
    ParamName { existing: EndpointId },
    /// `[...a]` and `[[...b]]` at one level.
    RequiredAndOptionalCatchAll { existing: EndpointId },
    /// `/docs` and `/docs/[[...slug]]` both answer `/docs`.
    OptionalCatchAllShadows { existing: EndpointId },
}

impl Node {
    /// Adds `endpoint` at `segments` (route groups already left out).
    pub(crate) fn insert<'s>(
        &mut self,
        mut segments: impl Iterator<Item = &'s Segment>,
        endpoint: EndpointId,
    ) -> Result<(), Clash> {
        let Some(segment) = segments.next() else {
            if let Some(optional) = &self.optional_catch_all {
                return Err(Clash::OptionalCatchAllShadows {
                    existing: optional.origin,
                });
            }
            self.endpoint = Some(endpoint);
            return Ok(());
        };
        match segment {
            Segment::Literal(text) => {
                // Decoded as request segments are, so the two compare equal.
                let key = decode_segment(text);
                if let Some(child) = self.statics.get_mut(key.as_ref()) {
                    return child.insert(segments, endpoint);
                }
                let child = self
                    .statics
                    .entry(key.into_owned().into_boxed_str())
                    .or_default();
                child.insert(segments, endpoint)
            }
            Segment::Param(name) => {
                let child = self.param.get_or_insert_with(|| Child {
                    name: leak(name),
                    origin: endpoint,
                    next: Box::default(),
                });
                if child.name != name {
                    return Err(Clash::ParamName {
                        existing: child.origin,
                    });
                }
                child.next.insert(segments, endpoint)
            }
            Segment::CatchAll(name) => {
                if let Some(optional) = &self.optional_catch_all {
                    return Err(Clash::RequiredAndOptionalCatchAll {
                        existing: optional.origin,
                    });
                }
                set_catch_all(&mut self.catch_all, name, endpoint)
            }
            Segment::OptionalCatchAll(name) => {
                if let Some(required) = &self.catch_all {
                    return Err(Clash::RequiredAndOptionalCatchAll {
                        existing: required.origin,
                    });
                }
                if let Some(existing) = self.endpoint {
                    return Err(Clash::OptionalCatchAllShadows { existing });
                }
                set_catch_all(&mut self.optional_catch_all, name, endpoint)
            }
            Segment::Group(_) => self.insert(segments, endpoint),
        }
    }

    /// Finds the endpoint for `path` (the request path after its leading
    /// `/`, `None` once every segment is consumed) by DESIGN.md's
    /// precedence, backtracking when a more specific branch dead-ends.
    ///
    /// Segments are split and decoded as the walk reaches them: a lookup
    /// allocates nothing but the values it captures.
    pub(crate) fn find(&self, path: Option<&str>, captures: &mut Captures) -> Option<EndpointId> {
        let Some(path) = path else {
            if let Some(endpoint) = self.endpoint {
                return Some(endpoint);
            }
            let optional = self.optional_catch_all.as_ref()?;
            captures.push((optional.name, ParamValue::Many(Vec::new())));
            return Some(optional.next);
        };
        let (first, rest) = match path.split_once('/') {
            Some((first, rest)) => (first, Some(rest)),
            None => (path, None),
        };
        let first = decode_segment(first);
        if let Some(found) = self
            .statics
            .get(first.as_ref())
            .and_then(|child| child.find(rest, captures))
        {
            return Some(found);
        }
        if let Some(param) = &self.param {
            captures.push((param.name, ParamValue::One(first.into_owned())));
            if let Some(found) = param.next.find(rest, captures) {
                return Some(found);
            }
            captures.pop();
        }
        let catch_all = self
            .catch_all
            .as_ref()
            .or(self.optional_catch_all.as_ref())?;
        let values = path
            .split('/')
            .map(|segment| decode_segment(segment).into_owned())
            .collect();
        captures.push((catch_all.name, ParamValue::Many(values)));
        Some(catch_all.next)
    }
}

fn set_catch_all(
    slot: &mut Option<Child<EndpointId>>,
    name: &str,
    endpoint: EndpointId,
) -> Result<(), Clash> {
    match slot {
        Some(existing) if existing.name != name => Err(Clash::ParamName {
            existing: existing.origin,
        }),
        // The same name twice is the same URL twice: the table reports that.
        Some(_) => Ok(()),
        None => {
            *slot = Some(Child {
                name: leak(name),
                origin: endpoint,
                next: endpoint,
            });
            Ok(())
        }
    }
}

/// Parameter names live as long as the process, like the table that holds
/// them (built once at start-up); `&'static` lets every request borrow them.
fn leak(name: &str) -> &'static str {
    Box::leak(name.into())
}

/// Percent-decodes a segment: a route's literal, or a request segment that
/// `check_path` accepted (lossily, so it never fails).
fn decode_segment(segment: &str) -> Cow<'_, str> {
    if !segment.contains('%') {
        return Cow::Borrowed(segment);
    }
    percent_encoding::percent_decode_str(segment).decode_utf8_lossy()
}

/// How a request path can be looked up.
pub(crate) enum PathShape<'a> {
    /// Non-empty segments, valid UTF-8 once decoded: the part after `/`
    /// (`None` for `/` itself).
    Segments(Option<&'a str>),
    /// An empty segment (`/a//b`, `/a/`): never matches a parameter.
    EmptySegment,
    /// This segment is not UTF-8 once percent-decoded; `path` is the part
    /// after `/`, for a lossy look at whether a route would match.
    BadEncoding { segment: &'a str, path: &'a str },
}

pub(crate) fn check_path(path: &str) -> PathShape<'_> {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    if trimmed.is_empty() {
        return PathShape::Segments(None);
    }
    if trimmed.contains('%') {
        let invalid = trimmed.split('/').find(|segment| {
            percent_encoding::percent_decode_str(segment)
                .decode_utf8()
                .is_err()
        });
        if let Some(segment) = invalid {
            return PathShape::BadEncoding {
                segment,
                path: trimmed,
            };
        }
    }
    if trimmed.starts_with('/') || trimmed.ends_with('/') || trimmed.contains("//") {
        return PathShape::EmptySegment;
    }
    PathShape::Segments(Some(trimmed))
}
