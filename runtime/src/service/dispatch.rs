//! Mounts the route table in actix-web as one service. At the root beside
//! the user's services a guard looks the request up in the tree (so
//! unmatched paths fall through to them); under `serve`, where approute's
//! service is the last, and under a scope, the service does (see `mount`).
//! The service runs the handler the lookup chose.

use std::rc::Rc;
use std::sync::{Arc, OnceLock};

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
use super::resource_map::{container, with_definitions};
use super::stages::Held;
use crate::routing::compiled::Compiled;
use crate::routing::lookup::{lookup, lookup_mounted, Lookup};
use crate::routing::middleware_plan::NO_CHAIN;
use crate::routing::route_patterns::MountPoint;
use crate::routing::{RouteMatch, RouteTable};
use crate::url::mount::Mounted;

impl RouteTable {
    /// Mounts the table in an actix-web application, beside the user's own
    /// services: `App::new().configure(|cfg| table.configure(cfg))`.
    pub fn configure(&self, cfg: &mut ServiceConfig) {
        cfg.service(Dispatch::new(Arc::clone(&self.inner), Beside::Others));
    }

    /// As `configure`, for `serve`'s application, where approute's service
    /// is the last one: nothing after it has a pattern to keep.
    pub(crate) fn configure_last(&self, cfg: &mut ServiceConfig) {
        cfg.service(Dispatch::new(Arc::clone(&self.inner), Beside::Nothing));
    }

    /// approute's JSON 404, inside the middleware whose patterns match the
    /// path: `serve`'s default service.
    pub(crate) fn not_found(&self) -> DispatchFactory {
        Dispatch::not_found(Arc::clone(&self.inner))
    }
}

pub(crate) struct Dispatch {
    table: Arc<Compiled>,
    beside: Beside,
}

/// Whether services the user registers after approute's share the root:
/// their patterns must stay theirs (see `register_at_root`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Beside {
    Others,
    Nothing,
}

/// At the root, up to this many top-level literals are services of their
/// own. Each costs the requests routed past it one more of actix-web's
/// checks (~200 instructions, BENCHMARKS.md section 8): beyond it, one
/// service for the whole table bounds that cost.
const MAX_TOP_LEVEL_SERVICES: usize = 8;

impl Dispatch {
    pub(crate) fn new(table: Arc<Compiled>, beside: Beside) -> Self {
        Dispatch { table, beside }
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

    /// At the root a guard looks the path up, so that paths without a route
    /// fall through to the services registered after approute's.
    ///
    /// `match_pattern()` reads actix-web's `ResourceMap`, which never looks
    /// past a prefix that matched: one service with the prefix `""` would
    /// leave every service after it unmatched. So, where the top level is a
    /// few literals, each is a service of its own (`/comments`, `/hello`,
    /// the root route `/`), with its routes nested, and a last one takes
    /// the paths with dot segments, which approute may redirect.
    fn register_at_root(self, config: &mut AppService) {
        let table = self.table;
        with_definitions(&table, MountPoint::Root, |definitions| {
            let nodes = &definitions.nodes;
            let literals_only = nodes
                .iter()
                .all(|node| node.is_literal_prefix() || node.def.pattern() == Some("/"));
            let split = self.beside == Beside::Others
                && literals_only
                && nodes.len() <= MAX_TOP_LEVEL_SERVICES;
            let guard = || -> Option<Vec<Box<dyn Guard>>> {
                Some(vec![Box::new(TreeGuard {
                    table: Arc::clone(&table),
                })])
            };
            let factory = || DispatchFactory {
                table: Arc::clone(&table),
                mount: Mount::Root,
            };
            if self.beside == Beside::Nothing {
                // Every path is approute's: no guard to pass, the service
                // looks the path up and answers the misses 404 itself.
                let all = ResourceDef::prefix("");
                let nested = container(all.clone(), nodes);
                let owned = DispatchFactory {
                    table: Arc::clone(&table),
                    mount: Mount::Owned,
                };
                return config.register_service(all, None, owned, Some(nested));
            }
            if !split {
                let all = ResourceDef::prefix("");
                let nested = container(all.clone(), nodes);
                return config.register_service(all, guard(), factory(), Some(nested));
            }
            for node in nodes {
                config.register_service(node.def.clone(), guard(), factory(), node.map());
            }
            let dots = dot_segments();
            let nested = container(dots.clone(), &[]);
            config.register_service(dots, guard(), factory(), Some(nested));
        })
    }
}

/// Paths with a dot segment (`/./comments`, `/elsewhere/../comments`):
/// approute redirects them where the resolved path has a route, whatever
/// their first segment. (actix-web has decoded `%2e` here.) A prefix with
/// no routes below it, so they read as unmatched.
fn dot_segments() -> ResourceDef {
    static DOTS: OnceLock<ResourceDef> = OnceLock::new();
    DOTS.get_or_init(|| ResourceDef::prefix(r"/{dots:(?:.*/)?\.\.?(?:/.*)?}"))
        .clone()
}

impl HttpServiceFactory for Dispatch {
    fn register(self, config: &mut AppService) {
        if config.is_root() {
            return self.register_at_root(config);
        }
        // Under a scope a guard cannot tell where the prefix ends (actix-web
        // gives it no match info), so the service looks the path up itself
        // (as actix-files does), and hands the paths it does not serve to
        // the application's default service. An empty prefix matches every
        // path; the routes are nested below it, for `match_pattern()`.
        let all = ResourceDef::prefix("");
        let nested = with_definitions(&self.table, MountPoint::Scope, |definitions| {
            container(all.clone(), &definitions.nodes)
        });
        let mount = Mount::Scope(config.default_service());
        config.register_service(
            all,
            None,
            DispatchFactory {
                table: self.table,
                mount,
            },
            Some(nested),
        );
    }
}

/// Where the table is mounted, and under a scope the application's default
/// service, for the paths the table does not serve.
enum Mount {
    /// Beside the user's services: the guard has looked the path up.
    Root,
    /// Last at the root (`serve`): the service looks the path up, and a
    /// miss is its 404.
    Owned,
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

/// Keeps what a lookup found in the request's extensions, for the answer
/// and the handler's extractors, and says which endpoint it is (`None` for
/// a `Detour`, whose answer the path's chain reaches).
#[inline]
fn keep(req: &mut ServiceRequest, found: Lookup) -> Option<(usize, usize)> {
    match found {
        Lookup::Found(found) => {
            let endpoint = (found.endpoint, found.params.len());
            req.extensions_mut().insert(found);
            Some(endpoint)
        }
        Lookup::Detour(detour) => {
            req.extensions_mut().insert(detour);
            None
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
            Mount::Root | Mount::Owned => None,
            Mount::Scope(factory) => Some(factory.new_service(())),
        };
        let owned = matches!(self.mount, Mount::Owned);
        let chains = Chains::build(Arc::clone(&table));
        Box::pin(async move {
            let finds = match default_service {
                Some(service) => Finds::Mounted(service.await?),
                None if owned => Finds::Owned,
                None => Finds::Guarded,
            };
            let chains = chains.await?;
            Ok(DispatchService {
                table,
                finds,
                chains,
            })
        })
    }
}

pub(crate) struct DispatchService {
    table: Arc<Compiled>,
    finds: Finds,
    /// The middleware chains, assembled for this worker.
    chains: Chains,
}

/// Who looks a request up for this worker's service (see `Mount`).
enum Finds {
    /// The guard did, at the root beside the user's services (and nobody,
    /// for `serve`'s default service: its 404).
    Guarded,
    /// The service, mounted last at the root (`serve`): a miss is its 404.
    Owned,
    /// The service, under a scope; the paths the table does not serve go
    /// to the application's default service.
    Mounted(BoxService<ServiceRequest, ServiceResponse, Error>),
}

impl Service<ServiceRequest> for DispatchService {
    type Response = ServiceResponse;
    type Error = Error;
    type Future = DispatchFuture;

    actix_web::dev::always_ready!();

    fn call(&self, mut req: ServiceRequest) -> Self::Future {
        let found = match &self.finds {
            Finds::Guarded => {
                // At the root, actix-web routed to a prefix of the route
                // (`/comments`, see `register_at_root`) and counted it as
                // matched: the table's mount is still the root
                // (`mount_prefix`), and the prefix's own parameter (`dots`)
                // is not the route's.
                req.match_info_mut().reset();
                req.extensions()
                    .get::<RouteMatch>()
                    .map(|found| (found.endpoint, found.params.len()))
            }
            // A miss leaves neither extension: the 404 below.
            Finds::Owned => lookup(&self.table, req.path()).and_then(|found| keep(&mut req, found)),
            Finds::Mounted(fallback) => match lookup_mounted(&self.table, &Mounted::of(&req)) {
                Some(found) => keep(&mut req, found),
                None => return DispatchFuture::Service(fallback.call(req)),
            },
        };
        let chain = match found {
            Some((endpoint, param_count)) => {
                let chain = self.table.endpoints[endpoint].chain;
                if chain == NO_CHAIN {
                    // The common case, straight to the handler.
                    return answer_endpoint(&self.table, req, endpoint, param_count, Held::Inline);
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
