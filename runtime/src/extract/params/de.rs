//! serde's `Deserializer` over a route's captured values: a map for a
//! struct, a sequence for a tuple, the value itself for one parameter; a
//! catch-all's segments as a sequence, `RelativePath` checked.

use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

use super::error::Blame;
use super::error::ParamsError;
use crate::extract::relative_path::{self, RelativePath};
use crate::url::captures::{CatchAllSegments, ParamValue, RouteParams, Value};

macro_rules! single_value {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
            self.single()?.$method(visitor)
        }
    )*};
}

/// All parameters: a map for structs, a sequence for tuples, or — with one
/// parameter — that parameter's value itself.
pub(super) struct ParamsDeserializer<'a> {
    pub(super) params: RouteParams<'a>,
    /// Start-up probing: stand-in values instead of parsing.
    pub(super) probe: bool,
}

impl<'de> de::Deserializer<'de> for ParamsDeserializer<'_> {
    type Error = ParamsError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ParamsError> {
        match self.only() {
            Some((name, value)) => self.value(name, value).deserialize_any(visitor),
            None => self.deserialize_map(visitor),
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
        match self.only() {
            Some((name, value)) => self.value(name, value).deserialize_seq(visitor),
            None => visitor.visit_seq(Values {
                params: self.params,
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
    fn value(&self, name: &'static str, value: ParamValue<'a>) -> ValueDeserializer<'a> {
        ValueDeserializer::new(name, value, self.probe)
    }

    /// The route's one parameter, if it has exactly one.
    fn only(&self) -> Option<(&'static str, ParamValue<'a>)> {
        match self.params.len() {
            1 => self.params.clone().next(),
            _ => None,
        }
    }

    /// A single value (`Params<u32>`) needs a route with exactly one parameter.
    fn single(&self) -> Result<ValueDeserializer<'a>, ParamsError> {
        match self.only() {
            Some((name, value)) => Ok(self.value(name, value)),
            None => Err(ParamsError::structure(format!(
                "a single value for a route with {} parameters; use a struct with a field per parameter, or a tuple",
                self.params.len()
            ))),
        }
    }
}

struct Fields<'a> {
    params: RouteParams<'a>,
    value: Option<(&'static str, ParamValue<'a>)>,
    probe: bool,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = ParamsError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ParamsError> {
        let Some((name, value)) = self.params.next() else {
            return Ok(None);
        };
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
    params: RouteParams<'a>,
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
    List(CatchAllSegments<'a>),
}

#[derive(Clone, Copy)]
struct ValueDeserializer<'a> {
    name: &'static str,
    raw: Raw<'a>,
    probe: bool,
}

impl<'a> ValueDeserializer<'a> {
    fn new(name: &'static str, value: ParamValue<'a>, probe: bool) -> Self {
        let raw = match value.0 {
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
