//! The notice as published HTML pages: sections without panicking, links on one line.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (sections, _) = explorer::analysis::notice::html::page_sections(&text, "page.html");
    for s in sections {
        assert!(!s.link.contains('\n'));
    }
});
