//! The store behind `revalidate`, chosen per route table.

use futures_util::future::LocalBoxFuture;

use super::entry::{CacheKey, CachedResponse, Lookup};

/// Where cached responses live. [`MemoryStore`](super::MemoryStore) by default; a
/// [`RedisStore`](crate::cache::RedisStore) (feature `redis`) shares entries and
/// invalidations between instances; any type of yours can be one.
///
/// A store never fails a request: what it cannot read is a miss, what it
/// cannot write is not cached (log it).
///
/// ```
/// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
/// use approute::cache::{CacheKey, CacheStore, CachedResponse, Lookup, MemoryStore};
/// use futures_util::future::LocalBoxFuture;
///
/// /// The in-process store, counting its hits.
/// struct Counted(MemoryStore, std::sync::atomic::AtomicU64);
///
/// impl CacheStore for Counted {
///     fn get<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, Lookup> {
///         self.1.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
///         self.0.get(key)
///     }
///     fn put<'a>(&'a self, key: &'a CacheKey, entry: CachedResponse) -> LocalBoxFuture<'a, ()> {
///         self.0.put(key, entry)
///     }
///     fn claim_refresh<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, bool> {
///         self.0.claim_refresh(key)
///     }
///     fn release_refresh(&self, key: &CacheKey) {
///         self.0.release_refresh(key)
///     }
///     fn invalidate_path(&self, path: &str) {
///         self.0.invalidate_path(path)
///     }
/// }
///
/// let table = approute::routes().unwrap().cache_store(Counted(MemoryStore::new(100), Default::default()));
/// # let _ = table;
/// ```
pub trait CacheStore: Send + Sync + 'static {
    /// The entry for `key`, unless its path was invalidated since it was
    /// made, and the path's current generation.
    ///
    /// ```
    /// use approute::cache::{CacheKey, CacheStore, MemoryStore};
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let store = MemoryStore::new(10);
    /// let key = CacheKey { path: "/comments".into(), query: String::new() };
    /// assert!(store.get(&key).await.entry.is_none());
    /// # });
    /// ```
    fn get<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, Lookup>;

    /// [`get`](Self::get) answered at once, for a store that needs no I/O
    /// (the in-process one): the request's cache hit then boxes no future.
    /// `None` (the default) means "ask `get`".
    ///
    /// ```
    /// use approute::cache::{CacheKey, CacheStore, MemoryStore};
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let store = MemoryStore::new(10);
    /// let key = CacheKey { path: "/comments".into(), query: String::new() };
    /// assert!(store.get_now(&key).is_some_and(|found| found.entry.is_none()));
    /// # });
    /// ```
    fn get_now(&self, key: &CacheKey) -> Option<Lookup> {
        let _ = key;
        None
    }

    /// Keeps `entry`, made under `entry.generation`, for `key`.
    ///
    /// ```
    /// use approute::cache::{CacheKey, CacheStore, MemoryStore};
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let store = MemoryStore::new(10);
    /// let key = CacheKey { path: "/comments".into(), query: String::new() };
    /// use actix_web::http::{header::HeaderMap, StatusCode};
    /// use approute::cache::CachedResponse;
    /// let entry = CachedResponse { status: StatusCode::OK, headers: HeaderMap::new(), body: "[]".into(), stored_at_ms: 0, generation: 0 };
    /// store.put(&key, entry).await;
    /// assert!(store.get(&key).await.entry.is_some());
    /// # });
    /// ```
    fn put<'a>(&'a self, key: &'a CacheKey, entry: CachedResponse) -> LocalBoxFuture<'a, ()>;

    /// `true` for one caller at a time per key (across instances, for a
    /// shared store): the one that refreshes a stale entry.
    ///
    /// ```
    /// use approute::cache::{CacheKey, CacheStore, MemoryStore};
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let store = MemoryStore::new(10);
    /// let key = CacheKey { path: "/comments".into(), query: String::new() };
    /// assert!(store.claim_refresh(&key).await);
    /// assert!(!store.claim_refresh(&key).await, "one refresh at a time");
    /// store.release_refresh(&key);
    /// # });
    /// ```
    fn claim_refresh<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, bool>;

    /// Ends a claim; called even when the refresh failed or panicked, so it
    /// is a plain call.
    ///
    /// ```
    /// use approute::cache::{CacheKey, CacheStore, MemoryStore};
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let store = MemoryStore::new(10);
    /// let key = CacheKey { path: "/comments".into(), query: String::new() };
    /// assert!(store.claim_refresh(&key).await);
    /// store.release_refresh(&key);
    /// assert!(store.claim_refresh(&key).await, "released");
    /// # });
    /// ```
    fn release_refresh(&self, key: &CacheKey);

    /// Every entry of `path`, any query, is gone: the next GET is fresh.
    /// A plain call, done when it returns.
    ///
    /// ```
    /// use approute::cache::{CacheKey, CacheStore, MemoryStore};
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let store = MemoryStore::new(10);
    /// let key = CacheKey { path: "/comments".into(), query: String::new() };
    /// let before = store.get(&key).await.generation;
    /// store.invalidate_path("/comments");
    /// assert!(store.get(&key).await.generation > before);
    /// # });
    /// ```
    fn invalidate_path(&self, path: &str);
}
