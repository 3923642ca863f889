//! The document of a table mounted under a scope
//! (`web::scope("/api/v1").configure(approute::configure)`): the same
//! operations, each path under the prefix, so that a client generated from
//! it calls the URLs the application answers.

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::{web, Resource};
use utoipa::openapi::path::Paths;
use utoipa::openapi::OpenApi;

use crate::routing::RouteTable;

impl RouteTable {
    /// [`openapi`](Self::openapi) as the table answers under `prefix`:
    /// every path starts with it (`/comments/{id}` → `/api/v1/comments/{id}`;
    /// the root route's path is the prefix itself, the mount point being its
    /// URL). Operation ids are the unmounted document's, so a generated
    /// client's function names do not depend on where the API is mounted.
    ///
    /// ```
    /// use approute::prelude::*;
    ///
    /// #[route("/comments/[id]")]
    /// async fn GET(Params(id): Params<u32>) -> String {
    ///     id.to_string()
    /// }
    ///
    /// let table = approute::routes().unwrap();
    /// let document = table.openapi_under("/api/v1");
    /// assert!(document.paths.paths.contains_key("/api/v1/comments/{id}"));
    /// ```
    pub fn openapi_under(&self, prefix: &str) -> OpenApi {
        let mut document = self.openapi();
        let prefix = normalized(prefix);
        let mut paths = Paths::new();
        for (path, item) in std::mem::take(&mut document.paths.paths) {
            let mounted = match path.as_str() {
                "/" if !prefix.is_empty() => prefix.clone(),
                path => format!("{prefix}{path}"),
            };
            paths.paths.insert(mounted, item);
        }
        paths.extensions = document.paths.extensions.take();
        document.paths = paths;
        document
    }
}

/// `api/v1/` as `/api/v1`: one leading `/`, none trailing; `/` alone as
/// nothing.
fn normalized(prefix: &str) -> String {
    let trimmed = prefix.trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

/// [`openapi_service`](crate::openapi::openapi_service) for a mounted
/// table: serves the document of every registered handler as
/// [`RouteTable::openapi_under`] writes it for `prefix`, as JSON at `path`,
/// built once per prefix for the process.
///
/// ```no_run
/// use actix_web::{web, App};
///
/// let app = App::new().service(
///     web::scope("/api/v1")
///         .service(approute::openapi::openapi_service_under("/openapi.json", "/api/v1"))
///         .configure(approute::configure),
/// );
/// ```
pub fn openapi_service_under(path: &str, prefix: &str) -> Resource {
    static DOCUMENTS: Mutex<Option<HashMap<String, web::Bytes>>> = Mutex::new(None);
    let document = {
        let mut documents = DOCUMENTS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        documents
            .get_or_insert_with(HashMap::new)
            .entry(prefix.to_owned())
            .or_insert_with(|| {
                let json = serde_json::to_vec(&super::registry_document(prefix))
                    .expect("an OpenAPI document serializes");
                web::Bytes::from(json)
            })
            .clone()
    };
    super::serve::json_resource(path, document)
}

#[cfg(test)]
mod tests {
    use super::normalized;

    #[test]
    fn a_prefix_has_one_leading_slash_and_none_trailing() {
        assert_eq!(normalized("/api/v1"), "/api/v1");
        assert_eq!(normalized("api/v1/"), "/api/v1");
        assert_eq!(normalized("/"), "");
        assert_eq!(normalized(""), "");
    }
}
