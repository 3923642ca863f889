//! Mounts the route table in actix-web as one service. At the root beside
//! the user's services a guard looks the request up in the tree (so
//! unmatched paths fall through to them); under `serve`, where approute's
//! service is the last, and under a scope, the service does (see `mount`).
//! The service runs the handler the lookup chose. What the lookup found
//! stays out of the request's extensions where the request can find it
//! again (`routing::request_route`).

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

use super::answer::{answer_endpoint, fill_match_info};
use super::chains::Chains;
use super::dispatch_future::DispatchFuture;
use super::handover;
use super::resource_map::{container, with_definitions};
use super::stages::Held;
use crate::routing::compiled::Compiled;
use crate::routing::lookup::{lookup, lookup_mounted, Lookup};
use crate::routing::middleware_plan::NO_CHAIN;
use crate::routing::request_route::{MountedTable, Place};
use crate::routing::route_patterns::MountPoint;
use crate::routing::RouteTable;
use crate::url::mount::Mounted;

impl RouteTable {
    /// Mounts the table in an actix-web application, beside the user's own
    /// services: `App::new().configure(|cfg| table.configure(cfg))`.
    ///
    /// ```
    /// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
    /// use actix_web::{web, App};
    /// use approute::routing::{Conflicts, RouteTable};
    ///
    /// let table = RouteTable::from_registry(Conflicts::Deny).unwrap();
    /// let app = App::new().service(web::scope("/api").configure(|cfg| table.configure(cfg)));
    /// # let _ = app;
    /// ```
    pub fn configure(&self, cfg: &mut ServiceConfig) {
        self.mount(cfg, false);
    }

    /// As `configure`, for `serve`'s application, where approute's service
    /// is the last one: nothing after it has a pattern to keep.
    pub(crate) fn configure_last(&self, cfg: &mut ServiceConfig) {
        self.mount(cfg, true);
    }

    /// The service, and the table in the scope's data, where a request
    /// finds its route again (`RouteMatch::of`).
    fn mount(&self, cfg: &mut ServiceConfig, last: bool) {
        let mounted = MountedTable::new(Arc::clone(&self.inner));
        let dispatch = Dispatch {
            table: Arc::clone(&self.inner),
            last,
            place: mounted.place(),
        };
        cfg.app_data(mounted);
        cfg.service(dispatch);
    }

    /// approute's JSON 404, inside the middleware whose patterns match the
    /// path: `serve`'s default service.
    pub(crate) fn not_found(&self) -> DispatchFactory {
        Dispatch::not_found(Arc::clone(&self.inner))
    }
}

pub(crate) struct Dispatch {
    table: Arc<Compiled>,
    /// At the root, whether approute's service is the application's last
    /// (`serve`): then no service after it has a pattern to keep (see
    /// `register_at_root`). Under a scope the same either way.
    last: bool,
    /// Where the table's `MountedTable` says it is mounted: told here.
    place: Rc<Place>,
}

/// At the root, up to this many top-level literals are services of their
/// own. Each costs the requests routed past it one more of actix-web's
/// checks (~200 instructions, BENCHMARKS.md section 1): beyond it, one
/// service for the whole table bounds that cost.
const MAX_TOP_LEVEL_SERVICES: usize = 8;

impl Dispatch {
    /// approute's JSON 404 as `serve`'s default service: the dispatcher
    /// called without a lookup answers 404, inside the middleware whose
    /// patterns match the path.
    pub(crate) fn not_found(table: Arc<Compiled>) -> DispatchFactory {
        DispatchFactory {
            table,
            mount: Mount::NotFound,
            place: Rc::default(),
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
            let split = !self.last && literals_only && nodes.len() <= MAX_TOP_LEVEL_SERVICES;
            let guard = || -> Option<Vec<Box<dyn Guard>>> {
                Some(vec![Box::new(TreeGuard {
                    table: Arc::clone(&table),
                })])
            };
            let factory = |mount| DispatchFactory {
                table: Arc::clone(&table),
                mount,
                place: Rc::clone(&self.place),
            };
            if self.last {
                // Every path is approute's: no guard to pass, the service
                // looks the path up and answers the misses 404 itself.
                let all = ResourceDef::prefix("");
                let nested = container(all.clone(), nodes);
                return config.register_service(all, None, factory(Mount::Last), Some(nested));
            }
            if !split {
                let all = ResourceDef::prefix("");
                let nested = container(all.clone(), nodes);
                return config.register_service(
                    all,
                    guard(),
                    factory(Mount::Guarded),
                    Some(nested),
                );
            }
            for node in nodes {
                let factory = factory(Mount::Guarded);
                config.register_service(node.def.clone(), guard(), factory, node.map());
            }
            let dots = dot_segments();
            let nested = container(dots.clone(), &[]);
            config.register_service(dots, guard(), factory(Mount::Guarded), Some(nested));
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
        self.place.under_a_scope();
        // Under a scope a guard cannot tell where the prefix ends (actix-web
        // gives it no match info), so the service looks the path up itself
        // (as actix-files does), and hands the paths it does not serve to
        // the application's default service. An empty prefix matches every
        // path; the routes are nested below it, for `match_pattern()`.
        let all = ResourceDef::prefix("");
        let nested = with_definitions(&self.table, MountPoint::Scope, |definitions| {
            container(all.clone(), &definitions.nodes)
        });
        let factory = DispatchFactory {
            table: self.table,
            mount: Mount::Scope(config.default_service()),
            place: self.place,
        };
        config.register_service(all, None, factory, Some(nested));
    }
}

/// Who looks a request up, and where a path the table does not serve goes:
/// the factory holds the scope's default service as a factory
/// (`DefaultServiceFactory`), each worker's service the service it made.
enum Mount<Fallback> {
    /// At the root beside the user's services: the guard has looked the
    /// path up, and a miss fell through to the services after approute's.
    Guarded,
    /// At the root, last (`serve`): the service looks the path up, and a
    /// miss is its 404.
    Last,
    /// `serve`'s default service: nothing to look up, a 404.
    NotFound,
    /// Under a scope: the service looks up the rest after the scope's
    /// prefix; a miss goes to the application's default service.
    Scope(Fallback),
}

type DefaultServiceFactory = BoxServiceFactory<(), ServiceRequest, ServiceResponse, Error, ()>;

struct TreeGuard {
    table: Arc<Compiled>,
}

impl Guard for TreeGuard {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        let path = ctx.head().uri.path();
        match lookup(&self.table, path) {
            Some(found) => {
                handover::hand_over(path, found);
                true
            }
            None => {
                handover::clear();
                false
            }
        }
    }
}

pub(crate) struct DispatchFactory {
    table: Arc<Compiled>,
    mount: Mount<Rc<DefaultServiceFactory>>,
    place: Rc<Place>,
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
        let place = Rc::clone(&self.place);
        // Under a scope, the application's default service is made first.
        let mount = match &self.mount {
            Mount::Guarded => Ok(Mount::Guarded),
            Mount::Last => Ok(Mount::Last),
            Mount::NotFound => Ok(Mount::NotFound),
            Mount::Scope(factory) => Err(factory.new_service(())),
        };
        let chains = Chains::build(Arc::clone(&table));
        Box::pin(async move {
            let mount = match mount {
                Ok(mount) => mount,
                Err(default_service) => Mount::Scope(default_service.await?),
            };
            let chains = chains.await?;
            Ok(DispatchService {
                table,
                mount,
                place,
                chains,
            })
        })
    }
}

pub(crate) struct DispatchService {
    table: Arc<Compiled>,
    mount: Mount<BoxService<ServiceRequest, ServiceResponse, Error>>,
    /// Where the table is mounted, as a request finds its route again.
    place: Rc<Place>,
    /// The middleware chains, assembled for this worker.
    chains: Chains,
}

impl Service<ServiceRequest> for DispatchService {
    type Response = ServiceResponse;
    type Error = Error;
    type Future = DispatchFuture;

    actix_web::dev::always_ready!();

    fn call(&self, mut req: ServiceRequest) -> Self::Future {
        let mut at_mount_point = false;
        let found = match &self.mount {
            Mount::Guarded => {
                // At the root, actix-web routed to a prefix of the route
                // (`/comments`, see `register_at_root`) and counted it as
                // matched: the table's mount is still the root
                // (`mount_prefix`), and the prefix's own parameter (`dots`)
                // is not the route's.
                req.match_info_mut().reset();
                handover::take(req.path()).or_else(|| lookup(&self.table, req.path()))
            }
            Mount::NotFound => None,
            // A miss is the 404 below.
            Mount::Last => lookup(&self.table, req.path()),
            Mount::Scope(fallback) => {
                let mounted = Mounted::of(&req);
                self.place.saw(mounted.prefix);
                at_mount_point = mounted.path.is_empty();
                match lookup_mounted(&self.table, &mounted) {
                    Some(found) => Some(found),
                    None => return DispatchFuture::Service(fallback.call(req)),
                }
            }
        };
        let chain = match found {
            Some(Lookup::Found(found)) => {
                let endpoint = found.endpoint;
                fill_match_info(&mut req, &found);
                let chain = self.table.endpoints[endpoint].chain;
                let behind_middleware = chain != NO_CHAIN;
                self.place
                    .keep_if_needed(&mut req, found, behind_middleware, at_mount_point);
                if !behind_middleware {
                    // The common case, straight to the handler.
                    return answer_endpoint(&self.table, req, endpoint, Held::Inline);
                }
                chain
            }
            // A redirect or a 400, answered at the end of the path's chain.
            Some(Lookup::Detour(detour)) => {
                req.extensions_mut().insert(detour);
                self.table.middleware.path_chain
            }
            // As `serve`'s service or its default service, a 404.
            None => self.table.middleware.path_chain,
        };
        self.chains.call(chain, req)
    }
}
