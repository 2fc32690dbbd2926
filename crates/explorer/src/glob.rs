//! The one pattern language of scenario files and the command line: `*` matches any run of
//! characters (none included), everything else matches itself. URLs (`expect_url`) and scenario
//! ids (`run 'process-*'`) use it.

/// Whether `text` matches `pattern` as a whole.
pub fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

/// Whether `pattern` has a wildcard (else it names one thing).
pub fn is_pattern(pattern: &str) -> bool {
    pattern.contains('*')
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn every_piece_in_order() {
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*c*b", "axxbyyc"));
        assert!(glob("*", ""));
        assert!(glob("process-*", "process-phases"));
        assert!(!glob("process-*", "create-process"));
        assert!(glob("*process*", "create-process"));
    }

    #[test]
    fn the_ends_do_not_overlap() {
        assert!(!glob("ab*ba", "aba"));
        assert!(glob("ab*ba", "abba"));
    }
}
