use std::fmt;
use std::ops::Range;

/// Why a path did not parse, and where.
///
/// ```
/// let error = approute_path::PathPattern::parse("/comments/[id").unwrap_err();
/// assert_eq!(error.span, 10..13);
/// println!("{error}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PathError {
    /// What is wrong and what to write instead, in approute's error style:
    /// lowercase, no trailing period, advice after `; `.
    pub message: String,
    /// Byte range of the offending part of the path, so that the macro can
    /// point inside the string literal.
    pub span: Range<usize>,
}

impl PathError {
    pub(crate) fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        PathError {
            message: message.into(),
            span,
        }
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PathError {}
