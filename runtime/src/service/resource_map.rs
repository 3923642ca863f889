//! The table's routes in actix-web's `ResourceMap`, so that
//! `HttpRequest::match_pattern()` names the route that serves a request
//! (tracing-actix-web's `http.route`, actix-web-prom's label) and a path no
//! route takes reads as unmatched.
//!
//! The patterns are made once per table; each worker's application gets
//! its own map (actix-web's is `Rc`), of clones: a route's regex is compiled
//! once per process, not once per worker.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use actix_web::dev::{ResourceDef, ResourceMap};

use crate::routing::compiled::Compiled;
use crate::routing::route_patterns::{route_patterns, MountPoint, PatternNode};

/// A pattern tree's nodes as actix-web definitions, made once per table and
/// mount point.
pub(crate) struct Definitions {
    pub(crate) nodes: Vec<Definition>,
}

pub(crate) struct Definition {
    pub(crate) def: ResourceDef,
    pub(crate) children: Option<Vec<Definition>>,
}

/// Made on first use, kept with the table's settings.
#[derive(Default)]
struct TableDefinitions {
    root: OnceLock<Definitions>,
    scope: OnceLock<Definitions>,
}

/// The table's definitions for `mount`, made on the first call.
pub(crate) fn with_definitions<R>(
    table: &Compiled,
    mount: MountPoint,
    then: impl FnOnce(&Definitions) -> R,
) -> R {
    let definitions = table.settings.get_or_init(TableDefinitions::default);
    let cell = match mount {
        MountPoint::Root => &definitions.root,
        MountPoint::Scope => &definitions.scope,
    };
    then(cell.get_or_init(|| {
        // Routes share patterns (`/{id}` below many prefixes): one
        // definition, one compiled regex, per text. (actix-web also leaks
        // each parameter's name per definition it makes.)
        let mut known = HashMap::new();
        Definitions {
            nodes: define(&route_patterns(table, mount), &mut known),
        }
    }))
}

fn define(
    nodes: &[PatternNode],
    known: &mut HashMap<(String, bool), ResourceDef>,
) -> Vec<Definition> {
    nodes
        .iter()
        .map(|node| {
            let prefix = node.children.is_some();
            let def = known
                .entry((node.text.clone(), prefix))
                .or_insert_with(|| match prefix {
                    true => ResourceDef::prefix(node.text.as_str()),
                    false => ResourceDef::new(node.text.as_str()),
                })
                .clone();
            Definition {
                def,
                children: node
                    .children
                    .as_deref()
                    .map(|children| define(children, known)),
            }
        })
        .collect()
}

impl Definition {
    /// Whether actix-web routes to this node as it does to a scope: a
    /// literal prefix (the root route `/` is its own exact node).
    pub(crate) fn is_literal_prefix(&self) -> bool {
        self.children.is_some() && self.def.pattern().is_some_and(|text| !text.contains('{'))
    }

    /// This node as a map, for `register_service`'s `nested`.
    pub(crate) fn map(&self) -> Option<Rc<ResourceMap>> {
        let children = self.children.as_ref()?;
        Some(container(self.def.clone(), children))
    }
}

/// A prefix node holding `children`.
pub(crate) fn container(def: ResourceDef, children: &[Definition]) -> Rc<ResourceMap> {
    let mut map = ResourceMap::new(def);
    for child in children {
        let mut def = child.def.clone();
        map.add(&mut def, child.map());
    }
    Rc::new(map)
}
