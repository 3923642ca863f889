//! The middleware chains of one worker, assembled when the worker starts:
//! each chain wraps the dispatcher's answer in actix-web `from_fn` services,
//! outermost first; a link that covers only some of a route's paths checks
//! the request path and otherwise goes straight to the next one.

use std::rc::Rc;
use std::sync::Arc;

use actix_service::boxed::{self, BoxFuture};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::Error;
use futures_util::future::LocalBoxFuture;

use super::registry::ChainService;
use crate::routing::answer::answer;
use crate::routing::compiled::Compiled;
use crate::routing::handler_future::DispatchFuture;
use crate::routing::mount::Mounted;

/// One worker's chains, by the plan's chain index; `None` for the empty
/// chain (the dispatcher answers directly).
pub(crate) struct Chains {
    table: Arc<Compiled>,
    services: Vec<Option<ChainService>>,
}

impl Chains {
    pub(crate) fn build(table: Arc<Compiled>) -> LocalBoxFuture<'static, Result<Chains, ()>> {
        Box::pin(async move {
            let terminal: ChainService = boxed::rc_service(Answer(Arc::clone(&table)));
            let plan = &table.middleware;
            let mut services = Vec::with_capacity(plan.chains.len());
            for chain in &plan.chains {
                if chain.is_empty() {
                    services.push(None);
                    continue;
                }
                let mut service = Rc::clone(&terminal);
                for link in chain.iter().rev() {
                    let wrapped = plan.middleware[link.middleware]
                        .wrap(Rc::clone(&service))
                        .await?;
                    service = if link.always {
                        wrapped
                    } else {
                        Rc::new(IfPathMatches {
                            table: Arc::clone(&table),
                            middleware: link.middleware,
                            then: wrapped,
                            otherwise: service,
                        })
                    };
                }
                services.push(Some(service));
            }
            Ok(Chains { table, services })
        })
    }

    /// Runs chain `chain` for the request, whose lookup is in its extensions.
    pub(crate) fn call(&self, chain: usize, req: ServiceRequest) -> DispatchFuture {
        match &self.services[chain] {
            Some(service) => DispatchFuture::Service(service.call(req)),
            None => answer(&self.table, req),
        }
    }
}

/// The end of every chain: what the dispatcher answers.
struct Answer(Arc<Compiled>);

impl Service<ServiceRequest> for Answer {
    type Response = ServiceResponse;
    type Error = Error;
    type Future = DispatchFuture;

    actix_web::dev::always_ready!();

    fn call(&self, req: ServiceRequest) -> Self::Future {
        answer(&self.0, req)
    }
}

/// A link whose middleware covers only some of the route's paths.
struct IfPathMatches {
    table: Arc<Compiled>,
    middleware: usize,
    then: ChainService,
    otherwise: ChainService,
}

impl Service<ServiceRequest> for IfPathMatches {
    type Response = ServiceResponse;
    type Error = Error;
    type Future = BoxFuture<Result<ServiceResponse, Error>>;

    actix_web::dev::always_ready!();

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let patterns = &self.table.middleware.patterns[self.middleware];
        let path = Mounted::of(&req).path;
        let matches = patterns.is_empty() || patterns.iter().any(|pattern| pattern.matches(path));
        if matches {
            self.then.call(req)
        } else {
            self.otherwise.call(req)
        }
    }
}
