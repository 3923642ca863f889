//! What `href!` submits: each link's pattern and where it is written, so
//! that the table can report a link no route serves at start-up.

use std::fmt;

use super::route::Location;

/// One `href!` in the program.
pub struct LinkRegistration {
    parts: GeneratedLink,
}

impl LinkRegistration {
    /// The pattern the link is written from, e.g. `/comments/[id]`.
    pub fn pattern(&self) -> &'static str {
        self.parts.pattern
    }

    /// Where the `href!` is written.
    pub fn location(&self) -> Location {
        self.parts.location
    }
}

/// `href!("/comments/[id]") (src/routes/comment.rs:25)`.
impl fmt::Display for LinkRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "href!(\"{}\") ({})",
            self.parts.pattern, self.parts.location
        )
    }
}

impl fmt::Debug for LinkRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LinkRegistration")
            .field("pattern", &self.parts.pattern)
            .field("location", &self.parts.location)
            .finish()
    }
}

/// What the macro fills in: [`link`] seals it.
#[doc(hidden)]
#[derive(Debug)]
pub struct GeneratedLink {
    pub pattern: &'static str,
    pub location: Location,
}

/// The macro's constructor: `const`, so that the registration is a static.
#[doc(hidden)]
pub const fn link(parts: GeneratedLink) -> LinkRegistration {
    LinkRegistration { parts }
}
