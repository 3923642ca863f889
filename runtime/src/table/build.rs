//! Collects registrations into endpoints, checks every rule of DESIGN.md's
//! "Precedence and conflicts", and builds the route tree.

use std::collections::HashMap;

use approute_path::{PathPattern, Segment};

use super::{Conflicts, Endpoint, Inner};
use crate::error::{Problem, RouteError};
use crate::registry::{Kind, Method, Registration};
use crate::tree::{Clash, Node};

const LINKING_HELP: &str = "add a handler such as `#[route(\"/hello\")] async fn GET() -> &'static str { \"Hello World\" }`; \
if your handlers live in a library crate, make sure the binary links it by referring to it, e.g. `use my_routes as _;` \
in main.rs: a crate that nothing refers to is left out of the build, and its handlers with it";

/// A registration and its parsed path.
type Parsed = (&'static Registration, PathPattern);

/// Rank and literal text of each URL segment, as bytes: sorting by it orders
/// endpoints by precedence, and equal keys are the same URL. Each segment is
/// `[rank] literal 0x00`, so byte order is segment-by-segment order (and a
/// literal sorts before its own extensions); literals hold no NUL.
type Specificity = Vec<u8>;

pub(super) fn build(
    registrations: impl IntoIterator<Item = &'static Registration>,
    conflicts: Conflicts,
) -> Result<Inner, RouteError> {
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    for registration in registrations {
        match PathPattern::parse(registration.path) {
            Ok(pattern) => parsed.push((registration, pattern)),
            Err(error) => problems.push(Problem {
                message: format!("`{}` is not a valid route path: {error}", registration.path),
                handlers: vec![registration],
                help: "see the path grammar in approute's documentation".to_owned(),
            }),
        }
    }
    if parsed.is_empty() && problems.is_empty() {
        return Err(RouteError::new(vec![Problem {
            message: "no route handler or page is registered".to_owned(),
            handlers: Vec::new(),
            help: LINKING_HELP.to_owned(),
        }]));
    }

    // Endpoints in precedence order, handlers in a stable order within each:
    // nothing below depends on link order.
    let mut sorted: Vec<(Specificity, Parsed)> = parsed
        .into_iter()
        .map(|(registration, pattern)| (specificity(&pattern), (registration, pattern)))
        .collect();
    sorted.sort_unstable_by(|(a, (a_registration, _)), (b, (b_registration, _))| {
        a.cmp(b).then_with(|| {
            let key = |r: &Registration| (r.kind, r.method, r.location);
            key(a_registration).cmp(&key(b_registration))
        })
    });

    let mut registrations = Vec::new();
    let mut endpoints = Vec::new();
    let mut warnings = Vec::new();
    let mut tree = Node::default();
    let mut allow_values: HashMap<u8, &'static str> = HashMap::new();
    for shape in sorted.chunk_by(|(a, _), (b, _)| a == b) {
        let handlers: Vec<&Parsed> = shape.iter().map(|(_, parsed)| parsed).collect();
        let id = endpoints.len();
        let first = &handlers[0].1;
        let mut endpoint = Endpoint {
            url: Box::leak(first.url().into_boxed_str()),
            routes: [None; 7],
            page: None,
            allow: "",
            handlers: Vec::new(),
        };
        check_same_names(&handlers, &mut problems);
        check_duplicates(endpoint.url, &handlers, &mut problems);
        for (registration, _) in &handlers {
            let index = registrations.len();
            registrations.push(*registration);
            endpoint.handlers.push(index);
            let slot = match registration.kind {
                Kind::Route => &mut endpoint.routes[registration.method.index()],
                Kind::Page => &mut endpoint.page,
            };
            slot.get_or_insert(index);
        }
        if let Some(problem) = shadowed_page(&endpoint, &registrations) {
            match conflicts {
                Conflicts::Warn => warnings.push(problem),
                Conflicts::Deny => problems.push(problem),
            }
        }
        // A few distinct `Allow` values serve every endpoint: leak each once.
        let allowed = allowed_methods(&endpoint);
        endpoint.allow = allow_values.entry(allowed).or_insert_with(|| {
            let names: Vec<&str> = Method::ALL
                .into_iter()
                .filter(|method| allowed & (1 << method.index()) != 0)
                .map(Method::as_str)
                .collect();
            Box::leak(names.join(", ").into_boxed_str())
        });
        if let Err(clash) = tree.insert(first.url_segments(), id) {
            problems.push(clash_problem(clash, &endpoints, &endpoint, &registrations));
        }
        endpoints.push(endpoint);
    }

    if problems.is_empty() {
        Ok(Inner {
            registrations,
            endpoints,
            tree,
            warnings,
        })
    } else {
        Err(RouteError::new(problems))
    }
}

/// Segment-by-segment rank (static > `[param]` > `[...catchall]` >
/// `[[...optional]]`), ties broken by the literal text; parameter names and
/// route groups do not count, so one URL shape is one key.
fn specificity(pattern: &PathPattern) -> Specificity {
    let mut key = Vec::with_capacity(pattern.as_str().len() + 8);
    for segment in pattern.url_segments() {
        key.push(segment.rank());
        if let Segment::Literal(text) = segment {
            key.extend_from_slice(text.as_bytes());
        }
        key.push(0);
    }
    key
}

/// `/c/[id]` GET beside `/c/[slug]` POST: one URL, two parameter names.
fn check_same_names(handlers: &[&Parsed], problems: &mut Vec<Problem>) {
    if handlers.len() < 2 {
        return;
    }
    let names =
        |pattern: &PathPattern| pattern.param_names().map(str::to_owned).collect::<Vec<_>>();
    let expected = names(&handlers[0].1);
    let differing: Vec<_> = handlers
        .iter()
        .filter(|(_, pattern)| names(pattern) != expected)
        .collect();
    if let Some((_, other)) = differing.first() {
        problems.push(Problem {
            message: format!(
                "different parameter names at the same position: `{}` and `{}`",
                handlers[0].1.url(),
                other.url()
            ),
            handlers: handlers
                .iter()
                .map(|(registration, _)| *registration)
                .collect(),
            help: "name a dynamic segment the same in every route that shares it".to_owned(),
        });
    }
}

fn check_duplicates(url: &str, handlers: &[&Parsed], problems: &mut Vec<Problem>) {
    // `handlers` is sorted by (kind, method): equal neighbours are duplicates.
    for group in handlers.chunk_by(|(a, _), (b, _)| a.kind == b.kind && a.method == b.method) {
        if group.len() < 2 {
            continue;
        }
        let first = group[0].0;
        let what = match first.kind {
            Kind::Route => format!("{} {url} has {} route handlers", first.method, group.len()),
            Kind::Page => format!("{url} has {} pages", group.len()),
        };
        problems.push(Problem {
            message: what,
            handlers: group.iter().map(|(registration, _)| *registration).collect(),
            help: "keep one handler per method and URL; route groups such as `(admin)` are left out of the URL".to_owned(),
        });
    }
}

fn shadowed_page(endpoint: &Endpoint, registrations: &[&'static Registration]) -> Option<Problem> {
    let page = endpoint.page?;
    let get = endpoint.routes[Method::GET.index()]?;
    Some(Problem {
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
    let (existing, message, help) = match clash {
        Clash::ParamName { existing } => (
            existing,
            format!(
                "different parameter names at the same position: `{}` and `{}`",
                endpoints[existing].url, new.url
            ),
            "name a dynamic segment the same in every route that shares it",
        ),
        Clash::RequiredAndOptionalCatchAll { existing } => (
            existing,
            format!(
                "a catch-all and an optional catch-all at the same level: `{}` and `{}`",
                endpoints[existing].url, new.url
            ),
            "keep one: `[[...slug]]` answers everything `[...slug]` does, and the bare path too",
        ),
        Clash::OptionalCatchAllShadows { existing } => (
            existing,
            format!(
                "`{}` and `{}` both answer the same URL: a route cannot have the same specificity as an optional catch-all",
                endpoints[existing].url, new.url
            ),
            "remove the static route and handle the bare path in the optional catch-all (its parameter is empty there), or make it a required catch-all `[...slug]`",
        ),
    };
    let involved = endpoints[existing].handlers.iter().chain(&new.handlers);
    Problem {
        message,
        handlers: involved.map(|&index| registrations[index]).collect(),
        help: help.to_owned(),
    }
}
