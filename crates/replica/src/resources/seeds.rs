//! Fixture seeds: the records a fresh instance has, from the `[[seeds]]` of each definition (applied by `crate::seed`).
//!
//! Definitions are seeded in the order of [`super::registry::AREAS`], so a seed may refer to seeds of an earlier
//! area (or earlier in the same file) with `@<kind>:<key>`.

use std::collections::{BTreeMap, HashMap};

use super::registry::definitions;
use super::space::Spaces;
use crate::state::records::{Record, SpaceRef};
use crate::state::Store;

/// Resolves `@<kind>:<key>` references; other values are kept as they are.
fn resolve(v: &str, keys: &HashMap<(String, String), u64>) -> Result<String, String> {
    match v.strip_prefix('@') {
        Some(r) => {
            let (kind, key) = r
                .split_once(':')
                .ok_or_else(|| format!("bad reference `{v}`"))?;
            keys.get(&(kind.to_string(), key.to_string()))
                .map(u64::to_string)
                .ok_or_else(|| format!("unknown seed `{v}`"))
        }
        None => Ok(v.to_string()),
    }
}

/// Adds every seed to `store`. Errors name the definition and the bad reference.
pub(crate) fn apply(store: &mut Store, spaces: &Spaces) -> Result<(), String> {
    let mut keys: HashMap<(String, String), u64> = HashMap::new();
    for def in definitions() {
        for seed in &def.seeds {
            let ctx = |e: String| format!("resource `{}` seed: {e}", def.kind);
            let space = match (&def.space, &seed.space) {
                (Some(kind), Some(slug)) => Some(SpaceRef {
                    kind: kind.clone(),
                    id: spaces
                        .id_of(store, kind, slug)
                        .ok_or_else(|| ctx(format!("unknown space `{slug}`")))?,
                }),
                (None, None) => None,
                _ => {
                    return Err(ctx(
                        "`space` must be given exactly for space resources".into()
                    ))
                }
            };
            let parent_id = match &seed.parent {
                Some(p) => Some(
                    resolve(p, &keys)
                        .map_err(ctx)?
                        .parse::<u64>()
                        .map_err(|e| format!("{e}"))?,
                ),
                None => None,
            };
            let mut values = BTreeMap::new();
            for (k, v) in &seed.values {
                values.insert(k.clone(), resolve(v, &keys).map_err(ctx)?);
            }
            let id = store.next_id();
            if let Some(k) = &seed.key {
                keys.insert((def.kind.clone(), k.clone()), id);
            }
            store.records.insert(Record {
                id,
                kind: def.kind.clone(),
                space,
                parent_id,
                values,
                flags: seed.flags.clone(),
            });
        }
    }
    Ok(())
}
