//! Collects registrations into endpoints, checks every start-up rule
//! (ARCHITECTURE.md, "Precedence and URL rules"), and builds the route tree.

use std::collections::HashMap;
use std::ops::Range;

use actix_web::http::header::HeaderValue;
use approute_path::{PathPattern, UrlSegment};

use super::compiled::{Compiled, Endpoint};
use super::problems::{Conflicts, Problem, ProblemKind, RouteError};
use super::static_urls::StaticUrls;
use super::tree::{Clash, Node};
use crate::registry::route::{Kind, Method, Registration};
use crate::registry::LinkRegistration;
use crate::registry::MiddlewareRegistration;
use crate::routing::middleware_plan::{MiddlewarePlan, NO_CHAIN};
use crate::url::captures::{Captures, RouteParams};
use crate::url::request_path::{check_path, decode_segment, PathShape};

const LINKING_HELP: &str = "add a handler such as `#[route(\"/hello\")] async fn GET() -> &'static str { \"Hello World\" }`; \
if your handlers live in a library crate, make sure the binary links it by referring to it, e.g. `use my_routes as _;` \
in main.rs: a crate that nothing refers to is left out of the build, and its handlers with it";

/// A registration, its parsed path and its specificity key.
struct Parsed {
    registration: &'static Registration,
    pattern: PathPattern<'static>,
    /// Where its specificity key lies in the build's one key buffer.
    key: Range<usize>,
}

pub(super) fn build(
    registrations: impl IntoIterator<Item = &'static Registration>,
    middleware: impl IntoIterator<Item = &'static MiddlewareRegistration>,
    links: impl IntoIterator<Item = &'static LinkRegistration>,
    conflicts: Conflicts,
) -> Result<Compiled, RouteError> {
    let mut problems = Vec::new();
    let plan = MiddlewarePlan::new(middleware, &mut problems);
    let (mut parsed, keys) = parse_paths(registrations, &mut problems);
    if parsed.is_empty() && problems.is_empty() {
        return Err(RouteError::new(vec![Problem {
            kind: ProblemKind::NoHandlers,
            message: "no route handler or page is registered".to_owned(),
            handlers: Vec::new(),
            help: LINKING_HELP.to_owned(),
        }]));
    }

    // Endpoints in precedence order, handlers in a stable order within each:
    // nothing below depends on link order.
    let key = |parsed: &Parsed| &keys[parsed.key.clone()];
    parsed.sort_unstable_by(|a, b| {
        key(a).cmp(key(b)).then_with(|| {
            let order = |r: &Registration| (r.kind(), r.method(), r.location());
            order(a.registration).cmp(&order(b.registration))
        })
    });
    let mut table = Endpoints::new(plan, conflicts);
    for handlers in parsed.chunk_by(|a, b| key(a) == key(b)) {
        table.add(handlers, &mut problems);
    }

    let Endpoints {
        registrations,
        endpoints,
        mut warnings,
        tree,
        plan,
        endpoint_segments,
        ..
    } = table;
    warnings.extend(plan.unreached_patterns(&endpoint_segments));
    check_links(links, &tree, &mut problems);
    if problems.is_empty() {
        Ok(Compiled {
            registrations,
            endpoints,
            static_urls: StaticUrls::new(&tree),
            tree,
            warnings,
            middleware: plan,
            settings: Default::default(),
        })
    } else {
        Err(RouteError::new(problems))
    }
}

/// Every registration's path parsed, with its specificity key; a path that
/// does not parse is a problem. The keys share one buffer: one allocation
/// instead of one per route.
fn parse_paths(
    registrations: impl IntoIterator<Item = &'static Registration>,
    problems: &mut Vec<Problem>,
) -> (Vec<Parsed>, Vec<u8>) {
    let mut parsed = Vec::new();
    let mut keys = Vec::new();
    for registration in registrations {
        match PathPattern::parse(registration.path()) {
            Ok(pattern) => {
                let start = keys.len();
                write_specificity(&pattern, &mut keys);
                parsed.push(Parsed {
                    registration,
                    pattern,
                    key: start..keys.len(),
                });
            }
            Err(error) => problems.push(Problem {
                kind: ProblemKind::InvalidPath,
                message: format!(
                    "`{}` is not a valid route path: {error}",
                    registration.path()
                ),
                handlers: vec![registration],
                help: "see the path grammar in approute's documentation".to_owned(),
            }),
        }
    }
    (parsed, keys)
}

/// The table as it is built, one endpoint (the handlers of one URL) at a
/// time, in precedence order.
struct Endpoints {
    registrations: Vec<&'static Registration>,
    endpoints: Vec<Endpoint>,
    warnings: Vec<Problem>,
    tree: Node,
    plan: MiddlewarePlan,
    conflicts: Conflicts,
    /// Each endpoint's URL, for the middleware patterns that reach none.
    endpoint_segments: Vec<Vec<UrlSegment<'static>>>,
    /// A few distinct `Allow` values serve every endpoint: each is built
    /// once, and endpoints share its bytes.
    allow_values: HashMap<u8, HeaderValue>,
}

impl Endpoints {
    fn new(plan: MiddlewarePlan, conflicts: Conflicts) -> Self {
        Endpoints {
            registrations: Vec::new(),
            endpoints: Vec::new(),
            warnings: Vec::new(),
            tree: Node::default(),
            plan,
            conflicts,
            endpoint_segments: Vec::new(),
            allow_values: HashMap::new(),
        }
    }

    /// The endpoint of `handlers` (one URL), checked, with its middleware
    /// chain and `Allow` value, in the tree.
    fn add(&mut self, handlers: &[Parsed], problems: &mut Vec<Problem>) {
        let id = self.endpoints.len();
        let first = &handlers[0].pattern;
        let start = self.registrations.len();
        let mut endpoint = Endpoint {
            url: first.url(),
            routes: [None; Method::ALL.len()],
            page: None,
            allow: HeaderValue::from_static(""),
            handlers: start..start + handlers.len(),
            chain: NO_CHAIN,
            params: first.param_names().collect(),
        };
        if !self.plan.middleware.is_empty() {
            let segments: Vec<UrlSegment<'static>> = first.url_segments().collect();
            endpoint.chain = self.plan.chain_for(&segments);
            self.endpoint_segments.push(segments);
        }
        check_same_names(handlers, problems);
        check_duplicates(&endpoint.url, handlers, problems);
        for Parsed {
            registration,
            pattern,
            ..
        } in handlers
        {
            // Here, in table order, so the report never depends on link order.
            check_params(registration, pattern, problems);
            let index = self.registrations.len();
            self.registrations.push(*registration);
            let slot = match registration.kind() {
                Kind::Route => &mut endpoint.routes[registration.method().index()],
                Kind::Page => &mut endpoint.page,
            };
            slot.get_or_insert(index);
        }
        if let Some(problem) = shadowed_page(&endpoint, &self.registrations) {
            match self.conflicts {
                Conflicts::Warn => self.warnings.push(problem),
                Conflicts::Deny => problems.push(problem),
            }
        }
        endpoint.allow = self.allow_value(allowed_methods(&endpoint));
        if let Err(clash) = self.tree.insert(first.url_segments(), id) {
            problems.push(clash_problem(
                clash,
                &self.endpoints,
                &endpoint,
                &self.registrations,
            ));
        }
        self.endpoints.push(endpoint);
    }

    /// The `Allow` header of the methods in `allowed` (a bit per method).
    fn allow_value(&mut self, allowed: u8) -> HeaderValue {
        self.allow_values
            .entry(allowed)
            .or_insert_with(|| {
                let names: Vec<&str> = Method::ALL
                    .into_iter()
                    .filter(|method| allowed & (1 << method.index()) != 0)
                    .map(Method::as_str)
                    .collect();
                HeaderValue::from_str(&names.join(", ")).expect("method names are a header value")
            })
            .clone()
    }
}

/// Appends the pattern's specificity key: the rank and literal text of each
/// URL segment (static > `[param]` > `[...catchall]` > `[[...optional]]`),
/// as bytes. Sorting by it orders endpoints by precedence; parameter names
/// and route groups do not count, so equal keys are the same URL. Each
/// segment is `[rank] literal 0x00`, so byte order is segment-by-segment
/// order (and a literal sorts before its own extensions); literals hold no NUL.
fn write_specificity(pattern: &PathPattern, keys: &mut Vec<u8>) {
    for segment in pattern.url_segments() {
        keys.push(segment.rank());
        if let UrlSegment::Literal(text) = segment {
            // Decoded, as the tree stores it: `/%61` and `/a` are one URL.
            keys.extend_from_slice(decode_segment(text).as_bytes());
        }
        keys.push(0);
    }
}

/// Every `href!` names URLs the table serves, as the router itself decides:
/// the tree looks up the link with a stand-in for each value (`[x]`, which no
/// route literal can equal, so only a parameter or a catch-all takes it),
/// and a catch-all's stand-ins at its shortest and one segment longer.
fn check_links(
    links: impl IntoIterator<Item = &'static LinkRegistration>,
    tree: &Node,
    problems: &mut Vec<Problem>,
) {
    // By location, so that the report never depends on link order.
    let mut links: Vec<_> = links.into_iter().collect();
    links.sort_by_key(|link| link.location());
    for link in links {
        let served = PathPattern::parse(link.pattern()).is_ok_and(|pattern| {
            link_stand_ins(&pattern)
                .iter()
                .all(|url| match check_path(url) {
                    PathShape::Segments { path, encoded } => {
                        tree.find(path, encoded, &mut Captures::new()).is_some()
                    }
                    _ => false,
                })
        });
        if !served {
            problems.push(Problem {
                kind: ProblemKind::LinkToNoRoute,
                message: format!("{link} links to no route or page"),
                handlers: Vec::new(),
                help: "a route was renamed or removed: update the link, or add the route"
                    .to_owned(),
            });
        }
    }
}

/// The URLs a link stands for: `/comments/[id]` → `/comments/[x]`;
/// `/docs/[...slug]` → `/docs/[x]` and `/docs/[x]/[x]`; `/files/[[...p]]` →
/// `/files` and `/files/[x]`.
fn link_stand_ins(pattern: &PathPattern) -> Vec<String> {
    const VALUE: &str = "/[x]";
    let mut base = String::new();
    let mut extra = 0..=0;
    for segment in pattern.url_segments() {
        match segment {
            UrlSegment::Literal(text) => {
                base.push('/');
                base.push_str(text);
            }
            UrlSegment::Param(_) => base.push_str(VALUE),
            UrlSegment::CatchAll(_) => extra = 1..=2,
            UrlSegment::OptionalCatchAll(_) => extra = 0..=1,
        }
    }
    extra
        .map(|count| {
            let url = format!("{base}{}", VALUE.repeat(count));
            if url.is_empty() {
                "/".to_owned()
            } else {
                url
            }
        })
        .collect()
}

/// Every `Params<T>` argument fits its route, found before any request.
fn check_params(
    registration: &'static Registration,
    pattern: &PathPattern<'static>,
    problems: &mut Vec<Problem>,
) {
    if registration.params_checks().is_empty() {
        return;
    }
    let mut names = Vec::new();
    let mut stand_ins = Captures::new();
    for segment in pattern.url_segments() {
        match segment {
            UrlSegment::Param(name) => {
                names.push(name);
                stand_ins.push_one("1");
            }
            UrlSegment::CatchAll(name) | UrlSegment::OptionalCatchAll(name) => {
                names.push(name);
                stand_ins.push_many("1");
            }
            UrlSegment::Literal(_) => {}
        }
    }
    for check in registration.params_checks() {
        if let Err(mismatch) = check(RouteParams::new(&names, &stand_ins)) {
            let names: Vec<String> = pattern
                .param_names()
                .map(|name| format!("`{name}`"))
                .collect();
            problems.push(Problem {
                kind: ProblemKind::ParamsDoNotFit,
                message: format!(
                    "{} {} {mismatch}",
                    registration.method(), registration.path()
                ),
                handlers: vec![registration],
                help: format!(
                    "the route has {} parameter{} ({}): take one as `Params<T>`, several as a tuple in path order, or a struct with a field per parameter; a catch-all as `Vec<String>`",
                    names.len(),
                    if names.len() == 1 { "" } else { "s" },
                    names.join(", ")
                ),
            });
        }
    }
}

/// `/c/[id]` GET beside `/c/[slug]` POST: one URL, two parameter names.
fn check_same_names(handlers: &[Parsed], problems: &mut Vec<Problem>) {
    let expected = &handlers[0].pattern;
    let differing = handlers[1..]
        .iter()
        .find(|other| !other.pattern.param_names().eq(expected.param_names()));
    if let Some(other) = differing {
        problems.push(different_names(
            &expected.url(),
            &other.pattern.url(),
            handlers.iter().map(|parsed| parsed.registration).collect(),
        ));
    }
}

fn check_duplicates(url: &str, handlers: &[Parsed], problems: &mut Vec<Problem>) {
    // `handlers` is sorted by (kind, method): equal neighbours are duplicates.
    let same = |a: &Parsed, b: &Parsed| {
        a.registration.kind() == b.registration.kind()
            && a.registration.method() == b.registration.method()
    };
    for group in handlers.chunk_by(same) {
        // Two names for one position are `check_same_names`' report, which
        // names every handler already: one mistake, one problem.
        let one_spelling = group.iter().all(|parsed| {
            parsed
                .pattern
                .param_names()
                .eq(group[0].pattern.param_names())
        });
        if group.len() < 2 || !one_spelling {
            continue;
        }
        let first = group[0].registration;
        let what = match first.kind() {
            Kind::Route => format!(
                "{} {url} has {} route handlers",
                first.method(),
                group.len()
            ),
            Kind::Page => format!("{url} has {} pages", group.len()),
        };
        problems.push(Problem {
            kind: ProblemKind::DuplicateHandler,
            message: what,
            handlers: group.iter().map(|parsed| parsed.registration).collect(),
            help: "keep one handler per method and URL; route groups such as `(admin)` are left out of the URL".to_owned(),
        });
    }
}

fn shadowed_page(endpoint: &Endpoint, registrations: &[&'static Registration]) -> Option<Problem> {
    let (get, page) = endpoint.shadowed_page()?;
    Some(Problem {
        kind: ProblemKind::ShadowedPage,
        message: format!(
            "the page at {} is never served: the route handler's GET answers that URL",
            endpoint.url
        ),
        handlers: vec![registrations[get], registrations[page]],
        help: "move the route handler to another path (Next.js apps use `/api/...`), or remove its GET".to_owned(),
    })
}

/// The methods an endpoint answers, as a bit per `Method::index`.
fn allowed_methods(endpoint: &Endpoint) -> u8 {
    let get = endpoint.routes[Method::GET.index()].is_some() || endpoint.page.is_some();
    Method::ALL
        .into_iter()
        .filter(|method| match method {
            Method::GET | Method::HEAD => get || endpoint.routes[method.index()].is_some(),
            Method::OPTIONS => true,
            _ => endpoint.routes[method.index()].is_some(),
        })
        .fold(0, |bits, method| bits | 1 << method.index())
}

fn clash_problem(
    clash: Clash,
    endpoints: &[Endpoint],
    new: &Endpoint,
    registrations: &[&'static Registration],
) -> Problem {
    let existing = match clash {
        Clash::ParamName { existing }
        | Clash::RequiredAndOptionalCatchAll { existing }
        | Clash::OptionalCatchAllShadows { existing } => existing,
    };
    let (old, new_url) = (&endpoints[existing].url, &new.url);
    let handlers = endpoints[existing]
        .handlers
        .clone()
        .chain(new.handlers.clone())
        .map(|index| registrations[index])
        .collect();
    let (kind, message, help) = match clash {
        Clash::ParamName { .. } => return different_names(old, new_url, handlers),
        Clash::RequiredAndOptionalCatchAll { .. } => (
            ProblemKind::RequiredAndOptionalCatchAll,
            format!("a catch-all and an optional catch-all at the same level: `{old}` and `{new_url}`"),
            "keep one: `[[...slug]]` answers everything `[...slug]` does, and the bare path too",
        ),
        Clash::OptionalCatchAllShadows { .. } => (
            ProblemKind::OptionalCatchAllShadows,
            format!(
                "`{old}` and `{new_url}` both answer the same URL: a route cannot have the same specificity as an optional catch-all"
            ),
            "remove the static route and handle the bare path in the optional catch-all (its parameter is empty there), or make it a required catch-all `[...slug]`",
        ),
    };
    Problem {
        kind,
        message,
        handlers,
        help: help.to_owned(),
    }
}

/// `/c/[id]` beside `/c/[slug]`, in one URL's handlers or in two URLs.
fn different_names(first: &str, second: &str, handlers: Vec<&'static Registration>) -> Problem {
    Problem {
        kind: ProblemKind::DifferentParamNames,
        message: format!(
            "different parameter names at the same position: `{first}` and `{second}`"
        ),
        handlers,
        help: "name a dynamic segment the same in every route that shares it".to_owned(),
    }
}
