//! `RelativePath`: a route parameter that is safe to join to a directory.

use std::fmt;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The name `Params`' deserializer knows the type by, so that it can refuse
/// an unsafe value with 400 rather than serde's generic 404.
pub(crate) const NEWTYPE_NAME: &str = "$approute::extract::RelativePath";

/// A path parameter as a relative file path that stays under the directory
/// it is joined to, as Rocket's `PathBuf: FromSegments` does.
///
/// As `Params<RelativePath>` (or a field of a `Params<T>` struct) it takes a
/// catch-all's segments (`/files/[...path]`) or one segment (`[name]`), and
/// answers 400 with the error body for any value a
/// [`Path::join`] could take outside its base: a `..` component, an
/// absolute path, a `\`, a NUL, a drive prefix such as `C:`. Empty and `.`
/// components are dropped.
///
/// ```
/// use approute::prelude::*;
///
/// #[route("/files/[...path]")]
/// async fn GET(Params(path): Params<RelativePath>) -> String {
///     // `/files/a/b.txt` → `public/a/b.txt`; `/files/..%2fsecret` → 400.
///     std::path::Path::new("public").join(&path).display().to_string()
/// }
/// # fn main() {}
/// ```
///
/// A name starting with `.` (`.env`, `.git`) is kept: refuse it yourself if
/// the base directory holds such files.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelativePath(PathBuf);

impl RelativePath {
    /// `path`, `/`-separated, if no component could leave the base.
    ///
    /// ```
    /// use approute::extract::{RelativePath, UnsafePath};
    ///
    /// assert_eq!(RelativePath::new("docs/a.txt").unwrap().as_path(), std::path::Path::new("docs/a.txt"));
    /// assert_eq!(RelativePath::new("../etc/passwd").unwrap_err(), UnsafePath::ParentDirectory);
    /// ```
    pub fn new(path: &str) -> Result<Self, UnsafePath> {
        if path.starts_with('/') {
            return Err(UnsafePath::Absolute);
        }
        let mut safe = PathBuf::new();
        for component in path.split('/') {
            match component {
                "" | "." => continue,
                ".." => return Err(UnsafePath::ParentDirectory),
                _ if component.contains('\\') => return Err(UnsafePath::Backslash),
                _ if component.contains('\0') => return Err(UnsafePath::Nul),
                _ if has_drive_prefix(component) => return Err(UnsafePath::DrivePrefix),
                _ => safe.push(component),
            }
        }
        Ok(RelativePath(safe))
    }

    /// The path, to join to a base directory.
    ///
    /// ```
    /// let path = approute::extract::RelativePath::new("a/b.txt").unwrap();
    /// assert_eq!(std::path::Path::new("public").join(path.as_path()), std::path::Path::new("public/a/b.txt"));
    /// ```
    pub fn as_path(&self) -> &Path {
        &self.0
    }

    /// The path, owned.
    ///
    /// ```
    /// let path = approute::extract::RelativePath::new("a/b.txt").unwrap();
    /// assert_eq!(path.into_path_buf(), std::path::PathBuf::from("a/b.txt"));
    /// ```
    pub fn into_path_buf(self) -> PathBuf {
        self.0
    }
}

/// `C:` starts a Windows path that `join` would take instead of the base.
fn has_drive_prefix(component: &str) -> bool {
    let bytes = component.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

impl Deref for RelativePath {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for RelativePath {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl fmt::Display for RelativePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.display(), f)
    }
}

/// Why a value is not a [`RelativePath`].
///
/// ```
/// use approute::extract::{RelativePath, UnsafePath};
///
/// assert_eq!(RelativePath::new("/etc").unwrap_err(), UnsafePath::Absolute);
/// assert_eq!(RelativePath::new("a\\b").unwrap_err(), UnsafePath::Backslash);
/// assert_eq!(RelativePath::new("C:/x").unwrap_err(), UnsafePath::DrivePrefix);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnsafePath {
    /// A `..` component.
    ParentDirectory,
    /// The value starts with `/`.
    Absolute,
    /// A `\`: a separator on Windows.
    Backslash,
    /// A NUL byte, which no file name holds.
    Nul,
    /// A component starting with a drive letter and `:`.
    DrivePrefix,
}

impl fmt::Display for UnsafePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnsafePath::ParentDirectory => "a `..` component would leave the base directory",
            UnsafePath::Absolute => "an absolute path would replace the base directory",
            UnsafePath::Backslash => "a `\\` is a path separator on Windows",
            UnsafePath::Nul => "a NUL byte is in no file name",
            UnsafePath::DrivePrefix => "a drive prefix would replace the base directory",
        })
    }
}

impl std::error::Error for UnsafePath {}

impl<'de> Deserialize<'de> for RelativePath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(NEWTYPE_NAME, RelativePathVisitor)
    }
}

struct RelativePathVisitor;

impl<'de> Visitor<'de> for RelativePathVisitor {
    type Value = RelativePath;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a relative file path")
    }

    fn visit_str<E: de::Error>(self, path: &str) -> Result<RelativePath, E> {
        RelativePath::new(path).map_err(E::custom)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<RelativePath, D::Error> {
        deserializer.deserialize_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_that_stay_under_the_base_are_kept() {
        for (value, path) in [
            ("a/b.txt", "a/b.txt"),
            ("a//./b", "a/b"),
            ("", ""),
            (".env", ".env"),
            ("notes:2026.txt", "notes:2026.txt"),
        ] {
            let relative = RelativePath::new(value).unwrap();
            assert_eq!(relative.as_path(), Path::new(path), "{value}");
        }
    }

    #[test]
    fn components_that_could_leave_the_base_are_refused() {
        for (value, why) in [
            ("../etc/passwd", UnsafePath::ParentDirectory),
            ("a/../../b", UnsafePath::ParentDirectory),
            ("/etc/passwd", UnsafePath::Absolute),
            ("..\\..\\etc", UnsafePath::Backslash),
            ("a/b\0.png", UnsafePath::Nul),
            ("C:/Windows", UnsafePath::DrivePrefix),
            ("a/c:x", UnsafePath::DrivePrefix),
        ] {
            assert_eq!(RelativePath::new(value), Err(why), "{value}");
        }
    }

    #[test]
    fn other_deserializers_check_it_too() {
        let parsed: Result<RelativePath, _> = serde_json::from_str(r#""../x""#);
        assert!(parsed.unwrap_err().to_string().contains("`..`"));
        let parsed: RelativePath = serde_json::from_str(r#""a/b""#).unwrap();
        assert_eq!(parsed.as_path(), Path::new("a/b"));
    }
}
