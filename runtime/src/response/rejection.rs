//! How a request body that could not be read or parsed is answered: the
//! status and message of a rejected JSON body (approute's `Json` and
//! actix-web's `web::Json` alike), and the body that stopped arriving.

use std::fmt;
use std::time::Duration;

use actix_web::error::{JsonPayloadError, PayloadError};
use actix_web::http::StatusCode;
use actix_web::ResponseError;

/// The status and message of a rejected JSON body, for approute's `Json`
/// and actix-web's `web::Json` alike: a wrong `Content-Type` is a 415.
pub(crate) fn json_rejection(error: &JsonPayloadError) -> (StatusCode, String) {
    match error {
        JsonPayloadError::OverflowKnownLength { length, limit } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body of {length} bytes is over the limit of {limit} bytes"),
        ),
        JsonPayloadError::Overflow { limit } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body is over the limit of {limit} bytes"),
        ),
        JsonPayloadError::ContentType => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "expected a JSON body with `Content-Type: application/json`".to_owned(),
        ),
        JsonPayloadError::Deserialize(error)
            if error.is_eof() && error.line() == 1 && error.column() == 0 =>
        {
            (
                StatusCode::BAD_REQUEST,
                "request body is empty; expected JSON".to_owned(),
            )
        }
        JsonPayloadError::Deserialize(error) if error.is_data() => (
            StatusCode::BAD_REQUEST,
            format!("invalid request body: {error}"),
        ),
        JsonPayloadError::Deserialize(error) => {
            (StatusCode::BAD_REQUEST, format!("malformed JSON: {error}"))
        }
        JsonPayloadError::Payload(error) if BodyIdle::of(error).is_some() => {
            let idle = BodyIdle::of(error).expect("just checked");
            (StatusCode::REQUEST_TIMEOUT, idle.to_string())
        }
        JsonPayloadError::Payload(error) => (
            error.status_code(),
            format!("could not read the request body: {error}"),
        ),
        other => (other.status_code(), other.to_string()),
    }
}

/// Why a request body failed: it sent nothing for this long.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyIdle(pub(crate) Duration);

impl BodyIdle {
    /// The timeout behind a payload error, if it was one.
    pub(crate) fn of(error: &PayloadError) -> Option<BodyIdle> {
        match error {
            PayloadError::Io(error) => error.get_ref()?.downcast_ref::<BodyIdle>().copied(),
            _ => None,
        }
    }
}

impl fmt::Display for BodyIdle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the request body sent nothing for {} s",
            self.0.as_secs()
        )
    }
}

impl std::error::Error for BodyIdle {}
