//! Start-up problems of the route table, reported all at once with the
//! source location of every handler involved.

use std::fmt;

use crate::registry::route::Registration;

/// What to do with a page that a route handler fully shadows.
///
/// ```
/// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
/// use approute::routing::{Conflicts, RouteTable};
///
/// // A page that a route handler shadows is then an error, not a warning.
/// let table = RouteTable::from_registry(Conflicts::Deny).unwrap();
/// # let _ = table;
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Conflicts {
    /// Keep serving; list the shadowed page among the table's warnings.
    #[default]
    Warn,
    /// Refuse to start, as `next build` does.
    Deny,
}

/// One problem found in the registered routes.
///
/// ```
/// use approute::prelude::*;
/// use approute::routing::ProblemKind;
///
/// #[route("/profile")]
/// async fn GET() -> &'static str { "the route" }
///
/// #[page("/profile")]
/// async fn profile() -> Html { Html::new("the page") }
///
/// let table = approute::routes().unwrap();
/// let warning = &table.warnings()[0];
/// assert_eq!(warning.kind, ProblemKind::ShadowedPage);
/// assert_eq!(warning.handlers.len(), 2);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Problem {
    /// What kind of problem, for tools (the text is for people).
    pub kind: ProblemKind,
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

/// What kind of problem a [`Problem`] is: what tools read, rather than its
/// message. More kinds will come.
///
/// ```
/// use approute::routing::ProblemKind;
///
/// assert_eq!(ProblemKind::ShadowedPage.name(), "shadowed-page");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A route path the grammar refuses (a hand-made registration).
    InvalidPath,
    /// No handler is linked into the binary.
    NoHandlers,
    /// An `href!` whose URL no route or page serves.
    LinkToNoRoute,
    /// A `Params<T>` whose `T` cannot fit its route.
    ParamsDoNotFit,
    /// Two handlers of one method (or two pages) for one URL.
    DuplicateHandler,
    /// A page whose GET a route handler answers (a warning unless
    /// `Conflicts::Deny`).
    ShadowedPage,
    /// One position of a URL with two parameter names.
    DifferentParamNames,
    /// `[...a]` and `[[...b]]` at one level.
    RequiredAndOptionalCatchAll,
    /// A static route where an optional catch-all answers too.
    OptionalCatchAllShadows,
    /// A `#[middleware]` pattern the grammar refuses.
    InvalidMiddlewarePattern,
    /// A `#[middleware]` pattern that matches no route or page (a warning).
    MiddlewareMatchesNothing,
}

impl ProblemKind {
    /// Its name in the table's JSON: `duplicate-handler`.
    ///
    /// ```
    /// assert_eq!(approute::routing::ProblemKind::DuplicateHandler.name(), "duplicate-handler");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ProblemKind::InvalidPath => "invalid-path",
            ProblemKind::NoHandlers => "no-handlers",
            ProblemKind::LinkToNoRoute => "link-to-no-route",
            ProblemKind::ParamsDoNotFit => "params-do-not-fit",
            ProblemKind::DuplicateHandler => "duplicate-handler",
            ProblemKind::ShadowedPage => "shadowed-page",
            ProblemKind::DifferentParamNames => "different-param-names",
            ProblemKind::RequiredAndOptionalCatchAll => "required-and-optional-catch-all",
            ProblemKind::OptionalCatchAllShadows => "optional-catch-all-shadows",
            ProblemKind::InvalidMiddlewarePattern => "invalid-middleware-pattern",
            ProblemKind::MiddlewareMatchesNothing => "middleware-matches-nothing",
        }
    }
}

/// Every problem that keeps the registered routes from forming one table.
/// `Display` and `Debug` are the same report (so a `main` that returns it
/// with `?` prints it readably); it converts into an `io::Error` with that
/// text, for a `main` that returns `std::io::Result`.
///
/// ```
/// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
/// use approute::routing::{Conflicts, RouteTable};
///
/// fn table() -> std::io::Result<RouteTable> {
///     Ok(RouteTable::from_registry(Conflicts::Deny)?)
/// }
/// # table().unwrap();
/// ```
#[derive(Clone)]
pub struct RouteError {
    problems: Vec<Problem>,
}

impl RouteError {
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        RouteError { problems }
    }

    /// The problems, in a stable order (by URL, then source location).
    ///
    /// ```
    /// use approute::routing::{Conflicts, RouteTable};
    ///
    /// match RouteTable::from_registry(Conflicts::Deny) {
    ///     Ok(table) => println!("{table}"),
    ///     Err(error) => {
    ///         for problem in error.problems() {
    ///             eprintln!("{}: {}", problem.kind.name(), problem.message);
    ///         }
    ///     }
    /// }
    /// ```
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

impl fmt::Debug for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<RouteError> for std::io::Error {
    fn from(error: RouteError) -> Self {
        std::io::Error::other(error)
    }
}
