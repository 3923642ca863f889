//! `Json<T>`: request bodies with errors that say what was wrong, as JSON,
//! and JSON responses.

use std::fmt;

use actix_web::body::BoxBody;
use actix_web::dev::Payload;
use actix_web::error::JsonPayloadError;
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse, Responder, ResponseError};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::response::error_response;
use crate::response::error_shape::internal_server_error;
use crate::response::rejection::json_rejection;

/// A JSON request body, or a JSON response.
///
/// As an extractor it rejects, before the handler runs: malformed JSON or a
/// missing or mistyped field (400), a `Content-Type` other than JSON (415), a
/// body over the limit (413, 2 MiB unless `web::JsonConfig` says otherwise),
/// each with `{"error": "…"}` saying what was wrong.
///
/// ```
/// use approute::prelude::*;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct NewComment { text: String }
///
/// #[route("/echo")]
/// async fn POST(Json(body): Json<NewComment>) -> HttpResponse {
///     HttpResponse::Created().json(serde_json::json!({ "text": body.text }))
/// }
/// # fn main() {}
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The deserialized body.
    ///
    /// ```
    /// let approute::prelude::Json(value) = approute::prelude::Json(3);
    /// assert_eq!(approute::prelude::Json(3).into_inner(), value);
    /// ```
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = JsonError;
    type Future = LocalBoxFuture<'static, Result<Self, JsonError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = web::Json::<T>::from_request(req, payload);
        Box::pin(async move {
            match body.await {
                Ok(web::Json(value)) => Ok(Json(value)),
                Err(error) => Err(JsonError::from(error)),
            }
        })
    }
}

impl<T: Serialize> Responder for Json<T> {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        match serde_json::to_vec(&self.0) {
            Ok(body) => HttpResponse::Ok()
                .content_type("application/json")
                .body(body),
            Err(error) => {
                log::error!("could not serialise a JSON response: {error}");
                internal_server_error()
            }
        }
    }
}

/// Why a JSON body was rejected.
///
/// ```
/// use actix_web::{test::TestRequest, FromRequest, ResponseError};
/// use approute::prelude::*;
/// # actix_web::rt::System::new().block_on(async {
/// let (req, mut payload) = TestRequest::post().set_payload("{}").to_http_parts();
/// // Sent without `Content-Type: application/json`.
/// let refused = Json::<serde_json::Value>::from_request(&req, &mut payload).await.unwrap_err();
/// assert_eq!(refused.status_code(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
/// # });
/// ```
#[derive(Debug)]
pub struct JsonError {
    status: StatusCode,
    message: String,
}

impl From<actix_web::Error> for JsonError {
    fn from(error: actix_web::Error) -> Self {
        let (status, message) = match error.as_error::<JsonPayloadError>() {
            Some(payload_error) => json_rejection(payload_error),
            // A user's `JsonConfig::error_handler` already chose the error.
            None => (error.as_response_error().status_code(), error.to_string()),
        };
        JsonError { status, message }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl ResponseError for JsonError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        error_response(self.status, &self.message)
    }
}
