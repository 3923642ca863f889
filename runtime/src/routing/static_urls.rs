//! The table's static URLs (every segment a literal: `/hello`,
//! `/comments/new`) in one hash map, looked up with the whole request path
//! before the tree is walked. A static URL outranks every dynamic one at
//! each of its segments (DESIGN.md, "Precedence"), so when the path is one,
//! the tree would find the same endpoint, a segment at a time.
//!
//! A path is only hashed when some static URL has its length, so a request
//! for a dynamic route rarely pays for the probe.

use super::tree::{EndpointId, Node};

/// A fixed seed: the map is built once and never grows, so a request path
/// an attacker chooses can at worst walk its longest probe sequence; and a
/// fixed seed makes the cost of a lookup the same in every process.
type Hasher = foldhash::fast::FixedState;
const SEED: u64 = 0x7374_6174_6963_7321;

pub(crate) struct StaticUrls {
    urls: std::collections::HashMap<Box<str>, EndpointId, Hasher>,
    /// Bit `n` set when a static URL is `n` bytes long (bit 63: 63 or more).
    lengths: u64,
}

impl StaticUrls {
    pub(crate) fn new(root: &Node) -> StaticUrls {
        let mut urls: std::collections::HashMap<Box<str>, EndpointId, Hasher> =
            std::collections::HashMap::with_hasher(Hasher::with_seed(SEED));
        root.static_endpoints(&mut String::new(), &mut |url, endpoint| {
            let url = if url.is_empty() { "/" } else { url };
            urls.insert(Box::from(url), endpoint);
        });
        let lengths = urls
            .keys()
            .fold(0, |lengths, url| lengths | length_bit(url.len()));
        StaticUrls { urls, lengths }
    }

    /// The endpoint whose static URL is `path` as the request spells it (a
    /// path with nothing to decode).
    #[inline]
    pub(crate) fn get(&self, path: &str) -> Option<EndpointId> {
        if self.lengths & length_bit(path.len()) == 0 {
            return None;
        }
        self.urls.get(path).copied()
    }
}

#[inline(always)]
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approute_path::PathPattern;

    #[test]
    fn holds_the_static_urls_and_nothing_else() {
        let mut root = Node::default();
        let routes = [
            "/",
            "/hello",
            "/comments/[id]",
            "/comments/new",
            "/docs/[...slug]",
            "/%61%20b",
            "/a%2Fb",
            "/100%25",
        ];
        for (endpoint, route) in routes.iter().enumerate() {
            let pattern = PathPattern::parse(route).unwrap();
            root.insert(pattern.url_segments(), endpoint).unwrap();
        }
        let urls = StaticUrls::new(&root);
        assert_eq!(urls.get("/"), Some(0));
        assert_eq!(urls.get("/hello"), Some(1));
        assert_eq!(urls.get("/comments/new"), Some(3));
        assert_eq!(urls.get("/a b"), Some(5));
        assert_eq!(urls.get("/comments/7"), None);
        assert_eq!(urls.get("/comments"), None);
        assert_eq!(urls.get("/docs"), None);
        assert_eq!(urls.get("/hellO"), None);
        // One segment that holds a `/` once decoded: `/a/b` is two.
        assert_eq!(urls.get("/a/b"), None);
        assert_eq!(urls.get("/100%"), None);
        let long = format!("/{}", "x".repeat(100));
        assert_eq!(urls.get(&long), None);
    }
}
