//! The example's OpenAPI document, served at `/openapi.json` over a real
//! socket: valid for an independent validator (where `.ci/run` installed
//! one), the same paths as the route table, and the tutorial's types.

mod support;

use std::collections::BTreeSet;

use serde_json::Value;
use support::{get, start_default};

/// `METHOD /path/{param}` for each operation of the document.
fn operations(document: &Value) -> BTreeSet<String> {
    let paths = document["paths"].as_object().expect("paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            let methods = item.as_object().expect("a path item");
            methods
                .keys()
                .map(move |method| format!("{} {path}", method.to_uppercase()))
        })
        .collect()
}

/// `METHOD /path/{param}` for each handler of the route table (the example
/// has no optional catch-all, which would be two paths).
fn table_operations() -> BTreeSet<String> {
    let table = approute::routes().expect("the example's routes build");
    table
        .entries()
        // OpenAPI cannot describe a WebSocket upgrade: the live feed is left out.
        .filter(|entry| !entry.shadowed && !entry.websocket)
        .map(|entry| {
            let url = entry.url.replace('[', "{").replace(']', "}");
            assert!(!url.contains("{..."), "catch-alls: {url}");
            format!("{} {url}", entry.method)
        })
        .collect()
}

#[actix_web::test]
async fn the_served_document_has_every_route_of_the_table() {
    let server = start_default().await;
    let reply = get(&server.url("/openapi.json")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), "application/json");
    let document = reply.json();
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(operations(&document), table_operations());

    let list = &document["paths"]["/comments"]["get"];
    assert_eq!(list["summary"], "Lists the comments.");
    let items = &list["responses"]["200"]["content"]["application/json"]["schema"]["items"];
    assert_eq!(items["$ref"], "#/components/schemas/Comment");
    let comment = &document["components"]["schemas"]["Comment"];
    assert_eq!(comment["required"], serde_json::json!(["id", "text"]));
    // A named type is a component, referred to.
    let create = &document["paths"]["/comments"]["post"]["requestBody"];
    let new_comment = &create["content"]["application/json"]["schema"];
    assert_eq!(new_comment["$ref"], "#/components/schemas/NewComment");
    let new_comment = &document["components"]["schemas"]["NewComment"];
    assert_eq!(new_comment["properties"]["text"]["type"], "string");
    let id = &document["paths"]["/comments/{id}"]["patch"]["parameters"][0];
    assert_eq!(id["schema"]["type"], "integer");

    let page = get(&server.url("/docs")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(r#"data-url="/openapi.json""#),
        "{}",
        page.body
    );
    server.stop().await;
}

#[actix_web::test]
#[cfg_attr(
    not(openapi_validator),
    ignore = "needs APPROUTE_TEST_OPENAPI_VALIDATOR at build time"
)]
async fn an_independent_validator_accepts_the_served_document() {
    let server = start_default().await;
    let document = get(&server.url("/openapi.json")).await.json();
    server.stop().await;
    approute_tests::validate_openapi(&document).unwrap();
}
