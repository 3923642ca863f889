//! `cargo run -p comments`: the tutorial's comments API on 127.0.0.1:3000,
//! on an SQLite file created on first start (`DATABASE_URL` to change it).
//! `cargo run -p comments -- routes` prints the route table as JSON, for tools;
//! `-- openapi` its OpenAPI document (also served at `/openapi.json`, and as a
//! reference page at `/docs`).

use std::io::{self, Write};

#[approute::main]
async fn main() -> io::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("routes") {
        let table = approute::routes()?;
        // Written, not printed: a closed pipe (`| head`) is an error, not a panic.
        return writeln!(io::stdout().lock(), "{:#}", table.to_json());
    }
    if std::env::args().nth(1).as_deref() == Some("openapi") {
        let table = approute::routes()?;
        let document = table.openapi().to_pretty_json().map_err(io::Error::other)?;
        return writeln!(io::stdout().lock(), "{document}");
    }
    let config = comments::Config::from_env()?;
    let state = comments::State::open(&config).await?;
    let app = comments::CommentsApp::new(state, &config);
    let table = comments::with_cache_store(approute::routes()?, &config)?;
    approute::server::Server::new(table)
        .app(move || app.build())
        .bind((config.host.as_str(), config.port))?
        .run()
        .await
}
