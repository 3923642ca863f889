//! Route sets for the benchmarks: the same handlers written with approute's
//! macros and registered by hand in actix-web, and N generated routes for
//! either router.

use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
// The registrations are built as `#[route]` builds them, through the
// macros' constructor.
use approute::__private::{generated, Generated, HandlerFn};
use approute::routing::{Kind, Location, Method, Registration, RouteTable};

pub mod axum_app;
pub mod handlers;
pub mod routers;

mod generated_path;
mod github_openapi_routes;
mod github_routes;

pub use generated_path::generated_path;
pub use github_openapi_routes::GITHUB_OPENAPI_ROUTES;
pub use github_routes::{braces, requests, route_set, GITHUB_ROUTES};

/// The same path in actix-web's syntax.
pub fn actix_path(path: &str) -> String {
    path.replace('[', "{").replace(']', "}")
}

/// The routes a load test hits, registered after the generated ones.
pub const TARGETS: [&str; 2] = ["/target/static", "/target/[id]"];

async fn ok() -> HttpResponse {
    HttpResponse::Ok().body("ok")
}

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

/// The targets, after the generated routes.
static TARGET_ROUTES: [Registration; 2] = {
    // A macro, not a `const fn`: the handler's reference must be a
    // promoted constant, as in the statics `#[route]` writes.
    macro_rules! target {
        ($path:expr) => {
            generated(Generated {
                kind: Kind::Route,
                method: Method::GET,
                path: $path,
                handler: &HandlerFn::new(ok),
                location: Location {
                    file: file!(),
                    line: line!(),
                    module_path: module_path!(),
                },
                params: &[],
                max_duration: None,
                revalidate: None,
                websocket: false,
                api: ::approute::__private::api_doc! { docs: "", params: [], inputs: [], output: [] },
            })
        };
    }
    [target!(TARGETS[0]), target!(TARGETS[1])]
};

/// An approute table of `n` generated routes plus the targets. The
/// registrations are statics (see build.rs), as in an application whose
/// handlers `#[route]` registers; compiling 10,000 handlers would measure
/// rustc, not the router.
pub fn approute_table(n: usize) -> RouteTable {
    let registrations = GENERATED[..n].iter().chain(&TARGET_ROUTES);
    RouteTable::from_registrations(registrations, approute::routing::Conflicts::Warn)
        .expect("generated routes are valid")
}

/// Hand-written actix-web with `n` generated resources, then the targets:
/// the target sits behind every other route in actix's list.
pub fn actix_routes(n: usize) -> impl Fn(&mut ServiceConfig) + Clone + Send + 'static {
    move |cfg: &mut ServiceConfig| {
        for i in 0..n {
            cfg.route(
                &actix_path(&generated_path(i)),
                web::get().to(|| async { HttpResponse::Ok().body("ok") }),
            );
        }
        for target in TARGETS {
            cfg.route(
                &actix_path(target),
                web::get().to(|| async { HttpResponse::Ok().body("ok") }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_static_route_set_is_generated_path() {
        for (i, registration) in super::GENERATED.iter().enumerate() {
            assert_eq!(registration.path(), super::generated_path(i));
        }
    }
}
