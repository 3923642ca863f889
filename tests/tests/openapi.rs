//! `approute::routes().unwrap().openapi()`: every route and method, typed path parameters,
//! bodies, query parameters and responses from the signature, doc comments,
//! tags, the errors approute answers itself; checked by an independent
//! validator and served by the opt-in routes.

use std::collections::BTreeSet;

use actix_web::{test as actix_test, web, App, Responder};
use approute::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
struct Post {
    id: u32,
    title: String,
    /// A named type of its own: a `$ref` to the document's components.
    author: Option<Author>,
}

#[derive(Serialize, ToSchema)]
struct Author {
    name: String,
}

#[derive(Deserialize, ToSchema)]
struct NewPost {
    title: String,
}

/// A body type without a schema: the body is JSON, untyped.
#[derive(Deserialize)]
struct Untyped {
    #[allow(dead_code)]
    anything: String,
}

#[derive(Deserialize, IntoParams)]
struct Paging {
    /// How many to skip.
    offset: Option<u32>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(names("user", "slot"))]
struct UserSlot(String, u8);

#[route("/posts")]
mod posts {
    use super::*;

    /// Lists the posts.
    ///
    /// Newest first.
    /// Paged by `offset`.
    pub async fn GET(paging: web::Query<Paging>) -> Json<Vec<Post>> {
        let skipped = paging.offset.unwrap_or(0);
        Json(Vec::from_iter((skipped..1).map(|id| Post {
            id,
            title: "first".to_owned(),
            author: None,
        })))
    }

    /// Creates a post.
    pub async fn POST(Json(post): Json<NewPost>) -> Json<Post> {
        Json(Post {
            id: 1,
            title: post.title,
            author: Some(Author {
                name: "me".to_owned(),
            }),
        })
    }
}

#[route("/posts/[id]/[format]")]
mod post {
    use super::*;

    pub async fn GET(Params((id, _format)): Params<(u64, String)>) -> Option<Json<Post>> {
        (id == 1).then(|| {
            Json(Post {
                id: 1,
                title: "first".to_owned(),
                author: None,
            })
        })
    }
}

#[route("/untyped", max_duration = 5)]
async fn PUT(_: Json<Untyped>) -> impl Responder {
    "ok"
}

#[route("/docs/[...slug]")]
mod docs {
    use super::*;

    pub async fn GET(Params(slug): Params<Vec<String>>) -> String {
        slug.join("/")
    }
}

#[route("/files/[[...path]]")]
mod files {
    use super::*;

    pub async fn GET() -> web::Html {
        web::Html::new("<p>files</p>")
    }
}

#[route("/(admin)/users/[user]/[slot]")]
async fn DELETE(Params(UserSlot(user, slot)): Params<UserSlot>) -> HttpResponse {
    HttpResponse::Ok().body(format!("{user} {slot}"))
}

/// A page: described like a handler, under GET.
#[page("/about")]
async fn about() -> web::Html {
    web::Html::new("<h1>About</h1>")
}

/// Shadowed by the route handler below: not in the document.
#[page("/shadowed")]
async fn shadowed_page() -> web::Html {
    web::Html::new("never")
}

#[derive(actix_multipart::form::MultipartForm, ToSchema)]
struct Upload {
    #[schema(value_type = String)]
    title: actix_multipart::form::text::Text<String>,
    #[schema(value_type = String, format = Binary)]
    file: actix_multipart::form::bytes::Bytes,
}

/// A form without a schema: a multipart body, undescribed.
#[derive(actix_multipart::form::MultipartForm)]
struct Unschemed {
    #[allow(dead_code)]
    note: actix_multipart::form::text::Text<String>,
}

#[route("/uploads")]
mod uploads {
    use super::*;
    use actix_multipart::form::MultipartForm;

    /// Uploads a file.
    pub async fn POST(MultipartForm(upload): MultipartForm<Upload>) -> String {
        format!("{}: {} bytes", upload.title.0, upload.file.data.len())
    }

    pub async fn PUT(_: MultipartForm<Unschemed>) -> &'static str {
        "noted"
    }
}

#[route("/shadowed")]
async fn GET() -> HttpResponse {
    HttpResponse::NoContent().finish()
}

fn document() -> Value {
    serde_json::to_value(approute::routes().unwrap().openapi()).unwrap()
}

fn operation<'a>(document: &'a Value, path: &str, method: &str) -> &'a Value {
    let operation = &document["paths"][path][method];
    assert!(operation.is_object(), "no {method} {path} in {document:#}");
    operation
}

#[test]
fn every_route_and_method_is_in_the_document_and_nothing_else() {
    let document = document();
    let mut found = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            found.insert(format!("{} {path}", method.to_uppercase()));
        }
    }
    let expected: BTreeSet<String> = [
        "GET /posts",
        "POST /posts",
        "GET /posts/{id}/{format}",
        "PUT /untyped",
        "GET /docs/{slug}",
        "GET /files",
        "GET /files/{path}",
        "DELETE /users/{user}/{slot}",
        "GET /about",
        "GET /shadowed",
        "POST /uploads",
        "PUT /uploads",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(found, expected);
    // The shadowed page's GET is the route handler's.
    let shadowed = operation(&document, "/shadowed", "get");
    assert!(shadowed["summary"].is_null(), "{shadowed:#}");
    assert!(shadowed["responses"]["default"].is_object(), "{shadowed:#}");
}

/// Client generators name functions after `operationId`: every operation
/// has one, unique, made from its method and path.
#[test]
fn every_operation_has_a_unique_stable_operation_id() {
    let document = document();
    let mut ids = BTreeSet::new();
    for item in document["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let id = operation["operationId"].as_str().expect("an operationId");
            assert!(ids.insert(id.to_owned()), "{id} twice");
        }
    }
    assert_eq!(ids.len(), 12);
    for (path, method, id) in [
        ("/posts", "post", "postPosts"),
        ("/posts/{id}/{format}", "get", "getPostsByIdByFormat"),
        ("/files", "get", "getFiles"),
        ("/files/{path}", "get", "getFilesByPath"),
        ("/users/{user}/{slot}", "delete", "deleteUsersByUserBySlot"),
    ] {
        assert_eq!(operation(&document, path, method)["operationId"], id);
    }
}

#[test]
fn path_parameters_are_typed_from_params() {
    let document = document();
    let parameters = &operation(&document, "/posts/{id}/{format}", "get")["parameters"];
    assert_eq!(parameters[0]["name"], "id");
    assert_eq!(parameters[0]["in"], "path");
    assert_eq!(parameters[0]["required"], true);
    assert_eq!(parameters[0]["schema"]["type"], "integer");
    assert_eq!(parameters[0]["schema"]["format"], "int64");
    assert_eq!(parameters[1]["name"], "format");
    assert_eq!(parameters[1]["schema"]["type"], "string");

    // A catch-all is an array; an optional one is two paths, each with its
    // parameters required (OpenAPI path parameters always are).
    let slug = &operation(&document, "/docs/{slug}", "get")["parameters"][0];
    assert_eq!(slug["schema"]["type"], "array");
    assert_eq!(slug["schema"]["items"]["type"], "string");
    assert_eq!(slug["required"], true);
    assert!(operation(&document, "/files", "get")["parameters"].is_null());
    let files = &operation(&document, "/files", "get")["responses"];
    assert!(files["404"].is_null(), "no parameter to fail: {files:#}");
    let with_path = &operation(&document, "/files/{path}", "get")["responses"];
    assert!(with_path["404"].is_object(), "{with_path:#}");
    let path = &operation(&document, "/files/{path}", "get")["parameters"][0];
    assert_eq!(
        (&path["name"], &path["required"]),
        (&json!("path"), &json!(true))
    );
    assert_eq!(path["schema"]["type"], "array");

    // A struct with `IntoParams` names them; a route group is not in the
    // path, and names the tag.
    let delete = operation(&document, "/users/{user}/{slot}", "delete");
    assert_eq!(delete["parameters"][0]["name"], "user");
    assert_eq!(delete["parameters"][0]["schema"]["type"], "string");
    assert_eq!(delete["parameters"][1]["name"], "slot");
    assert_eq!(delete["parameters"][1]["schema"]["type"], "integer");
    assert_eq!(delete["tags"], json!(["admin"]));
}

#[test]
fn bodies_queries_and_responses_come_from_the_signature() {
    let document = document();
    let list = operation(&document, "/posts", "get");
    assert_eq!(list["summary"], "Lists the posts.");
    assert_eq!(list["description"], "Newest first.\nPaged by `offset`.");
    assert_eq!(list["tags"], json!(["posts"]), "the module");
    assert!(
        operation(&document, "/about", "get")["tags"].is_null(),
        "crate root"
    );
    assert_eq!(list["parameters"][0]["name"], "offset");
    assert_eq!(list["parameters"][0]["in"], "query");
    assert_eq!(list["parameters"][0]["required"], false);
    let listed = &list["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(listed["type"], "array");
    // A list's items are a reference to their named type.
    assert_eq!(
        listed["items"]["$ref"], "#/components/schemas/Post",
        "{listed}"
    );
    let post = &document["components"]["schemas"]["Post"];
    assert_eq!(post["properties"]["title"]["type"], "string");
    // A nested type is a reference, and the components hold it.
    let author = &post["properties"]["author"];
    assert!(
        author.to_string().contains("#/components/schemas/Author"),
        "{author}"
    );
    let components = &document["components"]["schemas"];
    assert_eq!(components["Author"]["properties"]["name"]["type"], "string");
    assert!(list["requestBody"].is_null());

    let create = operation(&document, "/posts", "post");
    let body = &create["requestBody"];
    assert_eq!(body["required"], true);
    // A named type of the application's is a component, referred to.
    let schema = &body["content"]["application/json"]["schema"];
    assert_eq!(schema["$ref"], "#/components/schemas/NewPost", "{schema}");
    let new_post = &document["components"]["schemas"]["NewPost"];
    assert_eq!(new_post["required"], json!(["title"]));
    let created = &create["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(created["$ref"], "#/components/schemas/Post", "{created}");
    assert_eq!(
        document["components"]["schemas"]["Post"]["properties"]["id"]["type"],
        "integer"
    );
    // The errors approute answers for a JSON body, and for every path.
    for status in ["400", "413", "415", "405"] {
        let error = &create["responses"][status]["content"]["application/json"]["schema"];
        assert_eq!(
            error["$ref"], "#/components/schemas/ApprouteError",
            "{status}"
        );
    }
    assert!(
        create["responses"]["404"].is_null(),
        "no parameters: no 404"
    );
    let error = &document["components"]["schemas"]["ApprouteError"];
    assert_eq!(error["required"], json!(["error"]));

    // actix-multipart's `MultipartForm<T>`: a `multipart/form-data` body,
    // with `T`'s schema where it has one.
    let upload = operation(&document, "/uploads", "post");
    let form = &upload["requestBody"]["content"]["multipart/form-data"]["schema"];
    assert_eq!(form["$ref"], "#/components/schemas/Upload", "{upload:#}");
    let upload_schema = &document["components"]["schemas"]["Upload"];
    assert_eq!(upload_schema["properties"]["file"]["format"], "binary");
    let noted = operation(&document, "/uploads", "put");
    let form = &noted["requestBody"]["content"]["multipart/form-data"];
    assert!(form.is_object() && form["schema"].is_null(), "{noted:#}");

    // A parameter that does not parse, or `None`, is a 404.
    let one = operation(&document, "/posts/{id}/{format}", "get");
    assert!(one["responses"]["404"].is_object());
    assert!(one["responses"]["200"]["content"]["application/json"].is_object());

    // No schema: an untyped JSON body; `impl Responder`: an undescribed
    // response; `max_duration`: a 504.
    let untyped = operation(&document, "/untyped", "put");
    let content = &untyped["requestBody"]["content"]["application/json"];
    assert!(
        content.is_object() && content["schema"].is_null(),
        "{untyped:#}"
    );
    assert!(untyped["responses"]["200"].is_null());
    assert!(untyped["responses"]["default"]["description"].is_string());
    assert!(untyped["responses"]["504"].is_object());

    let html = &operation(&document, "/about", "get")["responses"]["200"]["content"];
    assert_eq!(html["text/html"]["schema"]["type"], "string");
    let text = &operation(&document, "/docs/{slug}", "get")["responses"]["200"]["content"];
    assert_eq!(text["text/plain"]["schema"]["type"], "string");
    let admin = operation(&document, "/users/{user}/{slot}", "delete");
    assert!(
        admin["responses"]["default"].is_object(),
        "HttpResponse: undescribed"
    );
}

#[test]
fn the_document_merges_with_ones_own() {
    #[derive(utoipa::OpenApi)]
    #[openapi(info(title = "Posts", version = "1.2.3"), components(schemas(NewPost)))]
    struct Own;

    let mut own = <Own as utoipa::OpenApi>::openapi();
    own.merge(approute::routes().unwrap().openapi());
    let merged = serde_json::to_value(&own).unwrap();
    assert_eq!(merged["info"]["title"], "Posts");
    assert!(merged["paths"]["/posts"]["post"].is_object());
    assert!(merged["components"]["schemas"]["NewPost"].is_object());
    assert!(merged["components"]["schemas"]["ApprouteError"].is_object());
}

/// Mounted under a scope, the document a client is generated from names
/// the URLs the application answers; operation ids stay as they are.
#[actix_web::test]
async fn a_mounted_table_has_its_document_under_the_prefix() {
    let app = actix_test::init_service(
        App::new().service(
            web::scope("/api/v1")
                .service(approute::openapi::openapi_service_under(
                    "/openapi.json",
                    "/api/v1",
                ))
                .configure(approute::configure),
        ),
    )
    .await;
    let request = actix_test::TestRequest::get()
        .uri("/api/v1/openapi.json")
        .to_request();
    let mounted: Value = actix_test::call_and_read_body_json(&app, request).await;
    let unmounted = document();
    let paths = |document: &Value| -> Vec<String> {
        document["paths"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    let expected: Vec<String> = paths(&unmounted)
        .iter()
        .map(|path| format!("/api/v1{path}"))
        .collect();
    assert_eq!(paths(&mounted), expected);
    for path in paths(&unmounted) {
        assert_eq!(
            mounted["paths"][format!("/api/v1{path}")],
            unmounted["paths"][&path],
            "{path}"
        );
    }
    // The mounted document's paths are the URLs it answers.
    assert!(mounted["paths"]["/api/v1/about"]["get"].is_object());
    let request = actix_test::TestRequest::get()
        .uri("/api/v1/about")
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    assert_eq!(response.status(), actix_web::http::StatusCode::OK);
}

#[actix_web::test]
async fn the_opt_in_routes_serve_the_document_and_a_reference_page() {
    let app = actix_test::init_service(
        App::new()
            .configure(approute::configure)
            .service(approute::openapi::openapi_service("/openapi.json"))
            .service(approute::openapi::openapi_scalar(
                "/reference",
                "/openapi.json?x=\"<",
            )),
    )
    .await;
    let request = actix_test::TestRequest::get()
        .uri("/openapi.json")
        .to_request();
    let response = actix_test::call_service(&app, request).await;
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "application/json"
    );
    let served: Value = actix_test::read_body_json(response).await;
    assert_eq!(served, document());

    let request = actix_test::TestRequest::get()
        .uri("/reference")
        .to_request();
    let page = actix_test::call_and_read_body(&app, request).await;
    let page = String::from_utf8(page.to_vec()).unwrap();
    assert!(
        page.contains(r#"data-url="/openapi.json?x=&quot;&lt;""#),
        "{page}"
    );
}

#[test]
#[cfg_attr(
    not(openapi_validator),
    ignore = "needs APPROUTE_TEST_OPENAPI_VALIDATOR at build time"
)]
fn an_independent_validator_accepts_the_document() {
    approute_tests::validate_openapi(&document()).unwrap();
}

/// HEAD wherever GET is (RFC 9110 §9.3.2), over a real socket: the
/// document's and the reference page's headers, no body.
#[actix_web::test]
async fn the_opt_in_routes_answer_head_as_get() {
    let (addr, handle) = approute_tests::spawn_server(|| {
        App::new()
            .configure(approute::configure)
            .service(approute::openapi::openapi_service("/openapi.json"))
            .service(approute::openapi::openapi_scalar(
                "/reference",
                "/openapi.json",
            ))
    });
    let client = awc::Client::default();
    for path in ["/openapi.json", "/reference"] {
        let url = format!("http://{addr}{path}");
        let mut get = client.get(&url).send().await.unwrap();
        let body = get.body().await.unwrap();
        let mut head = client.head(&url).send().await.unwrap();
        assert_eq!(
            head.status(),
            actix_web::http::StatusCode::OK,
            "HEAD {path}"
        );
        assert_eq!(
            head.headers().get("content-type"),
            get.headers().get("content-type"),
            "HEAD {path}"
        );
        assert_eq!(
            head.headers().get("content-length").unwrap(),
            &body.len().to_string(),
            "HEAD {path}"
        );
        assert!(head.body().await.unwrap().is_empty(), "HEAD {path}");
    }
    handle.stop(true).await;
}
