//! The route table: every handler collected, checked and ordered
//! ([`RouteTable`], with its [`RouteError`] report), the route a request
//! matched ([`RouteMatch`]), and the registrations behind them.
//!
//! The router, the middle layer: from the registrations to a table a
//! request is looked up in. It depends on the URL layer (`url`) and the
//! registrations (`registry`), never on the service that answers:
//!
//! ```text
//! registry ─ build ─▶ compiled (tree, endpoints, middleware_plan, settings) ─ lookup ─▶ RouteMatch
//! ```
//!
//! - `build`: checks every registration (`problems`; middleware patterns,
//!   `middleware_pattern`; links), orders them by precedence, plans each
//!   endpoint's middleware chain (`middleware_plan`) and builds the `tree`;
//! - `compiled`: what `build` produces and the public `table` (`RouteTable`,
//!   `table_json`), the service and each `RouteMatch` share, with the
//!   table's settings (error body, cache store, trailing slash);
//! - `lookup`: a path checked (`url::request_path`) and walked in the
//!   `tree`; the parameters it captures (`url::captures`);
//! - `request_route`: a request's route found again from its path and the
//!   table in its scope's data (`RouteMatch::of`), so that the service keeps
//!   no request extension for it.

pub(crate) mod build;
pub(crate) mod compiled;
pub(crate) mod lookup;
pub(crate) mod middleware_pattern;
pub(crate) mod middleware_plan;
mod problems;
pub(crate) mod request_route;
mod route_match;
pub(crate) mod route_patterns;
mod static_urls;
mod statics;
mod table;
mod table_json;
mod tree;

pub use crate::registry::middleware::RouteTransform;
pub use crate::registry::route::{Kind, Location, Method, Registration};
pub use crate::url::captures::{CatchAllSegments, ParamValue, RouteParams};
pub use crate::url::mount::mount_prefix;
/// A `#[middleware]` in a [`RouteEntry`]'s chain, as the listing shows it.
pub use middleware_plan::ChainLink;
pub use problems::{Conflicts, Problem, ProblemKind, RouteError};
pub use route_match::{Resolution, RouteMatch};
pub use table::{RouteEntry, RouteTable};
