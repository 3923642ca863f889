//! `#[middleware]`: functions in actix-web's `from_fn` form that run before
//! a group of routes, registered like routes; a `ChainLink` is one of them
//! as the route listing shows it (public as `approute::routing::ChainLink`).
//!
//! Inside:
//!
//! - `registry`: what the macro submits, and how one wraps the rest of a chain;
//! - `pattern`: which routes a pattern covers, and which request paths it matches;
//! - `plan`: the order of the middleware and each endpoint's chain, chosen
//!   when the table is built;
//! - `service`: the chains assembled per worker, around the dispatcher's answer.

pub(crate) mod pattern;
pub(crate) mod plan;
pub(crate) mod registry;
pub(crate) mod service;

pub use plan::ChainLink;
pub(crate) use registry::MiddlewareRegistration;

inventory::collect!(MiddlewareRegistration);

/// Every middleware linked into this binary, in link order.
pub(crate) fn registered() -> Vec<&'static MiddlewareRegistration> {
    inventory::iter::<MiddlewareRegistration>
        .into_iter()
        .collect()
}
