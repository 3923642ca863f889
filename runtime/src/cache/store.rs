//! The store behind `revalidate`, chosen per route table.

use futures_util::future::LocalBoxFuture;

use super::entry::{CacheKey, CachedResponse, Lookup};

/// Where cached responses live. [`MemoryStore`](super::MemoryStore) by default; a
/// [`RedisStore`](crate::cache::RedisStore) (feature `redis`) shares entries and
/// invalidations between instances; any type of yours can be one.
///
/// A store never fails a request: what it cannot read is a miss, what it
/// cannot write is not cached (log it).
pub trait CacheStore: Send + Sync + 'static {
    /// The entry for `key`, unless its path was invalidated since it was
    /// made, and the path's current generation.
    fn get<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, Lookup>;

    /// [`get`](Self::get) answered at once, for a store that needs no I/O
    /// (the in-process one): the request's cache hit then boxes no future.
    /// `None` (the default) means "ask `get`".
    fn get_now(&self, key: &CacheKey) -> Option<Lookup> {
        let _ = key;
        None
    }

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
