//! The route table: every handler collected, checked and ordered
//! ([`RouteTable`], with its [`RouteError`] report), the route a request
//! matched ([`RouteMatch`]), and the registrations behind them.
//!
//! Inside, in the order a request meets it:
//!
//! ```text
//! registry ─ build ─▶ table ─ lookup (tree, request_path) ─▶ dispatch ─▶ handler_future
//! ```
//!
//! - `registry`: what `#[route]` and `#[page]` submit, one `Registration` per handler;
//! - `build`: checks them all (`problems`) and orders them into the
//!   `compiled` data that the public `table` (`RouteTable`), the dispatcher and
//!   each `RouteMatch` share;
//! - `tree`: the trie a `lookup` walks, after `request_path` has checked the path;
//! - `dispatch`: the actix-web service; at the root its guard looks up, under a
//!   scope (`mount` finds the prefix) its service does; then the endpoint's
//!   middleware chain, if any, and `answer`: the handler (whose future,
//!   `handler_future`, turns panics and failures into 500s), 405 (501 for a
//!   method HTTP does not know, `method_registry`), OPTIONS, a redirect, a 400
//!   or 404.

pub(crate) mod answer;
pub(crate) mod build;
pub(crate) mod compiled;
pub(crate) mod dispatch;
pub(crate) mod handler_future;
mod lookup;
mod method_registry;
pub(crate) mod mount;
mod problems;
pub(crate) mod registry;
pub(crate) mod request_path;
mod route_match;
mod table;
mod table_json;
mod tree;

/// A `#[middleware]` in a [`RouteEntry`]'s chain, as the listing shows it.
pub use crate::middleware::ChainLink;
pub use mount::mount_prefix;
pub use problems::{Conflicts, Problem, ProblemKind, RouteError};
pub use registry::{Kind, Location, Method, Registration};
pub use route_match::{Resolution, RouteMatch};
pub use table::{RouteEntry, RouteTable};
