//! The service, the top layer: how a request the router matched is
//! answered. `dispatch` mounts the table in actix-web (a guard at the root,
//! which hands its lookup over to the service, `handover`; a service under
//! a scope, `url::mount`), `answer` decides once the lookup
//! is done (the handler, 405 with `Allow` or 501 by `method_registry`,
//! OPTIONS, a redirect, a 400 or 404), `chains` runs the endpoint's
//! `#[middleware]`, `stages` is the one list a handler's request runs
//! through (cache, `max_duration`, cookies), `finish` its one way out (error
//! shaping, a panic's 500, `after`), and `dispatch_future` is the future that
//! ties them, without a second box per request.

pub(crate) mod answer;
pub(crate) mod chains;
pub(crate) mod dispatch;
pub(crate) mod dispatch_future;
mod finish;
mod handover;
mod method_registry;
mod resource_map;
pub(crate) mod stages;
