//! The URL, the lowest layer: a request path checked and its segments
//! decoded (`request_path`), dot segments resolved, the `Location` a
//! redirect may carry (`canonical`), and where a scope mounts the table
//! (`mount`), and the parameter values a route captures from it
//! (`captures`). It depends on nothing else of approute's.

pub(crate) mod canonical;
pub(crate) mod captures;
pub(crate) mod mount;
pub(crate) mod request_path;
