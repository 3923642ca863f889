//! What approute answers once a request is looked up: the handler the
//! method chooses, 405 (501 for a method HTTP does not define), OPTIONS, a
//! redirect, a 400, or 404.

use actix_web::body::BoxBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpMessage, HttpRequest, HttpResponse};

use super::dispatch_future::DispatchFuture;
use super::method_registry;
use super::stages::{self, Held};
use crate::registry::route::Method;
use crate::response::error_response;
use crate::response::error_shape::render_error_body;
use crate::response::table_error_body::TableErrorBody;
use crate::routing::compiled::{Compiled, Endpoint};
use crate::routing::lookup::Detour;
use crate::routing::RouteMatch;
use crate::url::canonical::with_query;

/// The answer for what the dispatcher left in the request's extensions
/// before a middleware chain: a `RouteMatch`, a `Detour`, or neither (no
/// route: 404). The end of every middleware chain.
pub(crate) fn answer(table: &Compiled, req: ServiceRequest, held: Held) -> DispatchFuture {
    let found = req
        .extensions()
        .get::<RouteMatch<'static>>()
        .map(|found| found.endpoint);
    if let Some(endpoint) = found {
        return answer_endpoint(table, req, endpoint, held);
    }
    let detour = req.extensions_mut().remove::<Detour>();
    match detour {
        Some(detour) => answer_detour(table, req, detour),
        None => {
            let message = format!("no route for {}", req.path());
            ready(req, |_| table_error(table, StatusCode::NOT_FOUND, message))
        }
    }
}

/// The guard's answers other than a route: a trailing-slash redirect or a
/// segment the route cannot take.
fn answer_detour(table: &Compiled, req: ServiceRequest, detour: Detour) -> DispatchFuture {
    match detour {
        Detour::Redirect(location) => {
            ready(req, move |request| canonical_redirect(request, location))
        }
        Detour::BadSegment(message) => ready(req, |_| {
            table_error(table, StatusCode::BAD_REQUEST, message)
        }),
    }
}

/// The request's method among the ones handlers are named after; a match
/// on actix's constants, not a comparison of names, as this runs on every
/// request (`QUERY` has no constant: it is compared by name, after the rest).
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
        _ if method.as_str() == "QUERY" => Method::QUERY,
        _ => return None,
    })
}

enum Answer {
    Handler(usize),
    Options,
    NotAllowed,
    NotImplemented,
}

fn choose(endpoint: &Endpoint, method: &actix_web::http::Method) -> Answer {
    let Some(method) = method_of(method) else {
        return match method_registry::is_registered(method.as_str()) {
            true => Answer::NotAllowed,
            false => Answer::NotImplemented,
        };
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

/// The endpoint's answer for the request's method: its handler, 405 or
/// OPTIONS.
pub(crate) fn answer_endpoint(
    table: &Compiled,
    req: ServiceRequest,
    endpoint_id: usize,
    held: Held,
) -> DispatchFuture {
    let endpoint = &table.endpoints[endpoint_id];
    let handler = match choose(endpoint, req.method()) {
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
                let mut response = table_error(table, StatusCode::METHOD_NOT_ALLOWED, message);
                response.headers_mut().insert(header::ALLOW, allow);
                response
            });
        }
        Answer::NotImplemented => {
            let message = format!(
                "method {} is not an HTTP method this server implements",
                req.method()
            );
            return ready(req, move |_| {
                table_error(table, StatusCode::NOT_IMPLEMENTED, message)
            });
        }
    };

    stages::run(table.registrations[handler], req, held)
}

/// actix-web's own match info, so that `web::Path` and `match_info()` work,
/// and so that the 405 and OPTIONS answers have it too: actix-web-prom fills
/// `match_pattern()`'s `{id}` from it (and warns, per request, where it
/// cannot). Filled where the lookup is done, before any middleware.
pub(crate) fn fill_match_info(req: &mut ServiceRequest, found: &RouteMatch<'_>) {
    for (name, value) in found.params() {
        let text = value.to_match_info();
        // `web::Path<T>` reads fields by their Rust names too.
        if name.contains('-') {
            let rust_name = approute_path::rust_name(name).into_owned();
            req.match_info_mut().add_static(rust_name, text.clone());
        }
        req.match_info_mut().add_static(name, text);
    }
}

/// An error approute answers itself, in the table's error body.
fn table_error(table: &Compiled, status: StatusCode, message: String) -> HttpResponse {
    let mut response = error_response(status, message);
    let error_body = table.settings.get::<TableErrorBody>();
    render_error_body(error_body.as_ref().map(|body| &body.0), &mut response);
    response
}

fn ready(
    req: ServiceRequest,
    respond: impl FnOnce(&HttpRequest) -> HttpResponse<BoxBody>,
) -> DispatchFuture {
    let (request, _) = req.into_parts();
    let response = respond(&request);
    DispatchFuture::Ready(Some(Box::new(ServiceResponse::new(request, response))))
}

/// `/comments/?q=1` → 308 to `/comments?q=1`.
fn canonical_redirect(request: &HttpRequest, location: String) -> HttpResponse {
    crate::response::permanent_redirect(with_query(location, request.uri().query()))
}
