//! Mounts the route table in actix-web as one service: a guard looks the
//! request up in the tree (so unmatched paths fall through to the user's own
//! services), and the service runs the handler the lookup chose.

use std::cell::OnceCell;

use actix_web::body::BoxBody;
use actix_web::dev::{
    AppService, HttpServiceFactory, ResourceDef, Service, ServiceFactory, ServiceRequest,
    ServiceResponse,
};
use actix_web::guard::{Guard, GuardContext};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse};
use futures_util::future::LocalBoxFuture;
use futures_util::FutureExt;

use crate::dispatch_future::DispatchFuture;

use crate::canonical::canonical_location;
use crate::captures::{Captures, ParamValue};
use crate::registry::Method;
use crate::request_path::{check_path, PathShape};
use crate::respond::{internal_server_error, json_error};
use crate::table::{Endpoint, RouteTable};
use crate::tree::EndpointId;

/// The service actix-web builds from a handler's `Route`.
type HandlerService = <actix_web::Route as ServiceFactory<ServiceRequest>>::Service;

/// What the guard found for a request path. A match reaches the service as
/// the `RouteMatch` extension itself (one insert per request); the rarer
/// answers travel as a `Lookup`.
enum Lookup {
    Found {
        endpoint: EndpointId,
        captures: Captures,
    },
    /// The path matches once its trailing `/` and dot segments are
    /// resolved: a 308 to this same-origin path.
    Redirect(String),
    /// A segment is not UTF-8 once percent-decoded.
    BadEncoding(String),
}

/// What [`RouteTable::resolve`] decides for a request path.
#[derive(Debug, Clone)]
pub enum Resolution {
    /// A route serves the path.
    Route(RouteMatch),
    /// 308 to this path (trailing slash or dot segments resolved); always
    /// one leading `/` and no `\`.
    Redirect(String),
    /// 400: a segment is not UTF-8 once percent-decoded.
    BadEncoding,
    /// No route: the request falls through to the application's services.
    NoRoute,
}

/// The route a request matched, as a request extension: its pattern (for
/// logging and metrics labels) and its decoded parameters.
#[derive(Debug, Clone)]
pub struct RouteMatch {
    endpoint: EndpointId,
    pattern: &'static str,
    allow: &'static str,
    params: Captures,
}

impl RouteMatch {
    /// The matched URL pattern, e.g. `/comments/[id]`.
    pub fn pattern(&self) -> &'static str {
        self.pattern
    }

    /// The methods this route answers, as its `Allow` header lists them.
    pub fn allow(&self) -> &'static str {
        self.allow
    }

    /// The dynamic segments in path order, percent-decoded (a catch-all's
    /// segments one by one as they are read).
    pub fn params(&self) -> &[(&'static str, ParamValue)] {
        &self.params
    }
}

impl RouteTable {
    /// The route a request for `path` reaches (its method aside), as the
    /// dispatcher finds it; `None` for no route, a trailing-slash redirect or a
    /// path that is not UTF-8 once decoded.
    pub fn match_path(&self, path: &str) -> Option<RouteMatch> {
        match self.lookup(path)? {
            Lookup::Found { endpoint, captures } => Some(self.route_match(endpoint, captures)),
            Lookup::Redirect(_) | Lookup::BadEncoding(_) => None,
        }
    }

    /// What approute answers for a request to `path` (its method aside):
    /// the route, a redirect to a same-origin path, a 400 for a segment that
    /// is not UTF-8, or nothing (the request falls through).
    pub fn resolve(&self, path: &str) -> Resolution {
        match self.lookup(path) {
            Some(Lookup::Found { endpoint, captures }) => {
                Resolution::Route(self.route_match(endpoint, captures))
            }
            Some(Lookup::Redirect(location)) => Resolution::Redirect(location),
            Some(Lookup::BadEncoding(_)) => Resolution::BadEncoding,
            None => Resolution::NoRoute,
        }
    }

    fn route_match(&self, endpoint: EndpointId, captures: Captures) -> RouteMatch {
        RouteMatch {
            endpoint,
            pattern: self.inner.endpoints[endpoint].url,
            allow: self.inner.endpoints[endpoint].allow,
            params: captures,
        }
    }

    fn lookup(&self, path: &str) -> Option<Lookup> {
        match check_path(path) {
            PathShape::Segments { path, encoded } => {
                let mut captures = Captures::new();
                let endpoint = self.inner.tree.find(path, encoded, &mut captures)?;
                Some(Lookup::Found { endpoint, captures })
            }
            // Claimed only where a route would match (decoding lossily), so
            // that other paths still fall through to the user's services.
            PathShape::BadEncoding { segment, path } => {
                self.inner
                    .tree
                    .find(Some(path), true, &mut Captures::new())?;
                Some(Lookup::BadEncoding(segment.to_owned()))
            }
            // Redirected only where the resolved path has a route, so that
            // other paths still fall through to the user's services.
            PathShape::EmptySegment | PathShape::DotSegment => {
                let location = canonical_location(path)?;
                let PathShape::Segments { path, encoded } = check_path(&location) else {
                    return None;
                };
                self.inner.tree.find(path, encoded, &mut Captures::new())?;
                Some(Lookup::Redirect(location))
            }
        }
    }
}

pub(crate) struct Dispatch {
    table: RouteTable,
}

impl Dispatch {
    pub(crate) fn new(table: RouteTable) -> Self {
        Dispatch { table }
    }
}

impl HttpServiceFactory for Dispatch {
    fn register(self, config: &mut AppService) {
        // The guard sees the full request path, not what is left of it under
        // a scope: refuse to start rather than answer silent 404s.
        assert!(
            config.is_root(),
            "approute cannot be mounted inside `web::scope` yet: its routes match the full request path. \
             Mount it at the application's root with `App::new().configure(approute::configure)`, \
             and write the prefix into the route paths (`#[route(\"/api/hello\")]`)"
        );
        let guard = TreeGuard {
            table: self.table.clone(),
        };
        // An empty prefix matches every path; the guard decides.
        config.register_service(
            ResourceDef::prefix(""),
            Some(vec![Box::new(guard)]),
            DispatchFactory { table: self.table },
            None,
        );
    }
}

struct TreeGuard {
    table: RouteTable,
}

impl Guard for TreeGuard {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        match self.table.lookup(ctx.head().uri.path()) {
            Some(Lookup::Found { endpoint, captures }) => {
                ctx.req_data_mut()
                    .insert(self.table.route_match(endpoint, captures));
                true
            }
            Some(other) => {
                ctx.req_data_mut().insert(other);
                true
            }
            None => false,
        }
    }
}

struct DispatchFactory {
    table: RouteTable,
}

impl ServiceFactory<ServiceRequest> for DispatchFactory {
    type Response = ServiceResponse;
    type Error = Error;
    type Config = ();
    type Service = DispatchService;
    type InitError = ();
    type Future = LocalBoxFuture<'static, Result<DispatchService, ()>>;

    fn new_service(&self, _: ()) -> Self::Future {
        let table = self.table.clone();
        let handlers = table
            .inner
            .registrations
            .iter()
            .map(|_| OnceCell::new())
            .collect();
        Box::pin(std::future::ready(Ok(DispatchService { table, handlers })))
    }
}

pub(crate) struct DispatchService {
    table: RouteTable,
    /// One actix-web route service per registration, in table order, built
    /// on first use: start-up and memory do not grow with the routes a
    /// worker never serves.
    handlers: Box<[OnceCell<HandlerService>]>,
}

impl DispatchService {
    fn handler(&self, index: usize) -> Option<&HandlerService> {
        let cell = &self.handlers[index];
        if let Some(service) = cell.get() {
            return Some(service);
        }
        let registration = self.table.inner.registrations[index];
        // A `web::to` route's service is ready at once.
        match (registration.handler)().new_service(()).now_or_never() {
            Some(Ok(service)) => Some(cell.get_or_init(|| service)),
            _ => {
                log::error!(
                    "the route of {} {} ({}) could not be built at once; `Registration::handler` must return a `web::to` route",
                    registration.method,
                    registration.path,
                    registration.location
                );
                None
            }
        }
    }
}

impl DispatchService {
    /// The guard's answers other than a route: a trailing-slash redirect or
    /// a path that is not UTF-8.
    fn answer_without_route(&self, req: ServiceRequest) -> DispatchFuture {
        let lookup = req.extensions_mut().remove::<Lookup>();
        match lookup {
            Some(Lookup::Redirect(location)) => {
                ready(req, move |request| canonical_redirect(request, location))
            }
            Some(Lookup::BadEncoding(segment)) => {
                let message =
                    format!("path segment `{segment}` is not valid UTF-8 once percent-decoded");
                ready(req, |_| json_error(StatusCode::BAD_REQUEST, message))
            }
            // Only the guard routes requests here, and it always leaves an answer.
            Some(Lookup::Found { .. }) | None => ready(req, |_| {
                json_error(StatusCode::NOT_FOUND, "no route matches this path")
            }),
        }
    }
}

enum Answer {
    Handler(usize),
    Options,
    NotAllowed,
}

fn answer(endpoint: &Endpoint, method: Option<Method>) -> Answer {
    let Some(method) = method else {
        return Answer::NotAllowed;
    };
    if let Some(handler) = endpoint.routes[method.index()] {
        return Answer::Handler(handler);
    }
    let get = || endpoint.routes[Method::GET.index()].or(endpoint.page);
    match method {
        Method::GET | Method::HEAD => get().map_or(Answer::NotAllowed, Answer::Handler),
        Method::OPTIONS => Answer::Options,
        _ => Answer::NotAllowed,
    }
}

impl Service<ServiceRequest> for DispatchService {
    type Response = ServiceResponse;
    type Error = Error;
    type Future = DispatchFuture;

    actix_web::dev::always_ready!();

    fn call(&self, mut req: ServiceRequest) -> Self::Future {
        let found = req
            .extensions()
            .get::<RouteMatch>()
            .map(|found| (found.endpoint, found.params.len()));
        let (endpoint_id, param_count) = match found {
            Some(found) => found,
            None => return self.answer_without_route(req),
        };
        let endpoint = &self.table.inner.endpoints[endpoint_id];
        let handler = match answer(endpoint, Method::from_http(req.method())) {
            Answer::Handler(handler) => handler,
            Answer::Options => {
                let allow = endpoint.allow;
                return ready(req, move |_| {
                    HttpResponse::NoContent()
                        .insert_header((header::ALLOW, allow))
                        .finish()
                });
            }
            Answer::NotAllowed => {
                let allow = endpoint.allow;
                let message = format!(
                    "method {} is not allowed for {}; allowed: {allow}",
                    req.method(),
                    endpoint.url
                );
                return ready(req, move |_| {
                    let mut response = json_error(StatusCode::METHOD_NOT_ALLOWED, message);
                    response
                        .headers_mut()
                        .insert(header::ALLOW, HeaderValue::from_static(allow));
                    response
                });
            }
        };

        // actix-web's own match info, so `web::Path` and `match_info()` work.
        for index in 0..param_count {
            let (name, text) = {
                let extensions = req.extensions();
                let (name, value) = &extensions
                    .get::<RouteMatch>()
                    .expect("checked above")
                    .params[index];
                let text = match value {
                    ParamValue::One(text) => text.to_string(),
                    ParamValue::Many(segments) => segments.joined(),
                };
                (*name, text)
            };
            req.match_info_mut().add_static(name, text);
        }

        let Some(service) = self.handler(handler) else {
            return ready(req, |_| internal_server_error());
        };
        let request = req.request().clone();
        let registration = self.table.inner.registrations[handler];
        DispatchFuture::handler(service.call(req), request, registration)
    }
}

fn ready(
    req: ServiceRequest,
    respond: impl FnOnce(&HttpRequest) -> HttpResponse<BoxBody>,
) -> DispatchFuture {
    let (request, _) = req.into_parts();
    let response = respond(&request);
    DispatchFuture::Ready(Some(ServiceResponse::new(request, response)))
}

/// `/comments/?q=1` → 308 to `/comments?q=1`.
fn canonical_redirect(request: &HttpRequest, mut location: String) -> HttpResponse {
    if let Some(query) = request.uri().query() {
        location.push('?');
        location.push_str(query);
    }
    crate::respond::permanent_redirect(location)
}
