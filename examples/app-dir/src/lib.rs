//! The tutorial's route handlers as a Next.js `app/` tree: `src/app/comments/[id]/route.rs`
//! serves `/comments/[id]` with no attribute (see `build.rs`), beside one
//! `#[route]` handler: one table, one conflict check.

pub mod data;

approute::app_dir!();

use approute::prelude::*;

/// Not in `app/`: a `#[route]` handler in the same table.
#[route("/health")]
async fn GET() -> &'static str {
    "ok"
}
