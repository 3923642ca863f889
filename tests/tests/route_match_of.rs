//! `RouteMatch::of`: the route a request matched, found again from the
//! request (no request extension holds it on a route without a
//! `#[middleware]`): in a handler at the root, under a scope and under
//! `Server`, behind a `#[middleware]`, in actix-web middleware around the
//! application, and with two tables side by side in one application.

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{test as actix_test, web, App, HttpMessage};
use approute::__private::leaked_registration;
use approute::prelude::*;
use approute::routing::{Conflicts, Kind, Method, RouteMatch, RouteTable};

/// What a handler reads of its own route, and whether an extension held it.
fn described(req: &HttpRequest) -> String {
    let route = RouteMatch::of(req).expect("approute serves this request");
    let params: Vec<String> = route
        .params()
        .map(|(name, value)| format!("{name}={}", value.as_str().unwrap_or("…")))
        .collect();
    let kept = match req.extensions().get::<RouteMatch>() {
        Some(_) => "extension",
        None => "found again",
    };
    format!("{} [{}] {kept}", route.pattern(), params.join(","))
}

#[route("/posts/[id]")]
mod post {
    use super::*;
    pub async fn GET(req: HttpRequest, Params(id): Params<u32>) -> String {
        format!("{} id {id}", described(&req))
    }
}

#[route("/")]
mod home {
    use super::*;
    pub async fn GET(req: HttpRequest) -> String {
        described(&req)
    }
}

#[route("/guarded/[name]")]
mod guarded {
    use super::*;
    pub async fn GET(req: HttpRequest, Params(name): Params<String>) -> String {
        format!("{} name {name}", described(&req))
    }
}

#[middleware("/guarded/[name]")]
async fn stamp(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let pattern = RouteMatch::of(req.request()).map(|route| route.pattern().to_owned());
    let mut response = next.call(req).await?;
    let value = HeaderValue::from_str(pattern.as_deref().unwrap_or("-")).unwrap();
    response
        .headers_mut()
        .insert(HeaderName::from_static("x-middleware-saw"), value);
    Ok(response)
}

async fn body_of<S>(app: &S, path: &str) -> (StatusCode, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse, Error = actix_web::Error>,
{
    let response =
        actix_test::call_service(app, actix_test::TestRequest::get().uri(path).to_request()).await;
    let status = response.status();
    let body = actix_test::read_body(response).await;
    (status, String::from_utf8(body.to_vec()).unwrap())
}

/// A handler of the user's own, registered before approute's: no route of
/// approute's serves its request (the root route `/` is approute's, and so
/// is `/posts/[id]`, the rest a scope of the user's leaves of `/nested/posts/7`).
async fn own(req: HttpRequest) -> String {
    format!(
        "own {:?}",
        RouteMatch::of(&req).map(|route| route.pattern().to_owned())
    )
}

#[actix_web::test]
async fn a_handler_finds_its_route_at_the_root_and_under_a_scope() {
    for prefix in ["", "/api"] {
        let app = match prefix {
            "" => {
                actix_test::init_service(
                    App::new()
                        .route("/own", web::get().to(own))
                        .service(web::scope("/nested").default_service(web::to(own)))
                        .configure(approute::configure),
                )
                .await
            }
            _ => {
                actix_test::init_service(
                    App::new().service(
                        web::scope(prefix)
                            .route("/own", web::get().to(own))
                            .service(web::scope("/nested").default_service(web::to(own)))
                            .configure(approute::configure),
                    ),
                )
                .await
            }
        };
        let cases = [
            ("/posts/7", "/posts/[id] [id=7] found again id 7"),
            ("/posts/%37", "/posts/[id] [id=7] found again id 7"),
            // Behind a `#[middleware]` the extension holds it: a middleware
            // may rewrite the request before the handler.
            (
                "/guarded/ada",
                "/guarded/[name] [name=ada] extension name ada",
            ),
            ("/own", "own None"),
            // A scope of the user's: what it leaves unmatched is a route of
            // approute's, which does not serve it.
            ("/nested/posts/7", "own None"),
        ];
        for (path, expected) in cases {
            let (status, body) = body_of(&app, &format!("{prefix}{path}")).await;
            assert_eq!(
                (status, body.as_str()),
                (StatusCode::OK, expected),
                "{prefix}{path}"
            );
        }
        // Under a scope its own URL is the root route's, kept as an extension
        // (a resource of the user's in the scope leaves the same empty rest).
        let (home, kept) = match prefix {
            "" => ("/", "/ [] found again"),
            _ => (prefix, "/ [] extension"),
        };
        let (status, body) = body_of(&app, home).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, kept), "{home}");
    }
}

#[actix_web::test]
async fn a_middleware_reads_the_route_before_the_handler() {
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let request = actix_test::TestRequest::get()
        .uri("/guarded/ada")
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get("x-middleware-saw").unwrap(),
        "/guarded/[name]"
    );
}

/// actix-web middleware around the application reads the route from the
/// response's request: approute's routes have one, the services of the
/// user's own have none (a scope's default service too, whose unmatched
/// rest is a route of approute's), nor has a path no one serves.
#[actix_web::test]
async fn middleware_around_the_application_reads_it_from_the_response() {
    let app = actix_test::init_service(
        App::new()
            .wrap_fn(|req, srv| {
                let call = srv.call(req);
                async move {
                    let mut res: ServiceResponse = call.await?;
                    let route = RouteMatch::of(res.request());
                    let pattern = route.as_ref().map_or("-", |route| route.pattern());
                    let value = HeaderValue::from_str(pattern).unwrap();
                    res.headers_mut()
                        .insert(HeaderName::from_static("x-route"), value);
                    Ok(res)
                }
            })
            .configure(approute::configure)
            .route("/users", web::get().to(|| async { "not approute's" }))
            // Its rest, `/posts/7`, is a route of approute's at the root.
            .service(web::scope("/mine").default_service(web::to(|| async { "mine" }))),
    )
    .await;
    for (path, status, route) in [
        ("/posts/7", StatusCode::OK, "/posts/[id]"),
        ("/users", StatusCode::OK, "-"),
        ("/mine/posts/7", StatusCode::OK, "-"),
        ("/nowhere", StatusCode::NOT_FOUND, "-"),
    ] {
        let response =
            actix_test::call_service(&app, actix_test::TestRequest::get().uri(path).to_request())
                .await;
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(response.headers().get("x-route").unwrap(), route, "{path}");
    }
}

/// Two tables configured side by side in one scope: the scope's data names
/// the last, so the first keeps its matches as extensions, and each handler
/// reads its own table's route.
#[actix_web::test]
async fn two_tables_side_by_side_each_read_their_own_route() {
    fn table(path: &str, greeting: &'static str) -> RouteTable {
        let handler = move |req: HttpRequest, Params(value): Params<String>| async move {
            let route = RouteMatch::of(&req).expect("served by approute");
            format!("{greeting} {value} from {}", route.pattern())
        };
        let registration = leaked_registration(Kind::Route, Method::GET, path, handler);
        RouteTable::from_registrations([registration], Conflicts::Deny).unwrap()
    }
    let alpha = table("/alpha/[x]", "alpha");
    let beta = table("/beta/[y]", "beta");
    let app = actix_test::init_service(
        App::new()
            .configure(|cfg| alpha.configure(cfg))
            .configure(|cfg| beta.configure(cfg)),
    )
    .await;
    for (path, expected) in [
        ("/alpha/1", "alpha 1 from /alpha/[x]"),
        ("/beta/2", "beta 2 from /beta/[y]"),
        ("/alpha/3", "alpha 3 from /alpha/[x]"),
    ] {
        let (status, body) = body_of(&app, path).await;
        assert_eq!(
            (status, body.as_str()),
            (StatusCode::OK, expected),
            "{path}"
        );
    }
}

/// End to end on a real socket, under `Server` (approute's service last at
/// the root, which looks the path up itself).
#[actix_web::test]
async fn under_server_on_a_real_socket() {
    let server = approute::server::Server::from_registry()
        .unwrap()
        .app(App::new);
    let (addr, handle) = approute_tests::spawn_approute(server);
    let client = awc::Client::default();
    for (path, expected) in [
        ("/posts/42", "/posts/[id] [id=42] found again id 42"),
        ("/", "/ [] found again"),
        ("/guarded/bo", "/guarded/[name] [name=bo] extension name bo"),
    ] {
        let mut response = client
            .get(format!("http://{addr}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let body = response.body().await.unwrap();
        assert_eq!(std::str::from_utf8(&body).unwrap(), expected, "{path}");
    }
    let response = client
        .get(format!("http://{addr}/posts/x"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    handle.stop(true).await;
}
