//! The application `main` serves: the shared state, and CORS for the one
//! browser origin `CORS_ORIGIN` names (without it, browsers allow only
//! same-origin calls, as they do by default).

use actix_cors::Cors;
use actix_web::http::header;
use actix_web::middleware::Condition;
use actix_web::web::{self, ServiceConfig};
use actix_web::App;

use crate::db::Db;
use crate::feed::Feed;
use crate::upstream::Upstream;
use crate::{Config, State};

/// What each worker's application is built from.
#[derive(Clone)]
pub struct CommentsApp {
    db: web::Data<Db>,
    upstream: web::Data<Upstream>,
    feed: web::Data<Feed>,
    cors_origin: Option<String>,
}

impl CommentsApp {
    pub fn new(state: State, config: &Config) -> Self {
        CommentsApp {
            db: web::Data::new(state.db),
            upstream: web::Data::new(state.upstream),
            feed: web::Data::new(Feed::default()),
            cors_origin: config.cors_origin.clone(),
        }
    }

    /// One worker's application, for `Server::from_registry()?.app(move || app.build())`.
    pub fn build(&self) -> App<impl approute::server::AppFactory> {
        let cors = match &self.cors_origin {
            Some(origin) => Cors::default()
                .allowed_origin(origin)
                .allowed_methods(["GET", "POST", "PATCH", "DELETE"])
                .allowed_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
                .max_age(600),
            None => Cors::default(),
        };
        App::new()
            .configure(|cfg| self.app_data(cfg))
            // The API's OpenAPI document, and a reference page that reads it.
            .service(approute::openapi::openapi_service("/openapi.json"))
            .service(approute::openapi::openapi_scalar("/docs", "/openapi.json"))
            .wrap(Condition::new(self.cors_origin.is_some(), cors))
    }

    /// The state alone, for an application of one's own
    /// (`web::scope("/api").configure(|cfg| app.app_data(cfg))`).
    pub fn app_data(&self, cfg: &mut ServiceConfig) {
        cfg.app_data(self.db.clone())
            .app_data(self.upstream.clone())
            .app_data(self.feed.clone());
    }
}
