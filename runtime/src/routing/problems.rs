//! Start-up problems of the route table, reported all at once with the
//! source location of every handler involved.

use std::fmt;

use crate::routing::registry::Registration;

/// What to do with a page that a route handler fully shadows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Conflicts {
    /// Keep serving; list the shadowed page among the table's warnings.
    #[default]
    Warn,
    /// Refuse to start, as `next build` does.
    Deny,
}

/// One problem found in the registered routes.
#[derive(Debug, Clone)]
pub struct Problem {
    /// What is wrong, in one line.
    pub message: String,
    /// Every handler involved, each shown with its `file:line`.
    pub handlers: Vec<&'static Registration>,
    /// What to do about it.
    pub help: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.message)?;
        for handler in &self.handlers {
            writeln!(
                f,
                "  --> {}  #[{}(\"{}\")] {}",
                handler.location(),
                handler.kind(),
                handler.path(),
                handler.method()
            )?;
        }
        write!(f, "  = help: {}", self.help)
    }
}

/// Every problem that keeps the registered routes from forming one table.
#[derive(Debug, Clone)]
pub struct RouteError {
    problems: Vec<Problem>,
}

impl RouteError {
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        RouteError { problems }
    }

    /// The problems, in a stable order (by URL, then source location).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(
            f,
            "approute: {count} problem{plural} in the registered routes"
        )?;
        for (number, problem) in self.problems.iter().enumerate() {
            write!(f, "\n\n{}. {problem}", number + 1)?;
        }
        Ok(())
    }
}

impl std::error::Error for RouteError {}
