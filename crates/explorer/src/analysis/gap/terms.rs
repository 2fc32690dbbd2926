//! Each catalogue feature's terms in a notice's language: its name, synonyms and fields, with what an
//! inventory saw of its pages when one is given.

use super::matcher::FeatureTerms;
use crate::analysis::catalogue::Catalogue;
use crate::analysis::inventory::Inventory;

/// Terms and fields of every catalogue feature in the notice's language, enriched by what the
/// inventory saw (page headings are strong terms; form labels are the fields to look for).
pub fn feature_terms(
    catalogue: &Catalogue,
    inventory: Option<&Inventory>,
    lang: &str,
) -> Vec<FeatureTerms> {
    catalogue
        .features
        .iter()
        .map(|f| {
            let names: Vec<String> = vec![f.name.get(lang).to_string()];
            let mut synonyms = if lang == "fr" {
                f.synonyms.fr.clone()
            } else {
                f.synonyms.en.clone()
            };
            let mut fields: Vec<String> = Vec::new();
            match inventory {
                Some(inv) => {
                    for p in inv.pages_of(&f.id) {
                        // A page's heading names the feature when the page is about it alone; like
                        // a synonym, it is strong only with several content words ("Edit
                        // organization" is, once "edit" is dropped, one generic word).
                        if p.features.len() == 1
                            && !p.heading.is_empty()
                            && !synonyms.contains(&p.heading)
                        {
                            synonyms.push(p.heading.clone());
                        }
                    }
                    fields = inv.form_labels(&f.id);
                }
                // The catalogue lists fields by their English labels only.
                None if lang == "en" => fields.extend(f.fields.iter().cloned()),
                None => {}
            }
            FeatureTerms {
                id: f.id.clone(),
                names,
                synonyms,
                fields,
                group: f.group.clone(),
                distinct_from: if lang == "fr" {
                    f.distinct_from.fr.clone()
                } else {
                    f.distinct_from.en.clone()
                },
            }
        })
        .collect()
}
