//! `RecordStore`: the generic records (of the engine's defined kinds and the areas' own), kept in `Store::records`.
//!
//! A record is untyped on purpose: its values are the form values, keyed like the form (`name_en`,
//! `name_fr`, `code`, `scope_type_id`), so a definition alone decides what a record holds.

use std::collections::BTreeMap;

use crate::i18n::Translated;
use crate::i18n::LOCALES;

/// The participatory space a record belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SpaceRef {
    /// Space kind, e.g. `participatory_processes`.
    pub kind: String,
    /// Id of the space (e.g. `Process::id`).
    pub id: u64,
}

/// One record of a defined kind.
#[derive(Clone, Debug)]
pub struct Record {
    pub id: u64,
    pub(crate) kind: String,
    pub(crate) space: Option<SpaceRef>,
    /// Parent record from the collection path (a scope's parent scope, a component…).
    pub(crate) parent_id: Option<u64>,
    /// Form-style values: `<field>` or `<field>_<locale>` for translated fields.
    pub(crate) values: BTreeMap<String, String>,
    /// Boolean states changed by member actions (`published`, `active`…).
    pub(crate) flags: BTreeMap<String, bool>,
}

impl Record {
    pub fn get(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    /// A translated field as a [`Translated`] value (blank locales left out).
    pub(crate) fn translated(&self, field: &str) -> Translated {
        LOCALES
            .iter()
            .filter_map(|l| {
                let v = self.get(&format!("{field}_{l}"));
                (!v.trim().is_empty()).then(|| (l.to_string(), v.to_string()))
            })
            .collect()
    }

    pub(crate) fn flag(&self, name: &str) -> bool {
        self.flags.get(name).copied().unwrap_or(false)
    }
}

/// All generic records, in creation order.
#[derive(Clone, Debug, Default)]
pub struct RecordStore {
    records: Vec<Record>,
}

impl RecordStore {
    pub(crate) fn insert(&mut self, r: Record) {
        self.records.push(r);
    }

    pub(crate) fn get(&self, kind: &str, id: u64) -> Option<&Record> {
        self.records.iter().find(|r| r.kind == kind && r.id == id)
    }

    pub(crate) fn get_mut(&mut self, kind: &str, id: u64) -> Option<&mut Record> {
        self.records
            .iter_mut()
            .find(|r| r.kind == kind && r.id == id)
    }

    /// Every record of `kind`.
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Record> + 'a {
        self.records.iter().filter(move |r| r.kind == kind)
    }

    /// Records of `kind` in `space` (None = organization level) under `parent_id`.
    pub(crate) fn list(
        &self,
        kind: &str,
        space: Option<&SpaceRef>,
        parent_id: Option<u64>,
    ) -> Vec<Record> {
        self.of_kind(kind)
            .filter(|r| r.space.as_ref() == space && r.parent_id == parent_id)
            .cloned()
            .collect()
    }

    /// Removes a record and every record whose `parent_id` chain leads to it (sub-scopes go with their scope).
    pub(crate) fn remove(&mut self, kind: &str, id: u64) -> Option<Record> {
        let pos = self
            .records
            .iter()
            .position(|r| r.kind == kind && r.id == id)?;
        let removed = self.records.remove(pos);
        let children: Vec<u64> = self
            .records
            .iter()
            .filter(|r| r.kind == kind && r.parent_id == Some(id))
            .map(|r| r.id)
            .collect();
        for c in children {
            self.remove(kind, c);
        }
        Some(removed)
    }

    /// Only tests count every record.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: u64, parent: Option<u64>) -> Record {
        Record {
            id,
            kind: "scope".into(),
            space: None,
            parent_id: parent,
            values: BTreeMap::from([("name_en".into(), format!("S{id}"))]),
            flags: BTreeMap::new(),
        }
    }

    #[test]
    fn remove_takes_descendants() {
        let mut s = RecordStore::default();
        s.insert(rec(1, None));
        s.insert(rec(2, Some(1)));
        s.insert(rec(3, Some(2)));
        s.insert(rec(4, None));
        s.remove("scope", 1);
        assert_eq!(s.len(), 1);
        assert_eq!(
            s.list("scope", None, None)[0].translated("name")["en"],
            "S4"
        );
    }
}
