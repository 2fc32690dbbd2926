//! Which scenario a free worker takes next (`--jobs`): the first waiting one, in plan order, that
//! conflicts with none running. Pure bookkeeping, no browser: the dispatcher asks, runs, reports.
//!
//! Two scenarios conflict when one must run alone (`runs_alone`: it changes what every session
//! sees, like the admin's own language), or when both write and share a catalogue feature: they
//! change the same kind of data (two lessons on the organization's appearance, two on proposal
//! states), and one could see the other's work half done. Reading scenarios run beside anything
//! but a scenario that runs alone.

use crate::scenario::Scenario;
use std::collections::VecDeque;

/// Whether `a` and `b` may not run at the same time.
pub fn conflicts(a: &Scenario, b: &Scenario) -> bool {
    a.runs_alone
        || b.runs_alone
        || (a.writes && b.writes && a.features.iter().any(|f| b.features.contains(f)))
}

/// What a free worker does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Run the scenario at this index of the plan.
    Run(usize),
    /// Every waiting scenario conflicts with one running: wait for one to finish.
    Wait,
    /// Nothing is left to start.
    Done,
}

/// The scenarios waiting and running, by index in the plan.
#[derive(Debug)]
pub struct Schedule {
    waiting: VecDeque<usize>,
    running: Vec<usize>,
}

impl Schedule {
    /// Every scenario of `scenarios` waits, in order.
    pub fn new(count: usize) -> Self {
        Schedule {
            waiting: (0..count).collect(),
            running: Vec::new(),
        }
    }

    /// Take the first waiting scenario that conflicts with none running. A scenario that runs
    /// alone holds back those after it until the running ones are done, or it could wait for
    /// ever behind readers that keep overlapping.
    pub fn next(&mut self, scenarios: &[Scenario]) -> Next {
        let mut chosen = None;
        for (pos, i) in self.waiting.iter().enumerate() {
            let free = self
                .running
                .iter()
                .all(|r| !conflicts(&scenarios[*i], &scenarios[*r]));
            if free {
                chosen = Some(pos);
                break;
            }
            if scenarios[*i].runs_alone {
                return Next::Wait;
            }
        }
        match chosen {
            Some(pos) => {
                let index = self.waiting.remove(pos).expect("position is in range");
                self.running.push(index);
                Next::Run(index)
            }
            None if self.waiting.is_empty() => Next::Done,
            None => Next::Wait,
        }
    }

    /// Scenario `index` has finished.
    pub fn finished(&mut self, index: usize) {
        self.running.retain(|r| *r != index);
    }

    /// The run stops: what never started, in plan order.
    pub fn drain(&mut self) -> Vec<usize> {
        let mut left: Vec<usize> = self.waiting.drain(..).collect();
        left.sort_unstable();
        left
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Localized;

    fn scenario(id: &str, writes: bool, features: &[&str], runs_alone: bool) -> Scenario {
        Scenario {
            id: id.into(),
            title: Localized::from(id),
            description: None,
            features: features.iter().map(|f| f.to_string()).collect(),
            tags: vec![],
            writes,
            runs_alone,
            steps: vec![],
            file: format!("{id}.toml").into(),
        }
    }

    #[test]
    fn writers_of_the_same_feature_conflict_readers_do_not() {
        let a = scenario("a", true, &["org.appearance.edit"], false);
        let b = scenario("b", true, &["org.appearance.edit", "x"], false);
        let c = scenario("c", true, &["process.create"], false);
        let r = scenario("r", false, &["org.appearance.edit"], false);
        assert!(conflicts(&a, &b));
        assert!(!conflicts(&a, &c));
        assert!(!conflicts(&a, &r));
        assert!(!conflicts(&r, &r.clone()));
    }

    #[test]
    fn a_scenario_that_runs_alone_conflicts_with_everything() {
        let alone = scenario("alone", true, &[], true);
        let r = scenario("r", false, &[], false);
        assert!(conflicts(&alone, &r));
        assert!(conflicts(&r, &alone));
    }

    #[test]
    fn a_free_worker_skips_what_conflicts_and_waits_when_all_do() {
        let plan = vec![
            scenario("a", true, &["f"], false),
            scenario("b", true, &["f"], false),
            scenario("c", false, &[], false),
            scenario("d", true, &["f"], false),
        ];
        let mut s = Schedule::new(plan.len());
        assert_eq!(s.next(&plan), Next::Run(0));
        // b conflicts with a: c goes first.
        assert_eq!(s.next(&plan), Next::Run(2));
        assert_eq!(s.next(&plan), Next::Wait);
        s.finished(0);
        assert_eq!(s.next(&plan), Next::Run(1));
        assert_eq!(s.next(&plan), Next::Wait);
        s.finished(1);
        s.finished(2);
        assert_eq!(s.next(&plan), Next::Run(3));
        assert_eq!(s.next(&plan), Next::Done);
    }

    #[test]
    fn a_scenario_that_runs_alone_waits_for_the_others_and_holds_them_back() {
        let plan = vec![
            scenario("r1", false, &[], false),
            scenario("alone", true, &[], true),
            scenario("r2", false, &[], false),
        ];
        let mut s = Schedule::new(plan.len());
        assert_eq!(s.next(&plan), Next::Run(0));
        // "alone" cannot start beside r1, and r2 may not overtake it.
        assert_eq!(s.next(&plan), Next::Wait);
        s.finished(0);
        assert_eq!(s.next(&plan), Next::Run(1));
        assert_eq!(s.next(&plan), Next::Wait);
        s.finished(1);
        assert_eq!(s.next(&plan), Next::Run(2));
        assert_eq!(s.next(&plan), Next::Done);
    }

    #[test]
    fn a_stopped_run_lists_what_never_started_in_plan_order() {
        let plan: Vec<_> = (0..4)
            .map(|i| scenario(&format!("s{i}"), false, &[], false))
            .collect();
        let mut s = Schedule::new(plan.len());
        assert_eq!(s.next(&plan), Next::Run(0));
        assert_eq!(s.drain(), vec![1, 2, 3]);
        assert_eq!(s.next(&plan), Next::Done);
    }
}
