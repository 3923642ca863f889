//! The typed model of one attribute use, keeping the user's syntax for spans.

use syn::{Ident, LitStr};

pub(crate) const VERBS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Route,
    Page,
}

impl Kind {
    pub(crate) fn attribute(self) -> &'static str {
        match self {
            Kind::Route => "route",
            Kind::Page => "page",
        }
    }
}

/// The path argument, checked by the runtime's own parser.
pub(crate) struct RoutePath {
    pub(crate) lit: LitStr,
}

/// One function to register: a route handler for `method`, or a page (GET).
pub(crate) struct Handler {
    pub(crate) ident: Ident,
    pub(crate) method: &'static str,
}
