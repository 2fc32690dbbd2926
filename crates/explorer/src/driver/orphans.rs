//! What a killed run leaves, found and reaped by the next one. A run killed with SIGKILL cannot
//! stop its chromedriver, whose Chromium processes go on spawning renderers; so each chromedriver
//! scratch folder holds an `owner` record (the harness's pid, the chromedriver's process group),
//! and before starting its own, a run reaps the groups whose harness is dead and removes their
//! folders.

use nix::sys::signal::{kill, killpg, Signal};
use nix::unistd::Pid;
use std::path::{Path, PathBuf};

/// Scratch folders are named so (in the system's temporary folder).
pub(crate) const SCRATCH_PREFIX: &str = "decidim-explorer-";
/// The record's file name inside a scratch folder.
const OWNER_FILE: &str = "owner";

/// Write the record of who owns `scratch`: this process and the chromedriver group.
pub(crate) fn record(scratch: &Path, pgid: i32) -> std::io::Result<()> {
    std::fs::write(
        scratch.join(OWNER_FILE),
        format!("{} {pgid}\n", std::process::id()),
    )
}

/// What was reaped.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reaped {
    /// Processes killed.
    pub processes: usize,
    /// Scratch folders removed.
    pub folders: usize,
}

/// Reap what dead runs left under `temp_dir`: their process groups (only processes that are
/// really theirs: chromedriver, or mentioning the folder) and their scratch folders.
pub fn reap_orphans(temp_dir: &Path) -> Reaped {
    let mut reaped = Reaped::default();
    let Ok(entries) = std::fs::read_dir(temp_dir) else {
        return reaped;
    };
    for entry in entries.flatten() {
        let folder = entry.path();
        let named = folder
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(SCRATCH_PREFIX));
        let Some((owner, pgid)) = named.then(|| read_record(&folder)).flatten() else {
            continue;
        };
        if is_running(owner) {
            continue; // another run, alive: its folder is its own
        }
        let members = group_members(pgid, &folder);
        if !members.is_empty() {
            let _ = killpg(Pid::from_raw(pgid), Signal::SIGKILL);
            reaped.processes += members.len();
        }
        if std::fs::remove_dir_all(&folder).is_ok() {
            reaped.folders += 1;
        }
    }
    reaped
}

fn read_record(folder: &Path) -> Option<(i32, i32)> {
    let text = std::fs::read_to_string(folder.join(OWNER_FILE)).ok()?;
    let mut words = text.split_whitespace().map(str::parse::<i32>);
    match (words.next(), words.next()) {
        (Some(Ok(owner)), Some(Ok(pgid))) if owner > 0 && pgid > 0 => Some((owner, pgid)),
        _ => None,
    }
}

fn is_running(pid: i32) -> bool {
    // Signal 0 only asks whether the process exists; EPERM means it does (someone else's).
    !matches!(
        kill(Pid::from_raw(pid), None),
        Err(nix::errno::Errno::ESRCH)
    )
}

/// The processes of group `pgid` that are the dead run's own: chromedriver itself, or a
/// process naming its scratch folder (Chromium's `--user-data-dir`). A pid reused since by
/// an unrelated group is left alone.
fn group_members(pgid: i32, folder: &Path) -> Vec<PathBuf> {
    let folder = folder.display().to_string();
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let proc_dir = entry.path();
        let Some(stat) = std::fs::read_to_string(proc_dir.join("stat")).ok() else {
            continue;
        };
        // The fields after the command name (which may hold spaces) are: state ppid pgrp …
        let pgrp = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(2))
            .and_then(|g| g.parse::<i32>().ok());
        if pgrp != Some(pgid) {
            continue;
        }
        let cmdline = std::fs::read(proc_dir.join("cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline);
        if cmdline.contains("chromedriver") || cmdline.contains(&folder) {
            out.push(proc_dir);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_runs_folder_and_group_go_a_live_runs_stay() {
        use std::os::unix::process::CommandExt;
        let temp = tempfile::tempdir().unwrap();
        // A dead run: its owner pid is a child that has exited; its group, a sleeping process
        // started in a group of its own whose command line names the folder.
        let dead_folder = temp.path().join(format!("{SCRATCH_PREFIX}dead"));
        std::fs::create_dir_all(&dead_folder).unwrap();
        let mut gone = std::process::Command::new("true").spawn().unwrap();
        gone.wait().unwrap();
        // One process that names the folder and forks nothing, so the count cannot depend on
        // when the reaper looks (a shell running `sleep` was two processes for a moment).
        std::fs::write(dead_folder.join("log"), "").unwrap();
        let mut orphan = std::process::Command::new("tail")
            .arg("-f")
            .arg(dead_folder.join("log"))
            .process_group(0)
            .spawn()
            .unwrap();
        let pgid = orphan.id() as i32;
        std::fs::write(
            dead_folder.join(OWNER_FILE),
            format!("{} {pgid}", gone.id()),
        )
        .unwrap();
        // A live run (this test's own pid) and a folder that is not ours.
        let live_folder = temp.path().join(format!("{SCRATCH_PREFIX}live"));
        std::fs::create_dir_all(&live_folder).unwrap();
        record(&live_folder, pgid).unwrap();
        std::fs::create_dir_all(temp.path().join("other")).unwrap();

        let reaped = reap_orphans(temp.path());
        assert_eq!(
            reaped,
            Reaped {
                processes: 1,
                folders: 1
            }
        );
        assert!(!dead_folder.exists() && live_folder.exists());
        assert!(temp.path().join("other").exists());
        let status = orphan.wait().unwrap();
        assert!(!status.success(), "the orphan was killed");
    }
}
