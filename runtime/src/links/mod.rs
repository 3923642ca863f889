//! `href!`: links built from a route's pattern, checked against the grammar
//! and the parameter names at compile time (`registry` records each one)
//! and against the route table at start-up; `encode` writes the URL.

pub(crate) mod encode;
pub(crate) mod registry;

pub(crate) use registry::LinkRegistration;
