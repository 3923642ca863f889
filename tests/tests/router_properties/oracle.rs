//! approute's routing rules (ARCHITECTURE.md) written out plainly, sharing no code with
//! approute: conflicts judged pair by pair, the winner found by trying every
//! route, requests decoded and dot segments resolved by hand.

use std::collections::{BTreeMap, BTreeSet};

use approute::routing::Method;

/// A route segment as generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Lit(&'static str),
    Param(&'static str),
    CatchAll(&'static str),
    Optional(&'static str),
    Group(&'static str),
}

#[derive(Debug, Clone)]
pub struct Route {
    pub segs: Vec<Seg>,
    pub method: Method,
    pub page: bool,
}

impl Route {
    /// The path as a user writes it in `#[route]`.
    pub fn render(&self) -> String {
        if self.segs.is_empty() {
            return "/".to_owned();
        }
        self.segs
            .iter()
            .map(|seg| match seg {
                Seg::Lit(text) => format!("/{text}"),
                Seg::Param(name) => format!("/[{name}]"),
                Seg::CatchAll(name) => format!("/[...{name}]"),
                Seg::Optional(name) => format!("/[[...{name}]]"),
                Seg::Group(name) => format!("/({name})"),
            })
            .collect()
    }

    /// The URL's segments: groups are not part of it.
    fn url(&self) -> Vec<Seg> {
        self.segs
            .iter()
            .copied()
            .filter(|seg| !matches!(seg, Seg::Group(_)))
            .collect()
    }

    fn names(&self) -> Vec<&'static str> {
        self.url().into_iter().filter_map(name).collect()
    }

    /// A parameter name used twice makes the path invalid.
    fn valid(&self) -> bool {
        let names = self.names();
        names.iter().collect::<BTreeSet<_>>().len() == names.len()
    }

    /// Two routes answer the same URL when their keys are equal: names
    /// aside, literals compared decoded.
    fn key(&self) -> String {
        self.url()
            .iter()
            .map(|seg| match seg {
                Seg::Lit(text) => format!("/{}", decode(text).unwrap()),
                Seg::Param(_) => "/[]".to_owned(),
                Seg::CatchAll(_) => "/[...]".to_owned(),
                Seg::Optional(_) => "/[[...]]".to_owned(),
                Seg::Group(_) => unreachable!(),
            })
            .collect()
    }

    fn answers_get(&self) -> bool {
        self.page || self.method == Method::GET
    }
}

fn name(seg: Seg) -> Option<&'static str> {
    match seg {
        Seg::Param(name) | Seg::CatchAll(name) | Seg::Optional(name) => Some(name),
        Seg::Lit(_) | Seg::Group(_) => None,
    }
}

/// A start-up problem, and the handlers (indices into the routes) it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NoRoutes,
    InvalidPath(BTreeSet<usize>),
    /// Two handlers of one kind and method at one URL.
    Duplicate(BTreeSet<usize>),
    /// One URL, its handlers naming its parameters differently.
    SameUrlNames(BTreeSet<usize>),
    /// Two URLs that cannot live side by side.
    Clash(BTreeSet<usize>, ClashKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClashKind {
    /// `/c/[id]` and `/c/[slug]/x`.
    ParamName,
    /// `/a/[...x]` and `/a/[[...y]]`.
    RequiredAndOptional,
    /// `/a` and `/a/[[...x]]`.
    OptionalShadows,
}

impl Problem {
    pub fn handlers(&self) -> &BTreeSet<usize> {
        static NONE: BTreeSet<usize> = BTreeSet::new();
        match self {
            Problem::NoRoutes => &NONE,
            Problem::InvalidPath(handlers)
            | Problem::Duplicate(handlers)
            | Problem::SameUrlNames(handlers)
            | Problem::Clash(handlers, _) => handlers,
        }
    }

    pub fn is_clash(&self) -> bool {
        matches!(self, Problem::Clash(..))
    }

    /// Whether approute's message is about this problem.
    pub fn describes(&self, message: &str) -> bool {
        match self {
            Problem::NoRoutes => message.contains("no route handler or page"),
            Problem::InvalidPath(_) => message.contains("is not a valid route path"),
            Problem::Duplicate(_) => {
                message.contains(" route handlers") || message.contains(" pages")
            }
            Problem::SameUrlNames(_) => message.contains("different parameter names"),
            Problem::Clash(_, kind) => ClashKind::of(message) == Some(*kind),
        }
    }
}

impl ClashKind {
    fn of(message: &str) -> Option<ClashKind> {
        if message.contains("both answer the same URL") {
            Some(ClashKind::OptionalShadows)
        } else if message.contains("a catch-all and an optional catch-all") {
            Some(ClashKind::RequiredAndOptional)
        } else if message.contains("different parameter names") {
            Some(ClashKind::ParamName)
        } else {
            None
        }
    }

    /// How two URLs (different keys) clash, walking them side by side.
    fn between(a: &[Seg], b: &[Seg]) -> Option<ClashKind> {
        for position in 0.. {
            let (x, y) = (a.get(position), b.get(position));
            match (x, y) {
                (None, Some(Seg::Optional(_))) | (Some(Seg::Optional(_)), None)
                    if a.len().max(b.len()) == position + 1 =>
                {
                    return Some(ClashKind::OptionalShadows)
                }
                (Some(Seg::Lit(x)), Some(Seg::Lit(y))) if decode(x) == decode(y) => {}
                (Some(Seg::Param(x)), Some(Seg::Param(y))) => {
                    if x != y {
                        return Some(ClashKind::ParamName);
                    }
                }
                (Some(Seg::CatchAll(_)), Some(Seg::Optional(_)))
                | (Some(Seg::Optional(_)), Some(Seg::CatchAll(_))) => {
                    return Some(ClashKind::RequiredAndOptional)
                }
                _ => return None,
            }
        }
        unreachable!()
    }
}

/// What approute should answer for a request path (its method aside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Route {
        /// The URL pattern, literals decoded (`/%61` and `/a` are one URL).
        url: String,
        params: Vec<(String, Captured)>,
        allow: String,
    },
    Redirect(String),
    /// 400: not UTF-8 once decoded, or a catch-all segment holding a separator.
    BadSegment,
    NoRoute,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Captured {
    One(String),
    Many(Vec<String>),
}

pub struct Oracle<'r> {
    routes: &'r [Route],
    /// Valid routes by URL key; indices into `routes`.
    by_url: BTreeMap<String, Vec<usize>>,
}

impl<'r> Oracle<'r> {
    pub fn new(routes: &'r [Route]) -> Self {
        let mut by_url: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, route) in routes.iter().enumerate() {
            if route.valid() {
                by_url.entry(route.key()).or_default().push(index);
            }
        }
        Oracle { routes, by_url }
    }

    pub fn problems(&self) -> Vec<Problem> {
        if self.routes.is_empty() {
            return vec![Problem::NoRoutes];
        }
        let mut problems = Vec::new();
        for (index, route) in self.routes.iter().enumerate() {
            if !route.valid() {
                problems.push(Problem::InvalidPath(BTreeSet::from([index])));
            }
        }
        for handlers in self.by_url.values() {
            let mut by_method: BTreeMap<(bool, &str), BTreeSet<usize>> = BTreeMap::new();
            for &index in handlers {
                let route = &self.routes[index];
                let method = if route.page {
                    "GET"
                } else {
                    route.method.as_str()
                };
                by_method
                    .entry((route.page, method))
                    .or_default()
                    .insert(index);
            }
            // Handlers of one method that name the parameters differently
            // are the names' problem alone (one mistake, one report).
            let spelled_alike = |same: &BTreeSet<usize>| {
                let mut names = same.iter().map(|&index| self.routes[index].names());
                let first = names.next();
                names.all(|other| Some(other) == first)
            };
            problems.extend(
                by_method
                    .into_values()
                    .filter(|same| same.len() > 1 && spelled_alike(same))
                    .map(Problem::Duplicate),
            );
            let first = self.routes[handlers[0]].names();
            if handlers
                .iter()
                .any(|&index| self.routes[index].names() != first)
            {
                problems.push(Problem::SameUrlNames(handlers.iter().copied().collect()));
            }
        }
        let urls: Vec<&Vec<usize>> = self.by_url.values().collect();
        for (i, a) in urls.iter().enumerate() {
            for b in &urls[i + 1..] {
                let mut kinds = Vec::new();
                for &x in a.iter() {
                    for &y in b.iter() {
                        let kind = ClashKind::between(&self.routes[x].url(), &self.routes[y].url());
                        if let Some(kind) = kind.filter(|kind| !kinds.contains(kind)) {
                            kinds.push(kind);
                        }
                    }
                }
                let handlers: BTreeSet<usize> = a.iter().chain(b.iter()).copied().collect();
                problems.extend(
                    kinds
                        .into_iter()
                        .map(|kind| Problem::Clash(handlers.clone(), kind)),
                );
            }
        }
        problems
    }

    /// The routes with, for each problem, the last route it names dropped.
    pub fn without_problems(&self, problems: &[Problem]) -> Vec<Route> {
        let dropped: BTreeSet<usize> = problems
            .iter()
            .filter_map(|problem| problem.handlers().iter().max().copied())
            .collect();
        self.routes
            .iter()
            .enumerate()
            .filter(|(index, _)| !dropped.contains(index))
            .map(|(_, route)| route.clone())
            .collect()
    }

    /// How many URLs these handlers answer.
    pub fn urls_of(&self, handlers: &BTreeSet<usize>) -> usize {
        handlers
            .iter()
            .map(|&index| self.routes[index].key())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// Whether the handlers are exactly two URLs' handlers, and those URLs
    /// clash as the message says.
    pub fn clash_between(&self, handlers: &BTreeSet<usize>, message: &str) -> bool {
        let keys: BTreeSet<String> = handlers
            .iter()
            .map(|&index| self.routes[index].key())
            .collect();
        let Some(kind) = ClashKind::of(message) else {
            return false;
        };
        let groups: Vec<&Vec<usize>> = keys.iter().filter_map(|key| self.by_url.get(key)).collect();
        let [a, b] = groups[..] else {
            return false;
        };
        let all: BTreeSet<usize> = a.iter().chain(b.iter()).copied().collect();
        &all == handlers
            && a.iter().any(|&x| {
                b.iter().any(|&y| {
                    ClashKind::between(&self.routes[x].url(), &self.routes[y].url()) == Some(kind)
                })
            })
    }

    /// Each URL where a page sits beside a GET route handler: both handlers.
    pub fn shadowed_pages(&self) -> BTreeSet<BTreeSet<usize>> {
        self.by_url
            .values()
            .filter_map(|handlers| {
                let page = handlers.iter().find(|&&index| self.routes[index].page)?;
                let get = handlers.iter().find(|&&index| {
                    let route = &self.routes[index];
                    !route.page && route.method == Method::GET
                })?;
                Some(BTreeSet::from([*page, *get]))
            })
            .collect()
    }

    /// ARCHITECTURE.md: dot segments and trailing or doubled slashes are resolved
    /// and redirected where a route serves the result; a segment that is
    /// not UTF-8 is a 400 where a route would take it; else the most
    /// specific route, segment by segment.
    pub fn resolve(&self, request: &str) -> Answer {
        let raw: Vec<&str> = match request.strip_prefix('/').unwrap() {
            "" => Vec::new(),
            rest => rest.split('/').collect(),
        };
        if raw
            .iter()
            .any(|segment| segment.is_empty() || dot(segment).is_some())
        {
            let mut kept: Vec<&str> = Vec::new();
            for segment in raw {
                match dot(segment) {
                    Some(Dot::Current) => {}
                    Some(Dot::Parent) => {
                        kept.pop();
                    }
                    None => kept.push(segment),
                }
            }
            while kept.last() == Some(&"") {
                kept.pop();
            }
            if kept.contains(&"") {
                return Answer::NoRoute;
            }
            let Some(decoded) = kept
                .iter()
                .map(|segment| decode(segment))
                .collect::<Option<Vec<_>>>()
            else {
                return Answer::NoRoute;
            };
            let Some((_, params)) = self.best(&decoded) else {
                return Answer::NoRoute;
            };
            // Never a redirect to a URL whose route refuses it.
            if params.iter().any(|(_, value)| holds_separator(value)) {
                return Answer::BadSegment;
            }
            return Answer::Redirect(location(&kept));
        }
        match raw
            .iter()
            .map(|segment| decode(segment))
            .collect::<Option<Vec<_>>>()
        {
            None => {
                let lossy: Vec<String> = raw.iter().map(|segment| decode_lossy(segment)).collect();
                match self.best(&lossy) {
                    Some(_) => Answer::BadSegment,
                    None => Answer::NoRoute,
                }
            }
            Some(decoded) => match self.best(&decoded) {
                None => Answer::NoRoute,
                Some((_, params)) if params.iter().any(|(_, value)| holds_separator(value)) => {
                    Answer::BadSegment
                }
                Some((key, params)) => {
                    let handlers = &self.by_url[&key];
                    let mut allow = BTreeSet::from(["OPTIONS"]);
                    for &index in handlers {
                        let route = &self.routes[index];
                        if route.answers_get() {
                            allow.extend(["GET", "HEAD"]);
                        } else {
                            allow.insert(route.method.as_str());
                        }
                    }
                    Answer::Route {
                        url: key_as_url(&self.routes[handlers[0]]),
                        params,
                        allow: allow.into_iter().collect::<Vec<_>>().join(", "),
                    }
                }
            },
        }
    }

    /// Of all URLs that match, the one whose segments rank lowest, position
    /// by position (static < param < catch-all < optional catch-all).
    fn best(&self, request: &[String]) -> Option<(String, Vec<(String, Captured)>)> {
        let rank = |seg: &Seg| match seg {
            Seg::Lit(_) => 0,
            Seg::Param(_) => 1,
            Seg::CatchAll(_) => 2,
            Seg::Optional(_) => 3,
            Seg::Group(_) => unreachable!(),
        };
        self.by_url
            .iter()
            .filter_map(|(key, handlers)| {
                let url = self.routes[handlers[0]].url();
                let params = matches(&url, request)?;
                let ranks: Vec<u8> = url.iter().map(rank).collect();
                Some((ranks, key.clone(), params))
            })
            .min_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, key, params)| (key, params))
    }
}

fn matches(url: &[Seg], request: &[String]) -> Option<Vec<(String, Captured)>> {
    let mut params = Vec::new();
    for (position, seg) in url.iter().enumerate() {
        match seg {
            Seg::Lit(text) => {
                if request.get(position) != decode(text).as_ref() {
                    return None;
                }
            }
            Seg::Param(name) => params.push((
                name.to_string(),
                Captured::One(request.get(position)?.clone()),
            )),
            Seg::CatchAll(name) | Seg::Optional(name) => {
                let rest = request.get(position..).unwrap_or_default();
                if rest.is_empty() && matches!(seg, Seg::CatchAll(_)) {
                    return None;
                }
                params.push((name.to_string(), Captured::Many(rest.to_vec())));
                return Some(params);
            }
            Seg::Group(_) => unreachable!(),
        }
    }
    (request.len() == url.len()).then_some(params)
}

/// The URL pattern as approute shows it, literals decoded for comparison.
fn key_as_url(route: &Route) -> String {
    let url = route.url();
    if url.is_empty() {
        return "/".to_owned();
    }
    url.iter()
        .map(|seg| match seg {
            Seg::Lit(text) => format!("/{}", decode(text).unwrap()),
            Seg::Param(name) => format!("/[{name}]"),
            Seg::CatchAll(name) => format!("/[...{name}]"),
            Seg::Optional(name) => format!("/[[...{name}]]"),
            Seg::Group(_) => unreachable!(),
        })
        .collect()
}

/// approute's pattern with its literals decoded, as `key_as_url` writes it.
pub fn decoded_pattern(pattern: &str) -> String {
    if pattern == "/" {
        return pattern.to_owned();
    }
    pattern
        .split('/')
        .skip(1)
        .map(|segment| {
            if segment.starts_with('[') {
                format!("/{segment}")
            } else {
                format!("/{}", decode(segment).unwrap())
            }
        })
        .collect()
}

enum Dot {
    Current,
    Parent,
}

fn dot(segment: &str) -> Option<Dot> {
    let mut plain = String::new();
    let mut rest = segment;
    while !rest.is_empty() {
        if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case("%2e") {
            plain.push('.');
            rest = &rest[3..];
        } else {
            let ch = rest.chars().next().unwrap();
            plain.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    match plain.as_str() {
        "." => Some(Dot::Current),
        ".." => Some(Dot::Parent),
        _ => None,
    }
}

fn bytes_of(segment: &str) -> Vec<u8> {
    let bytes = segment.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn decode(segment: &str) -> Option<String> {
    String::from_utf8(bytes_of(segment)).ok()
}

fn decode_lossy(segment: &str) -> String {
    String::from_utf8_lossy(&bytes_of(segment)).into_owned()
}

/// A same-origin `Location`: `\`, controls, space and non-ASCII encoded.
fn location(segments: &[&str]) -> String {
    let path = format!("/{}", segments.join("/"));
    path.bytes()
        .map(|byte| {
            if byte == b'\\' || byte <= b' ' || byte >= 0x7f {
                format!("%{byte:02X}")
            } else {
                char::from(byte).to_string()
            }
        })
        .collect()
}

/// A catch-all's segment that decodes to more than one path segment.
fn holds_separator(value: &Captured) -> bool {
    match value {
        Captured::One(_) => false,
        Captured::Many(segments) => segments
            .iter()
            .any(|segment| segment.contains(['/', '\\', '\0'])),
    }
}
