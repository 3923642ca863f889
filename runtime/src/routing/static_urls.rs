//! The table's static URLs (every segment a literal: `/hello`,
//! `/comments/new`) in one map (a short list, or a hash map for more than a
//! few), looked up with the whole request path before the tree is walked.
//! A static URL outranks every dynamic one at each of its segments
//! (ARCHITECTURE.md, "Precedence and URL rules"), so when the path is one,
//! the tree would find the same endpoint, a segment at a time.
//!
//! A path is only looked for when some static URL has its length, so a
//! request for a dynamic route rarely pays for the probe.

use super::tree::{EndpointId, Node};

/// A fixed seed: the map is built once and never grows, so a request path
/// an attacker chooses can at worst walk its longest probe sequence; and a
/// fixed seed makes the cost of a lookup the same in every process.
type Hasher = foldhash::fast::FixedState;
const SEED: u64 = 0x7374_6174_6963_7321;

#[derive(Clone)]
pub(crate) struct StaticUrls {
    urls: Urls,
    /// Bit `n` set when a static URL is `n` bytes long (bit 63: 63 or more).
    lengths: u64,
}

/// A few URLs are compared one by one (their lengths first, which mostly
/// differ): cheaper than hashing the path. Beyond, one hash probe.
#[derive(Clone)]
enum Urls {
    Few(Vec<(Box<str>, EndpointId)>),
    Many(std::collections::HashMap<Box<str>, EndpointId, Hasher>),
}

/// Up to this many static URLs are compared one by one.
const FEW: usize = 8;

impl StaticUrls {
    pub(crate) fn new(root: &Node) -> StaticUrls {
        let mut found: Vec<(Box<str>, EndpointId)> = Vec::new();
        root.static_endpoints(&mut String::new(), &mut |url, endpoint| {
            let url = if url.is_empty() { "/" } else { url };
            found.push((Box::from(url), endpoint));
        });
        let lengths = found
            .iter()
            .fold(0, |lengths, (url, _)| lengths | length_bit(url.len()));
        let urls = match found.len() <= FEW {
            true => Urls::Few(found),
            false => {
                let mut urls = std::collections::HashMap::with_capacity_and_hasher(
                    found.len(),
                    Hasher::with_seed(SEED),
                );
                urls.extend(found);
                Urls::Many(urls)
            }
        };
        StaticUrls { urls, lengths }
    }

    /// The endpoint whose static URL is `path` as the request spells it (a
    /// path with nothing to decode).
    #[inline(always)]
    pub(crate) fn get(&self, path: &str) -> Option<EndpointId> {
        if self.lengths & length_bit(path.len()) == 0 {
            return None;
        }
        self.probe(path)
    }

    /// Out of line: the call and its saved registers are paid only by
    /// paths of a static URL's length.
    #[inline(never)]
    fn probe(&self, path: &str) -> Option<EndpointId> {
        match &self.urls {
            Urls::Few(urls) => urls
                .iter()
                .find(|(url, _)| url.len() == path.len() && **url == *path)
                .map(|&(_, endpoint)| endpoint),
            Urls::Many(urls) => urls.get(path).copied(),
        }
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
        // Both kinds of map: these few URLs, and the same among many.
        // (The tree takes `'static` segments.)
        let fillers: Vec<&'static str> =
            (0..FEW).map(|n| &*format!("/filler-{n}").leak()).collect();
        for extra in [&fillers[..0], &fillers[..]] {
            let mut root = Node::default();
            let all = routes.iter().chain(extra);
            for (endpoint, route) in all.enumerate() {
                let pattern = PathPattern::parse(route).unwrap();
                root.insert(pattern.url_segments(), endpoint).unwrap();
            }
            let urls = StaticUrls::new(&root);
            assert_eq!(matches!(urls.urls, Urls::Many(_)), !extra.is_empty());
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
}
