//! [`Analyzer`]: turns text into comparable terms, accent- and case-insensitive, stemmed in
//! French and English, so that "Concertations", "concertation" and "CONCERTATION" meet, and
//! "phases" meets "phase".
//!
//! A term is stemmed with both stemmers and both stems are kept: a French manual mixes English
//! words ("newsletter", "dashboard") and the catalogue's synonyms come in both languages.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// Words too common to say anything about a feature.
const STOPWORDS: &[&str] = &[
    // English
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "in",
    "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "with",
    "you", "your", "will", "when", "which", "who", "all", "any", "each", "new", "edit",
    // French (accents already folded)
    "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "est", "et",
    "il", "ils", "la", "le", "les", "leur", "leurs", "mais", "ou", "par", "pas", "pour", "qui",
    "que", "sa", "se", "ses", "son", "sur", "un", "une", "vos", "votre", "vous", "l", "d", "qu",
    "n", "s", "c", "j", "m", "y", "on", "nouveau", "nouvelle", "modifier",
];

/// Folds accents and case: "Étape" → "etape".
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Normalises and stems text.
pub struct Analyzer {
    fr: Stemmer,
    en: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer")
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            fr: Stemmer::create(Algorithm::French),
            en: Stemmer::create(Algorithm::English),
        }
    }
}

/// One word of a text, reduced for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// French stem of the folded word.
    pub fr: String,
    /// English stem of the folded word.
    pub en: String,
    /// The folded word itself.
    pub word: String,
    /// Byte range of the word in the original text (for excerpts).
    pub at: std::ops::Range<usize>,
}

impl Token {
    /// Whether two tokens are the same word for our purpose: either stem agrees and the words
    /// differ only in their ending ("categories" meets "category", but "accountability" does
    /// not meet "account", which the English stemmer gives both, nor "meetings" "meet").
    pub fn same(&self, other: &Token) -> bool {
        if !(self.fr == other.fr || self.en == other.en) {
            return false;
        }
        let common = self
            .word
            .chars()
            .zip(other.word.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let longest = self.word.chars().count().max(other.word.chars().count());
        longest - common <= 3
    }
}

impl Analyzer {
    /// The content words of `text`, in order, stemmed (stopwords dropped).
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut start = None;
        let bytes_end = text.len();
        for (i, c) in text.char_indices().chain(std::iter::once((bytes_end, ' '))) {
            let word_char = c.is_alphanumeric();
            match (start, word_char) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    self.push(&text[s..i], s..i, &mut out);
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    fn push(&self, word: &str, at: std::ops::Range<usize>, out: &mut Vec<Token>) {
        let folded = fold(word);
        if folded.len() < 2 && !folded.chars().all(|c| c.is_ascii_digit())
            || STOPWORDS.contains(&folded.as_str())
        {
            return;
        }
        out.push(Token {
            fr: self.fr.stem(&folded).into_owned(),
            en: self.en.stem(&folded).into_owned(),
            word: folded,
            at,
        });
    }

    /// Where `phrase` (already tokenized) occurs in `text_tokens`: start indexes of each match.
    pub fn find(phrase: &[Token], text_tokens: &[Token]) -> Vec<usize> {
        if phrase.is_empty() || phrase.len() > text_tokens.len() {
            return Vec::new();
        }
        (0..=text_tokens.len() - phrase.len())
            .filter(|&i| phrase.iter().zip(&text_tokens[i..]).all(|(a, b)| a.same(b)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(a: &Analyzer, phrase: &str, text: &str) -> usize {
        Analyzer::find(&a.tokens(phrase), &a.tokens(text)).len()
    }

    #[test]
    fn accents_case_and_plurals_meet() {
        let a = Analyzer::default();
        assert_eq!(fold("Étape Créée"), "etape creee");
        assert_eq!(
            find(&a, "concertation", "Les CONCERTATIONS de la plateforme"),
            1
        );
        assert_eq!(find(&a, "étape", "Gérer les etapes"), 1);
        assert_eq!(find(&a, "phase", "Phases of a process"), 1);
        assert_eq!(
            find(
                &a,
                "participatory process",
                "Create participatory processes"
            ),
            1
        );
    }

    #[test]
    fn phrases_match_in_order_and_stopwords_are_skipped() {
        let a = Analyzer::default();
        assert_eq!(
            find(&a, "groupe de concertations", "un groupe des concertations"),
            1
        );
        assert_eq!(find(&a, "process group", "group of processes"), 0);
        assert_eq!(
            find(&a, "the", "the the"),
            0,
            "a phrase of stopwords matches nothing"
        );
    }

    #[test]
    fn token_positions_point_into_the_original_text() {
        let a = Analyzer::default();
        let text = "Créer une réunion";
        let t = a.tokens(text);
        assert_eq!(&text[t[1].at.clone()], "réunion");
    }
}
