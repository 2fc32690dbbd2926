//! Building a page's sections as a parser reads it: headings open sections below the headings
//! above them, the rest (text, tables, images, captions) fills the open one. Shared by the
//! AsciiDoc and Markdown readers.

use super::{NoticeImage, Section};

/// The sections of one page as its lines are read: the one being filled, and the headings above.
pub(super) struct PageSections<'a> {
    page_path: &'a [String],
    link: &'a str,
    /// The fragment a heading's link gets (`#_form`, `#create-a-newsletter`).
    anchor: fn(&str) -> String,
    /// A heading repeating the one above it (an Antora page titled as its nav entry) is said once.
    drop_repeated_titles: bool,
    done: Vec<Section>,
    /// The open headings, outermost first: (level, title).
    headings: Vec<(usize, String)>,
    current: Section,
}

impl<'a> PageSections<'a> {
    /// Sections of the page at `link`, below the nav titles `page_path`.
    pub(super) fn new(page_path: &'a [String], link: &'a str, anchor: fn(&str) -> String) -> Self {
        PageSections {
            page_path,
            link,
            anchor,
            drop_repeated_titles: false,
            done: Vec::new(),
            headings: Vec::new(),
            current: Section {
                path: page_path.to_vec(),
                link: link.to_string(),
                ..Section::default()
            },
        }
    }

    /// Say a heading that repeats the one above it once (Antora: the page title after its nav entry).
    pub(super) fn dropping_repeated_titles(self) -> Self {
        PageSections {
            drop_repeated_titles: true,
            ..self
        }
    }

    pub(super) fn table(&mut self, rows: &[Vec<String>]) {
        self.current.add_table(rows);
    }

    /// A heading closes the section being read and opens one below the headings above it.
    pub(super) fn heading(&mut self, level: usize, title: String) {
        self.close_current();
        while self.headings.last().is_some_and(|(l, _)| *l >= level) {
            self.headings.pop();
        }
        self.headings.push((level, title.clone()));
        let mut path = self.page_path.to_vec();
        path.extend(self.headings.iter().map(|(_, t)| t.clone()));
        if self.drop_repeated_titles {
            // Avoid repeating the page title when the nav already gives it.
            path.dedup();
        }
        let anchor = if level == 1 {
            String::new()
        } else {
            (self.anchor)(&title)
        };
        self.current = Section {
            path,
            link: format!("{}{anchor}", self.link),
            depth: level - 1,
            ..Section::default()
        };
    }

    pub(super) fn image(&mut self, img: NoticeImage) {
        // Its alt text often names the screen: it counts as text too.
        if !img.alt.is_empty() {
            self.current.text.push_str(&img.alt);
            self.current.text.push('\n');
        }
        self.current.images.push(img);
    }

    pub(super) fn block_title(&mut self, title: String, is_caption: bool) {
        if title.is_empty() {
            return;
        }
        self.prose(&title);
        if is_caption {
            self.current.captions.push(title);
        }
    }

    /// Raw text, as a parser that sees line ends itself gives it.
    pub(super) fn push_text(&mut self, text: &str) {
        self.current.text.push_str(text);
    }

    /// A line of text (nothing for an empty one).
    pub(super) fn prose(&mut self, text: &str) {
        if !text.is_empty() {
            self.current.text.push_str(text);
            self.current.text.push('\n');
        }
    }

    /// Keep the section being read unless it is the page's empty preamble.
    fn close_current(&mut self) {
        let c = &self.current;
        if !c.text.trim().is_empty() || !c.fields.is_empty() || c.path.len() > self.page_path.len()
        {
            self.done.push(std::mem::take(&mut self.current));
        }
    }

    pub(super) fn finish(mut self) -> Vec<Section> {
        self.close_current();
        self.done
    }
}
