//! `Params<T>`: the dynamic segments of the matched route, deserialised with
//! serde — a struct with named fields, a single value, or a tuple.

use std::borrow::Cow;
use std::fmt;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde::forward_to_deserialize_any;

use crate::extract::captures::{CatchAllSegments, ParamValue, Value};
use crate::extract::relative_path::{self, RelativePath};
use crate::response::error_response;
use crate::response::error_shape::internal_server_error;
use crate::routing::RouteMatch;

/// The route's dynamic segments as `T`.
///
/// ```
/// use approute::prelude::*;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Post { year: u16, slug: String }
///
/// #[route("/blog/[year]/[slug]")]
/// async fn GET(Params(post): Params<Post>) -> String {
///     format!("{} from {}", post.slug, post.year)
/// }
///
/// #[route("/docs/[...path]")]
/// mod docs {
///     use approute::prelude::*;
///     pub async fn GET(Params(path): Params<Vec<String>>) -> String { path.join(" > ") }
/// }
/// # fn main() {}
/// ```
///
/// A segment that does not parse as its type (or that the type refuses, such
/// as `0` for `NonZeroU32`) answers 404 with a JSON body naming the
/// parameter: `/blog/20x4/hi` is not a page of this blog. A `T` that cannot
/// fit its route at all (`Params<u32>` on `/a/[x]/[y]`, a struct field that
/// names no parameter) is found when the table is built, and reported by
/// [`routes`](crate::routes) with the handler's location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params<T>(pub T);

impl<T> Params<T> {
    /// The deserialized parameters.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Params<T> {
    type Error = ParamsError;
    type Future = std::future::Ready<Result<Self, ParamsError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let extensions = req.extensions();
        let result = match extensions.get::<RouteMatch>() {
            Some(matched) => T::deserialize(ParamsDeserializer {
                params: matched.params(),
                probe: false,
            })
            .map(Params),
            None => Err(ParamsError::structure(
                "`Params` read outside an approute handler: no route parameters on this request",
            )),
        };
        std::future::ready(result)
    }
}

/// Why `Params<T>` could not be built.
#[derive(Debug)]
pub struct ParamsError {
    blame: Blame,
    message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blame {
    /// This parameter's segment is not a valid value: 404.
    Param(&'static str),
    /// The values together are refused by `T` (a custom `Deserialize`): 404.
    Values,
    /// This parameter, as a [`RelativePath`], could leave its base: 400.
    UnsafePath(&'static str),
    /// `T` cannot fit the route, whatever the URL: a programming error,
    /// reported at start-up for every `#[route]` handler, 500 otherwise.
    Structure,
}

impl ParamsError {
    fn structure(message: impl fmt::Display) -> Self {
        ParamsError {
            blame: Blame::Structure,
            message: message.to_string(),
        }
    }
}

impl fmt::Display for ParamsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.blame {
            Blame::Param(name) => write!(f, "path parameter `{name}` {}", self.message),
            Blame::Values => write!(f, "invalid path parameters: {}", self.message),
            Blame::UnsafePath(name) => write!(
                f,
                "path parameter `{name}` is not a safe relative path: {}",
                self.message
            ),
            Blame::Structure => write!(
                f,
                "route parameters do not fit the handler's `Params` type: {}",
                self.message
            ),
        }
    }
}

impl std::error::Error for ParamsError {}

/// serde's own errors, sorted by whether a URL could cause them (404) or
/// only the type's shape (found at start-up).
impl de::Error for ParamsError {
    fn custom<M: fmt::Display>(message: M) -> Self {
        ParamsError {
            blame: Blame::Values,
            message: message.to_string(),
        }
    }

    fn invalid_type(unexpected: de::Unexpected, expected: &dyn de::Expected) -> Self {
        ParamsError::structure(format_args!(
            "invalid type: {unexpected}, expected {expected}"
        ))
    }

    fn invalid_length(len: usize, expected: &dyn de::Expected) -> Self {
        ParamsError::structure(format_args!("{len} values, expected {expected}"))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        ParamsError::structure(format_args!(
            "no field for parameter `{field}`; the type's fields are {}",
            expected.join(", ")
        ))
    }

    fn missing_field(field: &'static str) -> Self {
        ParamsError::structure(format_args!(
            "field `{field}` names no parameter of the route"
        ))
    }

    fn duplicate_field(field: &'static str) -> Self {
        ParamsError::structure(format_args!("field `{field}` given twice"))
    }
}

impl ResponseError for ParamsError {
    fn status_code(&self) -> StatusCode {
        match self.blame {
            Blame::Param(_) | Blame::Values => StatusCode::NOT_FOUND,
            Blame::UnsafePath(_) => StatusCode::BAD_REQUEST,
            Blame::Structure => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A structure error's detail is for the log, never for the client.
    /// Under `#[route]` it is caught at start-up; this is `Params` read
    /// outside approute's dispatch, or in a hand-made `Registration`.
    fn error_response(&self) -> HttpResponse {
        match self.blame {
            Blame::Structure => {
                log::error!("{self}");
                internal_server_error()
            }
            _ => error_response(self.status_code(), self.to_string()),
        }
    }
}

/// `alloc::vec::Vec<alloc::string::String>` as the user wrote it:
/// `Vec<String>`.
fn short_type_name(full: &str) -> String {
    let mut short = String::with_capacity(full.len());
    for piece in full.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
        short.push_str(piece.rsplit("::").next().unwrap_or(piece));
    }
    short
}

/// Whether `T` fits a route with these parameters, found without a request:
/// every value is probed with a stand-in (`0`, `""`, one segment per
/// catch-all), and only errors of shape count.
pub fn check_params<T: DeserializeOwned>(
    params: &[(&'static str, ParamValue)],
) -> Result<(), String> {
    match T::deserialize(ParamsDeserializer {
        params,
        probe: true,
    }) {
        Err(error) if error.blame == Blame::Structure => Err(format!(
            "takes `Params<{}>`: {}",
            short_type_name(std::any::type_name::<T>()),
            error.message
        )),
        _ => Ok(()),
    }
}

macro_rules! single_value {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
            self.single()?.$method(visitor)
        }
    )*};
}

/// All parameters: a map for structs, a sequence for tuples, or — with one
/// parameter — that parameter's value itself.
struct ParamsDeserializer<'a> {
    params: &'a [(&'static str, ParamValue)],
    /// Start-up probing: stand-in values instead of parsing.
    probe: bool,
}

impl<'de> de::Deserializer<'de> for ParamsDeserializer<'_> {
    type Error = ParamsError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        match self.params {
            [(name, value)] => self.value(name, value).deserialize_any(visitor),
            _ => self.deserialize_map(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        visitor.visit_map(Fields {
            params: self.params,
            value: None,
            probe: self.probe,
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        if len != self.params.len() {
            return Err(ParamsError::structure(format!(
                "a tuple of {len} for a route with {} parameters",
                self.params.len()
            )));
        }
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        match name {
            relative_path::NEWTYPE_NAME => self.single()?.deserialize_newtype_struct(name, visitor),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        match self.params {
            [(name, value)] => self.value(name, value).deserialize_seq(visitor),
            params => visitor.visit_seq(Values {
                params: params.iter(),
                probe: self.probe,
            }),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        self.single()?.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        visitor.visit_unit()
    }

    single_value! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128 deserialize_f32
        deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_option deserialize_identifier
    }
}

impl<'a> ParamsDeserializer<'a> {
    fn value(&self, name: &'static str, value: &'a ParamValue) -> ValueDeserializer<'a> {
        ValueDeserializer::new(name, value, self.probe)
    }

    /// A single value (`Params<u32>`) needs a route with exactly one parameter.
    fn single(&self) -> Result<ValueDeserializer<'a>, ParamsError> {
        match self.params {
            [(name, value)] => Ok(self.value(name, value)),
            params => Err(ParamsError::structure(format!(
                "a single value for a route with {} parameters; use a struct with a field per parameter, or a tuple",
                params.len()
            ))),
        }
    }
}

struct Fields<'a> {
    params: &'a [(&'static str, ParamValue)],
    value: Option<(&'static str, &'a ParamValue)>,
    probe: bool,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = ParamsError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ParamsError> {
        let Some(((name, value), rest)) = self.params.split_first() else {
            return Ok(None);
        };
        self.params = rest;
        self.value = Some((name, value));
        // A struct field is a Rust name: `product_id` for `[product-id]`.
        match approute_path::rust_name(name) {
            Cow::Borrowed(name) => seed.deserialize(name.into_deserializer()).map(Some),
            Cow::Owned(name) => seed.deserialize(name.into_deserializer()).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, ParamsError> {
        let (name, value) = self
            .value
            .take()
            .expect("serde asks for a key before its value");
        seed.deserialize(ValueDeserializer::new(name, value, self.probe))
    }
}

struct Values<'a> {
    params: std::slice::Iter<'a, (&'static str, ParamValue)>,
    probe: bool,
}

impl<'de> SeqAccess<'de> for Values<'_> {
    type Error = ParamsError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ParamsError> {
        match self.params.next() {
            Some((name, value)) => seed
                .deserialize(ValueDeserializer::new(name, value, self.probe))
                .map(Some),
            None => Ok(None),
        }
    }
}

/// One parameter: a segment (`[id]`) or a list of segments (catch-alls).
#[derive(Clone, Copy)]
enum Raw<'a> {
    Text(&'a str),
    List(&'a CatchAllSegments),
}

#[derive(Clone, Copy)]
struct ValueDeserializer<'a> {
    name: &'static str,
    raw: Raw<'a>,
    probe: bool,
}

impl<'a> ValueDeserializer<'a> {
    fn new(name: &'static str, value: &'a ParamValue, probe: bool) -> Self {
        let raw = match &value.0 {
            Value::One(text) => Raw::Text(text),
            Value::Many(list) => Raw::List(list),
        };
        ValueDeserializer { name, raw, probe }
    }

    /// A value the type refused (`NonZeroU32` given `0`) is this
    /// parameter's fault: 404 naming it.
    fn blame(&self, mut error: ParamsError) -> ParamsError {
        if error.blame == Blame::Values {
            error.blame = Blame::Param(self.name);
            error.message = format!("is invalid: {}", error.message);
        }
        error
    }

    fn text(&self, expected: &str) -> Result<&'a str, ParamsError> {
        match self.raw {
            Raw::Text(text) => Ok(text),
            Raw::List(_) => Err(ParamsError::structure(format!(
                "`{}` is a catch-all (a list of segments), not {expected}; use `Vec<String>`",
                self.name
            ))),
        }
    }

    /// One segment or a catch-all's segments joined by `/`, refused with
    /// 400 when a file path made of it could leave its base.
    fn relative_path<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        let path = match self.raw {
            Raw::Text(text) => Cow::Borrowed(text),
            Raw::List(list) => Cow::Owned(list.joined()),
        };
        if let Err(why) = RelativePath::new(&path) {
            return Err(ParamsError {
                blame: Blame::UnsafePath(self.name),
                message: why.to_string(),
            });
        }
        visitor.visit_str(&path).map_err(|error| self.blame(error))
    }

    fn parse_error(&self, text: &str, expected: &str) -> ParamsError {
        ParamsError {
            blame: Blame::Param(self.name),
            message: format!("must be {expected}, got `{text}`"),
        }
    }
}

macro_rules! parse_primitives {
    ($($method:ident => $visit:ident $ty:ty, $expected:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
            let text = self.text($expected)?;
            let value = match self.probe {
                true => <$ty>::default(),
                false => text.parse::<$ty>().map_err(|_| self.parse_error(text, $expected))?,
            };
            visitor.$visit(value).map_err(|error| self.blame(error))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for ValueDeserializer<'_> {
    type Error = ParamsError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        match self.raw {
            Raw::Text(text) => visitor.visit_str(text).map_err(|error| self.blame(error)),
            Raw::List(_) => self.deserialize_seq(visitor),
        }
    }

    parse_primitives! {
        deserialize_bool => visit_bool bool, "`true` or `false`";
        deserialize_i8 => visit_i8 i8, "an integer (i8)";
        deserialize_i16 => visit_i16 i16, "an integer (i16)";
        deserialize_i32 => visit_i32 i32, "an integer (i32)";
        deserialize_i64 => visit_i64 i64, "an integer (i64)";
        deserialize_i128 => visit_i128 i128, "an integer (i128)";
        deserialize_u8 => visit_u8 u8, "a non-negative integer (u8)";
        deserialize_u16 => visit_u16 u16, "a non-negative integer (u16)";
        deserialize_u32 => visit_u32 u32, "a non-negative integer (u32)";
        deserialize_u64 => visit_u64 u64, "a non-negative integer (u64)";
        deserialize_u128 => visit_u128 u128, "a non-negative integer (u128)";
        deserialize_f32 => visit_f32 f32, "a number (f32)";
        deserialize_f64 => visit_f64 f64, "a number (f64)";
        deserialize_char => visit_char char, "a single character";
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        match self.raw {
            Raw::List(list) if list.is_empty() => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        match self.raw {
            Raw::List(list) => visitor.visit_seq(Segments {
                name: self.name,
                list: list.iter(),
                probe: self.probe,
            }),
            Raw::Text(_) => Err(ParamsError::structure(format!(
                "`{}` is a single segment, not a list; write `[...{}]` in the path for a catch-all",
                self.name, self.name
            ))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        match name {
            relative_path::NEWTYPE_NAME => self.relative_path(visitor),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        let text = self.text("one word")?;
        let text = match (self.probe, variants.first()) {
            (true, Some(first)) => first,
            _ => text,
        };
        if !variants.contains(&text) {
            return Err(self.parse_error(text, &format!("one of {}", variants.join(", "))));
        }
        visitor.visit_enum(text.into_deserializer())
    }

    forward_to_deserialize_any! {
        str string bytes byte_buf unit unit_struct tuple tuple_struct map struct identifier ignored_any
    }
}

struct Segments<'a, I: Iterator<Item = Cow<'a, str>>> {
    name: &'static str,
    list: I,
    probe: bool,
}

impl<'a, 'de, I: Iterator<Item = Cow<'a, str>>> SeqAccess<'de> for Segments<'a, I> {
    type Error = ParamsError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ParamsError> {
        match self.list.next() {
            Some(text) => seed
                .deserialize(ValueDeserializer {
                    name: self.name,
                    raw: Raw::Text(&text),
                    probe: self.probe,
                })
                .map(Some),
            None => Ok(None),
        }
    }
}
