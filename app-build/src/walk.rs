//! Finding `route.rs` and `page.rs` under `src/app`, each folder name checked
//! with the routes' own parser.

use std::fmt;
use std::path::{Path, PathBuf};

use approute_path::PathPattern;

/// A route handler file or a page file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `route.rs`: `pub async fn GET(..)` and the other verbs.
    Route,
    /// `page.rs`: `pub async fn page(..)`.
    Page,
}

/// One file to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AppFile {
    /// `route.rs` or `page.rs`.
    pub(crate) kind: FileKind,
    /// The path its folders spell: `/comments/[id]`.
    pub(crate) pattern: String,
    /// `src/app/comments/[id]/route.rs`, as errors and the listing show it.
    pub(crate) display: String,
    /// Where the compiler finds it.
    pub(crate) absolute: PathBuf,
}

/// A folder whose name is not in the path grammar, or a directory that
/// cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AppDirError {
    /// The folder, as the crate names it: `src/app/comments/[id`.
    pub(crate) folder: String,
    /// What is wrong with it.
    pub(crate) message: String,
}

impl fmt::Display for AppDirError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.folder, self.message)
    }
}

impl std::error::Error for AppDirError {}

/// Every `route.rs` and `page.rs` under `app`, in path order. `root` is what
/// `display` paths are relative to (the crate's directory). No `app`
/// directory is no files.
pub(crate) fn app_files(app: &Path, root: &Path) -> Result<Vec<AppFile>, AppDirError> {
    let mut files = Vec::new();
    if app.is_dir() {
        visit(app, root, &mut Vec::new(), &mut files)?;
    }
    files.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(files)
}

fn visit(
    dir: &Path,
    root: &Path,
    segments: &mut Vec<String>,
    files: &mut Vec<AppFile>,
) -> Result<(), AppDirError> {
    let shown = |path: &Path| {
        let relative = path.strip_prefix(root).unwrap_or(path);
        relative.to_string_lossy().replace('\\', "/")
    };
    let read_error = |error: std::io::Error| AppDirError {
        folder: shown(dir),
        message: format!("cannot be read: {error}"),
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(read_error)?
        .collect::<Result<_, _>>()
        .map_err(read_error)?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            // `_private` folders are not routes (Next.js's rule).
            if name.starts_with('_') {
                continue;
            }
            segments.push(name);
            let pattern = pattern(segments);
            if let Err(error) = PathPattern::parse(&pattern) {
                return Err(AppDirError {
                    folder: shown(&path),
                    message: format!(
                        "the folder name is not a path segment: {} (folders are named like route paths: `comments`, `[id]`, `[...slug]`, `[[...slug]]`, `(group)`)",
                        error.message
                    ),
                });
            }
            visit(&path, root, segments, files)?;
            segments.pop();
            continue;
        }
        let kind = match name.as_str() {
            "route.rs" => FileKind::Route,
            "page.rs" => FileKind::Page,
            _ => continue,
        };
        files.push(AppFile {
            kind,
            pattern: pattern(segments),
            display: shown(&path),
            absolute: std::path::absolute(&path).unwrap_or(path),
        });
    }
    Ok(())
}

fn pattern(segments: &[String]) -> String {
    if segments.is_empty() {
        "/".to_owned()
    } else {
        format!("/{}", segments.join("/"))
    }
}
