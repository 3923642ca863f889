//! What building a table produces: handlers and endpoints in precedence
//! order and the tree over them. The public `RouteTable`, the dispatcher and
//! every `RouteMatch` share it.

use std::any::{Any, TypeId};
use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use actix_web::http::header::HeaderValue;

use super::problems::Problem;
use super::static_urls::StaticUrls;
use super::tree::Node;
use crate::registry::route::{Method, Registration};
use crate::routing::middleware_plan::MiddlewarePlan;

/// A built route table. `Clone` for a table configured after it was
/// cloned (`RouteTable::settings_mut`), never on a request's path.
#[derive(Clone)]
pub(crate) struct Compiled {
    /// Handlers in table order; `Endpoint` indices point here.
    pub(crate) registrations: Vec<&'static Registration>,
    /// Endpoints in precedence order; the tree's ids point here.
    pub(crate) endpoints: Vec<Endpoint>,
    pub(crate) tree: Node,
    /// The tree's static URLs, for a path that is one.
    pub(crate) static_urls: StaticUrls,
    pub(crate) warnings: Vec<Problem>,
    /// The middleware, in order, and the chains endpoints use.
    pub(crate) middleware: MiddlewarePlan,
    pub(crate) settings: Settings,
}

/// What an application configures on its table: no process-wide state, so
/// two applications in one process may differ. The router's own setting is
/// a field; each feature's (the cache's store, the error body, the open
/// WebSockets) is kept here by its type, so that the router names none of
/// them: the feature's folder has its setting, its default and its builder
/// method.
#[derive(Default)]
pub(crate) struct Settings {
    /// `/comments/` is the URL, `/comments` redirects to it.
    pub(crate) trailing_slash: bool,
    /// By type; a handful at most, so a list. Behind a lock for the values
    /// a feature makes on first use (a table is shared by then).
    features: Mutex<Vec<(TypeId, Arc<dyn Any + Send + Sync>)>>,
}

type Features = Vec<(TypeId, Arc<dyn Any + Send + Sync>)>;

impl Clone for Settings {
    fn clone(&self) -> Self {
        Settings {
            trailing_slash: self.trailing_slash,
            features: Mutex::new(self.lock().clone()),
        }
    }
}

impl Settings {
    /// A feature's setting, if the table was given one.
    pub(crate) fn get<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        let features = self.lock();
        let (_, value) = features.iter().find(|(id, _)| *id == TypeId::of::<T>())?;
        Arc::clone(value).downcast().ok()
    }

    /// A feature's setting, made by `init` on first use (the open
    /// WebSockets; the routes' actix-web patterns).
    pub(crate) fn get_or_init<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        let mut features = self.lock();
        let known = features.iter().find(|(id, _)| *id == TypeId::of::<T>());
        if let Some(Ok(value)) = known.map(|(_, value)| Arc::clone(value).downcast()) {
            return value;
        }
        let value = Arc::new(init());
        features.push((
            TypeId::of::<T>(),
            Arc::clone(&value) as Arc<dyn Any + Send + Sync>,
        ));
        value
    }

    /// Sets a feature's setting, replacing the one it had.
    pub(crate) fn set<T: Any + Send + Sync>(&mut self, value: T) {
        let features = self
            .features
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        features.retain(|(id, _)| *id != TypeId::of::<T>());
        features.push((TypeId::of::<T>(), Arc::new(value)));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Features> {
        self.features
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// One URL shape and the handlers that answer it.
#[derive(Clone)]
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
    /// Its parameters' names in path order: a `RouteMatch` keeps only
    /// their values.
    pub(crate) params: Box<[&'static str]>,
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
