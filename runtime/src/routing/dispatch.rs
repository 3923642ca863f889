//! Mounts the route table in actix-web as one service. At the root a guard
//! looks the request up in the tree (so unmatched paths fall through to the
//! user's own services); under a scope the service does (see `mount`). The
//! service runs the handler the lookup chose.

use std::rc::Rc;
use std::sync::Arc;

use actix_service::boxed::{BoxService, BoxServiceFactory};

use actix_web::body::BoxBody;
use actix_web::dev::{
    AppService, HttpServiceFactory, ResourceDef, Service, ServiceFactory, ServiceRequest,
    ServiceResponse,
};
use actix_web::guard::{Guard, GuardContext};
use actix_web::http::header;
use actix_web::http::StatusCode;
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse};

use super::compiled::{Compiled, Endpoint};
use super::handler_future::DispatchFuture;
use super::lookup::{lookup, lookup_mounted, Detour, Lookup};
use super::mount::Mounted;
use super::registry::Method;
use super::route_match::RouteMatch;
use crate::response::error_response;
use futures_util::future::LocalBoxFuture;

pub(crate) struct Dispatch {
    table: Arc<Compiled>,
}

impl Dispatch {
    pub(crate) fn new(table: Arc<Compiled>) -> Self {
        Dispatch { table }
    }
}

impl HttpServiceFactory for Dispatch {
    fn register(self, config: &mut AppService) {
        let (guards, mount): (Option<Vec<Box<dyn Guard>>>, _) = if config.is_root() {
            // At the root the guard looks the path up, so that paths without a
            // route fall through to the services registered after approute.
            let guard = TreeGuard {
                table: Arc::clone(&self.table),
            };
            (Some(vec![Box::new(guard)]), Mount::Root)
        } else {
            // Under a scope a guard cannot tell where the prefix ends
            // (actix-web gives it no match info), so the service looks the
            // path up itself (as actix-files does), and hands the paths it
            // does not serve to the application's default service.
            (None, Mount::Scope(config.default_service()))
        };
        // An empty prefix matches every path; the guard or the service decides.
        config.register_service(
            ResourceDef::prefix(""),
            guards,
            DispatchFactory {
                table: self.table,
                mount,
            },
            None,
        );
    }
}

/// Where the table is mounted, and under a scope the application's default
/// service, for the paths the table does not serve.
enum Mount {
    Root,
    Scope(Rc<DefaultServiceFactory>),
}

type DefaultServiceFactory = BoxServiceFactory<(), ServiceRequest, ServiceResponse, Error, ()>;

struct TreeGuard {
    table: Arc<Compiled>,
}

impl Guard for TreeGuard {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        match lookup(&self.table, ctx.head().uri.path()) {
            Some(Lookup::Found(found)) => {
                ctx.req_data_mut().insert(found);
                true
            }
            Some(Lookup::Detour(detour)) => {
                ctx.req_data_mut().insert(detour);
                true
            }
            None => false,
        }
    }
}

struct DispatchFactory {
    table: Arc<Compiled>,
    mount: Mount,
}

impl ServiceFactory<ServiceRequest> for DispatchFactory {
    type Response = ServiceResponse;
    type Error = Error;
    type Config = ();
    type Service = DispatchService;
    type InitError = ();
    type Future = LocalBoxFuture<'static, Result<DispatchService, ()>>;

    fn new_service(&self, _: ()) -> Self::Future {
        let table = Arc::clone(&self.table);
        let default_service = match &self.mount {
            Mount::Root => None,
            Mount::Scope(factory) => Some(factory.new_service(())),
        };
        Box::pin(async move {
            let fallback = match default_service {
                Some(service) => Some(service.await?),
                None => None,
            };
            Ok(DispatchService { table, fallback })
        })
    }
}

pub(crate) struct DispatchService {
    table: Arc<Compiled>,
    /// Under a scope, the application's default service: the paths this
    /// table does not serve go there.
    fallback: Option<BoxService<ServiceRequest, ServiceResponse, Error>>,
}

/// The guard's answers other than a route: a trailing-slash redirect or a
/// path that is not UTF-8.
fn answer_detour(req: ServiceRequest, detour: Detour) -> DispatchFuture {
    match detour {
        Detour::Redirect(location) => {
            ready(req, move |request| canonical_redirect(request, location))
        }
        Detour::BadEncoding(segment) => {
            let message =
                format!("path segment `{segment}` is not valid UTF-8 once percent-decoded");
            ready(req, |_| error_response(StatusCode::BAD_REQUEST, message))
        }
    }
}

/// The request's method among the ones handlers are named after; a match
/// on actix's constants, not a comparison of names, as this runs on every
/// request.
fn method_of(method: &actix_web::http::Method) -> Option<Method> {
    use actix_web::http::Method as Http;
    Some(match *method {
        Http::GET => Method::GET,
        Http::POST => Method::POST,
        Http::HEAD => Method::HEAD,
        Http::PUT => Method::PUT,
        Http::PATCH => Method::PATCH,
        Http::DELETE => Method::DELETE,
        Http::OPTIONS => Method::OPTIONS,
        _ => return None,
    })
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
        if let Some(fallback) = &self.fallback {
            match lookup_mounted(&self.table, &Mounted::of(&req)) {
                Some(Lookup::Found(found)) => {
                    req.extensions_mut().insert(found);
                }
                Some(Lookup::Detour(detour)) => return answer_detour(req, detour),
                None => return DispatchFuture::Fallback(fallback.call(req)),
            }
        }
        let found = req
            .extensions()
            .get::<RouteMatch>()
            .map(|found| (found.endpoint, found.params.len()));
        let Some((endpoint_id, param_count)) = found else {
            // At the root the guard leaves a `RouteMatch` or a `Detour`, never
            // neither; under a scope a `Detour` was answered above.
            let detour = req.extensions_mut().remove::<Detour>();
            return answer_detour(req, detour.expect("the guard left a detour"));
        };
        let endpoint = &self.table.endpoints[endpoint_id];
        let handler = match answer(endpoint, method_of(req.method())) {
            Answer::Handler(handler) => handler,
            Answer::Options => {
                let allow = endpoint.allow.clone();
                return ready(req, move |_| {
                    HttpResponse::NoContent()
                        .insert_header((header::ALLOW, allow))
                        .finish()
                });
            }
            Answer::NotAllowed => {
                let allow = endpoint.allow.clone();
                let message = format!(
                    "method {} is not allowed for {}; allowed: {}",
                    req.method(),
                    endpoint.url,
                    endpoint.allow_str()
                );
                return ready(req, move |_| {
                    let mut response = error_response(StatusCode::METHOD_NOT_ALLOWED, message);
                    response.headers_mut().insert(header::ALLOW, allow);
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
                (*name, value.to_match_info())
            };
            req.match_info_mut().add_static(name, text);
        }

        let request = req.request().clone();
        let registration = self.table.registrations[handler];
        DispatchFuture::handler(registration.call(req), request, registration)
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
    crate::response::permanent_redirect(location)
}
