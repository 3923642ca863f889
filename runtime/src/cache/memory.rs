//! The in-process store: one map per process, bounded in entries.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use futures_util::future::{ready, LocalBoxFuture};

use super::entry::{CacheKey, CachedResponse, Lookup};
use super::store::CacheStore;

/// Cached responses in this process's memory (the default store).
///
/// At most `max_entries` (10,000 by default) are kept: when full, the oldest
/// tenth is evicted at once (one scan per tenth, not per request), so that
/// URLs with ever new queries cannot grow it without bound.
///
/// ```
/// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
/// let table = approute::routes().unwrap().cache_store(approute::cache::MemoryStore::new(500));
/// # let _ = table;
/// ```
pub struct MemoryStore {
    max_entries: usize,
    state: Mutex<State>,
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore")
            .field("max_entries", &self.max_entries)
            .finish_non_exhaustive()
    }
}

#[derive(Default)]
struct State {
    entries: HashMap<CacheKey, Arc<CachedResponse>>,
    /// Per path, how often it was invalidated (absent: never).
    generations: HashMap<String, u64>,
    refreshing: HashSet<CacheKey>,
}

impl MemoryStore {
    /// A store keeping at most `max_entries` responses (at least one).
    ///
    /// ```
    /// let store = approute::cache::MemoryStore::new(1_000);
    /// # let _ = store;
    /// ```
    pub fn new(max_entries: usize) -> Self {
        MemoryStore {
            max_entries: max_entries.max(1),
            state: Mutex::default(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Nothing is left half-done under the lock: a poisoned map is whole.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Default for MemoryStore {
    fn default() -> Self {
        MemoryStore::new(10_000)
    }
}

impl State {
    fn generation(&self, path: &str) -> u64 {
        self.generations.get(path).copied().unwrap_or(0)
    }

    fn evict_oldest(&mut self, count: usize) {
        let mut by_age: Vec<(u64, CacheKey)> = self
            .entries
            .iter()
            .map(|(key, entry)| (entry.stored_at_ms, key.clone()))
            .collect();
        let count = count.min(by_age.len());
        if count == 0 {
            return;
        }
        by_age.select_nth_unstable_by_key(count - 1, |(stored_at, _)| *stored_at);
        for (_, key) in &by_age[..count] {
            self.entries.remove(key);
        }
    }
}

impl MemoryStore {
    fn lookup(&self, key: &CacheKey) -> Lookup {
        let state = self.state();
        let generation = state.generation(&key.path);
        let entry = state
            .entries
            .get(key)
            .filter(|entry| entry.generation == generation)
            .cloned();
        Lookup { entry, generation }
    }
}

impl CacheStore for MemoryStore {
    fn get<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, Lookup> {
        Box::pin(ready(self.lookup(key)))
    }

    fn get_now(&self, key: &CacheKey) -> Option<Lookup> {
        Some(self.lookup(key))
    }

    fn put<'a>(&'a self, key: &'a CacheKey, entry: CachedResponse) -> LocalBoxFuture<'a, ()> {
        let mut state = self.state();
        // Made before an invalidation: already out of date.
        if entry.generation == state.generation(&key.path) {
            if !state.entries.contains_key(key) && state.entries.len() >= self.max_entries {
                state.evict_oldest(self.max_entries / 10 + 1);
            }
            state.entries.insert(key.clone(), Arc::new(entry));
        }
        Box::pin(ready(()))
    }

    fn claim_refresh<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, bool> {
        let claimed = self.state().refreshing.insert(key.clone());
        Box::pin(ready(claimed))
    }

    fn release_refresh(&self, key: &CacheKey) {
        self.state().refreshing.remove(key);
    }

    fn invalidate_path(&self, path: &str) {
        let mut state = self.state();
        *state.generations.entry(path.to_owned()).or_insert(0) += 1;
        state.entries.retain(|key, _| key.path != path);
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::HeaderMap;
    use actix_web::http::StatusCode;
    use actix_web::web::Bytes;
    use futures_util::FutureExt;

    use super::*;

    fn key(query: usize) -> CacheKey {
        CacheKey {
            path: "/list".to_owned(),
            query: format!("page={query}"),
        }
    }

    fn entry(stored_at_ms: u64) -> CachedResponse {
        let mut entry = CachedResponse::new(StatusCode::OK, &HeaderMap::new(), Bytes::new(), 0);
        entry.stored_at_ms = stored_at_ms;
        entry
    }

    #[test]
    fn a_full_store_evicts_its_oldest_tenth_and_keeps_the_newest() {
        let store = MemoryStore::new(20);
        for at in 0..20 {
            store.put(&key(at), entry(at as u64)).now_or_never();
        }
        assert_eq!(store.state().entries.len(), 20);
        store.put(&key(20), entry(1_000)).now_or_never();
        let kept = &store.state().entries;
        assert_eq!(kept.len(), 18, "3 oldest evicted, 1 added");
        assert!((0..3).all(|at| !kept.contains_key(&key(at))));
        assert!((3..21).all(|at| kept.contains_key(&key(at))));
    }
}
