//! The PostgreSQL store, shared by every instance of the app.

use sqlx::postgres::{PgPool, PgPoolOptions};

use super::{sql, Comment, Error, SEED};

/// A row as the database returns it (the `FromRow` derive would cost the
/// build sqlx's macro crate).
type Row = (i64, String);

fn comment((id, text): Row) -> Comment {
    Comment { id, text }
}

#[derive(Clone)]
pub struct Store {
    pool: PgPool,
}

impl Store {
    pub(super) async fn open(url: &str) -> Result<Store, Error> {
        Self::connect(url).await.map_err(Error::Postgres)
    }

    async fn connect(url: &str) -> sqlx::Result<Store> {
        // The server is shared by every instance, so each takes few
        // connections; `DATABASE_POOL_SIZE` overrides.
        let size = std::env::var("DATABASE_POOL_SIZE")
            .ok()
            .and_then(|size| size.parse().ok())
            .unwrap_or(10);
        let pool = PgPoolOptions::new()
            .max_connections(size)
            .connect(url)
            .await?;
        // Schema and seed in one transaction, under an advisory lock that
        // serialises instances starting together (concurrent `CREATE TABLE
        // IF NOT EXISTS` can otherwise fail on PostgreSQL's catalog).
        let mut transaction = pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock(7243001)")
            .execute(&mut *transaction)
            .await?;
        sqlx::query(&sql::comments_table("id BIGSERIAL PRIMARY KEY"))
            .execute(&mut *transaction)
            .await?;
        sqlx::query(sql::SEEDED_TABLE)
            .execute(&mut *transaction)
            .await?;
        let claimed = sqlx::query(sql::CLAIM_SEED)
            .execute(&mut *transaction)
            .await?
            .rows_affected();
        if claimed == 1 {
            for text in SEED {
                sqlx::query(sql::SEED)
                    .bind(text)
                    .execute(&mut *transaction)
                    .await?;
            }
        }
        transaction.commit().await?;
        Ok(Store { pool })
    }

    pub(super) async fn list(&self) -> Result<Vec<Comment>, Error> {
        let rows: Vec<Row> = sqlx::query_as(sql::LIST)
            .fetch_all(&self.pool)
            .await
            .map_err(Error::Postgres)?;
        Ok(rows.into_iter().map(comment).collect())
    }

    pub(super) async fn get(&self, id: i64) -> Result<Option<Comment>, Error> {
        let row: Option<Row> = sqlx::query_as(sql::GET)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(Error::Postgres)?;
        Ok(row.map(comment))
    }

    pub(super) async fn create(&self, text: &str) -> Result<Comment, Error> {
        let row: Row = sqlx::query_as(sql::CREATE)
            .bind(text)
            .fetch_one(&self.pool)
            .await
            .map_err(Error::Postgres)?;
        Ok(comment(row))
    }

    pub(super) async fn update(&self, id: i64, text: &str) -> Result<Option<Comment>, Error> {
        let row: Option<Row> = sqlx::query_as(sql::UPDATE)
            .bind(text)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(Error::Postgres)?;
        Ok(row.map(comment))
    }

    pub(super) async fn delete(&self, id: i64) -> Result<Option<Comment>, Error> {
        let row: Option<Row> = sqlx::query_as(sql::DELETE)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(Error::Postgres)?;
        Ok(row.map(comment))
    }
}
