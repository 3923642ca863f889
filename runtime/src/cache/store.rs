//! The store behind `revalidate`, chosen once per process.

use std::sync::OnceLock;

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

static STORE: OnceLock<Box<dyn CacheStore>> = OnceLock::new();

/// Uses `store` for every `revalidate` route of this process. Call it before
/// serving; a second call, or one after the first cached request, is an
/// error (handed back).
pub fn set_cache_store<S: CacheStore>(store: S) -> Result<(), S> {
    let mut store = Some(store);
    STORE.get_or_init(|| Box::new(store.take().expect("taken once")));
    match store {
        None => Ok(()),
        Some(store) => Err(store),
    }
}

pub(crate) fn store() -> &'static dyn CacheStore {
    STORE
        .get_or_init(|| Box::new(MemoryStore::default()))
        .as_ref()
}

/// Next.js's `revalidatePath`: the next GET of `path` (as routes are
/// written, `/comments`, without the mount prefix), any query, is made
/// fresh, on every instance that shares the store. Call it from the handler
/// that changed the data (a POST, PATCH or DELETE).
///
/// ```no_run
/// use approute::prelude::*;
///
/// #[route("/comments")]
/// async fn POST() -> HttpResponse {
///     // ... create the comment ...
///     approute::revalidate_path("/comments");
///     HttpResponse::Created().finish()
/// }
/// ```
pub fn revalidate_path(path: &str) {
    store().invalidate_path(path);
}
