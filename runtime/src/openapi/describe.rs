//! What a handler's signature tells about its operation, gathered by the
//! function `#[route]` generates (`__api_doc!`) when the `openapi` feature is on.
//!
//! Each argument and the return type is looked at through a [`Probe`] with
//! autoref specialisation: the most specific description that applies wins
//! (a typed schema, then "some JSON", then nothing), so a type without a
//! schema is an undescribed part of the operation, never a build error.

use std::marker::PhantomData;

use actix_web::web;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::request_body::{RequestBody, RequestBodyBuilder};
use utoipa::openapi::{Content, Ref, RefOr, Required, Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};

use crate::extract::json::Json;
use crate::response::{Sse, SseBody};

/// A handler's operation as its signature and doc comment describe it.
#[doc(hidden)]
#[derive(Default)]
pub struct Describe {
    pub(crate) docs: String,
    /// `Params<T>` types in path order, each split out of a tuple: `None`
    /// where the type has no schema.
    pub(crate) positional: Vec<Option<RefOr<Schema>>>,
    /// Path parameters a `Params<T>` struct with `IntoParams` names.
    pub(crate) named: Vec<Parameter>,
    pub(crate) query: Vec<Parameter>,
    pub(crate) body: Option<RequestBody>,
    /// The body is JSON: approute answers 400, 413 and 415 for it.
    pub(crate) json_body: bool,
    pub(crate) success: Option<Success>,
    /// The return type is an `Option`: `None` answers 404.
    pub(crate) none_is_not_found: bool,
    /// Named schemas the others refer to.
    pub(crate) schemas: Vec<(String, RefOr<Schema>)>,
}

/// utoipa's types have no `Debug` without its `debug` feature.
impl std::fmt::Debug for Describe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Describe")
            .field("docs", &self.docs)
            .finish_non_exhaustive()
    }
}

/// The response the return type describes: 200 with this content type and
/// schema (`None`: JSON of no known shape).
pub(crate) struct Success {
    pub(crate) content_type: &'static str,
    pub(crate) schema: Option<RefOr<Schema>>,
}

impl Success {
    fn new(content_type: &'static str, schema: Option<RefOr<Schema>>) -> Option<Self> {
        Some(Success {
            content_type,
            schema,
        })
    }
}

impl Describe {
    /// The handler's doc comment, its lines joined.
    pub fn docs(&mut self, docs: &str) {
        self.docs = docs.to_owned();
    }

    /// `T`'s schema; a `$ref` to the components for a named type of the
    /// application's (a struct or an enum with `#[derive(ToSchema)]`), so a
    /// client generator makes one type of it, not one per body.
    fn schema_of<T: ToSchema + ?Sized>(&mut self) -> RefOr<Schema> {
        T::schemas(&mut self.schemas);
        let schema = T::schema();
        match component_name::<T>(&schema) {
            Some(name) => {
                self.schemas.push((name.clone(), schema));
                RefOr::Ref(Ref::from_schema_name(name))
            }
            None => schema,
        }
    }

    fn body(&mut self, content_type: &str, schema: Option<RefOr<Schema>>) {
        let content = Content::new(schema);
        self.body = Some(
            RequestBodyBuilder::new()
                .required(Some(Required::True))
                .content(content_type, content)
                .build(),
        );
    }
}

/// The name a type's schema is kept under, if it is one of the
/// application's own: not a primitive nor `String` (utoipa names those
/// too), not an array, not generic (utoipa names `Page<Post>` and
/// `Page<User>` both `Page`: inlined, they cannot collide).
fn component_name<T: ToSchema + ?Sized>(schema: &RefOr<Schema>) -> Option<String> {
    const PRIMITIVES: [&str; 18] = [
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
        "bool", "f32", "f64", "String", "str", "char",
    ];
    let name = T::name();
    let generic = std::any::type_name::<T>().contains('<');
    let array = matches!(schema, RefOr::T(Schema::Array(_)));
    let own = !name.is_empty() && !PRIMITIVES.contains(&name.as_ref()) && name != "TupleUnit";
    (own && !generic && !array && !std::any::type_name::<T>().starts_with('&'))
        .then(|| name.into_owned())
}

/// A type seen by the generated code; the traits below give it a meaning.
#[doc(hidden)]
pub struct Probe<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized> std::fmt::Debug for Probe<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Probe").finish_non_exhaustive()
    }
}

impl<T: ?Sized> Probe<T> {
    pub const fn new() -> Self {
        Probe(PhantomData)
    }
}

impl<T: ?Sized> Default for Probe<T> {
    fn default() -> Self {
        Self::new()
    }
}

// `Params<T>`'s `T`, or each element of a tuple `T`, in path order.

/// A struct whose fields name the path parameters.
#[doc(hidden)]
pub trait ParamsByName {
    fn describe_param(&self, doc: &mut Describe);
}
impl<T: IntoParams> ParamsByName for &&Probe<T> {
    fn describe_param(&self, doc: &mut Describe) {
        doc.named.extend(T::into_params(|| Some(ParameterIn::Path)));
    }
}

/// One parameter's type, with a schema.
#[doc(hidden)]
pub trait ParamsBySchema {
    fn describe_param(&self, doc: &mut Describe);
}
impl<T: ToSchema + ?Sized> ParamsBySchema for &Probe<T> {
    fn describe_param(&self, doc: &mut Describe) {
        // Inline: a struct's fields are split into the path's parameters.
        T::schemas(&mut doc.schemas);
        doc.positional.push(Some(T::schema()));
    }
}

/// A type without a schema: the parameter is described as a string.
#[doc(hidden)]
pub trait ParamsUndescribed {
    fn describe_param(&self, doc: &mut Describe);
}
impl<T: ?Sized> ParamsUndescribed for Probe<T> {
    fn describe_param(&self, doc: &mut Describe) {
        doc.positional.push(None);
    }
}

// Every argument: a body, query parameters, or nothing the document shows.

/// An extractor whose type has a schema.
#[doc(hidden)]
pub trait DescribeInput {
    fn describe(doc: &mut Describe);
}

impl<T: ToSchema> DescribeInput for Json<T> {
    fn describe(doc: &mut Describe) {
        let schema = doc.schema_of::<T>();
        doc.body("application/json", Some(schema));
        doc.json_body = true;
    }
}
impl<T: ToSchema> DescribeInput for web::Json<T> {
    fn describe(doc: &mut Describe) {
        <Json<T> as DescribeInput>::describe(doc);
    }
}
impl<T: ToSchema> DescribeInput for web::Form<T> {
    fn describe(doc: &mut Describe) {
        let schema = doc.schema_of::<T>();
        doc.body("application/x-www-form-urlencoded", Some(schema));
    }
}
impl<T: IntoParams> DescribeInput for web::Query<T> {
    fn describe(doc: &mut Describe) {
        doc.query
            .extend(T::into_params(|| Some(ParameterIn::Query)));
    }
}
impl DescribeInput for String {
    fn describe(doc: &mut Describe) {
        let schema = String::schema();
        doc.body("text/plain", Some(schema));
    }
}
impl DescribeInput for web::Bytes {
    fn describe(doc: &mut Describe) {
        doc.body("application/octet-stream", None);
    }
}

/// actix-multipart's `MultipartForm<T>`, as `#[route]` names it (approute
/// does not depend on actix-multipart).
#[doc(hidden)]
pub struct Multipart<T>(PhantomData<T>);

impl<T> std::fmt::Debug for Multipart<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Multipart").finish_non_exhaustive()
    }
}

impl<T: ToSchema> DescribeInput for Multipart<T> {
    fn describe(doc: &mut Describe) {
        let schema = doc.schema_of::<T>();
        doc.body("multipart/form-data", Some(schema));
    }
}

/// An extractor whose kind is known but whose type has no schema.
#[doc(hidden)]
pub trait DescribeUntypedInput {
    fn describe(doc: &mut Describe);
}
impl<T> DescribeUntypedInput for Json<T> {
    fn describe(doc: &mut Describe) {
        doc.body("application/json", None);
        doc.json_body = true;
    }
}
impl<T> DescribeUntypedInput for web::Json<T> {
    fn describe(doc: &mut Describe) {
        <Json<T> as DescribeUntypedInput>::describe(doc);
    }
}
impl<T> DescribeUntypedInput for web::Form<T> {
    fn describe(doc: &mut Describe) {
        doc.body("application/x-www-form-urlencoded", None);
    }
}
impl<T> DescribeUntypedInput for Multipart<T> {
    fn describe(doc: &mut Describe) {
        doc.body("multipart/form-data", None);
    }
}

#[doc(hidden)]
pub trait InputTyped {
    fn describe_input(&self, doc: &mut Describe);
}
impl<T: DescribeInput> InputTyped for &&Probe<T> {
    fn describe_input(&self, doc: &mut Describe) {
        T::describe(doc);
    }
}
#[doc(hidden)]
pub trait InputUntyped {
    fn describe_input(&self, doc: &mut Describe);
}
impl<T: DescribeUntypedInput> InputUntyped for &Probe<T> {
    fn describe_input(&self, doc: &mut Describe) {
        T::describe(doc);
    }
}
/// `Data<T>`, `HttpRequest`, `Cookies`, ...: not part of the document.
#[doc(hidden)]
pub trait InputUndescribed {
    fn describe_input(&self, doc: &mut Describe);
}
impl<T: ?Sized> InputUndescribed for Probe<T> {
    fn describe_input(&self, _: &mut Describe) {}
}

// `T` of a `Json<Vec<T>>` answer: the list's items as a `$ref`.

/// A named item type: the success schema's items refer to it.
#[doc(hidden)]
pub trait ItemsTyped {
    fn describe_items(&self, doc: &mut Describe);
}
impl<T: ToSchema> ItemsTyped for &&Probe<T> {
    fn describe_items(&self, doc: &mut Describe) {
        let Some(Success {
            schema: Some(RefOr::T(Schema::Array(array))),
            ..
        }) = &mut doc.success
        else {
            return;
        };
        let item = T::schema();
        let Some(name) = component_name::<T>(&item) else {
            return;
        };
        array.items = utoipa::openapi::schema::ArrayItems::RefOrSchema(Box::new(RefOr::Ref(
            Ref::from_schema_name(name.clone()),
        )));
        doc.schemas.push((name, item));
    }
}
/// An item type without a schema: nothing to refer to.
#[doc(hidden)]
pub trait ItemsUndescribed {
    fn describe_items(&self, doc: &mut Describe);
}
impl<T: ?Sized> ItemsUndescribed for Probe<T> {
    fn describe_items(&self, _: &mut Describe) {}
}

// The return type: the success response, where the type tells.

/// A responder whose body has a schema.
#[doc(hidden)]
pub trait DescribeOutput {
    fn describe(doc: &mut Describe);
}
impl<T: ToSchema> DescribeOutput for Json<T> {
    fn describe(doc: &mut Describe) {
        let schema = doc.schema_of::<T>();
        doc.success = Success::new("application/json", Some(schema));
    }
}
impl<T: ToSchema> DescribeOutput for web::Json<T> {
    fn describe(doc: &mut Describe) {
        <Json<T> as DescribeOutput>::describe(doc);
    }
}
impl DescribeOutput for String {
    fn describe(doc: &mut Describe) {
        doc.success = Success::new("text/plain", Some(String::schema()));
    }
}
impl DescribeOutput for &'static str {
    fn describe(doc: &mut Describe) {
        <String as DescribeOutput>::describe(doc);
    }
}
impl DescribeOutput for web::Html {
    fn describe(doc: &mut Describe) {
        doc.success = Success::new("text/html", Some(String::schema()));
    }
}
impl<S> DescribeOutput for Sse<S> {
    fn describe(doc: &mut Describe) {
        doc.success = Success::new("text/event-stream", Some(String::schema()));
    }
}
impl<S> DescribeOutput for SseBody<S> {
    fn describe(doc: &mut Describe) {
        <Sse<()> as DescribeOutput>::describe(doc);
    }
}
impl<R: DescribeOutput, E> DescribeOutput for Result<R, E> {
    fn describe(doc: &mut Describe) {
        R::describe(doc);
    }
}
impl<R: DescribeOutput> DescribeOutput for Option<R> {
    fn describe(doc: &mut Describe) {
        R::describe(doc);
        doc.none_is_not_found = true;
    }
}

/// A JSON responder whose type has no schema.
#[doc(hidden)]
pub trait DescribeUntypedOutput {
    fn describe(doc: &mut Describe);
}
impl<T> DescribeUntypedOutput for Json<T> {
    fn describe(doc: &mut Describe) {
        doc.success = Success::new("application/json", None);
    }
}
impl<T> DescribeUntypedOutput for web::Json<T> {
    fn describe(doc: &mut Describe) {
        <Json<T> as DescribeUntypedOutput>::describe(doc);
    }
}
impl<R: DescribeUntypedOutput, E> DescribeUntypedOutput for Result<R, E> {
    fn describe(doc: &mut Describe) {
        R::describe(doc);
    }
}
impl<R: DescribeUntypedOutput> DescribeUntypedOutput for Option<R> {
    fn describe(doc: &mut Describe) {
        R::describe(doc);
        doc.none_is_not_found = true;
    }
}

#[doc(hidden)]
pub trait OutputTyped {
    fn describe_output(&self, doc: &mut Describe);
}
impl<T: DescribeOutput> OutputTyped for &&Probe<T> {
    fn describe_output(&self, doc: &mut Describe) {
        T::describe(doc);
    }
}
#[doc(hidden)]
pub trait OutputUntyped {
    fn describe_output(&self, doc: &mut Describe);
}
impl<T: DescribeUntypedOutput> OutputUntyped for &Probe<T> {
    fn describe_output(&self, doc: &mut Describe) {
        T::describe(doc);
    }
}
/// `HttpResponse`, `impl Responder`, ...: an undocumented body.
#[doc(hidden)]
pub trait OutputUndescribed {
    fn describe_output(&self, doc: &mut Describe);
}
impl<T: ?Sized> OutputUndescribed for Probe<T> {
    fn describe_output(&self, _: &mut Describe) {}
}
