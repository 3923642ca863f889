//! Three handlers, written once with approute's macros and once for
//! hand-registered actix-web, with identical bodies.

use actix_web::web::{self, ServiceConfig};
use actix_web::HttpResponse;
use approute::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
pub struct Comment {
    id: u32,
    text: &'static str,
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

/// The same three handlers, registered by hand at the front of actix's list.
pub fn by_hand(cfg: &mut ServiceConfig) {
    cfg.route("/hello", web::get().to(hello))
        .route("/comments/{id}", web::get().to(comment))
        .route("/json", web::get().to(json));
}
