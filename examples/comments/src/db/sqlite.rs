//! The SQLite store (the default): an embedded database file.
//!
//! Reads run inline on the request's worker thread. A point query takes a
//! few microseconds, less than handing it to another thread and back, which
//! sqlx's SQLite driver did for every query (BENCHMARKS.md, section 6); in
//! WAL mode no reader waits for a writer. Writes can wait for SQLite's one
//! write lock and for fsync, so they run on actix's blocking pool, never on
//! a worker. They take turns on one connection behind a mutex: left to
//! SQLite's own lock, waiting writers poll with growing sleeps, and under
//! load one of them timed out ("database is locked").

use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use super::{sql, Comment, Error, SEED};

#[derive(Clone)]
pub struct Store {
    shared: Arc<Shared>,
}

struct Shared {
    /// An SQLite URI filename, e.g. `file:comments.db?mode=rwc`.
    uri: String,
    /// Readers' connections not in use. Each read takes one and puts it
    /// back, so no more are ever open than threads reading at once.
    idle: Mutex<Vec<Connection>>,
    /// The one connection that writes, opened on first use.
    writer: Mutex<Option<Connection>>,
}

impl Store {
    pub(super) async fn open(url: &str) -> Result<Store, Error> {
        let store = Store {
            shared: Arc::new(Shared {
                uri: uri(url),
                idle: Mutex::default(),
                writer: Mutex::default(),
            }),
        };
        store.write(create_and_seed).await?;
        Ok(store)
    }

    pub(super) fn list(&self) -> Result<Vec<Comment>, Error> {
        self.read(|connection| {
            let mut statement = connection.prepare_cached(sql::LIST)?;
            let rows = statement.query_map([], comment)?;
            rows.collect()
        })
    }

    pub(super) fn get(&self, id: i64) -> Result<Option<Comment>, Error> {
        self.read(|connection| {
            let mut statement = connection.prepare_cached(sql::GET)?;
            statement.query_row([id], comment).optional()
        })
    }

    pub(super) async fn create(&self, text: &str) -> Result<Comment, Error> {
        let text = text.to_owned();
        self.write(move |connection| {
            let mut statement = connection.prepare_cached(sql::CREATE)?;
            statement.query_row([text], comment)
        })
        .await
    }

    pub(super) async fn update(&self, id: i64, text: &str) -> Result<Option<Comment>, Error> {
        let text = text.to_owned();
        self.write(move |connection| {
            let mut statement = connection.prepare_cached(sql::UPDATE)?;
            statement
                .query_row(rusqlite::params![text, id], comment)
                .optional()
        })
        .await
    }

    pub(super) async fn delete(&self, id: i64) -> Result<Option<Comment>, Error> {
        self.write(move |connection| {
            let mut statement = connection.prepare_cached(sql::DELETE)?;
            statement.query_row([id], comment).optional()
        })
        .await
    }

    /// Runs a read on this thread, on a reader connection.
    fn read<T>(&self, query: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, Error> {
        let lease = self.lease()?;
        query(&lease).map_err(Error::Sqlite)
    }

    /// Runs a write on the blocking pool, on the writer connection.
    async fn write<T: Send + 'static>(
        &self,
        query: impl FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, Error> {
        let store = self.clone();
        actix_web::web::block(move || {
            // The connection stays usable whatever a panicking holder was doing:
            // rusqlite rolls an unfinished transaction back as it unwinds.
            let mut writer = store
                .shared
                .writer
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let connection = match writer.as_mut() {
                Some(connection) => connection,
                None => writer.insert(connect(&store.shared.uri).map_err(Error::Sqlite)?),
            };
            query(connection).map_err(Error::Sqlite)
        })
        .await
        .map_err(|_| Error::Interrupted)?
    }

    fn lease(&self) -> Result<Lease<'_>, Error> {
        let idle = self.idle().pop();
        let connection = match idle {
            Some(connection) => connection,
            None => connect(&self.shared.uri).map_err(Error::Sqlite)?,
        };
        Ok(Lease {
            store: self,
            connection: Some(connection),
        })
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        // The list stays valid whatever a panicking holder was doing.
        self.shared
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// A connection taken from the idle list; it goes back when dropped.
struct Lease<'a> {
    store: &'a Store,
    connection: Option<Connection>,
}

impl Deref for Lease<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.connection.as_ref().expect("present until dropped")
    }
}

impl DerefMut for Lease<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        self.connection.as_mut().expect("present until dropped")
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(connection) = self.connection.take() {
            self.store.idle().push(connection);
        }
    }
}

/// `sqlite://comments.db?mode=rwc` → `file:comments.db?mode=rwc`; an
/// absolute path keeps its `/` (`sqlite:///tmp/c.db` → `file:/tmp/c.db`).
fn uri(url: &str) -> String {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    format!("file:{rest}")
}

fn connect(uri: &str) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(uri, flags)?;
    // A writer waits this long for another's lock before failing.
    connection.busy_timeout(Duration::from_secs(5))?;
    // Every acknowledged write survives a power failure, not only a crash.
    connection.pragma_update(None, "synchronous", "FULL")?;
    Ok(connection)
}

/// Schema and seed in one write transaction: instances that start together
/// on one file take turns.
fn create_and_seed(connection: &mut Connection) -> rusqlite::Result<()> {
    // Readers no longer wait for the writer, and a write costs one append
    // instead of a journal file per transaction; the setting stays with the
    // database file.
    connection.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    transaction.execute(
        &sql::comments_table("id INTEGER PRIMARY KEY AUTOINCREMENT"),
        [],
    )?;
    transaction.execute(sql::SEEDED_TABLE, [])?;
    if transaction.execute(sql::CLAIM_SEED, [])? == 1 {
        for text in SEED {
            transaction.execute(sql::SEED, [text])?;
        }
    }
    transaction.commit()
}

fn comment(row: &rusqlite::Row<'_>) -> rusqlite::Result<Comment> {
    Ok(Comment {
        id: row.get(0)?,
        text: row.get(1)?,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_urls_become_sqlite_uris() {
        assert_eq!(
            super::uri("sqlite://comments.db?mode=rwc"),
            "file:comments.db?mode=rwc"
        );
        assert_eq!(super::uri("sqlite:///tmp/c.db"), "file:/tmp/c.db");
        assert_eq!(super::uri("sqlite:c.db"), "file:c.db");
    }
}
