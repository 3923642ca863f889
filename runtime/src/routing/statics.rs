//! A tree node's literal children. Most nodes have a few, which a list
//! finds with fewer instructions than hashing the segment would take (the
//! length is compared first, then the bytes); a node with many (an app of
//! thousands of routes under one prefix) keeps a hash map, so a lookup
//! stays one probe per segment however wide the tree is.

use std::borrow::Cow;

/// Above this many children, a hash map.
const LIST_MAX: usize = 16;

#[derive(Debug)]
pub(crate) enum Statics<N> {
    List(Vec<(Cow<'static, str>, N)>),
    Map(foldhash::HashMap<Cow<'static, str>, N>),
}

impl<N> Default for Statics<N> {
    fn default() -> Self {
        Statics::List(Vec::new())
    }
}

impl<N: Default> Statics<N> {
    /// The child at `key`, added if it is new.
    pub(crate) fn entry(&mut self, key: Cow<'static, str>) -> &mut N {
        if let Statics::List(list) = self {
            if list.len() == LIST_MAX && !list.iter().any(|(known, _)| *known == key) {
                *self = Statics::Map(std::mem::take(list).into_iter().collect());
            }
        }
        match self {
            Statics::List(list) => {
                let at = match list.iter().position(|(known, _)| *known == key) {
                    Some(at) => at,
                    None => {
                        list.push((key, N::default()));
                        list.len() - 1
                    }
                };
                &mut list[at].1
            }
            Statics::Map(map) => map.entry(key).or_default(),
        }
    }
}

impl<N> Statics<N> {
    #[inline]
    pub(crate) fn get(&self, segment: &str) -> Option<&N> {
        match self {
            Statics::List(list) => list
                .iter()
                .find(|(known, _)| same(known, segment))
                .map(|(_, child)| child),
            Statics::Map(map) => map.get(segment),
        }
    }
}

impl<N> Statics<N> {
    /// Every child, in no particular order.
    pub(crate) fn iter(&self) -> Box<dyn Iterator<Item = (&str, &N)> + '_> {
        match self {
            Statics::List(list) => Box::new(list.iter().map(|(key, child)| (key.as_ref(), child))),
            Statics::Map(map) => Box::new(map.iter().map(|(key, child)| (key.as_ref(), child))),
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

    #[test]
    fn a_wide_node_turns_into_a_map_and_keeps_every_child() {
        let mut statics: Statics<usize> = Statics::default();
        for i in 0..40 {
            *statics.entry(Cow::Owned(format!("s{i}"))) = i;
        }
        assert!(matches!(statics, Statics::Map(_)));
        for i in 0..40 {
            assert_eq!(statics.get(&format!("s{i}")), Some(&i));
        }
        assert_eq!(statics.get("s40"), None);
        let mut narrow: Statics<usize> = Statics::default();
        *narrow.entry(Cow::Borrowed("a")) = 1;
        *narrow.entry(Cow::Borrowed("a")) += 1;
        assert!(matches!(&narrow, Statics::List(list) if list.len() == 1));
        assert_eq!(narrow.get("a"), Some(&2));
    }
}
