//! The report's pictures, inline so the file stands alone: each step's screenshot as a small
//! WebP thumbnail (made on a background thread as the run goes, so the browser never waits for
//! it), and a failure's screenshot as the PNG it was saved as.

use base64::Engine as _;
use image::imageops::FilterType;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;

/// Width of a step's thumbnail (the 1280-pixel viewport scaled down); big enough to read a
/// page's headings and buttons, small enough for a library's worth of steps in one file.
const THUMB_WIDTH: u32 = 480;
/// Lossy WebP quality of thumbnails.
const THUMB_QUALITY: f32 = 55.0;

/// Thumbnails made in the background, by path relative to the run folder.
pub struct Thumbnails {
    out_dir: PathBuf,
    tx: Option<mpsc::Sender<PathBuf>>,
    worker: Option<JoinHandle<HashMap<PathBuf, String>>>,
    made: HashMap<PathBuf, String>,
}

impl std::fmt::Debug for Thumbnails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Thumbnails({})", self.out_dir.display())
    }
}

impl Thumbnails {
    /// Thumbnails of pictures under `out_dir`.
    pub fn start(out_dir: &Path) -> Self {
        let (tx, rx) = mpsc::channel::<PathBuf>();
        let dir = out_dir.to_path_buf();
        let worker = std::thread::Builder::new()
            .name("report-thumbnails".into())
            .spawn(move || {
                let mut made = HashMap::new();
                for rel in rx {
                    match thumbnail(&dir.join(&rel)) {
                        Ok(uri) => {
                            made.insert(rel, uri);
                        }
                        Err(e) => {
                            tracing::debug!(file = %rel.display(), error = %e, "no thumbnail")
                        }
                    }
                }
                made
            })
            .ok();
        Thumbnails {
            out_dir: out_dir.to_path_buf(),
            tx: worker.as_ref().map(|_| tx),
            worker,
            made: HashMap::new(),
        }
    }

    /// Make the thumbnail of `rel` (relative to the run folder) when the thread gets to it.
    pub fn request(&self, rel: &Path) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(rel.to_path_buf());
        }
    }

    /// Wait for every thumbnail asked for; the data URIs made, by relative path.
    pub fn finish(&mut self) -> &HashMap<PathBuf, String> {
        self.tx = None;
        if let Some(worker) = self.worker.take() {
            if let Ok(made) = worker.join() {
                self.made = made;
            }
        }
        &self.made
    }
}

/// A picture as a data URI of a WebP `THUMB_WIDTH` wide.
fn thumbnail(file: &Path) -> Result<String, String> {
    let img = image::open(file).map_err(|e| e.to_string())?.to_rgb8();
    let (w, h) = img.dimensions();
    let width = THUMB_WIDTH.min(w).max(1);
    let height = ((h as u64 * width as u64) / w.max(1) as u64).max(1) as u32;
    let small = image::imageops::resize(&img, width, height, FilterType::Triangle);
    let bytes = webp::Encoder::from_rgb(small.as_raw(), small.width(), small.height())
        .encode(THUMB_QUALITY);
    Ok(data_uri("image/webp", &bytes))
}

/// A file of the run folder as a data URI, as it is (a failure's screenshot at full size).
pub fn inline_file(out_dir: &Path, rel: &Path, mime: &str) -> Option<String> {
    std::fs::read(out_dir.join(rel))
        .ok()
        .map(|bytes| data_uri(mime, &bytes))
}

fn data_uri(mime: &str, bytes: &[u8]) -> String {
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screenshot_becomes_a_small_inline_webp_and_a_missing_one_is_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let img = image::RgbImage::from_pixel(1280, 900, image::Rgb([240, 240, 250]));
        std::fs::create_dir_all(dir.path().join("screenshots/a")).unwrap();
        img.save(dir.path().join("screenshots/a/01-goto.png"))
            .unwrap();
        let mut thumbs = Thumbnails::start(dir.path());
        thumbs.request(Path::new("screenshots/a/01-goto.png"));
        thumbs.request(Path::new("screenshots/a/02-missing.png"));
        let made = thumbs.finish();
        let uri = &made[Path::new("screenshots/a/01-goto.png")];
        assert!(uri.starts_with("data:image/webp;base64,"));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(uri.trim_start_matches("data:image/webp;base64,"))
            .unwrap();
        let decoded = webp::Decoder::new(&bytes).decode().unwrap();
        assert_eq!((decoded.width(), decoded.height()), (480, 337));
        assert_eq!(made.len(), 1);
    }
}
