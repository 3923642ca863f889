use approute::prelude::*;

#[middleware("/dashboard")]
async fn takes_a_request(req: HttpRequest, next: Next<BoxBody>) -> Result<ServiceResponse<BoxBody>, Error> {
    let _ = (req, next);
    todo!()
}

#[middleware("/dashboard")]
async fn returns_a_response(req: ServiceRequest, next: Next<BoxBody>) -> HttpResponse {
    let _ = (req, next);
    HttpResponse::Ok().finish()
}

fn main() {}
