//! The notice in Markdown: sections without panicking, links on one line.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for s in explorer::analysis::notice::markdown::page_sections(&text, "notice.md") {
        assert!(!s.link.contains('\n'));
    }
});
