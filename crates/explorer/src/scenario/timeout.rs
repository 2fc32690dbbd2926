//! Step timeouts and paces as people write them ("500ms", "10s", "1m"), bounded when read so that
//! no deadline computed from one can overflow or wait for ever.

use std::time::Duration;

/// The longest a step may wait: a page that has not answered in ten minutes will not.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(10 * 60);

/// A positive duration of at most [`MAX_TIMEOUT`]; the error says what is accepted.
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    match humantime::parse_duration(text) {
        Ok(d) if d == Duration::ZERO => Err("a timeout must be longer than zero".into()),
        Ok(d) if d > MAX_TIMEOUT => Err(format!(
            "`{text}` is longer than the longest timeout, {}",
            humantime::format_duration(MAX_TIMEOUT)
        )),
        Ok(d) => Ok(d),
        Err(e) => Err(format!(
            "`{text}` is not a duration ({e}): write e.g. \"500ms\", \"10s\", \"1m\""
        )),
    }
}

/// A guided lesson's pace (`--pace`): zero is allowed (no pause), and at most [`MAX_TIMEOUT`].
pub fn parse_pace(text: &str) -> Result<Duration, String> {
    match humantime::parse_duration(text) {
        Ok(d) if d > MAX_TIMEOUT => Err(format!(
            "`{text}` is longer than the longest pause, {}",
            humantime::format_duration(MAX_TIMEOUT)
        )),
        Ok(d) => Ok(d),
        Err(e) => Err(format!(
            "`{text}` is not a duration ({e}): write e.g. \"2s\""
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_bounded_when_read() {
        assert_eq!(parse_timeout("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_timeout("10m"), Ok(MAX_TIMEOUT));
        assert!(parse_timeout("10m 1s")
            .unwrap_err()
            .contains("longest timeout, 10m"));
        assert!(parse_timeout("500000000000years").is_err());
        assert!(parse_timeout("0s")
            .unwrap_err()
            .contains("longer than zero"));
        assert!(parse_timeout("soon")
            .unwrap_err()
            .contains("not a duration"));
        assert_eq!(parse_pace("0s"), Ok(Duration::ZERO));
        assert!(parse_pace("1h").unwrap_err().contains("longest pause"));
    }
}
