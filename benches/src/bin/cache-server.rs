//! `cache-server PORT [WORKERS]`: the tutorial's comment list (in memory, as
//! in its `data.ts`), at `/comments` as a dynamic route and at
//! `/comments-cached` with `revalidate = 60`, for `benches/revalidate.sh`;
//! and behind a 2 ms wait (a database or an upstream API), at `/comments-io`
//! and `/comments-io-cached`.

use std::sync::Mutex;

use approute::prelude::*;
use serde::Serialize;

#[derive(Clone, Serialize)]
struct Comment {
    id: u32,
    text: String,
}

static COMMENTS: Mutex<Vec<Comment>> = Mutex::new(Vec::new());

/// What both routes answer: the list, filtered by `?query=`.
fn list(search: &SearchParams) -> HttpResponse {
    let query = search.get("query").unwrap_or_default();
    let comments = COMMENTS.lock().unwrap();
    let filtered: Vec<&Comment> = comments
        .iter()
        .filter(|comment| comment.text.contains(query))
        .collect();
    HttpResponse::Ok().json(filtered)
}

#[route("/comments")]
async fn GET(search: SearchParams) -> HttpResponse {
    list(&search)
}

#[route("/comments-cached", revalidate = 60)]
mod cached {
    use super::*;

    pub async fn GET(search: SearchParams) -> HttpResponse {
        list(&search)
    }
}

/// What a handler that does I/O waits: a query, an upstream call.
const IO: std::time::Duration = std::time::Duration::from_millis(2);

#[route("/comments-io")]
mod io {
    use super::*;

    pub async fn GET(search: SearchParams) -> HttpResponse {
        actix_web::rt::time::sleep(IO).await;
        list(&search)
    }
}

#[route("/comments-io-cached", revalidate = 60)]
mod io_cached {
    use super::*;

    pub async fn GET(search: SearchParams) -> HttpResponse {
        actix_web::rt::time::sleep(IO).await;
        list(&search)
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port: u16 = args
        .first()
        .and_then(|port| port.parse().ok())
        .expect("usage: cache-server PORT [WORKERS]");
    let workers: usize = args
        .get(1)
        .map_or(1, |workers| workers.parse().expect("WORKERS"));
    *COMMENTS.lock().unwrap() = ["first", "second", "third"]
        .iter()
        .zip(1..)
        .map(|(nth, id)| Comment {
            id,
            text: format!("This is the {nth} comment"),
        })
        .collect();
    actix_web::rt::System::new().block_on(async move {
        let table = approute::routes().map_err(std::io::Error::other)?;
        actix_web::HttpServer::new(move || {
            actix_web::App::new().configure(|cfg| table.configure(cfg))
        })
        .workers(workers)
        .bind(("127.0.0.1", port))?
        .run()
        .await
    })
}
