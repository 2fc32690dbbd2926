//! The create-process lesson as a minimal hand-written WebDriver program: the baseline
//! `scripts/bench-speed` compares decidim-explorer with. It starts chromedriver, opens a session
//! with the same Chromium flags as the tool, and sends the commands the lesson needs and nothing
//! else: CSS/XPath look-ups of known ids instead of locating by label, a screenshot after each
//! step written to disk, no retries but a short one while a page or panel is not there yet.
//!
//!   cargo run --release --example raw_webdriver -- --base-url http://127.0.0.1:3000 \
//!       --out /tmp/raw --uid abc1
//!
//! Credentials come from DECIDIM_EMAIL and DECIDIM_PASSWORD. One JSON line per mark goes to
//! stdout (`{"mark": "step", "n": 3, "at_ms": <Unix ms>, ...}`) so the caller can time each part
//! against its own clock. `--chromedriver-log FILE` runs chromedriver with `--verbose` into FILE.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// How long any one wait may take before the program gives up.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Pause between two tries of a look-up that found nothing yet.
const RETRY: Duration = Duration::from_millis(20);

struct Args {
    base_url: String,
    out: PathBuf,
    uid: String,
    chromedriver: PathBuf,
    chromium: PathBuf,
    chromedriver_log: Option<PathBuf>,
}

fn parse_args() -> Res<Args> {
    let mut args = Args {
        base_url: "http://127.0.0.1:3000".into(),
        out: PathBuf::from("raw-webdriver-out"),
        uid: format!("raw{}", now_ms()),
        chromedriver: "/usr/bin/chromedriver".into(),
        chromium: "/usr/lib/chromium/chromium".into(),
        chromedriver_log: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--base-url" => args.base_url = value()?.trim_end_matches('/').to_string(),
            "--out" => args.out = value()?.into(),
            "--uid" => args.uid = value()?,
            "--chromedriver" => args.chromedriver = value()?.into(),
            "--chromium" => args.chromium = value()?.into(),
            "--chromedriver-log" => args.chromedriver_log = Some(value()?.into()),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    Ok(args)
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

/// One JSON line on stdout: what happened and when (Unix ms).
fn mark(what: &str, extra: serde_json::Value) {
    let mut line = json!({ "mark": what, "at_ms": now_ms() as u64 });
    if let (Some(obj), serde_json::Value::Object(more)) = (line.as_object_mut(), extra) {
        obj.extend(more);
    }
    println!("{line}");
}

/// The capabilities decidim-explorer asks for (crates/explorer/src/driver/session.rs).
fn capabilities(chromium: &Path, profile: &Path) -> fantoccini::wd::Capabilities {
    let args = [
        "--no-sandbox".to_string(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-default-apps".into(),
        "--disable-extensions".into(),
        "--no-first-run".into(),
        "--no-default-browser-check".into(),
        "--disable-quic".into(),
        "--password-store=basic".into(),
        "--window-size=1280,900".into(),
        "--lang=en-US".into(),
        "--headless=new".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let mut caps = fantoccini::wd::Capabilities::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "args": args,
            "binary": chromium.display().to_string(),
            "prefs": {
                "intl.accept_languages": "en-US,en",
                "credentials_enable_service": false,
                "profile.password_manager_enabled": false
            },
            "excludeSwitches": ["enable-automation"]
        }),
    );
    caps.insert("pageLoadStrategy".into(), json!("normal"));
    caps.insert("unhandledPromptBehavior".into(), json!("accept"));
    caps.insert(
        "timeouts".into(),
        json!({ "pageLoad": 10_000, "script": 10_000, "implicit": 0 }),
    );
    caps
}

/// chromedriver on a free port, its own process group, until `/status` says ready.
fn start_chromedriver(args: &Args, tmp: &Path) -> Res<(Child, u16)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut cmd = Command::new(&args.chromedriver);
    cmd.arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .env("TMPDIR", tmp)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(log) = &args.chromedriver_log {
        cmd.arg(format!("--log-path={}", log.display()))
            .arg("--verbose");
    }
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let child = cmd.spawn()?;
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(15) {
        if ready(port) {
            return Ok((child, port));
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    Err("chromedriver did not become ready".into())
}

fn ready(port: u16) -> bool {
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
    if s.write_all(b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut body = Vec::new();
    let mut chunk = [0u8; 1024];
    while let Ok(n) = s.read(&mut chunk) {
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&body).replace(' ', "");
        if text.contains("\"ready\":true") {
            return true;
        }
        if text.contains("\"ready\":false") {
            return false;
        }
    }
    false
}

/// Find an element, trying again briefly while it is not there (a page still loading).
async fn find(c: &Client, locator: Locator<'_>) -> Res<Element> {
    let started = Instant::now();
    loop {
        match c.find(locator).await {
            Ok(el) => return Ok(el),
            Err(e) if started.elapsed() > TIMEOUT => return Err(e.into()),
            Err(_) => tokio::time::sleep(RETRY).await,
        }
    }
}

/// Poll until `check` holds (one command per try).
async fn until<F, Fut>(what: &str, mut check: F) -> Res<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Res<bool>>,
{
    let started = Instant::now();
    loop {
        if check().await.unwrap_or(false) {
            return Ok(());
        }
        if started.elapsed() > TIMEOUT {
            return Err(format!("timed out waiting for {what}").into());
        }
        tokio::time::sleep(RETRY).await;
    }
}

/// Type into a field, clearing it first; a ProseMirror editor is brought to the middle of the
/// view, clicked and cleared with Ctrl-A, Delete (as decidim-explorer does).
async fn type_into(c: &Client, el: &Element, value: &str, editor: bool) -> Res<()> {
    if editor {
        // Below the fold the form's sticky footer would take the click.
        c.execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![json!(el)],
        )
        .await?;
        el.click().await?;
        el.send_keys("\u{E009}a\u{E000}\u{E017}").await?;
    } else {
        el.clear().await?;
    }
    el.send_keys(value).await?;
    Ok(())
}

/// A translated field of the process form: the English field, then the French tab and its field
/// (the organization's default language must not stay empty), then back to English.
async fn fill_translated(c: &Client, attr: &str, value: &str, editor: bool) -> Res<()> {
    let field = |lang: &str| {
        if editor {
            format!("#participatory_process_{attr}_{lang} [contenteditable=true]")
        } else {
            format!("#participatory_process_{attr}_{lang}")
        }
    };
    let tab = |i: u8| format!("a[href='#participatory_process-{attr}-tabs-{attr}-panel-{i}']");
    type_into(
        c,
        &find(c, Locator::Css(&field("en"))).await?,
        value,
        editor,
    )
    .await?;
    find(c, Locator::Css(&tab(1))).await?.click().await?;
    let fr = find(c, Locator::Css(&field("fr"))).await?;
    until("the French field to show", || async {
        Ok(fr.is_displayed().await?)
    })
    .await?;
    type_into(c, &fr, value, editor).await?;
    find(c, Locator::Css(&tab(0))).await?.click().await?;
    Ok(())
}

/// Whether the page (or `within`) shows `text`.
async fn shows(c: &Client, within: &str, text: &str) -> Res<bool> {
    let found = c
        .execute(
            "const el = document.querySelector(arguments[0]);
             return !!el && el.innerText.includes(arguments[1]);",
            vec![json!(within), json!(text)],
        )
        .await?;
    Ok(found.as_bool().unwrap_or(false))
}

struct Lesson<'a> {
    c: &'a Client,
    base: &'a str,
    shots: PathBuf,
    step: usize,
    started: Instant,
}

impl Lesson<'_> {
    /// Screenshot to disk, then report the step as done.
    async fn done(&mut self, name: &str) -> Res<()> {
        self.step += 1;
        let shooting = Instant::now();
        let png = self.c.screenshot().await?;
        std::fs::write(self.shots.join(format!("{:02}-{name}.png", self.step)), png)?;
        let shot_ms = shooting.elapsed().as_millis() as u64;
        let ms = self.started.elapsed().as_millis() as u64;
        mark(
            "step",
            json!({ "n": self.step, "name": name, "ms": ms, "shot_ms": shot_ms }),
        );
        self.started = Instant::now();
        Ok(())
    }

    async fn run(&mut self, uid: &str, email: &str, password: &str) -> Res<()> {
        let (c, base) = (self.c, self.base);
        // 1. Log in as decidim-explorer does: sign-in page, cookie banner, devise form, /admin/.
        c.goto(&format!("{base}/users/sign_in")).await?;
        let accept = find(c, Locator::Css("#dc-dialog-accept")).await?;
        if accept.is_displayed().await? {
            accept.click().await?;
        }
        type_into(
            c,
            &find(c, Locator::Css("#session_user_email")).await?,
            email,
            false,
        )
        .await?;
        type_into(
            c,
            &find(c, Locator::Css("#session_user_password")).await?,
            password,
            false,
        )
        .await?;
        find(c, Locator::Css("#session_new_user [type=submit]"))
            .await?
            .click()
            .await?;
        until("the login to be accepted", || async {
            Ok(!c.current_url().await?.path().starts_with("/users/sign_in"))
        })
        .await?;
        c.goto(&format!("{base}/admin/")).await?;
        if c.current_url().await?.path().contains("/admin_terms") {
            // The first login of the account: accept the admin terms, as the tool does.
            find(
                c,
                Locator::Css("form[action*='admin_terms/accept'] [type=submit]"),
            )
            .await?
            .click()
            .await?;
            until("the admin terms to be accepted", || async {
                Ok(!c.current_url().await?.path().contains("/admin_terms"))
            })
            .await?;
        }
        find(c, Locator::Css(".layout-nav")).await?;
        self.done("login").await?;

        // 2–3. Processes in the menu, then New process.
        find(c, Locator::XPath("//*[contains(concat(' ', @class, ' '), ' layout-nav ')]//a[normalize-space(.)='Processes']"))
            .await?
            .click()
            .await?;
        self.done("click").await?;
        find(c, Locator::XPath("//a[normalize-space(.)='New process']"))
            .await?
            .click()
            .await?;
        self.done("click").await?;

        // 4–8. The form.
        fill_translated(c, "title", &format!("Explorer process {uid}"), false).await?;
        self.done("fill").await?;
        fill_translated(c, "subtitle", "Created by decidim-explorer", false).await?;
        self.done("fill").await?;
        type_into(
            c,
            &find(c, Locator::Css("#participatory_process_slug")).await?,
            &format!("explorer-{uid}"),
            false,
        )
        .await?;
        self.done("fill").await?;
        fill_translated(
            c,
            "short_description",
            "A process created during an admin lesson.",
            true,
        )
        .await?;
        self.done("fill").await?;
        fill_translated(
            c,
            "description",
            "This process shows how a participatory process is created in Decidim's admin.",
            true,
        )
        .await?;
        self.done("fill").await?;

        // 9. Create.
        find(
            c,
            Locator::Css("form.new_participatory_process [type=submit][value=Create]"),
        )
        .await?
        .click()
        .await?;
        self.done("click").await?;

        // 10–12. What the lesson expects.
        until("the flash", || {
            shows(c, "body", "Participatory process successfully created.")
        })
        .await?;
        self.done("expect_text").await?;
        let want = format!("/admin/participatory_processes/explorer-{uid}/steps");
        until("the steps URL", || async {
            Ok(c.current_url().await?.path().trim_end_matches('/') == want)
        })
        .await?;
        self.done("expect_url").await?;
        until("Introduction in the table", || {
            shows(c, "table", "Introduction")
        })
        .await?;
        self.done("expect_text").await?;
        Ok(())
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Res<()> {
    mark("start", json!({}));
    let args = parse_args()?;
    let email = std::env::var("DECIDIM_EMAIL").map_err(|_| "set DECIDIM_EMAIL")?;
    let password = std::env::var("DECIDIM_PASSWORD").map_err(|_| "set DECIDIM_PASSWORD")?;
    let shots = args.out.join("screenshots");
    std::fs::create_dir_all(&shots)?;
    let scratch = args.out.join("scratch");
    let (tmp, profile) = (scratch.join("tmp"), scratch.join("profile"));
    std::fs::create_dir_all(&tmp)?;
    std::fs::create_dir_all(&profile)?;

    let (mut driver, port) = start_chromedriver(&args, &tmp)?;
    mark("driver_ready", json!({}));
    let outcome = async {
        let mut builder = ClientBuilder::native();
        builder.capabilities(capabilities(&args.chromium, &profile));
        let c = builder
            .connect(&format!("http://127.0.0.1:{port}/"))
            .await?;
        mark("browser_ready", json!({}));
        let mut lesson = Lesson {
            c: &c,
            base: &args.base_url,
            shots,
            step: 0,
            started: Instant::now(),
        };
        let result = lesson.run(&args.uid, &email, &password).await;
        mark("lesson_done", json!({ "ok": result.is_ok() }));
        c.close().await?;
        result
    }
    .await;
    // chromedriver and the Chromium it started share its process group.
    let group = nix::unistd::Pid::from_raw(driver.id() as i32);
    let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGTERM);
    let _ = driver.wait();
    let _ = std::fs::remove_dir_all(&scratch);
    mark("exit", json!({ "ok": outcome.is_ok() }));
    outcome
}
