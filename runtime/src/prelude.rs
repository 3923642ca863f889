//! Everything a route module needs: `use approute::prelude::*;`.

pub use crate::{
    error_response, forbidden, not_found, permanent_redirect, redirect, see_other, unauthorized,
};
pub use crate::{href, middleware, page, route};
pub use crate::{Cookies, Json, Params, RelativePath, SearchParams};

pub use actix_web::cookie::time::Duration;
pub use actix_web::cookie::{Cookie, SameSite};
pub use actix_web::http::StatusCode;
pub use actix_web::web::{Data, Html, Query};
pub use actix_web::{HttpMessage, HttpRequest, HttpResponse, Responder};

// For `#[middleware]`, in actix-web's `from_fn` form.
pub use actix_web::body::{BoxBody, MessageBody};
pub use actix_web::dev::{ServiceRequest, ServiceResponse};
pub use actix_web::middleware::Next;
pub use actix_web::Error;
