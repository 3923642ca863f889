//! A tree node's literal children. Most nodes have a few, which a list
//! finds with fewer instructions than hashing the segment would take (the
//! first byte is compared first, then the bytes); a wider node groups its
//! literals by their first byte, so a lookup compares the few that share
//! the segment's; a node with many in one group (an app of thousands of
//! routes under one prefix) keeps a hash map, so a lookup stays one probe
//! per segment however wide the tree is. A node with an odd literal (one a
//! request segment must be checked before it is compared with) keeps a
//! map too.

use std::borrow::Cow;

/// Above this many children, grouped by first byte.
const LIST_MAX: usize = 16;
/// Above this many children with one first byte, a hash map.
const GROUP_MAX: usize = 16;

type Literal<N> = (Cow<'static, str>, N);

#[derive(Debug, Clone)]
pub(crate) struct Statics<N> {
    children: Children<N>,
}

/// A literal that holds a `/` once decoded (`a%2Fb`): it is one segment, so
/// it must not be taken for the prefix `a/b` of a request path; or a `%`
/// (`100%25`), or is a dot segment (`.`, `%2e`): a request segment spelled
/// so must be checked (and decoded or resolved) before it is compared.
fn is_odd(key: &str) -> bool {
    key.contains(['/', '%']) || key == "." || key == ".."
}

/// What [`Statics::prefix`] found at a path's start.
pub(crate) enum Prefix<'n, 'p, N> {
    /// The child whose literal is the first segment, and the path after
    /// that segment (`None` when it was the last).
    Child(&'n N, Option<&'p str>),
    /// No literal is the first segment.
    Nothing,
    /// A map: the caller splits the segment off, checks it and asks
    /// [`Statics::get`].
    BySegment,
}

#[derive(Debug, Clone)]
enum Children<N> {
    List {
        /// Each literal's first byte, in `list`'s order: the scan reads one
        /// byte per child, and a child's text only when its first byte is
        /// the segment's.
        firsts: Vec<u8>,
        list: Vec<Literal<N>>,
    },
    Grouped {
        /// `list[starts[b]..starts[b + 1]]` are the literals whose first
        /// byte is `b`.
        starts: Box<[u16; 257]>,
        /// In the order of their first bytes.
        list: Vec<Literal<N>>,
    },
    Map(foldhash::HashMap<Cow<'static, str>, N>),
}

impl<N> Default for Statics<N> {
    fn default() -> Self {
        Statics {
            children: Children::List {
                firsts: Vec::new(),
                list: Vec::new(),
            },
        }
    }
}

fn first_byte(key: &str) -> u8 {
    key.as_bytes().first().copied().unwrap_or_default()
}

impl<N: Default> Statics<N> {
    /// The child at `key` (a decoded literal, never empty), added if it is new.
    pub(crate) fn entry(&mut self, key: Cow<'static, str>) -> &mut N {
        if is_odd(&key) {
            self.make_map();
        }
        self.widen_for(&key);
        match &mut self.children {
            Children::List { firsts, list } => {
                let at = match list.iter().position(|(known, _)| *known == key) {
                    Some(at) => at,
                    None => {
                        firsts.push(first_byte(&key));
                        list.push((key, N::default()));
                        list.len() - 1
                    }
                };
                &mut list[at].1
            }
            Children::Grouped { starts, list } => {
                let byte = usize::from(first_byte(&key));
                let group = usize::from(starts[byte])..usize::from(starts[byte + 1]);
                let at = match list[group.clone()]
                    .iter()
                    .position(|(known, _)| *known == key)
                {
                    Some(at) => group.start + at,
                    None => {
                        list.insert(group.end, (key, N::default()));
                        starts[byte + 1..].iter_mut().for_each(|start| *start += 1);
                        group.end
                    }
                };
                &mut list[at].1
            }
            Children::Map(map) => map.entry(key).or_default(),
        }
    }

    fn make_map(&mut self) {
        let list = match &mut self.children {
            Children::List { list, .. } | Children::Grouped { list, .. } => std::mem::take(list),
            Children::Map(_) => return,
        };
        self.children = Children::Map(list.into_iter().collect());
    }

    /// Turns a full list into groups, and a full group into a map, before
    /// `key` is added if it is new.
    fn widen_for(&mut self, key: &str) {
        match &mut self.children {
            Children::List { firsts, list } => {
                if list.len() < LIST_MAX || list.iter().any(|(known, _)| known == key) {
                    return;
                }
                firsts.clear();
                let mut list = std::mem::take(list);
                list.sort_by_key(|(known, _)| first_byte(known));
                let mut starts = Box::new([0u16; 257]);
                for (known, _) in &list {
                    starts[usize::from(first_byte(known)) + 1] += 1;
                }
                for byte in 1..starts.len() {
                    starts[byte] += starts[byte - 1];
                }
                self.children = Children::Grouped { starts, list };
                // The group `key` joins may be full already.
                self.widen_for(key);
            }
            Children::Grouped { starts, list } => {
                let byte = usize::from(first_byte(key));
                let group = &list[usize::from(starts[byte])..usize::from(starts[byte + 1])];
                let full = group.len() == GROUP_MAX || list.len() == usize::from(u16::MAX);
                if !full || group.iter().any(|(known, _)| known == key) {
                    return;
                }
                self.make_map();
            }
            Children::Map(_) => {}
        }
    }
}

impl<N> Statics<N> {
    /// The child whose literal is `segment`.
    #[inline]
    pub(crate) fn get(&self, segment: &str) -> Option<&N> {
        let found = match &self.children {
            Children::List { list, .. } => list.iter().find(|(known, _)| same(known, segment)),
            Children::Grouped { starts, list } => {
                let byte = usize::from(first_byte(segment));
                list[usize::from(starts[byte])..usize::from(starts[byte + 1])]
                    .iter()
                    .find(|(known, _)| same(known, segment))
            }
            Children::Map(map) => return map.get(segment),
        };
        found.map(|(_, child)| child)
    }

    /// The child whose literal is the first segment of `path` (a request
    /// path after a `/`, as it came). A list compares its literals with
    /// the path's start, so the segment's end is never searched for.
    #[inline]
    pub(crate) fn prefix<'p>(&self, path: &'p str) -> Prefix<'_, 'p, N> {
        let Some(&first) = path.as_bytes().first() else {
            return Prefix::Nothing;
        };
        let found = match &self.children {
            Children::List { firsts, list } => {
                let candidates = firsts
                    .iter()
                    .zip(list)
                    .filter(|(known, _)| **known == first)
                    .map(|(_, literal)| literal);
                starting(candidates, path)
            }
            Children::Grouped { starts, list } => {
                let byte = usize::from(first);
                let group = &list[usize::from(starts[byte])..usize::from(starts[byte + 1])];
                starting(group.iter(), path)
            }
            Children::Map(_) => return Prefix::BySegment,
        };
        match found {
            Some((child, after)) => Prefix::Child(child, after),
            None => Prefix::Nothing,
        }
    }
}

/// The first of `candidates` whose literal is `path`'s first segment, and
/// the path after it. The byte after the literal is looked at before the
/// literal's bytes: where it is no `/` (nor the end), the lengths differ.
#[inline]
fn starting<'n, 'p, N: 'n>(
    candidates: impl Iterator<Item = &'n Literal<N>>,
    path: &'p str,
) -> Option<(&'n N, Option<&'p str>)> {
    let bytes = path.as_bytes();
    for (known, child) in candidates {
        let known = known.as_bytes();
        let after = match bytes.get(known.len()) {
            None if bytes.len() == known.len() => None,
            Some(b'/') => Some(&path[known.len() + 1..]),
            _ => continue,
        };
        if bytes[..known.len()] == *known {
            return Some((child, after));
        }
    }
    None
}

/// The first segment of `path` and what follows its `/`, if anything does.
/// A byte search, not `split_once('/')`: this runs once per segment of
/// every request, and the `char` searcher is not always inlined. Not
/// `memchr`: a segment is short, and its call costs more than the bytes it
/// saves.
#[inline]
pub(crate) fn split_segment(path: &str) -> (&str, Option<&str>) {
    match path.bytes().position(|byte| byte == b'/') {
        Some(at) => (&path[..at], Some(&path[at + 1..])),
        None => (path, None),
    }
}

impl<N> Statics<N> {
    /// Every child, in no particular order.
    pub(crate) fn iter(&self) -> Box<dyn Iterator<Item = (&str, &N)> + '_> {
        match &self.children {
            Children::List { list, .. } | Children::Grouped { list, .. } => {
                Box::new(list.iter().map(|(key, child)| (key.as_ref(), child)))
            }
            Children::Map(map) => Box::new(map.iter().map(|(key, child)| (key.as_ref(), child))),
        }
    }
}

/// Length and first byte before the bytes: most children differ there,
/// without a call to `memcmp`.
#[inline]
fn same(known: &str, segment: &str) -> bool {
    let (known, segment) = (known.as_bytes(), segment.as_bytes());
    known.len() == segment.len() && known.first() == segment.first() && known == segment
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `prefix` as the tree's walk reads it, a map's segment split off.
    fn prefix<'n, 'p>(
        statics: &'n Statics<usize>,
        path: &'p str,
    ) -> Option<(&'n usize, Option<&'p str>)> {
        match statics.prefix(path) {
            Prefix::Child(child, after) => Some((child, after)),
            Prefix::Nothing => None,
            Prefix::BySegment => {
                let (segment, after) = split_segment(path);
                Some((statics.get(segment)?, after))
            }
        }
    }

    /// `count` literals: `"s0"`, `"s1"`, … (one first byte) or spread
    /// over first bytes (`"a0"`, `"b1"`, …).
    fn statics(count: usize, spread: bool) -> (Statics<usize>, Vec<String>) {
        let mut statics = Statics::default();
        let keys: Vec<String> = (0..count)
            .map(|i| match spread {
                true => format!("{}{i}", char::from(b'a' + (i % 26) as u8)),
                false => format!("s{i}"),
            })
            .collect();
        for (i, key) in keys.iter().enumerate() {
            *statics.entry(Cow::Owned(key.clone())) = i;
            // A second entry finds the first.
            *statics.entry(Cow::Owned(key.clone())) += 0;
        }
        (statics, keys)
    }

    #[test]
    fn every_kind_of_node_finds_each_literal_whole_and_as_a_prefix() {
        for (count, spread, kind) in [
            (3, false, "list"),
            (16, false, "list"),
            (40, true, "grouped"),
            (17, false, "map"),
            (40, false, "map"),
        ] {
            let (statics, keys) = statics(count, spread);
            let actual = match &statics.children {
                Children::List { list, .. } => {
                    assert_eq!(list.len(), count);
                    "list"
                }
                Children::Grouped { list, .. } => {
                    assert_eq!(list.len(), count);
                    "grouped"
                }
                Children::Map(map) => {
                    assert_eq!(map.len(), count);
                    "map"
                }
            };
            assert_eq!(actual, kind, "{count} literals");
            assert_eq!(statics.iter().count(), count);
            for (i, key) in keys.iter().enumerate() {
                assert_eq!(statics.get(key), Some(&i), "{kind}: {key}");
                assert_eq!(prefix(&statics, key), Some((&i, None)), "{kind}: {key}");
                let longer = format!("{key}/rest/of/it");
                assert_eq!(prefix(&statics, &longer), Some((&i, Some("rest/of/it"))));
                assert_eq!(prefix(&statics, &format!("{key}/")), Some((&i, Some(""))));
                // Only a whole segment: `s1` is no prefix of `s1x` or `s10`'s.
                assert_eq!(prefix(&statics, &format!("{key}x/rest")), None, "{kind}");
                assert_eq!(statics.get(&format!("{key}x")), None);
                assert_eq!(
                    prefix(&statics, &key[..key.len() - 1]).map(|(_, after)| after),
                    {
                        let shorter = &key[..key.len() - 1];
                        keys.iter().any(|known| known == shorter).then_some(None)
                    }
                );
            }
            assert_eq!(prefix(&statics, ""), None);
            assert_eq!(prefix(&statics, "/s1"), None);
            assert_eq!(statics.get(""), None);
        }
    }

    #[test]
    fn a_node_with_an_odd_literal_is_a_map() {
        for odd in ["a/b", "100%", ".", ".."] {
            for filler in [0, 20] {
                let mut statics: Statics<usize> = Statics::default();
                for i in 0..filler {
                    let key = format!("{}{i}", char::from(b'b' + (i % 20) as u8));
                    *statics.entry(Cow::Owned(key)) = 9;
                }
                *statics.entry(Cow::Borrowed("a")) = 2;
                assert!(!matches!(statics.children, Children::Map(_)));
                *statics.entry(Cow::Borrowed(odd)) = 1;
                assert!(matches!(statics.prefix("a/b"), Prefix::BySegment), "{odd}");
                assert_eq!(statics.get(odd), Some(&1));
                assert_eq!(statics.get("a"), Some(&2));
            }
        }
    }
}
