//! `#[route]` and `#[page]`: `parse` reads the attribute's arguments (the
//! path by the runtime's own parser) into the `model`, `check` holds each
//! handler to its rules, `expand` writes the item back with one registration
//! per handler.

pub(crate) mod check;
pub(crate) mod expand;
pub(crate) mod model;
pub(crate) mod parse;
