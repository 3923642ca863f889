//! Everything a route module needs: `use approute::prelude::*;`.

pub use crate::{not_found, permanent_redirect, redirect, see_other};
pub use crate::{page, route};
pub use crate::{Cookies, Json, Params, SearchParams};

pub use actix_web::cookie::time::Duration;
pub use actix_web::cookie::{Cookie, SameSite};
pub use actix_web::http::StatusCode;
pub use actix_web::web::{Data, Html, Query};
pub use actix_web::{HttpMessage, HttpRequest, HttpResponse, Responder};
