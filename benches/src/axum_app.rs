//! The benchmark's handlers on axum, with the same bodies as `handlers`:
//! what users choosing a Rust router compare approute with.

use axum::extract::Path;
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use crate::handlers::Comment;
use crate::{generated_path, TARGETS};

async fn hello() -> &'static str {
    "Hello World"
}

async fn comment(Path(id): Path<u32>) -> String {
    format!("comment {id}")
}

async fn json() -> Json<Comment> {
    Json(Comment::first())
}

/// The same middleware as approute's `#[middleware("/guarded")]`.
async fn stamp(request: axum::extract::Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert("x-guard", HeaderValue::from_static("1"));
    response
}

async fn ok() -> impl IntoResponse {
    "ok"
}

/// The four handlers (`axum` mode).
pub fn handlers() -> Router {
    Router::new()
        .route("/hello", get(hello))
        .route("/comments/{id}", get(comment))
        .route("/json", get(json))
        .route(
            "/guarded",
            get(hello).route_layer(middleware::from_fn(stamp)),
        )
}

/// `n` generated routes and the targets (`axum-scale` mode).
pub fn scale(n: usize) -> Router {
    let mut router = Router::new();
    for i in 0..n {
        router = router.route(&crate::actix_path(&generated_path(i)), get(ok));
    }
    for target in TARGETS {
        router = router.route(&crate::actix_path(target), get(ok));
    }
    router
}

/// Serves `router` on one thread, as actix-web's one worker, until SIGINT
/// (as actix-web does: the benchmarks stop their servers so).
pub fn serve(router: Router, port: u16) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let interrupted = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        axum::serve(listener, router)
            .with_graceful_shutdown(interrupted)
            .await
    })
}
