use approute::prelude::*;

#[middleware("/a", rank = 2, order = "1", order = 3)]
async fn keys(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
    next.call(req).await
}

#[middleware(order = 1, "/a")]
async fn pattern_after_key(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
    next.call(req).await
}

#[middleware(order = 3000000000)]
async fn too_large(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
    next.call(req).await
}

fn main() {}
