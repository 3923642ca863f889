//! `cargo run -p comments`: the tutorial's comments API on 127.0.0.1:3000,
//! on an SQLite file created on first start (`DATABASE_URL` to change it).

use std::io;

#[approute::main]
async fn main() -> io::Result<()> {
    let config = comments::Config::from_env()?;
    let state = comments::State::open(&config).await?;
    let address = (config.host.clone(), config.port);
    let app = comments::CommentsApp::new(state, &config);
    approute::serve_app(address, move || app.build()).await
}
