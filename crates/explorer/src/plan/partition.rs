//! `--partition K/N`: which share of the suite this CI machine runs, the same on every machine
//! without them talking to each other (nextest's `count:` and `hash:` partitions).
//!
//! - `count:K/N` (or `K/N`): the scenarios sorted by id, dealt round-robin; shard K gets the
//!   K-th, (K+N)-th… Balanced, but adding a scenario moves others between shards.
//! - `hash:K/N`: a scenario goes to shard `fnv1a(id) mod N + 1`. A scenario stays on its shard
//!   whatever else is added; shards may be uneven.

use std::fmt;

/// A share of the suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    /// How scenarios are dealt.
    pub kind: PartitionKind,
    /// This shard, 1-based.
    pub shard: u32,
    /// How many shards.
    pub total: u32,
}

/// How scenarios are dealt to shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartitionKind {
    /// Round-robin over the ids in order.
    Count,
    /// By a stable hash of the id.
    Hash,
}

/// Why a `--partition` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartitionError {
    /// Not `K/N`, `count:K/N` or `hash:K/N`.
    #[error("expected K/N, count:K/N or hash:K/N (e.g. 1/3), not {0:?}")]
    Shape(String),
    /// A number that does not read.
    #[error("{0:?} is not a whole number")]
    Number(String),
    /// K is 0, or larger than N.
    #[error("the shard must be between 1 and {total}, not {shard}")]
    OutOfRange {
        /// K.
        shard: u32,
        /// N.
        total: u32,
    },
}

impl std::str::FromStr for Partition {
    type Err = PartitionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (kind, rest) = match s.split_once(':') {
            Some(("count", rest)) => (PartitionKind::Count, rest),
            Some(("hash", rest)) => (PartitionKind::Hash, rest),
            Some(_) => return Err(PartitionError::Shape(s.into())),
            None => (PartitionKind::Count, s),
        };
        let (k, n) = rest
            .split_once('/')
            .ok_or_else(|| PartitionError::Shape(s.into()))?;
        let number = |t: &str| {
            t.trim()
                .parse::<u32>()
                .map_err(|_| PartitionError::Number(t.trim().into()))
        };
        let (shard, total) = (number(k)?, number(n)?);
        if shard == 0 || shard > total {
            return Err(PartitionError::OutOfRange { shard, total });
        }
        Ok(Partition { kind, shard, total })
    }
}

impl fmt::Display for Partition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            PartitionKind::Count => "count",
            PartitionKind::Hash => "hash",
        };
        write!(f, "{kind}:{}/{}", self.shard, self.total)
    }
}

impl Partition {
    /// Keep, of `items`, those this shard runs; the others' order is kept.
    pub fn keep<T>(&self, items: Vec<T>, id: impl Fn(&T) -> &str) -> Vec<T> {
        let total = self.total as usize;
        let mine = self.shard as usize - 1;
        match self.kind {
            PartitionKind::Count => {
                // Dealt in id order, whatever order the files were read in.
                let mut ids: Vec<&str> = items.iter().map(&id).collect();
                ids.sort_unstable();
                let ours: std::collections::HashSet<String> = ids
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % total == mine)
                    .map(|(_, s)| s.to_string())
                    .collect();
                items.into_iter().filter(|t| ours.contains(id(t))).collect()
            }
            PartitionKind::Hash => items
                .into_iter()
                .filter(|t| (fnv1a(id(t)) % total as u64) as usize == mine)
                .collect(),
        }
    }
}

/// FNV-1a, 64 bits: written out so that a shard never changes with a library's hasher.
fn fnv1a(s: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in s.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("lesson-{i:02}")).collect()
    }

    #[test]
    fn reads_the_three_forms_and_refuses_the_rest() {
        let p = |s: &str| s.parse::<Partition>();
        assert_eq!(
            p("2/3"),
            Ok(Partition {
                kind: PartitionKind::Count,
                shard: 2,
                total: 3
            })
        );
        assert_eq!(p("hash:1/2").unwrap().kind, PartitionKind::Hash);
        assert_eq!(p("count:3/3").unwrap().to_string(), "count:3/3");
        assert_eq!(
            p("0/3"),
            Err(PartitionError::OutOfRange { shard: 0, total: 3 })
        );
        assert_eq!(
            p("4/3"),
            Err(PartitionError::OutOfRange { shard: 4, total: 3 })
        );
        assert!(matches!(p("1/0"), Err(PartitionError::OutOfRange { .. })));
        assert!(matches!(p("1-3"), Err(PartitionError::Shape(_))));
        assert!(matches!(p("slice:1/3"), Err(PartitionError::Shape(_))));
        assert!(matches!(p("a/3"), Err(PartitionError::Number(_))));
        assert!(matches!(p("1/-3"), Err(PartitionError::Number(_))));
        assert!(matches!(p(""), Err(PartitionError::Shape(_))));
    }

    /// Every scenario runs on exactly one shard, for both kinds and any number of shards.
    #[test]
    fn the_shards_cover_the_suite_once() {
        let all = ids(67);
        for kind in ["count", "hash"] {
            for total in 1..=7 {
                let mut seen: Vec<String> = (1..=total)
                    .flat_map(|k| {
                        let p: Partition = format!("{kind}:{k}/{total}").parse().unwrap();
                        p.keep(all.clone(), |s| s)
                    })
                    .collect();
                seen.sort();
                assert_eq!(seen, all, "{kind}:*/{total}");
            }
        }
    }

    #[test]
    fn count_deals_by_id_whatever_the_order_read_and_keeps_that_order() {
        let mut shuffled = ids(6);
        shuffled.reverse();
        let p: Partition = "1/3".parse().unwrap();
        assert_eq!(p.keep(shuffled, |s| s), ["lesson-03", "lesson-00"]);
    }

    /// The hash is FNV-1a as published: a shard must not move between versions or machines.
    #[test]
    fn the_hash_is_stable() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_hashed_scenario_keeps_its_shard_when_others_are_added() {
        let p: Partition = "hash:2/4".parse().unwrap();
        let before = p.keep(ids(20), |s| s);
        let after = p.keep(ids(40), |s| s);
        assert!(before.iter().all(|id| after.contains(id)));
    }
}
