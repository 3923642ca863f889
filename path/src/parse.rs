//! The path grammar (ARCHITECTURE.md, "Precedence and URL rules"):
//!
//! ```text
//! path    = "/" | ("/" segment)+
//! segment = literal | "[" ident "]" | "[..." ident "]" | "[[..." ident "]]" | "(" group ")"
//! ```

use std::ops::Range;

use crate::{PathError, Segment};

pub(crate) fn segments(source: &str) -> Result<Vec<Segment<'_>>, PathError> {
    if source.is_empty() {
        return Err(PathError::new(
            0..0,
            "a route path cannot be empty; write `/`",
        ));
    }
    if !source.starts_with('/') {
        let first = source.split('/').next().unwrap_or(source);
        return Err(PathError::new(
            0..first.len().max(1),
            format!("a route path must start with `/`; write `/{source}`"),
        ));
    }
    if source == "/" {
        return Ok(Vec::new());
    }

    let slashes = source.bytes().filter(|&byte| byte == b'/').count();
    let mut segments: Vec<Segment> = Vec::with_capacity(slashes);
    let mut previous_range = 0..0;
    let mut start = 1;
    for text in source[1..].split('/') {
        let range = start..start + text.len();
        start = range.end + 1;
        let segment = segment(text, range.clone())?;
        if let Some(previous) = segments.last() {
            if matches!(
                previous,
                Segment::CatchAll(_) | Segment::OptionalCatchAll(_)
            ) {
                return Err(PathError::new(
                    previous_range,
                    format!("a catch-all must be the last segment; move `{previous}` to the end of the path"),
                ));
            }
        }
        if let Some(name) = segment.param_name() {
            let earlier = segments
                .iter()
                .filter_map(Segment::param_name)
                .find(|earlier| crate::rust_name(earlier) == crate::rust_name(name));
            if let Some(earlier) = earlier {
                let message = if earlier == name {
                    format!("parameter `{name}` appears twice in this path; give each parameter its own name")
                } else {
                    format!(
                        "parameters `{earlier}` and `{name}` are one name in Rust (`{}`); give each parameter its own name",
                        crate::rust_name(name)
                    )
                };
                return Err(PathError::new(range, message));
            }
        }
        segments.push(segment);
        previous_range = range;
    }
    Ok(segments)
}

fn segment(text: &str, range: Range<usize>) -> Result<Segment<'_>, PathError> {
    if text.is_empty() {
        // Point at the `/` that starts the empty segment.
        return Err(PathError::new(
            range.start - 1..range.start,
            "empty path segment; remove the extra `/`",
        ));
    }
    if text.starts_with('[') {
        if let Some(error) = unbalanced_brackets(text, &range) {
            return Err(error);
        }
    }
    if let Some(inner) = text.strip_prefix("[[") {
        return optional_catch_all(text, inner, range);
    }
    if let Some(inner) = text.strip_prefix('[') {
        return bracketed(text, inner, range);
    }
    if let Some(inner) = text.strip_prefix('(') {
        return group(text, inner, range);
    }
    literal(text, range)
}

/// `[[[...id]]`, `[...id]]`, `[a[b]`: more brackets than a dynamic
/// segment has, answered with the segment the name suggests (an unclosed
/// one is left to the caller, whose message says which bracket to add).
fn unbalanced_brackets(text: &str, range: &Range<usize>) -> Option<PathError> {
    let core = text.trim_start_matches('[');
    let opening = text.len() - core.len();
    let core = core.trim_end_matches(']');
    let closing = text.len() - opening - core.len();
    let stray = core.contains(['[', ']']);
    if !stray && opening <= 2 && closing <= opening {
        return None;
    }
    let name = core.trim_start_matches('.');
    let suggestion = match (core.starts_with("..."), opening.max(closing) >= 2) {
        (true, true) => format!("`[[...{name}]]` (zero or more segments) or `[...{name}]`"),
        (true, false) => format!("`[...{name}]`"),
        (false, _) => format!("`[{name}]`"),
    };
    let advice = if stray || name.is_empty() {
        "a dynamic segment is `[id]`, `[...slug]` or `[[...slug]]`".to_owned()
    } else {
        format!("write {suggestion}")
    };
    Some(PathError::new(
        range.clone(),
        format!("`{text}` has unbalanced brackets; {advice}"),
    ))
}

fn optional_catch_all<'a>(
    text: &str,
    inner: &'a str,
    range: Range<usize>,
) -> Result<Segment<'a>, PathError> {
    let Some(inner) = inner.strip_suffix("]]") else {
        return Err(unclosed(text, range, "]]"));
    };
    match inner.strip_prefix("...") {
        Some(name) => Ok(Segment::OptionalCatchAll(param_name(name, range)?)),
        None => Err(PathError::new(
            range,
            format!("`[[{inner}]]` is missing `...`; an optional segment is a catch-all: write `[[...{inner}]]`"),
        )),
    }
}

fn bracketed<'a>(
    text: &str,
    inner: &'a str,
    range: Range<usize>,
) -> Result<Segment<'a>, PathError> {
    let Some(inner) = inner.strip_suffix(']') else {
        return Err(unclosed(text, range, "]"));
    };
    match inner.strip_prefix("...") {
        Some(name) => Ok(Segment::CatchAll(param_name(name, range)?)),
        None => Ok(Segment::Param(param_name(inner, range)?)),
    }
}

fn group<'a>(text: &str, inner: &'a str, range: Range<usize>) -> Result<Segment<'a>, PathError> {
    let Some(name) = inner.strip_suffix(')') else {
        return Err(unclosed(text, range, ")"));
    };
    if name.is_empty() || name.contains(['(', ')', '[', ']']) || name.starts_with('.') {
        return Err(PathError::new(
            range,
            format!(
                "`{text}` is not a route group; a group is a name in parentheses such as `(shop)`"
            ),
        ));
    }
    Ok(Segment::Group(name))
}

fn literal(text: &str, range: Range<usize>) -> Result<Segment<'_>, PathError> {
    // The common case first: plain URL characters need no closer look.
    let plain = |byte: u8| byte.is_ascii_alphanumeric() || b"-_.~%!$&'*+,;=:@".contains(&byte);
    if text.bytes().all(plain) {
        return Ok(Segment::Literal(text));
    }
    for (offset, ch) in text.char_indices() {
        let at = range.start + offset..range.start + offset + ch.len_utf8();
        let advice = match ch {
            '?' | '#' => "query strings and fragments are not part of a route path; read them with `SearchParams`",
            '[' | ']' => "a dynamic segment must be the whole segment, such as `/[id]`",
            '(' | ')' => "a route group must be the whole segment, such as `/(shop)`",
            c if c.is_whitespace() || c.is_control() => "write spaces and control characters percent-encoded",
            _ => continue,
        };
        return Err(PathError::new(
            at,
            format!("`{ch}` is not allowed in a path segment; {advice}"),
        ));
    }
    Ok(Segment::Literal(text))
}

/// A Rust identifier, or one once `-` reads as `_` (`product-id`, as
/// Next.js apps name folders), `-` never first.
fn param_name(name: &str, range: Range<usize>) -> Result<&str, PathError> {
    let mut chars = name.chars();
    let valid = match chars.next() {
        Some(first) => {
            (first.is_ascii_alphabetic() || first == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                && name != "_"
        }
        None => false,
    };
    if valid {
        return Ok(name);
    }
    let suggestion: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let message = if name.is_empty() {
        "a dynamic segment needs a parameter name, such as `[id]`".to_owned()
    } else if suggestion.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("parameter name `{name}` is not a Rust identifier; write `{suggestion}`")
    } else {
        format!("parameter name `{name}` is not a Rust identifier; use letters, digits, `_` and `-`, starting with a letter")
    };
    Err(PathError::new(range, message))
}

fn unclosed(text: &str, range: Range<usize>, closing: &str) -> PathError {
    let opening = &text[..closing.len()];
    PathError::new(
        range,
        format!("unclosed `{opening}` in `{text}`; end the segment with `{closing}`"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(source: &str) -> (String, &str) {
        let err = segments(source).unwrap_err();
        (err.message, &source[err.span])
    }

    #[test]
    fn parses_every_kind_of_segment() {
        assert_eq!(
            segments("/(shop)/items/[id]/[[...rest]]").unwrap(),
            [
                Segment::Group("shop"),
                Segment::Literal("items"),
                Segment::Param("id"),
                Segment::OptionalCatchAll("rest"),
            ]
        );
        assert_eq!(
            segments("/docs/[...slug]").unwrap()[1],
            Segment::CatchAll("slug")
        );
        assert!(segments("/").unwrap().is_empty());
    }

    #[test]
    fn rejects_malformed_paths_pointing_at_the_culprit() {
        assert_eq!(error("comments").1, "comments");
        assert_eq!(
            error("/a//b"),
            ("empty path segment; remove the extra `/`".into(), "/")
        );
        assert_eq!(error("/a/").1, "/");
        assert_eq!(error("/c/[id").1, "[id");
        assert_eq!(error("/[...slug]/x").1, "[...slug]");
        assert_eq!(error("/[id]/[id]").1, "[id]");
        assert!(error("/[[id]]").0.contains("`[[...id]]`"));
        assert!(error("/[post.id]").0.contains("`post_id`"));
        assert_eq!(
            segments("/p/[product-id]").unwrap()[1],
            Segment::Param("product-id")
        );
        assert_eq!(
            error("/[a-b]/[a_b]"),
            (
                "parameters `a-b` and `a_b` are one name in Rust (`a_b`); give each parameter its own name".into(),
                "[a_b]"
            )
        );
        assert!(error("/[-a]").0.contains("not a Rust identifier"));
        assert_eq!(error("/a?b").1, "?");
        assert_eq!(error("/x[id]").1, "[");
        assert!(error("/[]").0.contains("needs a parameter name"));
        assert!(error("/()").0.contains("not a route group"));
    }

    #[test]
    fn unbalanced_brackets_suggest_the_segment_meant() {
        for (path, message) in [
            (
                "/blog/[[[...id]]",
                "`[[[...id]]` has unbalanced brackets; write `[[...id]]` (zero or more segments) or `[...id]`",
            ),
            (
                "/blog/[...id]]",
                "`[...id]]` has unbalanced brackets; write `[[...id]]` (zero or more segments) or `[...id]`",
            ),
            ("/blog/[id]]", "`[id]]` has unbalanced brackets; write `[id]`"),
            (
                "/blog/[a[b]",
                "`[a[b]` has unbalanced brackets; a dynamic segment is `[id]`, `[...slug]` or `[[...slug]]`",
            ),
        ] {
            let (got, span) = error(path);
            assert_eq!(got, message, "{path}");
            assert_eq!(span, &path[6..], "{path}");
        }
        // An unclosed segment keeps its own message.
        assert!(error("/[[...id]").0.starts_with("unclosed `[[`"));
        assert!(error("/[id").0.starts_with("unclosed `[`"));
    }
}
