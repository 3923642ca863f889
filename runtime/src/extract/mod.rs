//! What handlers take as arguments, beside actix-web's own extractors.

pub(crate) mod body_idle;
pub(crate) mod captures;
pub(crate) mod cookies;
pub(crate) mod json;
pub(crate) mod params;
pub(crate) mod relative_path;
pub(crate) mod search;
