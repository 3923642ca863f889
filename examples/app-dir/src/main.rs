//! `cargo run -p app-dir`: the tutorial's routes from `src/app` on
//! 127.0.0.1:3001 (`PORT` to change it).

#[approute::main]
async fn main() -> std::io::Result<()> {
    app_dir::data::seed();
    let port = std::env::var("PORT").unwrap_or_else(|_| "3001".to_owned());
    approute::serve(format!("127.0.0.1:{port}")).await
}
