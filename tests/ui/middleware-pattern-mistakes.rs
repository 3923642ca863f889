use approute::prelude::*;

#[middleware("/dashboard/[id", "/(admin)/users", "/a", "/a", "dashboard")]
async fn require_login(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
    next.call(req).await
}

#[middleware(dashboard)]
async fn not_a_string(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
    next.call(req).await
}

fn main() {}
