//! The notice in AsciiDoc (Antora pages): sections without panicking, links on one line.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let path = ["Admin".to_string()];
    for s in explorer::analysis::notice::asciidoc::sections(&text, &path, "page.html") {
        assert!(!s.link.contains('\n'));
    }
});
