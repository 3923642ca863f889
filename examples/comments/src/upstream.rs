//! The external API behind `/api/quote`: called from the server, so its key
//! never reaches a browser (the tutorial's reason to put API calls in route
//! handlers).

use std::fmt;
use std::time::Duration;

use actix_web::http::StatusCode;
use awc::error::SendRequestError;

/// Where the upstream is and how to authenticate to it.
#[derive(Clone)]
pub struct Upstream {
    /// `UPSTREAM_URL`, e.g. `http://127.0.0.1:4000/quote` (plain HTTP: this
    /// example's client is built without TLS to keep the build small).
    pub url: Option<String>,
    /// `UPSTREAM_API_KEY`, sent as `X-Api-Key`; never logged or answered.
    pub api_key: String,
    /// How long the whole upstream call may take before a 504.
    pub timeout: Duration,
}

impl fmt::Debug for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upstream")
            .field("url", &self.url)
            .field("api_key", &"<redacted>")
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Why the upstream gave no usable answer.
#[derive(Debug)]
pub enum UpstreamError {
    NotConfigured,
    Unreachable(String),
    Failed(StatusCode),
    InvalidBody(String),
    TimedOut(Duration),
}

impl UpstreamError {
    pub fn status(&self) -> StatusCode {
        match self {
            UpstreamError::NotConfigured => StatusCode::SERVICE_UNAVAILABLE,
            UpstreamError::TimedOut(_) => StatusCode::GATEWAY_TIMEOUT,
            _ => StatusCode::BAD_GATEWAY,
        }
    }
}

impl fmt::Display for UpstreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpstreamError::NotConfigured => {
                f.write_str("the upstream API is not configured; set UPSTREAM_URL")
            }
            UpstreamError::Unreachable(reason) => {
                write!(f, "the upstream API is unreachable: {reason}")
            }
            UpstreamError::Failed(status) => write!(f, "the upstream API answered {status}"),
            UpstreamError::InvalidBody(reason) => {
                write!(f, "the upstream API answered invalid JSON: {reason}")
            }
            UpstreamError::TimedOut(limit) => write!(
                f,
                "the upstream API did not answer within {} ms",
                limit.as_millis()
            ),
        }
    }
}

impl Upstream {
    /// GETs the upstream URL with the key and returns its JSON.
    pub async fn fetch_json(&self) -> Result<serde_json::Value, UpstreamError> {
        let url = self.url.as_deref().ok_or(UpstreamError::NotConfigured)?;
        let call = async {
            let client = awc::Client::builder().disable_timeout().finish();
            let mut response = client
                .get(url)
                .insert_header(("X-Api-Key", self.api_key.as_str()))
                .insert_header(("Accept", "application/json"))
                .send()
                .await
                .map_err(|error| match error {
                    SendRequestError::Connect(reason) => {
                        UpstreamError::Unreachable(reason.to_string())
                    }
                    other => UpstreamError::Unreachable(other.to_string()),
                })?;
            if !response.status().is_success() {
                return Err(UpstreamError::Failed(response.status()));
            }
            response
                .json::<serde_json::Value>()
                .limit(1 << 20)
                .await
                .map_err(|error| UpstreamError::InvalidBody(error.to_string()))
        };
        actix_web::rt::time::timeout(self.timeout, call)
            .await
            .unwrap_or(Err(UpstreamError::TimedOut(self.timeout)))
    }
}
