//! From the guard to the service at the root: what the guard's lookup found.
//!
//! actix-web calls a service right after its guards pass, in the same call
//! (`AppRouting::call`), on the same thread: the guard leaves its lookup in
//! a thread-local slot and the service takes it, instead of a request
//! extension (ARCHITECTURE.md, "Finding the match again"). The
//! slot also holds the path it was found for, so that a service never takes
//! another request's lookup: it looks the path up itself then.
//!
//! Set by the guard on a hit, cleared by the guard on a miss and by the
//! service that takes it. It cannot leak into another request: the guard
//! and the service run in one call with nothing between them, and a lookup
//! left behind (a guard that passed, a service that never ran) is taken only
//! by a request whose path is at the same address with the same length,
//! which is then the same request's path; ARCHITECTURE.md, "Thread-locals".

use std::cell::Cell;

use crate::routing::lookup::Lookup;

struct HandedOver {
    /// Where the path the lookup read lies, and its length.
    path: (*const u8, usize),
    found: Lookup,
}

thread_local! {
    static SLOT: Cell<Option<HandedOver>> = const { Cell::new(None) };
}

/// The guard's lookup of `path`, for the service to take.
pub(crate) fn hand_over(path: &str, found: Lookup) {
    let handed = HandedOver {
        path: (path.as_ptr(), path.len()),
        found,
    };
    SLOT.with(|slot| slot.set(Some(handed)));
}

/// The guard found nothing: no lookup is left for any service.
pub(crate) fn clear() {
    SLOT.with(|slot| slot.set(None));
}

/// The lookup the guard left for `path`, if it left one for this very path.
pub(crate) fn take(path: &str) -> Option<Lookup> {
    let handed = SLOT.with(Cell::take)?;
    (handed.path == (path.as_ptr(), path.len())).then_some(handed.found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::lookup::Detour;

    fn detour() -> Lookup {
        Lookup::Detour(Detour::BadSegment("a segment".to_owned()))
    }

    #[test]
    fn the_service_takes_the_lookup_of_its_own_path_once() {
        let path = String::from("/comments/7");
        hand_over(&path, detour());
        assert!(matches!(take(&path), Some(Lookup::Detour(_))));
        assert!(take(&path).is_none(), "taken once");
    }

    #[test]
    fn another_requests_path_takes_nothing() {
        let path = String::from("/comments/7");
        let same_text = path.clone();
        hand_over(&path, detour());
        assert!(
            take(&same_text).is_none(),
            "the same text elsewhere is another path"
        );
        assert!(take(&path).is_none(), "the slot is emptied either way");
        hand_over(&path, detour());
        clear();
        assert!(take(&path).is_none(), "a miss leaves nothing");
    }
}
