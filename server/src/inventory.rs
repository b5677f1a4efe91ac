//! What the server keeps, said once (`server/inventory.toml`): every table and column of its
//! database with its purpose, how long it is kept and who can read it, and what it keeps outside
//! the database (blobs, secrets, logs, metrics, backups, the proxy). `tests/tests/inventory.rs`
//! checks it against the live schema of both backends, so it can't fall behind a migration.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The inventory's text, built into the server.
pub const INVENTORY_TOML: &str = include_str!("../inventory.toml");

/// What the server keeps.
#[derive(Clone, Debug, Deserialize)]
pub struct Inventory {
    /// The database's tables.
    pub table: Vec<TableEntry>,
    /// What is kept outside the database.
    pub other: Vec<OtherEntry>,
}

/// A table of the database.
#[derive(Clone, Debug, Deserialize)]
pub struct TableEntry {
    /// Its name.
    pub name: String,
    /// Why it exists.
    pub purpose: String,
    /// How long its rows are kept.
    pub retention: String,
    /// Who can read it.
    pub readers: String,
    /// Each column and what it holds.
    pub columns: BTreeMap<String, String>,
}

/// Something kept outside the database.
#[derive(Clone, Debug, Deserialize)]
pub struct OtherEntry {
    /// A short name for its translations' ids.
    pub key: String,
    /// What it is.
    pub name: String,
    /// Why it exists.
    pub purpose: String,
    /// How long it is kept.
    pub retention: String,
    /// Who can read it.
    pub readers: String,
}

impl TableEntry {
    /// The translations' id of one of its texts (`purpose`, `retention`, `readers`).
    pub fn text_id(&self, field: &str) -> String {
        format!("table-{}-{field}", self.name)
    }

    /// The translations' id of a column's description.
    pub fn column_id(&self, column: &str) -> String {
        format!("column-{}-{column}", self.name)
    }
}

impl OtherEntry {
    /// The translations' id of one of its texts (`name`, `purpose`, `retention`, `readers`).
    pub fn text_id(&self, field: &str) -> String {
        format!("other-{}-{field}", self.key)
    }
}

impl Inventory {
    /// Every text of the inventory with its translations' id, in the file's order: the
    /// translations (`server/locales/inventory/`) must hold exactly these, each with the English
    /// it was made from.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut texts = Vec::new();
        for table in &self.table {
            texts.push((table.text_id("purpose"), table.purpose.as_str()));
            texts.push((table.text_id("retention"), table.retention.as_str()));
            texts.push((table.text_id("readers"), table.readers.as_str()));
            for (column, what) in &table.columns {
                texts.push((table.column_id(column), what.as_str()));
            }
        }
        for other in &self.other {
            texts.push((other.text_id("name"), other.name.as_str()));
            texts.push((other.text_id("purpose"), other.purpose.as_str()));
            texts.push((other.text_id("retention"), other.retention.as_str()));
            texts.push((other.text_id("readers"), other.readers.as_str()));
        }
        texts
    }
}

/// The inventory, read from its text.
pub fn inventory() -> Result<Inventory, toml::de::Error> {
    toml::from_str(INVENTORY_TOML)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_says_what_why_how_long_and_who() {
        let inventory = inventory().expect("inventory.toml");
        assert!(!inventory.table.is_empty() && !inventory.other.is_empty());
        for table in &inventory.table {
            for text in [&table.purpose, &table.retention, &table.readers] {
                assert!(!text.trim().is_empty(), "{}", table.name);
            }
            assert!(!table.columns.is_empty(), "{}", table.name);
            for (column, what) in &table.columns {
                assert!(!what.trim().is_empty(), "{}.{column}", table.name);
            }
        }
        for other in &inventory.other {
            for text in [&other.purpose, &other.retention, &other.readers] {
                assert!(!text.trim().is_empty(), "{}", other.name);
            }
        }
    }
}
