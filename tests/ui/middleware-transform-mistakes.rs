use approute::prelude::*;

// Returns nothing: which middleware?
#[middleware("/admin/[[...rest]]")]
fn returns_nothing() {}

// Generic: one middleware per function.
#[middleware("/admin/[[...rest]]")]
fn generic<T: Default>() -> impl RouteTransform {
    actix_web::middleware::Logger::default()
}

// Not an actix-web middleware.
#[middleware("/admin/[[...rest]]")]
fn not_a_transform() -> String {
    String::new()
}

fn main() {}
