//! Four handlers, one behind a middleware, written once with approute's
//! macros and once for hand-registered actix-web, with identical bodies.

use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use approute::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Comment {
    id: u32,
    text: &'static str,
}

impl Comment {
    /// The body `/json` answers (axum's handler builds it here too).
    pub fn first() -> Self {
        Comment {
            id: 1,
            text: "This is the first comment",
        }
    }
}

#[route("/hello")]
async fn GET() -> &'static str {
    "Hello World"
}

#[route("/comments/[id]")]
mod comment {
    use approute::prelude::*;
    pub async fn GET(Params(id): Params<u32>) -> HttpResponse {
        HttpResponse::Ok().body(format!("comment {id}"))
    }
}

#[route("/json")]
mod json {
    use approute::prelude::*;
    pub async fn GET() -> HttpResponse {
        HttpResponse::Ok().json(super::Comment {
            id: 1,
            text: "This is the first comment",
        })
    }
}

/// The same middleware both ways: approute's `#[middleware]` before
/// `/guarded`, and actix-web's `from_fn` around a hand-registered resource.
#[middleware("/guarded")]
pub async fn stamp(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let mut response = next.call(req).await?;
    response.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("x-guard"),
        actix_web::http::header::HeaderValue::from_static("1"),
    );
    Ok(response)
}

#[route("/guarded")]
mod guarded {
    pub async fn GET() -> &'static str {
        "Hello World"
    }
}

/// For `load panics`: a middleware that panics on every request it sees.
#[middleware("/panics")]
pub async fn panics(
    _req: ServiceRequest,
    _next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    panic!("a middleware bug, on purpose")
}

#[route("/panics")]
mod panicking {
    pub async fn GET() -> &'static str {
        "unreachable: its middleware panics"
    }
}

async fn hello() -> &'static str {
    "Hello World"
}

async fn comment(id: web::Path<u32>) -> HttpResponse {
    HttpResponse::Ok().body(format!("comment {id}"))
}

async fn json() -> HttpResponse {
    HttpResponse::Ok().json(Comment {
        id: 1,
        text: "This is the first comment",
    })
}

/// The same handlers, registered by hand at the front of actix's list;
/// last, the floor of a `revalidate` hit (BENCHMARKS.md section 7b).
pub fn by_hand(cfg: &mut ServiceConfig) {
    for register in BY_HAND {
        register(cfg);
    }
}

/// `by_hand` in the order approute's services have at the root (its
/// tree's: `/comments`, `/guarded`, `/hello`, `/json`), so that each route
/// is checked after as many services on both sides (BENCHMARKS.md section 1).
pub fn by_hand_in_table_order(cfg: &mut ServiceConfig) {
    for index in [1, 3, 0, 2, 4] {
        BY_HAND[index](cfg);
    }
}

const BY_HAND: [fn(&mut ServiceConfig); 5] = [
    |cfg| {
        cfg.route("/hello", web::get().to(hello));
    },
    |cfg| {
        cfg.route("/comments/{id}", web::get().to(comment));
    },
    |cfg| {
        cfg.route("/json", web::get().to(json));
    },
    |cfg| {
        cfg.service(
            web::resource("/guarded")
                .wrap(actix_web::middleware::from_fn(stamp))
                .route(web::get().to(hello)),
        );
    },
    |cfg| {
        cfg.route("/hit-shape", web::get().to(hit_shape));
    },
];

/// What a `revalidate` hit of the tutorial's list sends (`cache-server`'s
/// `/comments-cached`: its body and headers), from constants: the least a
/// handler can do to answer that response.
async fn hit_shape() -> HttpResponse {
    use actix_web::http::header::{
        HeaderName, HeaderValue, AGE, CACHE_CONTROL, CONTENT_TYPE, DATE, ETAG,
    };
    const BODY: &str = r#"[{"id":1,"text":"This is the first comment"},{"id":2,"text":"This is the second comment"},{"id":3,"text":"This is the third comment"}]"#;
    const CACHE: HeaderName = HeaderName::from_static("x-approute-cache");
    let mut response = HttpResponse::Ok().body(BODY);
    let headers = response.headers_mut();
    headers.append(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.append(ETAG, HeaderValue::from_static(r#""0f18b60b43408d4e""#));
    headers.append(
        CACHE_CONTROL,
        HeaderValue::from_static("s-maxage=60, stale-while-revalidate=31535940"),
    );
    headers.append(
        DATE,
        HeaderValue::from_static("Mon, 07 Dec 2026 23:00:00 GMT"),
    );
    headers.append(AGE, HeaderValue::from_static("0"));
    headers.append(CACHE, HeaderValue::from_static("HIT"));
    response
}
