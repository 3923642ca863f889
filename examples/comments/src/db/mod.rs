//! The comments store: one SQL table, on SQLite (an embedded file, the
//! default) or PostgreSQL, with the same SQL text for both.

mod postgres;
mod sqlite;

use std::fmt;

use serde::Serialize;

const SEED: [&str; 3] = [
    "This is the first comment",
    "This is the second comment",
    "This is the third comment",
];

/// The queries, in the `$1` placeholders that both databases accept.
mod sql {
    pub const LIST: &str = "SELECT id, text FROM comments ORDER BY id";
    pub const GET: &str = "SELECT id, text FROM comments WHERE id = $1";
    pub const CREATE: &str = "INSERT INTO comments (text) VALUES ($1) RETURNING id, text";
    pub const UPDATE: &str = "UPDATE comments SET text = $1 WHERE id = $2 RETURNING id, text";
    pub const DELETE: &str = "DELETE FROM comments WHERE id = $1 RETURNING id, text";
    /// The first instance to insert this row seeds: once in the database's
    /// life (a deleted comment stays deleted), however many instances start.
    pub const SEEDED_TABLE: &str = "CREATE TABLE IF NOT EXISTS seeded (once INTEGER PRIMARY KEY)";
    pub const CLAIM_SEED: &str =
        "INSERT INTO seeded (once) VALUES (1) ON CONFLICT (once) DO NOTHING";
    pub const SEED: &str = "INSERT INTO comments (text) VALUES ($1)";

    pub fn comments_table(id_column: &str) -> String {
        format!("CREATE TABLE IF NOT EXISTS comments ({id_column}, text TEXT NOT NULL)")
    }
}

/// A comment, as every route answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Comment {
    pub id: i64,
    pub text: String,
}

/// Either database behind one API; the handlers never see which.
#[derive(Clone)]
pub enum Db {
    Sqlite(sqlite::Store),
    Postgres(postgres::Store),
}

/// Why a query failed.
#[derive(Debug)]
pub enum Error {
    Sqlite(rusqlite::Error),
    Postgres(sqlx::Error),
    /// A write's blocking task did not finish (the runtime is shutting down).
    Interrupted,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sqlite(error) => write!(f, "sqlite: {error}"),
            Error::Postgres(error) => write!(f, "postgres: {error}"),
            Error::Interrupted => f.write_str("the database task was interrupted"),
        }
    }
}

impl std::error::Error for Error {}

impl Db {
    /// Connects to `sqlite://path?mode=rwc` or `postgres://…`, creates the
    /// schema if missing, and seeds the tutorial's three comments exactly once
    /// in the database's life.
    pub async fn open(url: &str) -> Result<Db, Error> {
        if url.starts_with("postgres") {
            postgres::Store::open(url).await.map(Db::Postgres)
        } else {
            sqlite::Store::open(url).await.map(Db::Sqlite)
        }
    }

    /// Every comment whose text contains `query` (all of them when `None`).
    pub async fn list(&self, query: Option<&str>) -> Result<Vec<Comment>, Error> {
        let comments = match self {
            Db::Sqlite(store) => store.list(),
            Db::Postgres(store) => store.list().await,
        }?;
        // Filtered here, not in SQL: `String.includes` semantics (case-
        // sensitive substring) on both databases.
        Ok(match query {
            Some(query) => comments
                .into_iter()
                .filter(|comment| comment.text.contains(query))
                .collect(),
            None => comments,
        })
    }

    pub async fn get(&self, id: i64) -> Result<Option<Comment>, Error> {
        match self {
            Db::Sqlite(store) => store.get(id),
            Db::Postgres(store) => store.get(id).await,
        }
    }

    pub async fn create(&self, text: &str) -> Result<Comment, Error> {
        match self {
            Db::Sqlite(store) => store.create(text).await,
            Db::Postgres(store) => store.create(text).await,
        }
    }

    /// `None` when there is no comment `id`.
    pub async fn update(&self, id: i64, text: &str) -> Result<Option<Comment>, Error> {
        match self {
            Db::Sqlite(store) => store.update(id, text).await,
            Db::Postgres(store) => store.update(id, text).await,
        }
    }

    /// The deleted comment; `None` when there is no comment `id`.
    pub async fn delete(&self, id: i64) -> Result<Option<Comment>, Error> {
        match self {
            Db::Sqlite(store) => store.delete(id).await,
            Db::Postgres(store) => store.delete(id).await,
        }
    }
}
