#!/usr/bin/env node
// The protected internal site in a real browser: Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core) opens a locked page that
// carries a roster, from disk (file://) and over HTTP under a sub-path, and
// checks that:
//   - the locked page shows a password field and no roster name;
//   - a wrong passphrase says so and still reveals nothing;
//   - the right one shows the roster, and the photos decrypt and load
//     (naturalWidth > 0), with no request for a missing file;
//   - another internal page then opens without asking again;
//   - the data link downloads the decrypted stats.json.
//
// Usage: node tests/web/unlock.mjs INTERNAL_DIR
// Environment:
//   UNLOCK_PASSPHRASE   the passphrase the site was built with (required)
//   UNLOCK_PAGE         the page to open, relative to INTERNAL_DIR
//                       (e.g. trainings/barbershop-2025/index.html; required)
//   UNLOCK_EXPECT       text the unlocked page must show and the locked page
//                       must not (a roster name; required)
//   CHROMIUM_PATH       browser executable (default /usr/bin/chromium)
// Prints the unlock times it measured. Exits 1 on any failed check.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PASSPHRASE = process.env.UNLOCK_PASSPHRASE || '';
const PAGE = process.env.UNLOCK_PAGE || '';
const EXPECT = process.env.UNLOCK_EXPECT || '';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync',
];
const SUB_PATH = '/some/sub-path/internal/';
const TIMEOUT = 30000;

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

// A static server that serves `root` under SUB_PATH only, and notes 404s.
function serve(root, missing) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.txt': 'text/plain' };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = null;
    if (url.pathname.startsWith(SUB_PATH)) {
      const rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length));
      file = path.resolve(root, rel);
      if (!file.startsWith(path.resolve(root))) file = null;
    }
    let st = file && await fsp.stat(file).catch(() => null);
    if (st && st.isDirectory()) {
      file = path.join(file, 'index.html');
      st = await fsp.stat(file).catch(() => null);
    }
    if (!st || !st.isFile()) {
      missing.push(url.pathname);
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const bodyText = (page) => page.evaluate(() => document.body.innerText);

// Every <img> in <main> scrolled into view, decrypted and loaded.
async function photosLoaded(page) {
  const count = await page.locator('main img').count();
  for (let i = 0; i < count; i += 1) await page.locator('main img').nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('main img')]
    .every((img) => img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0), null, { timeout: TIMEOUT })
    .catch(() => {});
  return page.evaluate(() => [...document.querySelectorAll('main img')].map((img) => ({
    blob: img.src.startsWith('blob:'), width: img.naturalWidth, alt: img.alt,
  })));
}

async function run(context, label, url, missing) {
  console.log(`\nunlock: ${label}: ${url}`);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  try {
    await page.goto(url, { waitUntil: 'load' });
    // protect.js hides the form while it asks IndexedDB for a kept key
    // (class `unlocking`); the question is what the page shows after that.
    await page.waitForFunction(() => !document.documentElement.classList.contains('unlocking'));
    const field = page.locator('input[type="password"]');
    const lockedTitle = await page.title();
    check(await field.isVisible(), `${label}: the locked page asks for the passphrase`);
    check(!(await bodyText(page)).includes(EXPECT) && !(await page.title()).includes(EXPECT),
      `${label}: the locked page shows no roster name`);
    check(await page.evaluate(() => document.querySelector('label[for="rapor-passphrase"]') !== null),
      `${label}: the password field has a label`);

    await field.fill('not the passphrase at all');
    await field.press('Enter');
    const error = page.locator('#rapor-unlock-error');
    await page.waitForFunction(() => document.getElementById('rapor-unlock-error')?.textContent !== '');
    const expected = await page.locator('#rapor-unlock').getAttribute('data-wrong');
    check((await error.textContent()) === expected, `${label}: a wrong passphrase says so ("${expected}")`);
    check(await page.locator('input[type="password"]').getAttribute('aria-invalid') === 'true',
      `${label}: the field is marked invalid`);
    check(!(await bodyText(page)).includes(EXPECT), `${label}: a wrong passphrase reveals nothing`);

    await field.fill(PASSPHRASE);
    const t0 = Date.now();
    await field.press('Enter');
    await page.locator('input[type="password"]').waitFor({ state: 'detached' });
    const unlockMs = Date.now() - t0;
    console.log(`     unlock with the passphrase (PBKDF2 + decrypt + show): ${unlockMs} ms`);
    check((await bodyText(page)).includes(EXPECT), `${label}: the right passphrase shows the roster ("${EXPECT}")`);
    check((await page.title()) !== lockedTitle, `${label}: the page's own title replaces the generic one`);
    const photos = await photosLoaded(page);
    check(photos.length > 0 && photos.every((p) => p.blob && p.width > 0),
      `${label}: all ${photos.length} photos decrypted and loaded (naturalWidth > 0)`);

    // Another internal page, in the same tab: no passphrase asked again. A
    // link to a folder is followed to its index.html, which a browser does by
    // itself over HTTP but not from disk.
    const links = page.locator('main a[href]');
    let next = null;
    let nextLink = null;
    const here = page.url().replace(/index\.html$/, '');
    for (let i = 0; i < await links.count(); i += 1) {
      const href = await links.nth(i).evaluate((a) => a.href);
      if (/\/(trainings|partners|stories)\/[^/]+\/(index\.html)?$/.test(href) && !href.startsWith(here)) {
        next = href;
        nextLink = links.nth(i);
        break;
      }
    }
    check(next !== null, `${label}: the page links to another internal page`);
    if (next) {
      const target = next.endsWith('/') && next.startsWith('file:') ? `${next}index.html` : next;
      const t1 = Date.now();
      if (target === next) await Promise.all([page.waitForURL(target), nextLink.click()]);
      else await page.goto(target, { waitUntil: 'load' });
      await page.waitForFunction(() => !document.getElementById('rapor-locked'));
      const autoMs = Date.now() - t1;
      console.log(`     next page with the remembered key: ${autoMs} ms (${target})`);
      check(await page.locator('input[type="password"]').count() === 0,
        `${label}: the next page opens without asking again`);
      check((await page.locator('main h1').count()) > 0, `${label}: the next page shows its content`);
    }

    // The footer's data link downloads the decrypted stats.json.
    const link = page.locator('footer a[href$="data/stats.json"]');
    if (await link.count()) {
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const file = await download.path();
      let json = null;
      try { json = JSON.parse(await fsp.readFile(file, 'utf8')); } catch { /* not JSON */ }
      check(json !== null && json.totals !== undefined && download.suggestedFilename() === 'stats.json',
        `${label}: the data link downloads the decrypted stats.json`);
    }
    check(errors.length === 0, `${label}: no page errors or failed requests${errors.length ? `:\n       ${errors.slice(0, 8).join('\n       ')}` : ''}`);
    if (missing) check(missing.length === 0, `${label}: no request for a missing file${missing.length ? `: ${missing.slice(0, 8).join(', ')}` : ''}`);
    return unlockMs;
  } finally {
    await page.close();
  }
}

async function main() {
  const dir = process.argv[2];
  if (!dir || !PASSPHRASE || !PAGE || !EXPECT) {
    console.error('usage: UNLOCK_PASSPHRASE=... UNLOCK_PAGE=... UNLOCK_EXPECT=... node unlock.mjs INTERNAL_DIR');
    return 2;
  }
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, PAGE))) {
    console.error(`unlock: no page ${PAGE} under ${root}`);
    return 2;
  }
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'rapor-unlock-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, args: ARGS, headless: true, acceptDownloads: true, locale: 'id-ID',
  });
  const missing = [];
  const server = await serve(root, missing);
  try {
    await run(context, 'file://', pathToFileURL(path.join(root, PAGE)).href, null);
    const { port } = server.address();
    await run(context, `http sub-path ${SUB_PATH}`, `http://127.0.0.1:${port}${SUB_PATH}${PAGE}`, missing);
  } finally {
    server.closeAllConnections?.();
    server.close();
    await context.close();
    await fsp.rm(profile, { recursive: true, force: true });
  }
  if (failures.length) {
    console.log(`\nunlock: FAILED: ${failures.length} check(s)`);
    return 1;
  }
  console.log('\nunlock: ok');
  return 0;
}

main().then((code) => process.exit(code), (e) => { console.error(`unlock: error: ${e && e.stack ? e.stack : e}`); process.exit(1); });
