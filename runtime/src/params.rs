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

use crate::captures::{CatchAllSegments, ParamValue};
use crate::dispatch::RouteMatch;
use crate::respond::json_error;

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
/// A segment that does not parse as its type answers 404 with a JSON body
/// naming the parameter: `/blog/20x4/hi` is not a page of this blog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params<T>(pub T);

impl<T> Params<T> {
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
            Some(matched) => T::deserialize(ParamsDeserializer(matched.params())).map(Params),
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
    /// The parameter whose segment did not parse; `None` when `T` itself does
    /// not fit the route (a programming error, answered 500).
    param: Option<&'static str>,
    message: String,
}

impl ParamsError {
    fn structure(message: impl fmt::Display) -> Self {
        ParamsError {
            param: None,
            message: message.to_string(),
        }
    }
}

impl fmt::Display for ParamsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.param {
            Some(name) => write!(f, "path parameter `{name}` {}", self.message),
            None => write!(
                f,
                "route parameters do not fit the handler's `Params` type: {}",
                self.message
            ),
        }
    }
}

impl std::error::Error for ParamsError {}

impl de::Error for ParamsError {
    fn custom<M: fmt::Display>(message: M) -> Self {
        ParamsError::structure(message)
    }
}

impl ResponseError for ParamsError {
    fn status_code(&self) -> StatusCode {
        match self.param {
            Some(_) => StatusCode::NOT_FOUND,
            None => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if self.param.is_none() {
            log::error!("{self}");
        }
        json_error(self.status_code(), self.to_string())
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
struct ParamsDeserializer<'a>(&'a [(&'static str, ParamValue)]);

impl<'de> de::Deserializer<'de> for ParamsDeserializer<'_> {
    type Error = ParamsError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        match self.0 {
            [(name, value)] => ValueDeserializer::new(name, value).deserialize_any(visitor),
            params => visitor.visit_map(Fields {
                params,
                value: None,
            }),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        visitor.visit_map(Fields {
            params: self.0,
            value: None,
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        if len != self.0.len() {
            return Err(ParamsError::structure(format!(
                "a tuple of {len} for a route with {} parameters",
                self.0.len()
            )));
        }
        visitor.visit_seq(Values(self.0.iter()))
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
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        match self.0 {
            [(name, value)] => ValueDeserializer::new(name, value).deserialize_seq(visitor),
            params => visitor.visit_seq(Values(params.iter())),
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

impl ParamsDeserializer<'_> {
    /// A single value (`Params<u32>`) needs a route with exactly one parameter.
    fn single(&self) -> Result<ValueDeserializer<'_>, ParamsError> {
        match self.0 {
            [(name, value)] => Ok(ValueDeserializer::new(name, value)),
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
        seed.deserialize(name.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, ParamsError> {
        let (name, value) = self
            .value
            .take()
            .expect("serde asks for a key before its value");
        seed.deserialize(ValueDeserializer::new(name, value))
    }
}

struct Values<'a>(std::slice::Iter<'a, (&'static str, ParamValue)>);

impl<'de> SeqAccess<'de> for Values<'_> {
    type Error = ParamsError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ParamsError> {
        match self.0.next() {
            Some((name, value)) => seed
                .deserialize(ValueDeserializer::new(name, value))
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
}

impl<'a> ValueDeserializer<'a> {
    fn new(name: &'static str, value: &'a ParamValue) -> Self {
        let raw = match value {
            ParamValue::One(text) => Raw::Text(text),
            ParamValue::Many(list) => Raw::List(list),
        };
        ValueDeserializer { name, raw }
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

    fn parse_error(&self, text: &str, expected: &str) -> ParamsError {
        ParamsError {
            param: Some(self.name),
            message: format!("must be {expected}, got `{text}`"),
        }
    }
}

macro_rules! parse_primitives {
    ($($method:ident => $visit:ident $ty:ty, $expected:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
            let text = self.text($expected)?;
            match text.parse::<$ty>() {
                Ok(value) => visitor.$visit(value),
                Err(_) => Err(self.parse_error(text, $expected)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for ValueDeserializer<'_> {
    type Error = ParamsError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        match self.raw {
            Raw::Text(text) => visitor.visit_str(text),
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
            }),
            Raw::Text(_) => Err(ParamsError::structure(format!(
                "`{}` is a single segment, not a list; write `[...{}]` in the path for a catch-all",
                self.name, self.name
            ))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ParamsError> {
        let text = self.text("one word")?;
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
                })
                .map(Some),
            None => Ok(None),
        }
    }
}
