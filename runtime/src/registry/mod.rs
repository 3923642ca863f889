//! What the macros submit, gathered by `inventory` at start-up: one
//! registration per route handler or page (`route`), per `#[middleware]`
//! function (`middleware`) and per `href!` (`link`). Data only, sealed: how a
//! handler or a middleware is called belongs to the service layer.

pub(crate) mod link;
pub(crate) mod middleware;
pub(crate) mod route;

pub(crate) use link::LinkRegistration;
pub(crate) use middleware::MiddlewareRegistration;
pub(crate) use route::Registration;

inventory::collect!(Registration);
inventory::collect!(MiddlewareRegistration);
inventory::collect!(LinkRegistration);

/// Every handler linked into this binary, in link order.
pub(crate) fn routes() -> Vec<&'static Registration> {
    inventory::iter::<Registration>.into_iter().collect()
}

/// Every middleware linked into this binary, in link order.
pub(crate) fn middleware() -> Vec<&'static MiddlewareRegistration> {
    inventory::iter::<MiddlewareRegistration>
        .into_iter()
        .collect()
}

/// Every `href!` linked into this binary.
pub(crate) fn links() -> Vec<&'static LinkRegistration> {
    inventory::iter::<LinkRegistration>.into_iter().collect()
}
