//! The OpenAPI 3.1 document, built from the route table: one operation per
//! handler that answers (a shadowed page does not), described by what its
//! macro recorded, plus the errors approute answers itself.

use approute_path::{PathPattern, Segment, UrlSegment};
use utoipa::openapi::path::{HttpMethod, Operation, Parameter, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
use utoipa::openapi::{
    Components, Content, Info, OpenApi, Paths, Ref, RefOr, Required, Response, Responses, Schema,
};
use utoipa::PartialSchema;

use super::describe::{Describe, Success};
use crate::routing::{Method, Registration, RouteTable};

/// The error body's schema, as `error_response` writes it.
const ERROR_SCHEMA: &str = "ApprouteError";

impl RouteTable {
    /// This table as an OpenAPI 3.1 document (feature `openapi`).
    ///
    /// Every route handler and page that answers, under its URL (route
    /// groups left out; `[param]` and `[...slug]` as `{param}` and `{slug}`,
    /// and an optional catch-all as two paths, with and without it). The
    /// HEAD and OPTIONS approute answers itself are left out, and so are
    /// WebSocket routes (OpenAPI cannot describe an upgrade, and a client
    /// generated for a plain GET could not use one).
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// /// Says hello.
    /// #[route("/hello")]
    /// async fn GET() -> &'static str { "Hello" }
    ///
    /// let document = approute::routes().unwrap().openapi();
    /// let hello = &document.paths.paths["/hello"];
    /// assert!(hello.get.is_some());
    /// println!("{}", document.to_pretty_json().unwrap());
    /// ```
    pub fn openapi(&self) -> OpenApi {
        let mut paths = Paths::new();
        let mut components = Components::new();
        let mut operation_ids = std::collections::HashSet::new();
        components
            .schemas
            .insert(ERROR_SCHEMA.to_owned(), error_schema());
        for registration in self.answering().filter(|route| !route.websocket()) {
            // OpenAPI 3.1 has no `query` operation (3.2 adds one).
            let Some(method) = http_method(registration.method()) else {
                continue;
            };
            let mut doc = Describe::default();
            if let Some(describe) = registration.api_doc() {
                describe(&mut doc);
            }
            let pattern =
                PathPattern::parse(registration.path()).expect("a table's paths have been parsed");
            for template in templates(&pattern) {
                let has_params = !template.parameters.is_empty();
                let mut operation = operation(registration, &pattern, &doc, has_params);
                operation.operation_id = Some(operation_id(
                    registration.method(),
                    &template.path,
                    &mut operation_ids,
                ));
                operation.parameters = Some(
                    template
                        .parameters
                        .iter()
                        .map(|parameter| path_parameter(&doc, parameter))
                        .chain(doc.query.iter().cloned())
                        .map(RefOr::T)
                        .collect(),
                )
                .filter(|parameters: &Vec<RefOr<Parameter>>| !parameters.is_empty());
                let mut path = template.path;
                if self.inner.settings.trailing_slash && path != "/" {
                    path.push('/');
                }
                paths.add_path_operation(path, vec![method.clone()], operation);
            }
            for (name, schema) in doc.schemas {
                components.schemas.entry(name).or_insert(schema);
            }
        }
        let mut document = OpenApi::new(Info::new(title(), "0.0.0".to_owned()), paths);
        document.components = Some(components);
        document
    }
}

/// `GET /comments/{id}` → `getCommentsById`, as client generators name
/// their functions: stable while the route's method and path are, and
/// unique in the document (a repeat, which only odd literals can make, gets
/// a number).
fn operation_id(
    method: Method,
    path: &str,
    taken: &mut std::collections::HashSet<String>,
) -> String {
    let mut id = method.as_str().to_ascii_lowercase();
    let capitalized = |word: &str, id: &mut String| {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            id.extend(first.to_uppercase());
            id.extend(chars);
        }
    };
    for segment in path.split('/').filter(|segment| !segment.is_empty()) {
        let (prefix, text) = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => ("By", name),
            None => ("", segment),
        };
        id.push_str(prefix);
        for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            capitalized(word, &mut id);
        }
    }
    if path == "/" {
        id.push_str("Root");
    }
    let mut unique = id.clone();
    let mut count = 1;
    while !taken.insert(unique.clone()) {
        count += 1;
        unique = format!("{id}{count}");
    }
    unique
}

/// Every handler's operation, summary and tags; parameters are per path.
fn operation(
    registration: &Registration,
    pattern: &PathPattern,
    doc: &Describe,
    has_params: bool,
) -> Operation {
    let mut operation = Operation::new();
    let (summary, description) = summary_and_description(&doc.docs);
    operation.summary = summary;
    operation.description = description;
    operation.tags = tag(registration, pattern).map(|tag| vec![tag]);
    operation.request_body = doc.body.clone().map(RefOr::T);
    operation.responses = responses(registration, doc, has_params);
    operation
}

/// The first paragraph of the doc comment is the summary, the rest the
/// description (as rustdoc shows a summary line).
fn summary_and_description(docs: &str) -> (Option<String>, Option<String>) {
    let (first, rest) = docs.split_once("\n\n").unwrap_or((docs, ""));
    let summary = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let rest = rest.trim();
    (
        (!summary.is_empty()).then_some(summary),
        (!rest.is_empty()).then(|| rest.to_owned()),
    )
}

/// A route group names the tag (`/(admin)/users` → `admin`); otherwise the
/// handler's module (`app::routes::comments` → `comments`), none at a crate root.
fn tag(registration: &Registration, pattern: &PathPattern) -> Option<String> {
    let group = pattern.segments().iter().find_map(|segment| match segment {
        Segment::Group(name) => Some(*name),
        _ => None,
    });
    let module = registration
        .location()
        .module_path
        .rsplit_once("::")
        .map(|(_, last)| last);
    group.or(module).map(str::to_owned)
}

/// One OpenAPI path a pattern is written as: `/comments/{id}`, and its
/// parameters.
struct Template<'a> {
    path: String,
    parameters: Vec<TemplateParameter<'a>>,
}

/// A `{name}` of a template: the pattern's `index`th dynamic segment.
#[derive(Clone)]
struct TemplateParameter<'a> {
    index: usize,
    name: &'a str,
    catch_all: bool,
}

/// The paths a pattern is written as. An optional catch-all gives two, as
/// an OpenAPI path parameter is always required.
fn templates<'a>(pattern: &PathPattern<'a>) -> Vec<Template<'a>> {
    let mut path = String::new();
    let mut parameters = Vec::new();
    let mut variants = Vec::new();
    for segment in pattern.url_segments() {
        let index = parameters.len();
        let (name, catch_all) = match segment {
            UrlSegment::Literal(text) => {
                path.push('/');
                path.push_str(text);
                continue;
            }
            UrlSegment::Param(name) => (name, false),
            UrlSegment::CatchAll(name) => (name, true),
            UrlSegment::OptionalCatchAll(name) => {
                variants.push(Template {
                    path: if path.is_empty() {
                        "/".to_owned()
                    } else {
                        path.clone()
                    },
                    parameters: parameters.clone(),
                });
                (name, true)
            }
        };
        path.push_str(&format!("/{{{name}}}"));
        parameters.push(TemplateParameter {
            index,
            name,
            catch_all,
        });
    }
    if path.is_empty() {
        path.push('/');
    }
    variants.push(Template { path, parameters });
    variants
}

/// A path parameter, typed from the handler's `Params<T>` where it can be:
/// a struct's field by name, or the type at its position.
fn path_parameter(doc: &Describe, template: &TemplateParameter) -> Parameter {
    let TemplateParameter {
        index,
        name,
        catch_all,
    } = *template;
    // The type's fields have Rust names: `product_id` for `[product-id]`.
    let rust_name = approute_path::rust_name(name);
    let named = doc
        .named
        .iter()
        .find(|parameter| parameter.name == rust_name)
        .and_then(|parameter| parameter.schema.clone());
    let field = match doc.positional.as_slice() {
        [Some(RefOr::T(Schema::Object(object)))] => {
            object.properties.get(rust_name.as_ref()).cloned()
        }
        _ => None,
    };
    let positional = || doc.positional.get(index).cloned().flatten();
    let schema = named.or(field).or_else(positional);
    let mut parameter = Parameter::new(name);
    parameter.parameter_in = ParameterIn::Path;
    parameter.required = Required::True;
    if catch_all {
        let array = match schema {
            Some(array @ RefOr::T(Schema::Array(_))) => array,
            item => ArrayBuilder::new()
                .items(item.unwrap_or_else(String::schema))
                .build()
                .into(),
        };
        parameter.schema = Some(array);
        parameter.description =
            Some("one or more path segments, `/`-separated (a catch-all)".to_owned());
    } else {
        parameter.schema = Some(schema.unwrap_or_else(String::schema));
    }
    parameter
}

/// `has_params`: the path has parameters, which answer 404 when they do not
/// parse (`/files` of `/files/[[...path]]` has none).
fn responses(registration: &Registration, doc: &Describe, has_params: bool) -> Responses {
    let mut responses = Responses::new();
    let mut add = |status: &str, response: Response| {
        responses
            .responses
            .insert(status.to_owned(), response.into());
    };
    match &doc.success {
        Some(Success {
            content_type,
            schema,
        }) => add(
            "200",
            ResponseBuilder::new()
                .description("OK")
                .content(*content_type, Content::new(schema.clone()))
                .build(),
        ),
        None => add(
            "default",
            Response::new("the handler's response (its type does not describe the body)"),
        ),
    }
    if has_params || doc.none_is_not_found {
        let why = match (has_params, doc.none_is_not_found) {
            (true, true) => "a path parameter does not parse as its type, or nothing is found",
            (true, false) => "a path parameter does not parse as its type",
            _ => "nothing is found",
        };
        add("404", error(why));
    }
    if doc.json_body {
        add("400", error("the body is not valid JSON for this type"));
        add("413", error("the body is larger than the JSON limit"));
        add(
            "415",
            error("the body's Content-Type is not application/json"),
        );
    }
    add(
        "405",
        error("the path does not answer this method; `Allow` lists those it does"),
    );
    if registration.max_duration().is_some() {
        add(
            "504",
            error("the handler did not answer within its max_duration"),
        );
    }
    responses
}

/// approute's own error, in its JSON body.
fn error(description: &str) -> Response {
    let schema = Ref::from_schema_name(ERROR_SCHEMA);
    ResponseBuilder::new()
        .description(description)
        .content("application/json", Content::new(Some(schema)))
        .build()
}

fn error_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property("error", String::schema())
        .required("error")
        .description(Some("An error approute answered (`{\"error\": \"...\"}`)"))
        .build()
        .into()
}

fn http_method(method: Method) -> Option<HttpMethod> {
    Some(match method {
        Method::DELETE => HttpMethod::Delete,
        Method::GET => HttpMethod::Get,
        Method::HEAD => HttpMethod::Head,
        Method::OPTIONS => HttpMethod::Options,
        Method::PATCH => HttpMethod::Patch,
        Method::POST => HttpMethod::Post,
        Method::PUT => HttpMethod::Put,
        // OpenAPI 3.1 has no `query` operation (3.2 adds one), nor one for
        // a method HTTP may add.
        _ => return None,
    })
}

/// The executable's name: set `info` yourself for a real title and version.
fn title() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|path| path.file_stem()?.to_str().map(str::to_owned))
        .unwrap_or_else(|| "approute".to_owned())
}
