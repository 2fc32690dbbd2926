//! Markdown from text we did not write (pages, scenarios, manuals): shown as text, never as
//! HTML, links, emphasis or headings, whatever it holds (`<img src=x onerror=…>` stays visible
//! text). Used by every Markdown output: the handbook, the gap report, the inventory diff.

/// `text` as Markdown text: every character Markdown could read as markup is escaped, and a
/// line end becomes a space (so text cannot start a heading or a list).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// `text` as an inline code span: a backtick in it cannot close the span early (the span is
/// fenced with more backticks than it holds), and it stays on one line.
pub fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_cannot_become_markup() {
        assert_eq!(
            escape("<img src=x onerror=alert(1)> *bold* [link](javascript:x)\n# title"),
            "\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](javascript:x) \\# title"
        );
        assert_eq!(escape("&lt;script&gt;"), "\\&lt;script\\&gt;");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("/admin/logs"), "`/admin/logs`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
