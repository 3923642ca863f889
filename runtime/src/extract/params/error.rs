//! Why `Params<T>` could not be built: a URL that does not fit (404) or a
//! type that cannot fit the route at all (found at start-up).

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::de;

use crate::response::error_response;
use crate::response::error_shape::internal_server_error;

/// Why `Params<T>` could not be built.
///
/// ```
/// use actix_web::ResponseError;
/// use approute::prelude::*;
///
/// #[route("/comments/[id]")]
/// async fn GET(id: Result<Params<u32>, approute::extract::ParamsError>) -> HttpResponse {
///     match id {
///         Ok(Params(id)) => HttpResponse::Ok().body(id.to_string()),
///         // `/comments/abc`: the 404 approute would answer, or one of your own.
///         Err(refused) => refused.error_response(),
///     }
/// }
/// # fn main() {}
/// ```
#[derive(Debug)]
pub struct ParamsError {
    pub(super) blame: Blame,
    pub(super) message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Blame {
    /// This parameter's segment is not a valid value: 404.
    Param(&'static str),
    /// The values together are refused by `T` (a custom `Deserialize`): 404.
    Values,
    /// This parameter, as a [`RelativePath`], could leave its base: 400.
    UnsafePath(&'static str),
    /// `T` cannot fit the route, whatever the URL: a programming error,
    /// reported at start-up for every `#[route]` handler, 500 otherwise.
    Structure,
}

impl ParamsError {
    pub(super) fn structure(message: impl fmt::Display) -> Self {
        ParamsError {
            blame: Blame::Structure,
            message: message.to_string(),
        }
    }
}

impl fmt::Display for ParamsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.blame {
            Blame::Param(name) => write!(f, "path parameter `{name}` {}", self.message),
            Blame::Values => write!(f, "invalid path parameters: {}", self.message),
            Blame::UnsafePath(name) => write!(
                f,
                "path parameter `{name}` is not a safe relative path: {}",
                self.message
            ),
            Blame::Structure => write!(
                f,
                "route parameters do not fit the handler's `Params` type: {}",
                self.message
            ),
        }
    }
}

impl std::error::Error for ParamsError {}

/// serde's own errors, sorted by whether a URL could cause them (404) or
/// only the type's shape (found at start-up).
impl de::Error for ParamsError {
    fn custom<M: fmt::Display>(message: M) -> Self {
        ParamsError {
            blame: Blame::Values,
            message: message.to_string(),
        }
    }

    fn invalid_type(unexpected: de::Unexpected, expected: &dyn de::Expected) -> Self {
        ParamsError::structure(format_args!(
            "invalid type: {unexpected}, expected {expected}"
        ))
    }

    fn invalid_length(len: usize, expected: &dyn de::Expected) -> Self {
        ParamsError::structure(format_args!("{len} values, expected {expected}"))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        ParamsError::structure(format_args!(
            "no field for parameter `{field}`; the type's fields are {}",
            expected.join(", ")
        ))
    }

    fn missing_field(field: &'static str) -> Self {
        ParamsError::structure(format_args!(
            "field `{field}` names no parameter of the route"
        ))
    }

    fn duplicate_field(field: &'static str) -> Self {
        ParamsError::structure(format_args!("field `{field}` given twice"))
    }
}

impl ResponseError for ParamsError {
    fn status_code(&self) -> StatusCode {
        match self.blame {
            Blame::Param(_) | Blame::Values => StatusCode::NOT_FOUND,
            Blame::UnsafePath(_) => StatusCode::BAD_REQUEST,
            Blame::Structure => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A structure error's detail is for the log, never for the client.
    /// Under `#[route]` it is caught at start-up; this is `Params` read
    /// outside approute's dispatch, or in a hand-made `Registration`.
    fn error_response(&self) -> HttpResponse {
        match self.blame {
            Blame::Structure => {
                log::error!("{self}");
                internal_server_error()
            }
            _ => error_response(self.status_code(), self.to_string()),
        }
    }
}
