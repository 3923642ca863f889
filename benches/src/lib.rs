//! Route sets for the benchmarks: the same handlers written with approute's
//! macros and registered by hand in actix-web, and N generated routes for
//! either router.

use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use approute::{Kind, Method, Registration, RouteTable};

pub mod handlers;

/// Route `i` of a generated app: half static, half dynamic, all distinct.
pub fn generated_path(i: usize) -> String {
    if i % 2 == 0 {
        format!("/section{i}/static")
    } else {
        format!("/section{i}/[id]")
    }
}

/// The same path in actix-web's syntax.
pub fn actix_path(path: &str) -> String {
    path.replace('[', "{").replace(']', "}")
}

/// The routes a load test hits, registered after the generated ones.
pub const TARGETS: [&str; 2] = ["/target/static", "/target/[id]"];

fn ok_route() -> actix_web::Route {
    web::to(|| async { HttpResponse::Ok().body("ok") })
}

/// An approute table of `n` generated routes plus the targets, built from
/// registrations made at run time (compiling 10,000 handlers would measure
/// rustc, not the router).
pub fn approute_table(n: usize) -> RouteTable {
    let paths = (0..n)
        .map(generated_path)
        .chain(TARGETS.iter().map(|target| target.to_string()));
    let registrations =
        paths.map(|path| Registration::leaked(Kind::Route, Method::GET, path, ok_route));
    RouteTable::from_registrations(registrations.collect::<Vec<_>>(), approute::Conflicts::Warn)
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
