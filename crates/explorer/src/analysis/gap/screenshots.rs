//! Outdated screenshots: for each screenshot of the manual, the admin page it shows (the page of
//! the feature its section documents, as `gap` matched it), compared perceptually with today's
//! screenshot of that page from the inventory. A manual's picture is often a part of the page (a
//! form, a table): it is compared with windows of the same shape over the page, the best one kept.
//!
//! The comparison is a perceptual hash (`image_hasher`, gradient hash of 16×16): robust to scaling,
//! compression and small text changes, sensitive to a different layout.

use super::matcher::{FeatureMatch, Status};
use crate::analysis::inventory::Inventory;
use crate::analysis::notice::Notice;
use image::DynamicImage;
use image_hasher::{HashAlg, Hasher, HasherConfig, ImageHash};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// At or above this similarity (0–1), a manual's picture still looks like today's page.
pub const UP_TO_DATE: f32 = 0.80;

/// Pictures smaller than this (icons, buttons) are not screenshots of a page.
const MIN_SIZE: (u32, u32) = (200, 100);

/// Width both pictures are brought to before windows are hashed: enough for a layout, cheap.
const WORK_WIDTH: u32 = 320;

/// What became of one picture of the manual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// It looks like today's page.
    UpToDate,
    /// It no longer does.
    Outdated,
    /// It could not be compared (see the reason).
    NotCompared,
}

/// One picture of the manual and today's page it shows.
#[derive(Debug, Clone, Serialize)]
pub struct ScreenshotCheck {
    /// The section showing it.
    pub section: String,
    /// Link to that section.
    pub link: String,
    /// The image as the manual names it.
    pub image: String,
    /// Its alternative text.
    pub alt: String,
    /// The image file read.
    pub file: Option<PathBuf>,
    /// The feature the section documents.
    pub feature: Option<String>,
    /// The admin page compared with (URL pattern).
    pub page: Option<String>,
    /// Today's screenshot of that page, relative to the inventory folder.
    pub screenshot: Option<String>,
    /// How alike they are (1 = the same).
    pub similarity: Option<f32>,
    /// The verdict.
    pub verdict: Verdict,
    /// Why it was not compared.
    pub reason: String,
}

fn hasher() -> Hasher {
    HasherConfig::new()
        .hash_size(16, 16)
        .hash_alg(HashAlg::Gradient)
        .to_hasher()
}

fn to_width(img: &DynamicImage, width: u32) -> DynamicImage {
    if img.width() <= width {
        return img.clone();
    }
    // A thumbnail (area averaging) is fast and keeps the layout the hash looks at.
    img.thumbnail(width, u32::MAX)
}

/// The hashes of the windows of `aspect` (width / height) over `page`, already brought to
/// [`WORK_WIDTH`]: the largest window of that shape, then smaller ones, slid in eighths.
fn window_hashes(h: &Hasher, page: &DynamicImage, aspect: f32) -> Vec<ImageHash> {
    let (pw, ph) = (page.width() as f32, page.height() as f32);
    let mut out = Vec::new();
    for scale in [1.0_f32, 0.8, 0.6, 0.45] {
        let (mut w, mut hgt) = (pw, pw / aspect);
        if hgt > ph {
            hgt = ph;
            w = ph * aspect;
        }
        let (w, hgt) = ((w * scale).max(8.0), (hgt * scale).max(8.0));
        let steps = if scale == 1.0 { 4 } else { 8 };
        for i in 0..=steps {
            for j in 0..=steps {
                let x = (pw - w) * i as f32 / steps as f32;
                let y = (ph - hgt) * j as f32 / steps as f32;
                out.push(h.hash_image(&page.crop_imm(x as u32, y as u32, w as u32, hgt as u32)));
                if (pw - w).abs() < 1.0 && (ph - hgt).abs() < 1.0 {
                    break;
                }
            }
        }
    }
    out
}

fn aspect(img: &DynamicImage) -> f32 {
    img.width() as f32 / img.height().max(1) as f32
}

fn best_likeness(target: &ImageHash, windows: &[ImageHash]) -> f32 {
    let bits = 16.0 * 16.0;
    windows
        .iter()
        .map(|w| 1.0 - target.dist(w) as f32 / bits)
        .fold(0.0, f32::max)
}

/// How alike `picture` is to the best window of its shape over `page` (1 = the same).
pub fn similarity(picture: &DynamicImage, page: &DynamicImage) -> f32 {
    let h = hasher();
    let pic = to_width(picture, WORK_WIDTH);
    let page = to_width(page, WORK_WIDTH);
    best_likeness(&h.hash_image(&pic), &window_hashes(&h, &page, aspect(&pic)))
}

/// Today's screenshots, read and scaled once, and their windows hashed once per shape: a manual
/// has hundreds of pictures, many showing the same pages.
struct Pages {
    hasher: Hasher,
    images: HashMap<PathBuf, Option<DynamicImage>>,
    windows: HashMap<(PathBuf, i32), Vec<ImageHash>>,
}

impl Pages {
    /// How alike the picture (scaled to [`WORK_WIDTH`], hashed) is to the screenshot `shot`.
    fn likeness(&mut self, pic: &DynamicImage, pic_hash: &ImageHash, shot: &Path) -> Option<f32> {
        let page = self
            .images
            .entry(shot.to_path_buf())
            .or_insert_with(|| image::open(shot).ok().map(|i| to_width(&i, WORK_WIDTH)))
            .clone()?;
        // Shapes within ~6 % of each other share their windows.
        let bucket = (aspect(pic).ln() * 16.0).round() as i32;
        let h = &self.hasher;
        let windows = self
            .windows
            .entry((shot.to_path_buf(), bucket))
            .or_insert_with(|| window_hashes(h, &page, (bucket as f32 / 16.0).exp()));
        Some(best_likeness(pic_hash, windows))
    }

    /// Compare the picture with today's screenshots of the feature's pages; the closest gives
    /// the verdict.
    fn compare(
        &mut self,
        c: &mut ScreenshotCheck,
        picture: &DynamicImage,
        feature: &str,
        inventory: &Inventory,
        inventory_dir: &Path,
    ) {
        let pic = to_width(picture, WORK_WIDTH);
        let pic_hash = self.hasher.hash_image(&pic);
        let mut best: Option<(f32, &crate::analysis::inventory::model::PageRecord)> = None;
        for page in inventory.pages_of(feature) {
            let Some(shot) = page
                .screenshot
                .as_deref()
                .and_then(|s| safe_join(inventory_dir, s))
            else {
                continue;
            };
            let Some(s) = self.likeness(&pic, &pic_hash, &shot) else {
                continue;
            };
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, page));
            }
        }
        match best {
            Some((s, page)) => {
                c.similarity = Some((s * 100.0).round() / 100.0);
                c.page = Some(page.pattern.clone());
                c.screenshot = page.screenshot.clone();
                c.verdict = if s >= UP_TO_DATE {
                    Verdict::UpToDate
                } else {
                    Verdict::Outdated
                };
            }
            None => c.reason = format!("no screenshot of a page of {feature} in the inventory"),
        }
    }
}

/// Check every picture of the notice that shows a page of the inventory.
pub fn check(
    notice: &Notice,
    matches: &[FeatureMatch],
    inventory: &Inventory,
    inventory_dir: &Path,
) -> Vec<ScreenshotCheck> {
    let mut pages = Pages {
        hasher: hasher(),
        images: HashMap::new(),
        windows: HashMap::new(),
    };
    let mut out = Vec::new();
    for (i, section) in notice.sections.iter().enumerate() {
        for img in &section.images {
            let mut c = ScreenshotCheck {
                section: section.breadcrumb(),
                link: section.link.clone(),
                image: img.src.clone(),
                alt: img.alt.clone(),
                file: img.file.clone(),
                feature: None,
                page: None,
                screenshot: None,
                similarity: None,
                verdict: Verdict::NotCompared,
                reason: String::new(),
            };
            let picture = match img.file.as_ref().map(image::open) {
                None => {
                    c.reason = "image file not found".into();
                    out.push(c);
                    continue;
                }
                Some(Err(e)) => {
                    c.reason = format!("image unreadable: {e}");
                    out.push(c);
                    continue;
                }
                Some(Ok(p)) => p,
            };
            if picture.width() < MIN_SIZE.0 || picture.height() < MIN_SIZE.1 {
                // An icon or a button: not a picture of a page. Not listed.
                continue;
            }
            c.feature = documented_feature(notice, matches, i);
            match c.feature.clone() {
                Some(feature) => {
                    pages.compare(&mut c, &picture, &feature, inventory, inventory_dir)
                }
                None => c.reason = "the section documents no feature of the inventory".into(),
            }
            out.push(c);
        }
    }
    out
}

/// The feature the section documents: one it covers first, then one it mentions; a section
/// naming none borrows the feature of its page.
fn documented_feature(notice: &Notice, matches: &[FeatureMatch], section: usize) -> Option<String> {
    let page_link = notice.sections[section]
        .link
        .split('#')
        .next()
        .unwrap_or("");
    for status in [Status::Covered, Status::Partial] {
        for same_page in [false, true] {
            let hit = matches.iter().find(|m| {
                m.status == status
                    && m.evidence.as_ref().is_some_and(|e| {
                        e.section == section
                            || same_page
                                && notice
                                    .sections
                                    .get(e.section)
                                    .is_some_and(|s| s.link.split('#').next() == Some(page_link))
                    })
            });
            if let Some(m) = hit {
                return Some(m.id.clone());
            }
        }
    }
    None
}

/// `dir/rel` when `rel` stays inside `dir` (an inventory is input: its paths are not trusted).
pub fn safe_join(dir: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    let inside = rel.components().all(|c| {
        matches!(
            c,
            std::path::Component::Normal(_) | std::path::Component::CurDir
        )
    });
    inside.then(|| dir.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    /// Today's admin page: a dark sidebar on the left, a header bar, rows of "text".
    fn page(rows: u32) -> DynamicImage {
        let mut img = RgbImage::from_pixel(1280, 800, Rgb([245, 245, 245]));
        for y in 0..800 {
            for x in 0..1280 {
                if x < 250 {
                    img.put_pixel(x, y, Rgb([20, 30, 60]));
                } else if y < 60 {
                    img.put_pixel(x, y, Rgb([30, 60, 120]));
                } else if (y - 60) % (700 / rows.max(1)) < 12 && x > 300 && x < 1100 {
                    img.put_pixel(x, y, Rgb([90, 90, 90]));
                }
            }
        }
        DynamicImage::ImageRgb8(img)
    }

    /// An older design: a tall dark header, a light menu on the right, cards.
    fn old_page() -> DynamicImage {
        let mut img = RgbImage::from_pixel(1280, 800, Rgb([255, 255, 255]));
        for y in 0..800 {
            for x in 0..1280 {
                if y < 160 {
                    img.put_pixel(x, y, Rgb([40, 40, 40]));
                } else if x > 1000 {
                    img.put_pixel(x, y, Rgb([200, 200, 200]));
                } else if (y / 120) % 2 == 0 && x % 330 < 300 {
                    img.put_pixel(x, y, Rgb([150, 190, 230]));
                }
            }
        }
        DynamicImage::ImageRgb8(img)
    }

    #[test]
    fn the_same_page_rescaled_is_alike_a_different_layout_is_not() {
        let today = page(10);
        let same = today.resize(800, 500, image::imageops::FilterType::Triangle);
        assert!(similarity(&same, &today) > 0.9);
        let old = old_page();
        assert!(
            similarity(&old, &today) < UP_TO_DATE,
            "{}",
            similarity(&old, &today)
        );
    }

    #[test]
    fn a_part_of_the_page_is_found_in_it() {
        let today = page(10);
        let part = today.crop_imm(200, 40, 700, 420);
        assert!(
            similarity(&part, &today) >= UP_TO_DATE,
            "{}",
            similarity(&part, &today)
        );
    }

    #[test]
    fn inventory_paths_stay_in_the_inventory_folder() {
        let dir = Path::new("/inv");
        assert_eq!(
            safe_join(dir, "screenshots/a.png"),
            Some(PathBuf::from("/inv/screenshots/a.png"))
        );
        assert_eq!(safe_join(dir, "../../etc/hostname"), None);
        assert_eq!(safe_join(dir, "/etc/hostname"), None);
    }

    #[test]
    fn an_inventorys_paths_cannot_leave_its_folder() {
        let dir = Path::new("/inv");
        assert_eq!(
            super::safe_join(dir, "pages/001.png"),
            Some(PathBuf::from("/inv/pages/001.png"))
        );
        for outside in [
            "../../../../etc/hostname",
            "/etc/hostname",
            "pages/../../x.png",
        ] {
            assert_eq!(super::safe_join(dir, outside), None, "{outside}");
        }
    }
}
