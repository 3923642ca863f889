//! The route table as JSON, for tools: the same entries as the start-up
//! listing, each with its middleware chain, and the warnings.

use serde_json::{json, Value};

use super::problems::Problem;
use super::table::{RouteEntry, RouteTable};
use crate::registry::route::Location;

impl RouteTable {
    /// Every handler in precedence order, as the listing shows it:
    ///
    /// ```json
    /// { "routes": [ { "pattern": "/(shop)/items/[id]", "url": "/items/[id]", "method": "GET",
    ///                 "kind": "route", "location": { "file": "src/items.rs", "line": 12,
    ///                 "module_path": "shop::items" }, "shadowed": false,
    ///                 "middleware": [ { "name": "require_login", "location": { .. },
    ///                                   "every_path": true } ],
    ///                 "max_duration_seconds": null, "websocket": false } ],
    ///   "warnings": [ { "kind": "shadowed-page", "message": "…", "help": "…",
    ///                   "locations": [ { "file": .., "line": .., "module_path": .. } ] } ] }
    /// ```
    ///
    /// ```
    /// # #[approute::route("/hello")] async fn GET() -> &'static str { "" }
    /// let json = approute::routes().unwrap().to_json();
    /// assert!(json["routes"].is_array());
    /// ```
    pub fn to_json(&self) -> Value {
        let routes: Vec<Value> = self.entries().map(|entry| entry_json(&entry)).collect();
        let warnings: Vec<Value> = self.warnings().iter().map(problem_json).collect();
        json!({ "routes": routes, "warnings": warnings })
    }
}

/// A problem as tools read it: its kind, not its text.
fn problem_json(problem: &Problem) -> Value {
    let locations: Vec<Value> = problem
        .handlers
        .iter()
        .map(|handler| location_json(handler.location()))
        .collect();
    json!({
        "kind": problem.kind.name(),
        "message": problem.message,
        "help": problem.help,
        "locations": locations,
    })
}

fn entry_json(entry: &RouteEntry) -> Value {
    let middleware: Vec<Value> = entry
        .middleware
        .iter()
        .map(|link| {
            json!({
                "name": link.name,
                "location": location_json(link.location),
                "every_path": link.every_path,
            })
        })
        .collect();
    json!({
        "pattern": entry.pattern,
        "url": entry.url,
        "method": entry.method.as_str(),
        "kind": entry.kind.to_string(),
        "location": location_json(entry.location),
        "shadowed": entry.shadowed,
        "middleware": middleware,
        "max_duration_seconds": entry.max_duration.map(|limit| limit.as_secs()),
        "websocket": entry.websocket,
    })
}

fn location_json(location: Location) -> Value {
    json!({
        "file": location.file,
        "line": location.line,
        "module_path": location.module_path,
    })
}
