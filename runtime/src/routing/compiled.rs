//! What building a table produces: handlers and endpoints in precedence
//! order and the tree over them. The public `RouteTable`, the dispatcher and
//! every `RouteMatch` share it.

use std::borrow::Cow;
use std::sync::Arc;

use actix_web::http::header::HeaderValue;

use super::problems::Problem;
use super::registry::{Method, Registration};
use super::tree::Node;
use crate::cache::CacheStore;
use crate::middleware::plan::MiddlewarePlan;
use crate::response::ErrorBody;

/// A built route table.
pub(crate) struct Compiled {
    /// Handlers in table order; `Endpoint` indices point here.
    pub(crate) registrations: Vec<&'static Registration>,
    /// Endpoints in precedence order; the tree's ids point here.
    pub(crate) endpoints: Vec<Endpoint>,
    pub(crate) tree: Node,
    pub(crate) warnings: Vec<Problem>,
    /// The middleware, in order, and the chains endpoints use.
    pub(crate) middleware: MiddlewarePlan,
    pub(crate) settings: Settings,
}

/// What an application configures on its table: no process-wide state, so
/// two applications in one process may differ.
pub(crate) struct Settings {
    /// The error body; `{"error": …}` when `None`.
    pub(crate) error_body: Option<ErrorBody>,
    /// Where `revalidate` routes keep their answers.
    pub(crate) cache: Arc<dyn CacheStore>,
    /// `/comments/` is the URL, `/comments` redirects to it.
    pub(crate) trailing_slash: bool,
    /// The WebSockets its routes opened, closed at a graceful shutdown.
    #[cfg(feature = "websocket")]
    pub(crate) sockets: Arc<crate::websocket::OpenSockets>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            error_body: None,
            cache: crate::cache::default_store(),
            trailing_slash: false,
            #[cfg(feature = "websocket")]
            sockets: crate::websocket::OpenSockets::new(),
        }
    }
}

/// One URL shape and the handlers that answer it.
pub(crate) struct Endpoint {
    /// The URL as the listing and errors show it, e.g. `/comments/[id]`:
    /// the registration's own path unless route groups were left out.
    pub(crate) url: Cow<'static, str>,
    /// Route handler per method, by `Method::index`.
    pub(crate) routes: [Option<usize>; Method::ALL.len()],
    pub(crate) page: Option<usize>,
    /// The `Allow` header value, computed once (endpoints share a few).
    pub(crate) allow: HeaderValue,
    /// Every handler of this endpoint (adjacent in the table), for the listing.
    pub(crate) handlers: std::ops::Range<usize>,
    /// Its middleware chain in the plan; `NO_CHAIN` for none.
    pub(crate) chain: usize,
}

impl Endpoint {
    /// A page and the GET route handler that answers in its place: the
    /// start-up warning and the listing's note both ask here.
    pub(crate) fn shadowed_page(&self) -> Option<(usize, usize)> {
        Some((self.routes[Method::GET.index()]?, self.page?))
    }

    pub(crate) fn allow_str(&self) -> &str {
        // Built from method names: always visible ASCII.
        self.allow.to_str().unwrap_or_default()
    }
}
