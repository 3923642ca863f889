//! Settings from the environment, and the state every handler shares.

use std::io;
use std::time::Duration;

use crate::db::Db;
use crate::upstream::Upstream;

/// Where to listen, which database, which upstream API.
#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    pub port: u16,
    /// `sqlite://comments.db?mode=rwc` (the default) or `postgres://…`.
    pub database_url: String,
    pub upstream: Upstream,
    /// A browser origin allowed to call the API from another site
    /// (`http://localhost:5173`); none by default.
    pub cors_origin: Option<String>,
    /// `redis://…`: the `revalidate` cache shared by every instance (with the
    /// `redis` feature); in-process when absent.
    pub redis_url: Option<String>,
}

impl Config {
    /// `HOST` (127.0.0.1), `PORT` (3000), `DATABASE_URL`, `UPSTREAM_URL`,
    /// `UPSTREAM_API_KEY`, `UPSTREAM_TIMEOUT_MS` (5000), `CORS_ORIGIN`,
    /// `REDIS_URL`.
    pub fn from_env() -> io::Result<Config> {
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let number = |name: &str, default: u64| -> io::Result<u64> {
            match var(name) {
                Some(text) => text.parse().map_err(|_| {
                    io::Error::other(format!("{name}={text:?} is not a whole number"))
                }),
                None => Ok(default),
            }
        };
        let port = number("PORT", 3000)?;
        Ok(Config {
            host: var("HOST").unwrap_or_else(|| "127.0.0.1".to_owned()),
            port: u16::try_from(port)
                .map_err(|_| io::Error::other(format!("PORT={port} is not a port")))?,
            database_url: var("DATABASE_URL")
                .unwrap_or_else(|| "sqlite://comments.db?mode=rwc".to_owned()),
            upstream: Upstream {
                url: var("UPSTREAM_URL"),
                api_key: var("UPSTREAM_API_KEY").unwrap_or_default(),
                timeout: Duration::from_millis(number("UPSTREAM_TIMEOUT_MS", 5000)?),
            },
            cors_origin: var("CORS_ORIGIN"),
            redis_url: var("REDIS_URL"),
        })
    }
}

/// What the handlers share: the database pool and the upstream settings.
#[derive(Clone)]
pub struct State {
    pub db: Db,
    pub upstream: Upstream,
}

impl State {
    /// Connects to the database, creating and seeding it on first start.
    pub async fn open(config: &Config) -> io::Result<State> {
        let db = Db::open(&config.database_url).await.map_err(|error| {
            let url = without_credentials(&config.database_url);
            io::Error::other(format!("cannot open the database {url}: {error}"))
        })?;
        Ok(State {
            db,
            upstream: config.upstream.clone(),
        })
    }
}

/// `postgres://user:secret@host/db` → `postgres://***@host/db`, for messages.
fn without_credentials(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}***{}", &url[..scheme_end + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// `table` with the `revalidate` cache `REDIS_URL` names, for every
/// instance to share; without it (or without the `redis` feature) each
/// process keeps its own.
pub fn with_cache_store(
    table: approute::routing::RouteTable,
    config: &Config,
) -> io::Result<approute::routing::RouteTable> {
    let Some(url) = &config.redis_url else {
        return Ok(table);
    };
    #[cfg(feature = "redis")]
    {
        let store = approute::cache::RedisStore::open(url).map_err(io::Error::other)?;
        Ok(table.cache_store(store))
    }
    #[cfg(not(feature = "redis"))]
    {
        Err(io::Error::other(format!(
            "REDIS_URL={url} needs the example built with `--features redis`"
        )))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_credentials_stay_out_of_messages() {
        let redacted = super::without_credentials("postgres://me:pw@db:5432/c");
        assert_eq!(redacted, "postgres://***@db:5432/c");
        let plain = "sqlite://comments.db?mode=rwc";
        assert_eq!(super::without_credentials(plain), plain);
    }
}
