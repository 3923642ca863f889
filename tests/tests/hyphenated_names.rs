//! Parameter names as Next.js apps write folders: `[product-id]`. In Rust
//! it is `product_id` (a `Params<T>` field, a `web::Path<T>` field, an
//! `href!` key); the URL pattern, the listing and OpenAPI keep `product-id`.

use actix_web::{test as actix_test, web, App};
use approute::prelude::*;
use serde::Deserialize;

#[derive(Deserialize, approute::openapi::utoipa::ToSchema)]
struct Product {
    product_id: u32,
    #[serde(rename = "variant")]
    kind: String,
}

#[route("/shops/[shop-name]/products/[product-id]/[variant]")]
async fn GET(Params(product): Params<Product>, path: web::Path<Product>) -> String {
    format!(
        "{} {} / {} {}",
        product.product_id, product.kind, path.product_id, path.kind
    )
}

#[route("/docs/[...doc-path]")]
mod docs {
    use approute::prelude::*;
    pub async fn GET(Params(path): Params<Vec<String>>) -> String {
        path.join("|")
    }
}

#[actix_web::test]
async fn a_hyphenated_name_binds_its_rust_name() {
    let app = actix_test::init_service(App::new().configure(approute::configure)).await;
    let uri = href!(
        "/shops/[shop-name]/products/[product-id]/[variant]",
        shop_name = "corner",
        product_id = 7,
        variant = "red"
    );
    assert_eq!(uri, "/shops/corner/products/7/red");
    let request = actix_test::TestRequest::get().uri(&uri).to_request();
    let body = actix_test::call_and_read_body(&app, request).await;
    assert_eq!(body, "7 red / 7 red");
    let uri = href!("/docs/[...doc-path]", doc_path = ["a", "b"]);
    let request = actix_test::TestRequest::get().uri(&uri).to_request();
    assert_eq!(actix_test::call_and_read_body(&app, request).await, "a|b");
    // A value that does not parse is named as the URL writes it.
    let request = actix_test::TestRequest::get()
        .uri("/shops/corner/products/x/red")
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    assert_eq!(response.status(), 404);
    let body = actix_test::read_body(response).await;
    assert!(
        std::str::from_utf8(&body)
            .unwrap()
            .contains("path parameter `product-id`"),
        "{body:?}"
    );
}

#[test]
fn the_listing_and_openapi_keep_the_name_as_written() {
    let table = approute::routes().unwrap();
    assert!(table
        .to_string()
        .contains("/shops/[shop-name]/products/[product-id]/[variant]"));
    let document = serde_json::to_value(table.openapi()).unwrap();
    let operation = &document["paths"]["/shops/{shop-name}/products/{product-id}/{variant}"]["get"];
    let names: Vec<&str> = operation["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|parameter| parameter["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["shop-name", "product-id", "variant"]);
    // `product-id`'s schema is the struct field `product_id`'s.
    assert_eq!(
        operation["parameters"][1]["schema"]["type"], "integer",
        "{operation:#}"
    );
}
