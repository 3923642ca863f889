//! Mounts the route table in actix-web as one service. At the root a guard
//! looks the request up in the tree (so unmatched paths fall through to the
//! user's own services); under a scope the service does (see `mount`). The
//! service runs the handler the lookup chose.

use std::rc::Rc;
use std::sync::Arc;

use actix_service::boxed::{BoxService, BoxServiceFactory};

use actix_web::dev::{
    AppService, HttpServiceFactory, ResourceDef, Service, ServiceFactory, ServiceRequest,
    ServiceResponse,
};
use actix_web::guard::{Guard, GuardContext};
use actix_web::{Error, HttpMessage};
use futures_util::future::LocalBoxFuture;

use actix_web::web::ServiceConfig;

use super::answer::answer_endpoint;
use super::chains::Chains;
use super::dispatch_future::DispatchFuture;
use crate::routing::compiled::Compiled;
use crate::routing::lookup::{lookup, lookup_mounted, Lookup};
use crate::routing::middleware_plan::NO_CHAIN;
use crate::routing::{RouteMatch, RouteTable};
use crate::url::mount::Mounted;

impl RouteTable {
    /// Mounts the table in an actix-web application, beside the user's own
    /// services: `App::new().configure(|cfg| table.configure(cfg))`.
    pub fn configure(&self, cfg: &mut ServiceConfig) {
        cfg.service(Dispatch::new(Arc::clone(&self.inner)));
    }

    /// approute's JSON 404, inside the middleware whose patterns match the
    /// path: `serve`'s default service.
    pub(crate) fn not_found(&self) -> DispatchFactory {
        Dispatch::not_found(Arc::clone(&self.inner))
    }
}

pub(crate) struct Dispatch {
    table: Arc<Compiled>,
}

impl Dispatch {
    pub(crate) fn new(table: Arc<Compiled>) -> Self {
        Dispatch { table }
    }

    /// approute's JSON 404 as `serve`'s default service: the dispatcher
    /// called without a lookup answers 404, inside the middleware whose
    /// patterns match the path.
    pub(crate) fn not_found(table: Arc<Compiled>) -> DispatchFactory {
        DispatchFactory {
            table,
            mount: Mount::Root,
        }
    }
}

impl HttpServiceFactory for Dispatch {
    fn register(self, config: &mut AppService) {
        let (guards, mount): (Option<Vec<Box<dyn Guard>>>, _) = if config.is_root() {
            // At the root the guard looks the path up, so that paths without a
            // route fall through to the services registered after approute.
            let guard = TreeGuard {
                table: Arc::clone(&self.table),
            };
            (Some(vec![Box::new(guard)]), Mount::Root)
        } else {
            // Under a scope a guard cannot tell where the prefix ends
            // (actix-web gives it no match info), so the service looks the
            // path up itself (as actix-files does), and hands the paths it
            // does not serve to the application's default service.
            (None, Mount::Scope(config.default_service()))
        };
        // An empty prefix matches every path; the guard or the service decides.
        config.register_service(
            ResourceDef::prefix(""),
            guards,
            DispatchFactory {
                table: self.table,
                mount,
            },
            None,
        );
    }
}

/// Where the table is mounted, and under a scope the application's default
/// service, for the paths the table does not serve.
enum Mount {
    Root,
    Scope(Rc<DefaultServiceFactory>),
}

type DefaultServiceFactory = BoxServiceFactory<(), ServiceRequest, ServiceResponse, Error, ()>;

struct TreeGuard {
    table: Arc<Compiled>,
}

impl Guard for TreeGuard {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        match lookup(&self.table, ctx.head().uri.path()) {
            Some(Lookup::Found(found)) => {
                ctx.req_data_mut().insert(found);
                true
            }
            Some(Lookup::Detour(detour)) => {
                ctx.req_data_mut().insert(detour);
                true
            }
            None => false,
        }
    }
}

pub(crate) struct DispatchFactory {
    table: Arc<Compiled>,
    mount: Mount,
}

impl ServiceFactory<ServiceRequest> for DispatchFactory {
    type Response = ServiceResponse;
    type Error = Error;
    type Config = ();
    type Service = DispatchService;
    type InitError = ();
    type Future = LocalBoxFuture<'static, Result<DispatchService, ()>>;

    fn new_service(&self, _: ()) -> Self::Future {
        let table = Arc::clone(&self.table);
        let default_service = match &self.mount {
            Mount::Root => None,
            Mount::Scope(factory) => Some(factory.new_service(())),
        };
        let chains = Chains::build(Arc::clone(&table));
        Box::pin(async move {
            let fallback = match default_service {
                Some(service) => Some(service.await?),
                None => None,
            };
            let chains = chains.await?;
            Ok(DispatchService {
                table,
                fallback,
                chains,
            })
        })
    }
}

pub(crate) struct DispatchService {
    table: Arc<Compiled>,
    /// Under a scope, the application's default service: the paths this
    /// table does not serve go there.
    fallback: Option<BoxService<ServiceRequest, ServiceResponse, Error>>,
    /// The middleware chains, assembled for this worker.
    chains: Chains,
}

impl Service<ServiceRequest> for DispatchService {
    type Response = ServiceResponse;
    type Error = Error;
    type Future = DispatchFuture;

    actix_web::dev::always_ready!();

    fn call(&self, req: ServiceRequest) -> Self::Future {
        if let Some(fallback) = &self.fallback {
            match lookup_mounted(&self.table, &Mounted::of(&req)) {
                Some(Lookup::Found(found)) => {
                    req.extensions_mut().insert(found);
                }
                Some(Lookup::Detour(detour)) => {
                    req.extensions_mut().insert(detour);
                }
                None => return DispatchFuture::Service(fallback.call(req)),
            }
        }
        let found = req
            .extensions()
            .get::<RouteMatch>()
            .map(|found| (found.endpoint, found.params.len()));
        let chain = match found {
            Some((endpoint, param_count)) => {
                let chain = self.table.endpoints[endpoint].chain;
                if chain == NO_CHAIN {
                    // The common case, straight to the handler.
                    return answer_endpoint(&self.table, req, endpoint, param_count);
                }
                chain
            }
            // A redirect or a 400 (the guard or the lookup above left a
            // `Detour`), or, as `serve`'s default service, a 404.
            None => self.table.middleware.path_chain,
        };
        self.chains.call(chain, req)
    }
}
