//! The stores of the process: each table's, and the in-process default the
//! tables given none share, so that `revalidate_path` reaches them all.

use std::sync::{Arc, Mutex, OnceLock, Weak};

use super::memory::MemoryStore;
use super::store::CacheStore;

/// Every store a table of this process uses (the default one included),
/// for [`revalidate_path`], which is a plain call with no table to ask.
/// A store no table holds any more is dropped from the list.
static STORES: Mutex<Vec<Weak<dyn CacheStore>>> = Mutex::new(Vec::new());

/// The in-process store of every table that was given none.
pub(crate) fn default_store() -> Arc<dyn CacheStore> {
    static DEFAULT: OnceLock<Arc<dyn CacheStore>> = OnceLock::new();
    Arc::clone(DEFAULT.get_or_init(|| register(Arc::new(MemoryStore::default()))))
}

/// `store`, known to [`revalidate_path`] from now on.
pub(crate) fn register(store: Arc<dyn CacheStore>) -> Arc<dyn CacheStore> {
    let mut stores = STORES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    stores.retain(|known| known.strong_count() > 0);
    stores.push(Arc::downgrade(&store));
    store
}

/// Next.js's `revalidatePath`: the next GET of `path` (as routes are
/// written, `/comments`, without the mount prefix), any query, is made
/// fresh, on every instance that shares the store. Call it from the handler
/// that changed the data (a POST, PATCH or DELETE). The path is made fresh
/// in every store of this process ([`RouteTable::cache_store`]): two
/// applications with stores of their own both drop it, which costs a fetch,
/// never a stale answer.
///
/// [`RouteTable::cache_store`]: crate::routing::RouteTable::cache_store
///
/// ```no_run
/// use approute::prelude::*;
///
/// #[route("/comments")]
/// async fn POST() -> HttpResponse {
///     // ... create the comment ...
///     approute::cache::revalidate_path("/comments");
///     HttpResponse::Created().finish()
/// }
/// ```
pub fn revalidate_path(path: &str) {
    let stores: Vec<Arc<dyn CacheStore>> = STORES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .iter()
        .filter_map(Weak::upgrade)
        .collect();
    for store in stores {
        store.invalidate_path(path);
    }
}
