//! Everything a route module needs: `use approute::prelude::*;`.

pub use crate::cache::revalidate_path;
pub use crate::extract::{Cookies, Json, Params, RelativePath, SearchParams};
// The function alone: `response::after` also names the crate's module.
pub use crate::response::after::after;
pub use crate::response::{
    error_response, forbidden, not_found, permanent_redirect, redirect, see_other, unauthorized,
};
pub use crate::{href, page, route};
// From the macro crate: `crate::middleware` also names the runtime's private
// module of that name, which a `use` of it would drag along.
/// What a `#[middleware]` `fn` returns to put an actix-web middleware on routes.
pub use crate::routing::RouteTransform;
pub use approute_macros::middleware;

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
