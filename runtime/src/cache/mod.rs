//! `revalidate = N`: GET responses cached per URL, served stale while one
//! refresh runs, invalidated by [`revalidate_path`]; kept in a pluggable
//! [`CacheStore`] (in-process by default, Redis behind the `redis` feature).

mod entry;
mod memory;
#[cfg(feature = "redis")]
mod redis;
pub(crate) mod serve;
mod store;
mod stores;
mod table_store;

pub use entry::{CacheKey, CachedResponse, Lookup};
pub use memory::MemoryStore;
#[cfg(feature = "redis")]
pub use redis::RedisStore;

pub use store::CacheStore;
pub(crate) use stores::register;
pub use stores::revalidate_path;
