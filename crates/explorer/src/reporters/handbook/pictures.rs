//! [`Pictures`]: the handbook's images, made off the run's critical path. A step's screenshot (PNG) becomes a
//! WebP with its target marked, plus a zoomed crop around the target; a lesson's marked views can also become
//! an animated WebP. A background thread does the decoding and encoding, so the browser never waits for it.

use image::imageops::FilterType;
use image::{Rgb, RgbImage};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;

/// Width of a step's picture in the handbook (the 1280-pixel viewport scaled down).
const PAGE_WIDTH: u32 = 960;
/// Lossy WebP quality of page pictures: admin pages are flat colours and text, which this keeps readable.
const PAGE_QUALITY: f32 = 60.0;
/// Largest zoomed crop.
const ZOOM_MAX: (u32, u32) = (560, 260);
const ZOOM_QUALITY: f32 = 72.0;
const FRAME_QUALITY: f32 = 50.0;
/// Width of a frame of the lesson's animation.
const FRAME_WIDTH: u32 = 720;
/// The marker's colour and thickness (in screenshot pixels).
const MARK: Rgb<u8> = Rgb([228, 0, 43]);
const MARK_WIDTH: i64 = 4;

/// One picture to make.
#[derive(Debug)]
pub struct Job {
    /// The screenshot, a PNG file.
    pub png: PathBuf,
    /// The target's box in it (x, y, width, height), when there is one.
    pub target: Option<[i64; 4]>,
    /// Where the page picture goes (`.webp`).
    pub page: PathBuf,
    /// Where the zoomed crop goes, if one is wanted.
    pub zoom: Option<PathBuf>,
    /// Keep the marked view as a frame of this lesson's animation.
    pub frame_of: Option<String>,
}

enum Message {
    Picture(Job),
    /// Write the lesson's animation to this file (`.webp`), `secs` per frame.
    Animation {
        lesson: String,
        file: PathBuf,
        secs: f32,
    },
}

/// The worker thread and its queue.
pub struct Pictures {
    tx: Option<mpsc::Sender<Message>>,
    thread: Option<JoinHandle<Vec<String>>>,
}

impl std::fmt::Debug for Pictures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pictures")
    }
}

impl Default for Pictures {
    fn default() -> Self {
        Pictures::start()
    }
}

impl Pictures {
    /// Start the worker.
    pub fn start() -> Pictures {
        let (tx, rx) = mpsc::channel::<Message>();
        let thread = std::thread::Builder::new()
            .name("handbook-pictures".into())
            .spawn(move || work(rx))
            .ok();
        Pictures {
            tx: Some(tx),
            thread,
        }
    }

    /// Queue a picture.
    pub fn picture(&self, job: Job) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Message::Picture(job));
        }
    }

    /// Queue the animation of a lesson, made of the frames queued for it so far.
    pub fn animation(&self, lesson: &str, file: PathBuf, secs: f32) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Message::Animation {
                lesson: lesson.to_string(),
                file,
                secs,
            });
        }
    }

    /// Wait until every queued picture is written; the problems met (a file per line).
    pub fn finish(&mut self) -> Vec<String> {
        drop(self.tx.take());
        self.thread
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for Pictures {
    fn drop(&mut self) {
        self.finish();
    }
}

fn work(rx: mpsc::Receiver<Message>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut frames: std::collections::BTreeMap<String, Vec<RgbImage>> = Default::default();
    for message in rx {
        match message {
            Message::Picture(job) => match make(&job) {
                Ok(Some(frame)) => {
                    if let Some(lesson) = &job.frame_of {
                        frames.entry(lesson.clone()).or_default().push(frame);
                    }
                }
                Ok(None) => {}
                Err(e) => problems.push(format!("{}: {e}", job.png.display())),
            },
            Message::Animation { lesson, file, secs } => {
                let lesson_frames = frames.remove(&lesson).unwrap_or_default();
                if let Err(e) = animate(&lesson_frames, &file, secs) {
                    problems.push(format!("{}: {e}", file.display()));
                }
            }
        }
    }
    problems
}

/// Make a job's pictures; the marked view, scaled for an animation frame, when one is wanted.
fn make(job: &Job) -> Result<Option<RgbImage>, String> {
    let shot = image::open(&job.png).map_err(|e| e.to_string())?.to_rgb8();
    let mut marked = shot.clone();
    if let Some(b) = job.target {
        mark(&mut marked, b);
    }
    let page = scale_to_width(&marked, PAGE_WIDTH);
    write_webp(&page, &job.page, PAGE_QUALITY)?;
    if let (Some(zoom), Some(b)) = (&job.zoom, job.target) {
        if let Some(crop) = zoom_on(&marked, b) {
            write_webp(&crop, zoom, ZOOM_QUALITY)?;
        }
    }
    Ok(job
        .frame_of
        .as_ref()
        .map(|_| scale_to_width(&marked, FRAME_WIDTH)))
}

/// Outline the target's box, a few pixels outside it.
fn mark(img: &mut RgbImage, b: [i64; 4]) {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let pad = 3;
    let (x0, y0) = (b[0] - pad - MARK_WIDTH, b[1] - pad - MARK_WIDTH);
    let (x1, y1) = (
        b[0] + b[2] + pad + MARK_WIDTH,
        b[1] + b[3] + pad + MARK_WIDTH,
    );
    for y in y0.max(0)..y1.min(h) {
        for x in x0.max(0)..x1.min(w) {
            let inside = x >= x0 + MARK_WIDTH
                && x < x1 - MARK_WIDTH
                && y >= y0 + MARK_WIDTH
                && y < y1 - MARK_WIDTH;
            if !inside {
                img.put_pixel(x as u32, y as u32, MARK);
            }
        }
    }
}

/// A crop around the target with some of its surroundings, at most [`ZOOM_MAX`]; none when the target is
/// most of the view already (a zoom would show nothing more).
fn zoom_on(img: &RgbImage, b: [i64; 4]) -> Option<RgbImage> {
    let (w, h) = (img.width() as i64, img.height() as i64);
    if b[2] <= 0 || b[3] <= 0 || b[2] * b[3] > w * h / 4 {
        return None;
    }
    let margin_x = (b[2] / 2).clamp(60, 220);
    let margin_y = (b[3]).clamp(50, 90);
    let x0 = (b[0] - margin_x).clamp(0, w - 1);
    let y0 = (b[1] - margin_y).clamp(0, h - 1);
    // A full-width field: keep its start, where its label and its text are, large enough to read.
    let x1 = (b[0] + b[2] + margin_x).min(x0 + 640).clamp(x0 + 1, w);
    let y1 = (b[1] + b[3] + margin_y).clamp(y0 + 1, h);
    let crop = image::imageops::crop_imm(
        img,
        x0 as u32,
        y0 as u32,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
    )
    .to_image();
    let scale = (ZOOM_MAX.0 as f32 / crop.width() as f32)
        .min(ZOOM_MAX.1 as f32 / crop.height() as f32)
        .min(1.6);
    let (nw, nh) = (
        ((crop.width() as f32 * scale) as u32).max(1),
        ((crop.height() as f32 * scale) as u32).max(1),
    );
    Some(image::imageops::resize(
        &crop,
        nw,
        nh,
        FilterType::CatmullRom,
    ))
}

fn scale_to_width(img: &RgbImage, width: u32) -> RgbImage {
    if img.width() <= width {
        return img.clone();
    }
    let height = (img.height() as u64 * width as u64 / img.width() as u64) as u32;
    image::imageops::resize(img, width, height.max(1), FilterType::Triangle)
}

fn write_webp(img: &RgbImage, file: &Path, quality: f32) -> Result<(), String> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let bytes = webp::Encoder::from_rgb(img.as_raw(), img.width(), img.height()).encode(quality);
    std::fs::write(file, &*bytes).map_err(|e| e.to_string())
}

/// An animated WebP of the frames, `secs` each, the last one held three times as long, looping.
fn animate(frames: &[RgbImage], file: &Path, secs: f32) -> Result<(), String> {
    let Some(first) = frames.first() else {
        return Ok(());
    };
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let mut config = webp::WebPConfig::new().map_err(|()| "no WebP configuration".to_string())?;
    config.quality = FRAME_QUALITY;
    let mut encoder = webp::AnimEncoder::new(first.width(), first.height(), &config);
    encoder.set_loop_count(0);
    let ms = (secs * 1000.0) as i32;
    let mut at = 0;
    // Frames of another size (a page taller than the first) are left out rather than distorted.
    for f in frames
        .iter()
        .filter(|f| f.dimensions() == first.dimensions())
    {
        encoder.add_frame(webp::AnimFrame::from_rgb(
            f.as_raw(),
            f.width(),
            f.height(),
            at,
        ));
        at += ms;
    }
    // The last frame is shown three times as long: a final frame at its end time closes the sequence.
    let last = frames.last().expect("not empty");
    if last.dimensions() == first.dimensions() {
        encoder.add_frame(webp::AnimFrame::from_rgb(
            last.as_raw(),
            last.width(),
            last.height(),
            at + 2 * ms,
        ));
    }
    let bytes = encoder
        .try_encode()
        .map_err(|e| format!("animation: {e:?}"))?;
    std::fs::write(file, &*bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(file: &Path) -> RgbImage {
        let bytes = std::fs::read(file).unwrap();
        let img = webp::Decoder::new(&bytes).decode().expect("a WebP picture");
        let (w, h, alpha) = (img.width(), img.height(), img.is_alpha());
        let px: Vec<u8> = if alpha {
            img.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect()
        } else {
            img.to_vec()
        };
        RgbImage::from_raw(w, h, px).unwrap()
    }

    fn shot(dir: &Path) -> PathBuf {
        let mut img = RgbImage::from_pixel(1280, 800, Rgb([250, 250, 250]));
        for x in 300..500 {
            for y in 200..240 {
                img.put_pixel(x, y, Rgb([20, 60, 140]));
            }
        }
        let p = dir.join("shot.png");
        img.save(&p).unwrap();
        p
    }

    #[test]
    fn a_step_becomes_a_marked_picture_and_a_zoom_around_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let png = shot(dir.path());
        let mut pictures = Pictures::start();
        pictures.picture(Job {
            png,
            target: Some([300, 200, 200, 40]),
            page: dir.path().join("out/01.webp"),
            zoom: Some(dir.path().join("out/01-zoom.webp")),
            frame_of: Some("lesson".into()),
        });
        pictures.animation("lesson", dir.path().join("out/lesson.webp"), 1.0);
        assert!(pictures.finish().is_empty());
        let page = decode(&dir.path().join("out/01.webp"));
        assert_eq!(page.width(), PAGE_WIDTH);
        // The marker is drawn just outside the target's box (300,200 → 225,150 at 0.75 scale).
        let p = page.get_pixel(221, 165);
        assert!(p[0] > 180 && p[1] < 90, "{p:?}");
        let zoom = decode(&dir.path().join("out/01-zoom.webp"));
        assert!(zoom.width() <= ZOOM_MAX.0 && zoom.height() <= ZOOM_MAX.1);
        let anim = std::fs::read(dir.path().join("out/lesson.webp")).unwrap();
        assert_eq!(&anim[8..12], b"WEBP");
    }

    #[test]
    fn a_target_covering_the_view_gets_no_zoom_and_a_broken_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let png = shot(dir.path());
        let bad = dir.path().join("bad.png");
        std::fs::write(&bad, b"not a png").unwrap();
        let mut pictures = Pictures::start();
        pictures.picture(Job {
            png,
            target: Some([0, 0, 1280, 700]),
            page: dir.path().join("a.webp"),
            zoom: Some(dir.path().join("a-zoom.webp")),
            frame_of: None,
        });
        pictures.picture(Job {
            png: bad,
            target: None,
            page: dir.path().join("b.webp"),
            zoom: None,
            frame_of: None,
        });
        let problems = pictures.finish();
        assert!(dir.path().join("a.webp").is_file());
        assert!(!dir.path().join("a-zoom.webp").exists());
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
