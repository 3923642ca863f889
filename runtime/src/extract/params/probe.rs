//! The start-up check of a handler's `Params<T>` against its route.

use serde::de::DeserializeOwned;

use super::de::ParamsDeserializer;
use super::error::Blame;
use crate::url::captures::RouteParams;

/// `alloc::vec::Vec<alloc::string::String>` as the user wrote it:
/// `Vec<String>`.
fn short_type_name(full: &str) -> String {
    let mut short = String::with_capacity(full.len());
    for piece in full.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
        short.push_str(piece.rsplit("::").next().unwrap_or(piece));
    }
    short
}

/// Whether `T` fits a route with these parameters, found without a request:
/// every value is probed with a stand-in (`0`, `""`, one segment per
/// catch-all), and only errors of shape count.
pub fn check_params<T: DeserializeOwned>(params: RouteParams<'_>) -> Result<(), String> {
    match T::deserialize(ParamsDeserializer {
        params,
        probe: true,
    }) {
        Err(error) if error.blame == Blame::Structure => Err(format!(
            "takes `Params<{}>`: {}",
            short_type_name(std::any::type_name::<T>()),
            error.message
        )),
        _ => Ok(()),
    }
}
