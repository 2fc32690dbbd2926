//! The browser side: chromedriver process, WebDriver sessions, auto-waiting step actions.
//!
//! [`Browser`] hands out sessions from a local chromedriver or a remote endpoint;
//! [`ChromeDriver`] owns the chromedriver process group; [`BrowserSession`] is one session
//! with a fresh profile; [`Page`] runs step actions with auto-waiting ([`locate`]), all
//! of it on one bounded wait ([`wait::until`]).

pub mod browser;
pub mod chromedriver;
pub mod error;
pub mod locate;
pub mod orphans;
pub mod page;
pub mod session;
pub mod wait;

pub use browser::{Browser, WebDriverSource};
pub use chromedriver::{find_program, ChromeDriver};
pub use error::DriverError;
pub use locate::Purpose;
pub use page::{AdminTerms, Bubble, Page, PageState};
pub use session::{BrowserOptions, BrowserSession};
