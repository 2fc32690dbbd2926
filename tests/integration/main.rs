//! End-to-end tests: the real binary, real chromedriver + headless Chromium, the replica on
//! loopback. One test binary (faster to build and link than one per file).

mod browser_runs;
mod check;
mod faults;
mod gap;
mod grid;
mod guide;
mod interrupt;
mod real_markup;
mod saved_records;
mod secrets;
mod stability;
mod util;
mod workers;
