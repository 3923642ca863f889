//! The store behind `revalidate`, chosen per route table.

use std::sync::{Arc, Mutex, OnceLock, Weak};

use futures_util::future::LocalBoxFuture;

use super::entry::{CacheKey, CachedResponse, Lookup};
use super::memory::MemoryStore;

/// Where cached responses live. [`MemoryStore`] by default; a
/// [`RedisStore`](crate::cache::RedisStore) (feature `redis`) shares entries and
/// invalidations between instances; any type of yours can be one.
///
/// A store never fails a request: what it cannot read is a miss, what it
/// cannot write is not cached (log it).
pub trait CacheStore: Send + Sync + 'static {
    /// The entry for `key`, unless its path was invalidated since it was
    /// made, and the path's current generation.
    fn get<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, Lookup>;

    /// Keeps `entry`, made under `entry.generation`, for `key`.
    fn put<'a>(&'a self, key: &'a CacheKey, entry: CachedResponse) -> LocalBoxFuture<'a, ()>;

    /// `true` for one caller at a time per key (across instances, for a
    /// shared store): the one that refreshes a stale entry.
    fn claim_refresh<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, bool>;

    /// Ends a claim; called even when the refresh failed or panicked, so it
    /// is a plain call.
    fn release_refresh(&self, key: &CacheKey);

    /// Every entry of `path`, any query, is gone: the next GET is fresh.
    /// A plain call, done when it returns.
    fn invalidate_path(&self, path: &str);
}

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
