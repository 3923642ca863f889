//! What the macros submit, one `Registration` per handler, gathered by `inventory`.

use std::fmt;

/// A route handler (`#[route]`) or a page (`#[page]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A route handler: answers its own HTTP method and wins over a page.
    Route,
    /// A page: answers GET (and HEAD) where no route handler does.
    Page,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so that the listing's column width applies.
        f.pad(match self {
            Kind::Route => "route",
            Kind::Page => "page",
        })
    }
}

/// The HTTP methods a handler can be named after, in `Allow` header order.
#[allow(clippy::upper_case_acronyms)] // Named exactly as the handlers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    DELETE,
    GET,
    HEAD,
    OPTIONS,
    PATCH,
    POST,
    PUT,
}

impl Method {
    /// Every method, in alphabetical (`Allow` header) order.
    pub const ALL: [Method; 7] = [
        Method::DELETE,
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::PATCH,
        Method::POST,
        Method::PUT,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::DELETE => "DELETE",
            Method::GET => "GET",
            Method::HEAD => "HEAD",
            Method::OPTIONS => "OPTIONS",
            Method::PATCH => "PATCH",
            Method::POST => "POST",
            Method::PUT => "PUT",
        }
    }

    pub(crate) fn from_http(method: &actix_web::http::Method) -> Option<Method> {
        Method::ALL
            .into_iter()
            .find(|candidate| candidate.as_str() == method.as_str())
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Where a handler is written, as recorded by the macro.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    pub file: &'static str,
    pub line: u32,
    pub module_path: &'static str,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One handler, as submitted by `#[route]` or `#[page]`.
///
/// Not normally written by hand; public so that tests and tools can build a
/// [`RouteTable`](crate::RouteTable) from an explicit list.
#[derive(Debug)]
pub struct Registration {
    pub kind: Kind,
    pub method: Method,
    /// The path as written in the attribute, route groups included.
    pub path: &'static str,
    /// Builds the actix-web route that runs the handler (once per worker).
    pub handler: fn() -> actix_web::Route,
    pub location: Location,
    /// One check per `Params<T>` argument: whether `T` fits the route's
    /// parameters, run when the table is built.
    pub params: &'static [ParamsCheck],
}

/// Whether a handler's `Params<T>` fits the route's parameters (stand-in
/// values, one per parameter in path order); the mismatch in words if not.
pub type ParamsCheck = fn(&[(&'static str, crate::ParamValue)]) -> Result<(), String>;

impl Registration {
    /// A registration made at run time (generated route sets in tests,
    /// benchmarks and tools), located at the caller. It is leaked: a
    /// registration lives as long as the process, like the macros' statics.
    #[track_caller]
    pub fn leaked(
        kind: Kind,
        method: Method,
        path: String,
        handler: fn() -> actix_web::Route,
    ) -> &'static Registration {
        let caller = std::panic::Location::caller();
        Box::leak(Box::new(Registration {
            kind,
            method,
            path: Box::leak(path.into_boxed_str()),
            handler,
            location: Location {
                file: caller.file(),
                line: caller.line(),
                module_path: "",
            },
            params: &[],
        }))
    }
}

inventory::collect!(Registration);

/// Every handler linked into this binary, in link order.
pub(crate) fn registered() -> Vec<&'static Registration> {
    inventory::iter::<Registration>.into_iter().collect()
}
