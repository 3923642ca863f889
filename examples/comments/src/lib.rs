//! The Next.js route-handlers tutorial's app: one route module per file, the
//! way a Next.js app has one `route.ts` per folder.
//!
//! | URL | file |
//! |---|---|
//! | `/hello` | `routes/hello.rs` |
//! | `/dashboard`, `/dashboard/users` (behind `require_authorization`) | `routes/dashboard.rs` |
//! | `/comments`, `/comments/[id]` | `routes/comments.rs`, `routes/comment.rs` |
//! | `/comments/live` (a WebSocket of new comments) | `routes/live.rs` |
//! | `/profile` (page and route), `/profile/api`, `/profile/theme` | `routes/profile.rs` |
//! | `/api/quote` | `routes/quote.rs` |

mod app;
mod config;
pub mod db;
mod feed;
mod routes;
pub mod upstream;

pub use app::CommentsApp;
pub use config::{with_cache_store, Config, State};
