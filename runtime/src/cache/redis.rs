//! `RedisStore` (feature `redis`): entries and invalidations shared by every
//! instance on one Redis.
//!
//! Keys, under a prefix (`approute` by default):
//! - `{prefix}:entry:{path}?{query}`: a [`CachedResponse`], kept a day (stale
//!   entries are still served while they refresh);
//! - `{prefix}:generation:{path}`: how often the path was invalidated; an
//!   entry made under an older generation is not served;
//! - `{prefix}:refresh:{path}?{query}`: held by the instance refreshing the
//!   entry (`SET NX`, expires after 30 s should that instance die).

use std::sync::Mutex;

use futures_util::future::LocalBoxFuture;
use redis::aio::MultiplexedConnection;
use redis::{Client, Connection, RedisResult};

use super::entry::{CacheKey, CachedResponse, Lookup};
use super::store::CacheStore;

/// How long an entry is kept, stale or not (milliseconds).
const ENTRY_TTL_MS: u64 = 24 * 60 * 60 * 1000;
/// How long a refresh claim lasts if its instance never releases it.
const REFRESH_CLAIM_MS: u64 = 30_000;

/// A [`CacheStore`] on Redis: every instance using the same server (and
/// prefix) serves the others' entries and sees their `revalidate_path`.
///
/// ```no_run
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let store = approute::cache::RedisStore::open("redis://127.0.0.1:6379")?;
/// let table = approute::routes()?.cache_store(store);
/// # let _ = table;
/// # Ok(()) }
/// ```
///
/// Requests use one multiplexed connection; [`revalidate_path`](crate::cache::revalidate_path)
/// is a plain call, so it makes its one round trip on a blocking connection
/// of its own: when it returns, every instance's next GET of the path is
/// fresh. A Redis that does not answer is a cache miss (logged), never a
/// failed request.
pub struct RedisStore {
    client: Client,
    prefix: String,
    connection: Mutex<Option<MultiplexedConnection>>,
    blocking: Mutex<Option<Connection>>,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl RedisStore {
    /// A store on the Redis at `url` (`redis://host:port/db`), keys under
    /// `approute:`. Connects on first use.
    ///
    /// ```no_run
    /// let store = approute::cache::RedisStore::open("redis://127.0.0.1:6379").unwrap();
    /// let table = approute::routes().unwrap().cache_store(store);
    /// # let _ = table;
    /// ```
    pub fn open(url: &str) -> RedisResult<Self> {
        Self::with_prefix(url, "approute")
    }

    /// The same, keys under `{prefix}:` (apps sharing a Redis).
    ///
    /// ```no_run
    /// // Two applications on one Redis, apart.
    /// let store = approute::cache::RedisStore::with_prefix("redis://127.0.0.1:6379", "shop").unwrap();
    /// # let _ = store;
    /// ```
    pub fn with_prefix(url: &str, prefix: &str) -> RedisResult<Self> {
        Ok(RedisStore {
            client: Client::open(url)?,
            prefix: prefix.to_owned(),
            connection: Mutex::new(None),
            blocking: Mutex::new(None),
        })
    }

    fn key(&self, kind: &str, key: &CacheKey) -> String {
        format!("{}:{kind}:{}?{}", self.prefix, key.path, key.query)
    }

    fn generation_key(&self, path: &str) -> String {
        format!("{}:generation:{path}", self.prefix)
    }

    /// The shared connection, made on first use or after a failure (such as
    /// the runtime that drove it having ended).
    async fn connection(&self) -> RedisResult<MultiplexedConnection> {
        let existing = lock(&self.connection).clone();
        match existing {
            Some(connection) => Ok(connection),
            None => {
                let connection = self.client.get_multiplexed_async_connection().await?;
                *lock(&self.connection) = Some(connection.clone());
                Ok(connection)
            }
        }
    }

    async fn query<T: redis::FromRedisValue>(&self, command: &redis::Cmd) -> RedisResult<T> {
        let mut connection = self.connection().await?;
        let result = command.query_async(&mut connection).await;
        if result.is_err() {
            lock(&self.connection).take();
        }
        result
    }

    /// One command on the blocking connection (reconnecting once).
    fn query_blocking<T: redis::FromRedisValue>(&self, command: &redis::Cmd) -> RedisResult<T> {
        let mut blocking = lock(&self.blocking);
        for attempt in 0..2 {
            if blocking.is_none() {
                *blocking = Some(self.client.get_connection()?);
            }
            let connection = blocking.as_mut().expect("just made");
            match command.query(connection) {
                Ok(value) => return Ok(value),
                Err(error)
                    if attempt == 0 && (error.is_connection_dropped() || error.is_io_error()) =>
                {
                    blocking.take();
                }
                Err(error) => return Err(error),
            }
        }
        unreachable!("the second attempt returns")
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl CacheStore for RedisStore {
    fn get<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, Lookup> {
        Box::pin(async move {
            let mut command = redis::cmd("MGET");
            command
                .arg(self.key("entry", key))
                .arg(self.generation_key(&key.path));
            let (entry, generation): (Option<Vec<u8>>, Option<u64>) =
                match self.query(&command).await {
                    Ok(values) => values,
                    Err(error) => {
                        log::warn!("cache: Redis read failed, serving uncached: {error}");
                        return Lookup::default();
                    }
                };
            let generation = generation.unwrap_or(0);
            let entry = entry
                .as_deref()
                .and_then(CachedResponse::from_bytes)
                .filter(|entry| entry.generation == generation)
                .map(std::sync::Arc::new);
            Lookup { entry, generation }
        })
    }

    fn put<'a>(&'a self, key: &'a CacheKey, entry: CachedResponse) -> LocalBoxFuture<'a, ()> {
        Box::pin(async move {
            let mut command = redis::cmd("SET");
            command
                .arg(self.key("entry", key))
                .arg(entry.to_bytes())
                .arg("PX")
                .arg(ENTRY_TTL_MS);
            if let Err(error) = self.query::<()>(&command).await {
                log::warn!("cache: Redis write failed, response not cached: {error}");
            }
        })
    }

    fn claim_refresh<'a>(&'a self, key: &'a CacheKey) -> LocalBoxFuture<'a, bool> {
        Box::pin(async move {
            let mut command = redis::cmd("SET");
            command
                .arg(self.key("refresh", key))
                .arg(1)
                .arg("NX")
                .arg("PX")
                .arg(REFRESH_CLAIM_MS);
            match self.query::<Option<String>>(&command).await {
                Ok(set) => set.is_some(),
                Err(error) => {
                    log::warn!("cache: Redis refresh claim failed, not refreshing: {error}");
                    false
                }
            }
        })
    }

    fn release_refresh(&self, key: &CacheKey) {
        let mut command = redis::cmd("DEL");
        command.arg(self.key("refresh", key));
        if let Err(error) = self.query_blocking::<()>(&command) {
            log::warn!("cache: Redis refresh release failed (it expires in 30 s): {error}");
        }
    }

    fn invalidate_path(&self, path: &str) {
        let mut command = redis::cmd("INCR");
        command.arg(self.generation_key(path));
        if let Err(error) = self.query_blocking::<u64>(&command) {
            log::error!("cache: Redis could not invalidate {path}: {error}");
        }
    }
}
