//! Writing a link: the pattern's literals as written, each value
//! percent-encoded as one path segment.

use std::fmt::{Display, Write};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// What cannot stand in a path segment as is: `/` (a separator), `?` and
/// `#` (they end the path), `%` (it starts an escape), `\` (read as `/` by
/// browsers), space, the characters RFC 3986 leaves out, and non-ASCII.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A link being written, by the code `href!` generates.
#[doc(hidden)]
pub struct Href {
    url: String,
    /// The request's table has `trailing_slash`: the link ends with `/`,
    /// unless it is the mount point itself (`prefix` bytes long).
    trailing_slash: bool,
    prefix: usize,
    /// A value's text, reused for each one.
    value: String,
}

impl std::fmt::Debug for Href {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Href")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Href {
    pub fn new(prefix: &str) -> Self {
        Href {
            url: prefix.to_owned(),
            trailing_slash: false,
            prefix: prefix.len(),
            value: String::new(),
        }
    }

    /// A link from a request: under its mount prefix, and with the slash
    /// its table's `trailing_slash` writes.
    pub fn for_request(req: &actix_web::HttpRequest) -> Self {
        let trailing_slash =
            crate::routing::request_route::with_settings(req, |settings| settings.trailing_slash)
                .unwrap_or(false);
        Href {
            trailing_slash,
            ..Href::new(crate::url::mount::mount_prefix(req))
        }
    }

    /// A literal segment of the pattern, as written (already a valid segment).
    pub fn literal(&mut self, text: &str) {
        self.url.push('/');
        self.url.push_str(text);
    }

    /// A `[param]`'s value.
    pub fn param<T: Display + ?Sized>(&mut self, value: &T) {
        self.value.clear();
        let _ = write!(self.value, "{value}");
        self.url.push('/');
        self.url.extend(utf8_percent_encode(&self.value, SEGMENT));
    }

    /// A catch-all's values, one segment each; an optional catch-all's may
    /// be empty.
    pub fn catch_all<I>(&mut self, values: I)
    where
        I: IntoIterator,
        I::Item: Display,
    {
        for value in values {
            self.param(&value);
        }
    }

    pub fn finish(mut self) -> String {
        // The root, or a link past the mount point under `trailing_slash`.
        if self.url.is_empty() || (self.trailing_slash && self.url.len() > self.prefix) {
            self.url.push('/');
        }
        self.url
    }
}

#[cfg(test)]
mod tests {
    use super::Href;

    #[test]
    fn values_are_encoded_per_segment() {
        let mut href = Href::new("");
        href.literal("docs");
        href.param("a/b?c#d%e f");
        href.param(&"café");
        href.catch_all(["x y", "z"]);
        assert_eq!(
            href.finish(),
            "/docs/a%2Fb%3Fc%23d%25e%20f/caf%C3%A9/x%20y/z"
        );

        let mut root = Href::new("");
        root.catch_all(Vec::<String>::new());
        assert_eq!(root.finish(), "/");

        let mut mounted = Href::new("/api");
        mounted.catch_all(Vec::<u32>::new());
        assert_eq!(mounted.finish(), "/api");
    }
}
