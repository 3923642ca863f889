//! app/api/quote/route.ts: calls an external API with a secret key that
//! stays on the server.

use approute::prelude::*;

use crate::upstream::Upstream;

#[route("/api/quote")]
async fn GET(upstream: Data<Upstream>) -> HttpResponse {
    match upstream.fetch_json().await {
        Ok(quote) => HttpResponse::Ok().json(quote),
        Err(error) => {
            log::warn!("GET /api/quote: {error}");
            approute::response::error_response(error.status(), error.to_string())
        }
    }
}
