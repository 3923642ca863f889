//! Which store a table's `revalidate` routes use: its own, set with
//! [`RouteTable::cache_store`], or the in-process one shared by the tables
//! given none.

use std::sync::Arc;

use actix_web::dev::ServiceRequest;

use super::store::CacheStore;
use super::stores::default_store;
use crate::routing::request_route::with_settings;
use crate::routing::RouteTable;

/// A table's store, as its settings keep it.
pub(crate) struct TableStore(pub(crate) Arc<dyn CacheStore>);

impl RouteTable {
    /// Keeps this table's `revalidate` answers in `store` (an in-process
    /// [`MemoryStore`](crate::cache::MemoryStore) shared by the tables
    /// given none, by default); e.g. a
    /// [`RedisStore`](crate::cache::RedisStore) that several instances
    /// share. [`revalidate_path`](crate::cache::revalidate_path) reaches it.
    ///
    /// ```
    /// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
    /// use approute::cache::MemoryStore;
    ///
    /// let table = approute::routes().unwrap().cache_store(MemoryStore::new(1_000));
    /// # let _ = table;
    /// ```
    pub fn cache_store<S: CacheStore>(mut self, store: S) -> Self {
        self.settings_mut()
            .set(TableStore(super::register(Arc::new(store))));
        self
    }
}

/// The store of the table whose route the request matched.
pub(crate) fn table_store(request: &ServiceRequest) -> Arc<dyn CacheStore> {
    let configured = with_settings(request.request(), |settings| {
        settings
            .get::<TableStore>()
            .map(|store| Arc::clone(&store.0))
    });
    configured.flatten().unwrap_or_else(default_store)
}
