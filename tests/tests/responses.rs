//! Response helpers: `see_other` answers 303 (the browser follows with a
//! GET), and a cookie added without a path is set at `Path=/`.

use actix_web::http::StatusCode;
use actix_web::{test as actix_test, App};
use approute::prelude::*;

#[route("/api/logout")]
async fn POST(cookies: Cookies) -> Result<HttpResponse, Error> {
    cookies.add(
        Cookie::build("session", "")
            .max_age(Duration::ZERO)
            .finish(),
    )?;
    cookies.add(Cookie::build("scoped", "1").path("/api").finish())?;
    cookies.add_partitioned(Cookie::build("embed", "1").secure(true).finish())?;
    Ok(see_other("/login?bye=1"))
}

#[actix_web::test]
async fn a_post_that_redirects_answers_303_with_the_url_as_given() {
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let request = actix_test::TestRequest::post()
        .uri("/api/logout")
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers().get("location").unwrap(), "/login?bye=1");
    let cookies: Vec<&str> = response
        .headers()
        .get_all("set-cookie")
        .map(|value| value.to_str().unwrap())
        .collect();
    assert_eq!(
        cookies,
        [
            "session=; Path=/; Max-Age=0",
            "scoped=1; Path=/api",
            "embed=1; Secure; Path=/; Partitioned",
        ]
    );
}
