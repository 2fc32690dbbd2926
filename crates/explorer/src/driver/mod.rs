//! The browser side: chromedriver process, WebDriver sessions, auto-waiting step actions.
//!
//! [`ChromeDriver`] owns the chromedriver process group; [`BrowserSession`] is one session
//! with a fresh profile; [`Page`] runs step actions with auto-waiting ([`locate`]).

pub mod chromedriver;
pub mod error;
pub mod locate;
pub mod page;
pub mod session;

pub use chromedriver::{find_program, ChromeDriver};
pub use error::DriverError;
pub use locate::Purpose;
pub use page::{Bubble, Page, PageState};
pub use session::{BrowserOptions, BrowserSession};
