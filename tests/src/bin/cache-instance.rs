//! One instance of an app whose `revalidate` routes are cached in Redis
//! (`APPROUTE_TEST_REDIS_URL`, keys under the prefix given as the first
//! argument), named by the second: run twice, as two instances, by
//! `tests/redis_cache.rs`. Prints `listening on ADDR` once it serves.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use approute::prelude::*;

static COUNTER_CALLS: AtomicUsize = AtomicUsize::new(0);
static SLOW_CALLS: AtomicUsize = AtomicUsize::new(0);

fn instance() -> String {
    std::env::args().nth(2).unwrap_or_default()
}

#[route("/counter", revalidate = 60)]
mod counter {
    use super::*;

    pub async fn GET() -> String {
        let calls = COUNTER_CALLS.fetch_add(1, Ordering::SeqCst) + 1;
        format!("{} {calls}", instance())
    }

    pub async fn POST() -> HttpResponse {
        approute::cache::revalidate_path("/counter");
        HttpResponse::NoContent().finish()
    }
}

#[route("/slow", revalidate = 1)]
mod slow {
    use super::*;

    pub async fn GET() -> String {
        actix_web::rt::time::sleep(Duration::from_millis(200)).await;
        let calls = SLOW_CALLS.fetch_add(1, Ordering::SeqCst) + 1;
        format!("{} {calls}", instance())
    }
}

/// How often each handler ran here (not cached).
#[route("/calls")]
async fn GET() -> String {
    let counter = COUNTER_CALLS.load(Ordering::SeqCst);
    let slow = SLOW_CALLS.load(Ordering::SeqCst);
    format!("{counter} {slow}")
}

#[approute::main]
async fn main() -> std::io::Result<()> {
    let url = std::env::var("APPROUTE_TEST_REDIS_URL").expect("APPROUTE_TEST_REDIS_URL");
    let prefix = std::env::args().nth(1).expect("a key prefix");
    let store =
        approute::cache::RedisStore::with_prefix(&url, &prefix).map_err(std::io::Error::other)?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    println!("listening on {}", listener.local_addr()?);
    approute::server::Server::new(approute::routes()?.cache_store(store))
        .listen(listener)
        .start()?
        .await
}
