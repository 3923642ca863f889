use approute::prelude::*;

#[middleware("/dashboard")]
fn not_async(req: ServiceRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
    let _ = next;
    Ok(req.into_response(HttpResponse::Ok().finish()))
}

#[middleware("/dashboard")]
async fn one_argument(req: ServiceRequest) -> Result<ServiceResponse<BoxBody>, Error> {
    Ok(req.into_response(HttpResponse::Ok().finish()))
}

#[middleware("/dashboard")]
async fn generic_next(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<BoxBody>, Error> {
    let _ = next;
    Ok(req.into_response(HttpResponse::Ok().finish()))
}

#[middleware("/dashboard")]
async fn generic<B: MessageBody>(req: ServiceRequest, next: Next<B>) -> Result<ServiceResponse<B>, Error> {
    next.call(req).await
}

fn main() {}
