//! `HttpRequest::match_pattern()` names the approute route that serves a
//! request, with its mount, before routing (where tracing-actix-web reads
//! it) and after (where actix-web-prom does); a path no route takes reads as
//! unmatched, and the user's own services keep their patterns. Checked in
//! process for every mount, then over a real socket with the real
//! actix-web-prom (ARCHITECTURE.md, "Mounting"); tracing-actix-web's spans
//! are in `observability.rs`.

use approute::__private::leaked_registration;
use std::collections::BTreeMap;

use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{test, web, App, HttpResponse};
use approute::prelude::*;
use approute::routing::{Conflicts, Kind, Method, RouteTable};

#[route("/")]
async fn GET() -> &'static str {
    "home"
}

#[route("/comments")]
mod comments {
    pub async fn GET() -> &'static str {
        "list"
    }
}

#[route("/comments/live")]
mod live {
    pub async fn GET() -> &'static str {
        "live"
    }
}

#[route("/comments/[id]")]
mod comment {
    use approute::prelude::*;
    pub async fn GET(Params(id): Params<u32>) -> Result<String, actix_web::Error> {
        match id {
            0 => Err(actix_web::error::ErrorInternalServerError(
                "comment 0 is broken",
            )),
            id => Ok(format!("comment {id}")),
        }
    }
}

#[route("/comments/[id]/replies")]
mod replies {
    use approute::prelude::*;
    pub async fn GET(Params(id): Params<u32>) -> String {
        format!("replies to {id}")
    }
}

#[route("/docs/[[...slug]]")]
mod docs {
    pub async fn GET() -> &'static str {
        "docs"
    }
}

#[route("/product/[product-id]")]
mod product {
    pub async fn GET() -> &'static str {
        "product"
    }
}

#[route("/secret")]
mod secret {
    use approute::prelude::*;
    pub async fn GET() -> actix_web::HttpResponse {
        unauthorized()
    }
}

/// The `match_pattern()` a request had before routing and after, as
/// response headers (`-` for none).
fn observed(res: &ServiceResponse, which: &str) -> String {
    res.headers()
        .get(which)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned()
}

macro_rules! observing_app {
    () => {
        App::new().wrap_fn(|req, srv| {
            let before = req.match_pattern();
            let call = srv.call(req);
            async move {
                let mut res = call.await?;
                let after = res.request().match_pattern();
                for (name, value) in [("x-before", before), ("x-after", after)] {
                    let value = HeaderValue::from_str(value.as_deref().unwrap_or("-")).unwrap();
                    res.headers_mut()
                        .insert(HeaderName::from_static(name), value);
                }
                Ok(res)
            }
        })
    };
}

async fn ok() -> HttpResponse {
    HttpResponse::Ok().body("mine")
}

/// Requests each path and checks what `match_pattern()` said, before
/// routing and after.
async fn expect_patterns<S>(app: &S, cases: &[(&str, &str)])
where
    S: Service<actix_http::Request, Response = ServiceResponse, Error = actix_web::Error>,
{
    let cases: Vec<_> = cases
        .iter()
        .map(|(path, pattern)| (*path, *pattern, *pattern))
        .collect();
    expect_patterns_before_and_after(app, &cases).await
}

async fn expect_patterns_before_and_after<S>(app: &S, cases: &[(&str, &str, &str)])
where
    S: Service<actix_http::Request, Response = ServiceResponse, Error = actix_web::Error>,
{
    for (path, before, after) in cases {
        let res = test::call_service(app, test::TestRequest::get().uri(path).to_request()).await;
        assert_eq!(observed(&res, "x-before"), *before, "before routing {path}");
        assert_eq!(observed(&res, "x-after"), *after, "after routing {path}");
    }
}

#[actix_web::test]
async fn at_the_root_each_route_reads_its_pattern_and_other_services_keep_theirs() {
    let app = test::init_service(
        observing_app!()
            .route("/before", web::get().to(ok))
            .configure(approute::configure)
            .route("/readyz", web::get().to(ok))
            .route("/comment-export", web::get().to(ok)),
    )
    .await;
    expect_patterns(
        &app,
        &[
            ("/", "/"),
            ("/comments", "/comments"),
            ("/comments/live", "/comments/live"),
            ("/comments/42", "/comments/{id}"),
            ("/comments/42/replies", "/comments/{id}/replies"),
            ("/docs", "/docs"),
            ("/docs/install/linux", "/docs/{slug}*"),
            ("/product/7", "/product/{product_id}"),
            // The user's own, before and after approute's.
            ("/before", "/before"),
            ("/readyz", "/readyz"),
            ("/comment-export", "/comment-export"),
            // No route: unmatched, as actix-web says of its own misses.
            ("/nope", "-"),
            ("/comments/1/2/3", "-"),
            // approute's redirects and 400s are not a route's answers.
            ("/comments/", "-"),
            ("/./comments", "-"),
            ("/../comments/7", "-"),
            ("/elsewhere/../comments", "-"),
        ],
    )
    .await;
    // What answered is unchanged: approute redirects a path with a dot
    // segment where the resolved path has a route, whatever its first segment.
    let redirects = [
        ("/comments/", "/comments"),
        ("/./comments", "/comments"),
        ("/../comments/7", "/comments/7"),
        ("/elsewhere/../comments", "/comments"),
    ];
    for (path, location) in redirects {
        let res = test::call_service(&app, test::TestRequest::get().uri(path).to_request()).await;
        assert_eq!(res.status(), 308, "{path}");
        assert_eq!(res.headers().get("location").unwrap(), location, "{path}");
    }
    let res = test::call_service(&app, test::TestRequest::get().uri("/readyz").to_request()).await;
    assert_eq!(test::read_body(res).await, "mine");
}

#[actix_web::test]
async fn under_a_scope_the_pattern_has_the_prefix() {
    let app = test::init_service(
        observing_app!()
            .service(web::scope("/api/v1").configure(approute::configure))
            .route("/readyz", web::get().to(ok)),
    )
    .await;
    expect_patterns(
        &app,
        &[
            ("/api/v1", "/api/v1"),
            ("/api/v1/comments/42", "/api/v1/comments/{id}"),
            ("/api/v1/docs/a", "/api/v1/docs/{slug}*"),
            ("/api/v1/nope", "-"),
            ("/readyz", "/readyz"),
        ],
    )
    .await;
}

#[actix_web::test]
async fn a_parameter_at_the_top_claims_what_its_routing_claims() {
    let registrations = ["/about", "/[slug]", "/[slug]/edit"]
        .map(|path| leaked_registration(Kind::Route, Method::GET, path, || async { "page" }));
    let table = RouteTable::from_registrations(registrations, Conflicts::Deny).unwrap();
    let app = test::init_service(
        observing_app!()
            .configure(|cfg| table.configure(cfg))
            .route("/a/b/c", web::get().to(ok)),
    )
    .await;
    expect_patterns_before_and_after(
        &app,
        &[
            ("/about", "/about", "/about"),
            ("/hello", "/{slug}", "/{slug}"),
            ("/hello/edit", "/{slug}/edit", "/{slug}/edit"),
            // The user's service: before routing, approute's one prefix is
            // the first that matches (README, "Observability"); after,
            // actix-web knows the service it routed to.
            ("/a/b/c", "-", "/a/b/c"),
        ],
    )
    .await;
}

#[actix_web::test]
async fn beyond_eight_top_level_literals_services_after_approute_read_unmatched() {
    let registrations = (0..9).map(|i| {
        leaked_registration(Kind::Route, Method::GET, format!("/s{i}/[id]"), || async {
            "s"
        })
    });
    let table = RouteTable::from_registrations(registrations, Conflicts::Deny).unwrap();
    let app = test::init_service(
        observing_app!()
            .route("/before", web::get().to(ok))
            .configure(|cfg| table.configure(cfg))
            .route("/readyz", web::get().to(ok)),
    )
    .await;
    expect_patterns_before_and_after(
        &app,
        &[
            ("/s8/3", "/s8/{id}", "/s8/{id}"),
            ("/before", "/before", "/before"),
            // Unmatched before routing, as README says: register such
            // services before approute's.
            ("/readyz", "-", "/readyz"),
        ],
    )
    .await;
    let res = test::call_service(&app, test::TestRequest::get().uri("/readyz").to_request()).await;
    assert_eq!(test::read_body(res).await, "mine");
}

#[actix_web::test]
async fn under_server_over_a_real_socket() {
    let (addr, handle) = approute_tests::spawn_approute(
        approute::server::Server::from_registry()
            .unwrap()
            .app(|| observing_app!().route("/readyz", web::get().to(ok))),
    );
    let client = awc::Client::new();
    for (path, pattern) in [
        ("/comments/42", "/comments/{id}"),
        ("/readyz", "/readyz"),
        ("/nope", "-"),
    ] {
        let res = client
            .get(format!("http://{addr}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers().get("x-before").unwrap(), pattern, "{path}");
        assert_eq!(res.headers().get("x-after").unwrap(), pattern, "{path}");
    }
    handle.stop(true).await;
}

#[actix_web::test]
async fn actix_web_prom_labels_each_route_and_masks_what_no_route_took() {
    let prometheus = actix_web_prom::PrometheusMetricsBuilder::new("api")
        .endpoint("/metrics")
        .mask_unmatched_patterns("UNKNOWN")
        .build()
        .unwrap();
    let (addr, handle) = approute_tests::spawn_server(move || {
        App::new()
            .wrap(prometheus.clone())
            .service(web::scope("/api/v1").configure(approute::configure))
    });
    let client = awc::Client::new();
    let get = |path: String| {
        let request = client.get(format!("http://{addr}{path}"));
        async move { request.send().await.unwrap().status().as_u16() }
    };
    for id in 1..=50 {
        assert_eq!(get(format!("/api/v1/comments/{id}")).await, 200);
    }
    assert_eq!(get("/api/v1/comments/0".into()).await, 500);
    // An unparsable parameter: 404, on its route's label.
    assert_eq!(get("/api/v1/comments/x".into()).await, 404);
    assert_eq!(get("/api/v1/secret".into()).await, 401);
    assert_eq!(get("/api/v1/comments/7/replies".into()).await, 200);
    for path in ["/api/v1/nope", "/api/v1/comments/1/2/3", "/elsewhere"] {
        assert_eq!(get(path.into()).await, 404, "{path}");
    }
    let mut metrics = client
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap();
    let text = String::from_utf8(metrics.body().await.unwrap().to_vec()).unwrap();
    handle.stop(true).await;

    let counts: BTreeMap<(String, String), u64> = text
        .lines()
        .filter_map(|line| line.strip_prefix("api_http_requests_total{"))
        .map(|line| {
            let (labels, count) = line.rsplit_once("} ").unwrap();
            let label = |name: &str| {
                let start = labels.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                labels[start..].split('"').next().unwrap().to_owned()
            };
            ((label("endpoint"), label("status")), count.parse().unwrap())
        })
        .collect();
    let count =
        |endpoint: &str, status: &str| counts.get(&(endpoint.into(), status.into())).copied();
    assert_eq!(count("/api/v1/comments/{id}", "200"), Some(50), "{text}");
    assert_eq!(count("/api/v1/comments/{id}", "500"), Some(1), "{text}");
    assert_eq!(count("/api/v1/comments/{id}", "404"), Some(1), "{text}");
    assert_eq!(count("/api/v1/secret", "401"), Some(1), "{text}");
    assert_eq!(
        count("/api/v1/comments/{id}/replies", "200"),
        Some(1),
        "{text}"
    );
    assert_eq!(count("UNKNOWN", "404"), Some(3), "{text}");
    assert!(
        counts
            .keys()
            .all(|(endpoint, _)| !endpoint.is_empty() && endpoint != "/api/v1"),
        "{text}"
    );
}

/// approute's own 405 and OPTIONS answers carry the route's match info, as
/// its handlers' do: actix-web-prom fills `{id}` in the pattern from it
/// (and warns on every request where it cannot).
#[actix_web::test]
async fn the_405_and_options_answers_carry_the_match_info() {
    macro_rules! reading_the_id {
        () => {
            App::new().wrap_fn(|req, srv| {
                let call = srv.call(req);
                async move {
                    let mut res = call.await?;
                    let id = res
                        .request()
                        .match_info()
                        .get("id")
                        .unwrap_or("-")
                        .to_owned();
                    res.headers_mut().insert(
                        HeaderName::from_static("x-id"),
                        HeaderValue::from_str(&id).unwrap(),
                    );
                    Ok(res)
                }
            })
        };
    }
    let at_the_root = test::init_service(reading_the_id!().configure(approute::configure)).await;
    let under_a_scope = test::init_service(
        reading_the_id!().service(web::scope("/api").configure(approute::configure)),
    )
    .await;
    expect_the_id(&at_the_root, "").await;
    expect_the_id(&under_a_scope, "/api").await;
}

async fn expect_the_id<S>(app: &S, prefix: &str)
where
    S: Service<actix_http::Request, Response = ServiceResponse, Error = actix_web::Error>,
{
    let uri = format!("{prefix}/comments/42");
    for (request, status) in [
        (test::TestRequest::delete(), 405),
        (
            test::TestRequest::default().method(actix_web::http::Method::OPTIONS),
            204,
        ),
        (test::TestRequest::get(), 200),
    ] {
        let res = test::call_service(app, request.uri(&uri).to_request()).await;
        assert_eq!(res.status().as_u16(), status, "{uri}");
        assert_eq!(observed(&res, "x-id"), "42", "{uri}: {}", res.status());
    }
}
