//! The macros take the items users write: `#[cfg]` and `#[cfg_attr]` on a
//! handler decide whether it is registered, and a `#[deprecated]` handler is
//! registered without a warning from generated code (denied here); handlers
//! may be the associated functions of an `impl`.
#![deny(deprecated)]

use actix_web::http::StatusCode;
use actix_web::{test as actix_test, App};
use approute::prelude::*;
use approute::routing::Method;

#[route("/items")]
mod items {
    pub async fn GET() -> &'static str {
        "list"
    }

    #[cfg(any())]
    pub async fn DELETE() -> &'static str {
        "never compiled"
    }

    #[cfg_attr(test, cfg(any()))]
    pub async fn PUT() -> &'static str {
        "never compiled either"
    }

    #[cfg(test)]
    pub async fn POST() -> &'static str {
        "created"
    }

    #[deprecated(note = "use POST")]
    pub async fn PATCH() -> &'static str {
        "patched"
    }

    // One definition per configuration is not a duplicate.
    #[cfg(test)]
    pub async fn OPTIONS() -> &'static str {
        "options on"
    }

    #[cfg(not(test))]
    pub async fn OPTIONS() -> &'static str {
        "options off"
    }
}

mod old {
    use approute::prelude::*;

    #[route("/old")]
    #[deprecated]
    async fn GET() -> &'static str {
        "still served"
    }
}

#[route("/old-by-cfg")]
mod old_by_cfg {

    // Deprecated only in some builds; `#![deny(deprecated)]` above makes a
    // warning from the generated registration a build error.
    #[cfg_attr(all(), deprecated)]
    pub async fn PUT() -> &'static str {
        "deprecated by cfg_attr"
    }

    #[cfg_attr(all(), cfg_attr(all(), deprecated = "nested"))]
    pub async fn DELETE() -> &'static str {
        "deprecated by a nested cfg_attr"
    }
}

/// An extractor named after a path parameter is not the "bare parameter"
/// mistake: `web::Path` reads it, and so does an `Option` of it; both
/// compile and serve.
mod by_path {
    use approute::prelude::*;

    #[route("/by-path/[id]")]
    async fn GET(id: actix_web::web::Path<u32>) -> String {
        format!("id {id}")
    }

    #[route("/by-optional-path/[id]")]
    async fn POST(id: Option<actix_web::web::Path<u32>>) -> String {
        format!("id {:?}", id.map(|id| id.into_inner()))
    }
}

/// Handlers as associated functions: `#[route]` on the `impl` registers
/// each verb-named one as `<Notes>::GET`; other functions are helpers.
pub struct Notes;

#[route("/notes/[id]")]
impl Notes {
    fn prefix() -> &'static str {
        "note"
    }

    pub async fn GET(Params(id): Params<u32>) -> String {
        format!("{} {id}", Self::prefix())
    }

    #[cfg(any())]
    pub async fn DELETE() -> &'static str {
        "never compiled"
    }

    #[deprecated]
    pub async fn PUT() -> &'static str {
        "put"
    }
}

#[test]
fn only_the_compiled_handlers_are_registered() {
    let table = approute::routes().unwrap();
    let methods: Vec<(String, Method)> = table
        .entries()
        .map(|entry| (entry.url, entry.method))
        .collect();
    let expected = [
        ("/by-optional-path/[id]", Method::POST),
        ("/by-path/[id]", Method::GET),
        ("/items", Method::GET),
        ("/items", Method::OPTIONS),
        ("/items", Method::PATCH),
        ("/items", Method::POST),
        ("/notes/[id]", Method::GET),
        ("/notes/[id]", Method::PUT),
        ("/old", Method::GET),
        ("/old-by-cfg", Method::DELETE),
        ("/old-by-cfg", Method::PUT),
    ];
    let expected: Vec<(String, Method)> = expected
        .iter()
        .map(|(url, method)| (url.to_string(), *method))
        .collect();
    assert_eq!(methods, expected);
}

#[actix_web::test]
async fn configured_out_handlers_answer_405() {
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let request = actix_test::TestRequest::get()
        .uri("/by-path/7")
        .to_request();
    assert_eq!(actix_test::call_and_read_body(&app, request).await, "id 7");
    let request = actix_test::TestRequest::post()
        .uri("/by-optional-path/8")
        .to_request();
    assert_eq!(
        actix_test::call_and_read_body(&app, request).await,
        "id Some(8)"
    );
    let request = actix_test::TestRequest::get().uri("/notes/3").to_request();
    assert_eq!(
        actix_test::call_and_read_body(&app, request).await,
        "note 3"
    );
    let request = actix_test::TestRequest::delete()
        .uri("/notes/3")
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    for (method, status, body) in [
        ("DELETE", StatusCode::METHOD_NOT_ALLOWED, None),
        ("PUT", StatusCode::METHOD_NOT_ALLOWED, None),
        ("PATCH", StatusCode::OK, Some("patched")),
        ("OPTIONS", StatusCode::OK, Some("options on")),
    ] {
        let request = actix_test::TestRequest::default()
            .method(method.parse().unwrap())
            .uri("/items")
            .to_request();
        let response = actix_test::call_service(&app, request).await;
        assert_eq!(response.status(), status, "{method}");
        let text = actix_test::read_body(response).await;
        if let Some(body) = body {
            assert_eq!(text, body, "{method}");
        }
    }
}
