#!/usr/bin/env node
// The create-process lesson driven by Playwright (playwright-core on the system Chromium), for
// scripts/bench-speed: the same steps as scenarios/create-process.toml, with the same Chromium
// flags as decidim-explorer and a screenshot to disk after each step.
//
//   DECIDIM_EMAIL=… DECIDIM_PASSWORD=… node create-process.js --base-url http://127.0.0.1:3000 \
//       --out /tmp/pw --uid abc1 [--chromium /usr/lib/chromium/chromium]
//
// One JSON line per mark on stdout ({"mark": "step", "n": 3, "at_ms": <Unix ms>, …}), as
// examples/raw_webdriver.rs prints them, so the caller times each part against its own clock.
'use strict';

const mark = (what, extra = {}) =>
  process.stdout.write(JSON.stringify({ mark: what, at_ms: Date.now(), ...extra }) + '\n');
mark('start');

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

function parseArgs(argv) {
  const args = {
    baseUrl: 'http://127.0.0.1:3000',
    out: 'playwright-out',
    uid: 'pw' + Date.now(),
    chromium: '/usr/lib/chromium/chromium',
  };
  const names = { '--base-url': 'baseUrl', '--out': 'out', '--uid': 'uid', '--chromium': 'chromium' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key || argv[i + 1] === undefined) throw new Error(`bad argument ${argv[i]}`);
    args[key] = argv[i + 1];
  }
  args.baseUrl = args.baseUrl.replace(/\/+$/, '');
  return args;
}

// decidim-explorer's Chromium flags (crates/explorer/src/driver/session.rs), but the profile:
// Playwright makes a fresh one itself and refuses --user-data-dir.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--password-store=basic',
  '--window-size=1280,900',
  '--lang=en-US',
  '--headless=new',
];

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const email = process.env.DECIDIM_EMAIL;
  const password = process.env.DECIDIM_PASSWORD;
  if (!email || !password) throw new Error('set DECIDIM_EMAIL and DECIDIM_PASSWORD');
  const shots = path.join(args.out, 'screenshots');
  fs.mkdirSync(shots, { recursive: true });

  const browser = await chromium.launch({ executablePath: args.chromium, args: FLAGS, headless: true });
  // The viewport decidim-explorer's 1280×900 headless window gives (its screenshots are 1280×813).
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 813 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  mark('browser_ready');

  let n = 0;
  let since = Date.now();
  const done = async (name) => {
    n += 1;
    const shooting = Date.now();
    await page.screenshot({ path: path.join(shots, `${String(n).padStart(2, '0')}-${name}.png`) });
    mark('step', { n, name, ms: Date.now() - since, shot_ms: Date.now() - shooting });
    since = Date.now();
  };
  const base = args.baseUrl;
  let ok = false;
  try {
    // 1. Log in as decidim-explorer does: sign-in page, cookie banner, devise form, /admin/.
    await page.goto(`${base}/users/sign_in`);
    const accept = page.locator('#dc-dialog-accept');
    if (await accept.isVisible()) await accept.click();
    await page.locator('#session_user_email').fill(email);
    await page.locator('#session_user_password').fill(password);
    await page.locator('#session_new_user [type=submit]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/users/sign_in'));
    await page.goto(`${base}/admin/`);
    if (new URL(page.url()).pathname.includes('/admin_terms')) {
      await page.locator("form[action*='admin_terms/accept'] [type=submit]").click();
      await page.waitForURL((u) => !u.pathname.includes('/admin_terms'));
    }
    await page.locator('.layout-nav').waitFor();
    await done('login');

    // 2–3. Processes in the menu, then New process (each click waits for the page it opens).
    await page.locator('.layout-nav').getByRole('menuitem', { name: 'Processes', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/admin/participatory_processes');
    await done('click');
    await page.getByRole('link', { name: 'New process', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/admin/participatory_processes/new');
    await done('click');

    // 4–8. The form: each translated field in English, then its French tab (the organization's
    // default language must not stay empty), then back to English.
    const translated = async (attr, value, editor) => {
      const field = (lang) =>
        page.locator(`#participatory_process_${attr}_${lang}${editor ? ' [contenteditable=true]' : ''}`);
      const tab = (i) => page.locator(`a[href='#participatory_process-${attr}-tabs-${attr}-panel-${i}']`);
      await field('en').fill(value);
      await tab(1).click();
      await field('fr').fill(value);
      await tab(0).click();
    };
    await translated('title', `Explorer process ${args.uid}`, false);
    await done('fill');
    await translated('subtitle', 'Created by decidim-explorer', false);
    await done('fill');
    await page.locator('#participatory_process_slug').fill(`explorer-${args.uid}`);
    await done('fill');
    await translated('short_description', 'A process created during an admin lesson.', true);
    await done('fill');
    await translated(
      'description',
      "This process shows how a participatory process is created in Decidim's admin.",
      true,
    );
    await done('fill');

    // 9. Create.
    const want = `/admin/participatory_processes/explorer-${args.uid}/steps`;
    await page.locator('form.new_participatory_process [type=submit][value=Create]').click();
    await page.waitForURL((u) => u.pathname !== '/admin/participatory_processes/new');
    await done('click');

    // 10–12. What the lesson expects.
    await page.getByText('Participatory process successfully created.').waitFor();
    await done('expect_text');
    await page.waitForURL((u) => u.pathname.replace(/\/$/, '') === want);
    await done('expect_url');
    await page.locator('table').getByText('Introduction').first().waitFor();
    await done('expect_text');
    ok = true;
  } finally {
    mark('lesson_done', { ok });
    await browser.close();
    mark('exit', { ok });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
