//! `Server`, the one builder beyond `serve(addr)`: a table of one's own, an
//! application of one's own, a bound address read back, a clear error
//! without one.

use actix_web::{middleware, App};
use approute::prelude::*;
use approute::{Conflicts, RouteTable, Server};

#[route("/hello")]
async fn GET() -> &'static str {
    "Hello World"
}

#[actix_web::test]
async fn a_table_and_an_app_of_ones_own_on_a_bound_port() {
    let table = RouteTable::from_registry(Conflicts::Deny).unwrap();
    let server = Server::new(table)
        .app(|| App::new().wrap(middleware::DefaultHeaders::new().add(("x-app", "mine"))))
        .workers(1)
        .shutdown_timeout(1)
        .bind("127.0.0.1:0")
        .unwrap();
    let [addr] = server.local_addrs()[..] else {
        panic!("one address")
    };
    assert_ne!(addr.port(), 0);
    let running = server.start().unwrap();
    let handle = running.handle();
    actix_web::rt::spawn(running);
    let client = awc::Client::new();
    let mut hello = client
        .get(format!("http://{addr}/hello"))
        .send()
        .await
        .unwrap();
    assert_eq!(hello.status(), 200);
    assert_eq!(hello.headers().get("x-app").unwrap(), "mine");
    assert_eq!(hello.body().await.unwrap(), "Hello World");
    // The JSON 404, inside the app's middleware too.
    let mut missing = client
        .get(format!("http://{addr}/nowhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers().get("x-app").unwrap(), "mine");
    assert_eq!(
        missing.body().await.unwrap(),
        r#"{"error":"no route for /nowhere"}"#
    );
    handle.stop(true).await;
}

#[actix_web::test]
async fn a_server_without_an_address_says_so() {
    let Err(error) = Server::from_registry().unwrap().start() else {
        panic!("a server without an address started")
    };
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert_eq!(
        error.to_string(),
        "the server has no address: call `bind` or `listen` first"
    );
}
