//! Releases installed in the data directory (`defspend update`,
//! `import sipri-xlsx`): each in a folder named by its id, beside a one-entry
//! manifest of its family, merged into the family's manifest by the catalog.

use super::{manifest, source};
use crate::error::Result;

/// The manifest file in an installed release's folder that makes it a NATO
/// edition (`$DEFSPEND_DATA_HOME/nato-2027/editions.toml`, one `[[edition]]`).
pub const EDITION: &str = "editions.toml";

/// The entries of the releases installed in the data directory whose folder
/// holds `manifest` (a one-entry manifest of the family, named as the
/// datasets' own): each folder named by its entry's id, in name order. A
/// folder whose manifest cannot be read, or names another id, is not a
/// release (and `defspend update` never leaves one so).
pub(super) fn entries<T: manifest::Entry>(
    manifest: &str,
    parse: impl Fn(&source::SourceFile) -> Result<Vec<T>>,
) -> Vec<T> {
    let home: Vec<std::path::PathBuf> = source::user_data_dir().into_iter().collect();
    entries_in(&home, manifest, parse)
}

/// [`entries`] in each of `dirs`, in their order.
pub(super) fn entries_in<T: manifest::Entry>(
    dirs: &[std::path::PathBuf],
    manifest: &str,
    parse: impl Fn(&source::SourceFile) -> Result<Vec<T>>,
) -> Vec<T> {
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut found: Vec<std::path::PathBuf> = entries
            .flatten()
            .map(|e| e.path().join(manifest))
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        for path in found {
            let folder = path
                .parent()
                .and_then(|p| p.file_name())
                .map(|f| f.to_string_lossy().to_string());
            if let Ok(list) = source::read_file(&path).and_then(|f| parse(&f)) {
                out.extend(
                    list.into_iter()
                        .filter(|e| folder.as_deref() == Some(e.id())),
                );
            }
        }
    }
    out
}

/// A dataset file installed in the data directory, if there is one there
/// (`relative` goes no higher than the directory).
pub(super) fn path(relative: &str) -> Option<std::path::PathBuf> {
    if relative.starts_with('/') || relative.split('/').any(|p| p == ".." || p.is_empty()) {
        return None;
    }
    source::user_data_dir()
        .map(|home| home.join(relative))
        .filter(|p| p.is_file())
}
