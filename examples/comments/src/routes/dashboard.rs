//! app/dashboard/route.ts and app/dashboard/users/route.ts, behind the
//! tutorial's Authorization header check (Next.js's middleware with
//! `matcher: "/dashboard/:path*"`).

use actix_web::http::header;
use approute::prelude::*;

/// 401 without a `Bearer` token in the Authorization header.
#[middleware("/dashboard/[[...rest]]")]
async fn require_authorization(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .is_some_and(|token| !token.trim().is_empty());
    if !bearer {
        let mut response = error_response(
            StatusCode::UNAUTHORIZED,
            "the dashboard needs an `Authorization: Bearer <token>` header",
        );
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
        return Ok(req.into_response(response));
    }
    next.call(req).await
}

#[route("/dashboard")]
async fn GET() -> &'static str {
    "Dashboard data"
}

#[route("/dashboard/users")]
mod users {
    pub async fn GET() -> &'static str {
        "Users data"
    }
}
