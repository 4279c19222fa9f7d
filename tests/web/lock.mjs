#!/usr/bin/env node
// The protected internal site's key and lock, and the pages' policy, in
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core). From
// disk (file://) and over HTTP, it checks that:
//   - after unlocking, the kept keys are non-extractable CryptoKeys
//     (key.extractable === false) and no storage a script reads as text
//     (sessionStorage, localStorage) holds key bytes;
//   - a page opened in a second tab opens without asking, and its Kunci
//     (lock) button locks the first tab too, at once, and forgets the keys;
//   - with protect.js blocked (and with JavaScript off), typing the
//     passphrase and pressing Enter or the button never puts it in a URL;
//   - no Content-Security-Policy violation is reported on the main pages of
//     both sites (public pages over HTTP, internal pages unlocked).
//
// Usage: node tests/web/lock.mjs PUBLIC_DIR INTERNAL_DIR
// Environment: LOCK_PASSPHRASE (required), LOCK_PAGE (an internal page,
// relative to INTERNAL_DIR; required), SERVE_URL (a running `rapor serve`,
// whose pages are checked too; optional), CHROMIUM_PATH.
// Exits 1 on any failed check.

import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, serve } from './lib.mjs';

const PASSPHRASE = process.env.LOCK_PASSPHRASE || '';
const PAGE = process.env.LOCK_PAGE || '';
const TIMEOUT = 30000;

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

// Collects CSP violations (as the page reports them and as the console
// says) and page errors of `page`.
function watch(page) {
  const seen = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
  return seen;
}

const violationsIn = (page) => page.evaluate(() => window.__cspViolations || []);

// The kept keys as the page sees them: what IndexedDB holds.
const keptKeys = (page) => page.evaluate(() => new Promise((resolve) => {
  const open = indexedDB.open('rapor-internal');
  open.onerror = () => resolve({ error: String(open.error) });
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('keys')) { db.close(); resolve({ records: [] }); return; }
    const all = db.transaction('keys').objectStore('keys').getAll();
    all.onsuccess = () => {
      db.close();
      resolve({
        records: all.result.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k,
          v instanceof CryptoKey ? { cryptoKey: true, extractable: v.extractable, algorithm: v.algorithm.name } : typeof v]))),
      });
    };
    all.onerror = () => { db.close(); resolve({ error: String(all.error) }); };
  };
}));

const storageText = (page) => page.evaluate(() => {
  const dump = (s) => { const out = {}; for (let i = 0; i < s.length; i += 1) out[s.key(i)] = s.getItem(s.key(i)); return out; };
  return { session: dump(sessionStorage), local: dump(localStorage) };
});

async function unlockIn(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('#rapor-unlock button:not([disabled])').waitFor();
  await page.locator('#rapor-passphrase').fill(PASSPHRASE);
  await page.locator('#rapor-passphrase').press('Enter');
  await page.locator('#rapor-passphrase').waitFor({ state: 'detached' });
}

async function keysAndLock(context, label, url) {
  console.log(`\nlock: ${label}: ${url}`);
  const a = await context.newPage();
  a.setDefaultTimeout(TIMEOUT);
  const seenA = watch(a);
  await unlockIn(a, url);
  const kept = await keptKeys(a);
  const keys = (kept.records || []).flatMap((r) => Object.values(r).filter((v) => v && v.cryptoKey));
  check(keys.length === 2 && keys.every((k) => k.extractable === false),
    `${label}: the kept keys are non-extractable CryptoKeys (${JSON.stringify(kept)})`);
  const stored = await storageText(a);
  const text = JSON.stringify(stored);
  // Key bytes would be 32 bytes: 43+ characters of base64 or 64 of hex.
  check(!/[A-Za-z0-9+/]{40,}={0,2}|[0-9a-f]{60,}/.test(text),
    `${label}: no key bytes in sessionStorage or localStorage (${text})`);
  check(await a.evaluate(() => !('raporKey' in window) && typeof window.raporInternal?.load === 'function'),
    `${label}: no key on window, only the loader`);

  // The main internal pages, unlocked, under the shell's policy.
  const root = new URL('../'.repeat(PAGE.split('/').length - 1) || './', url).href;
  let opened = 0;
  for (const rel of ['index.html', 'trainings/index.html', 'impact/index.html', 'report/index.html', 'photos/index.html']) {
    await a.goto(root + rel, { waitUntil: 'load' });
    const ok = await a.waitForFunction(() => !document.getElementById('rapor-locked'), null, { timeout: 10000 })
      .then(() => true, () => false);
    if (ok) opened += 1;
    seenA.push(...await violationsIn(a));
  }
  check(opened === 5, `${label}: 5 main internal pages open with the kept keys (${opened})`);
  await a.goto(url, { waitUntil: 'load' });
  await a.waitForFunction(() => !document.getElementById('rapor-locked'));

  const b = await context.newPage();
  b.setDefaultTimeout(TIMEOUT);
  const seenB = watch(b);
  await b.goto(url, { waitUntil: 'load' });
  await b.waitForFunction(() => !document.getElementById('rapor-locked'));
  check(await b.locator('#rapor-passphrase').count() === 0, `${label}: a second tab opens without asking`);
  const lock = b.locator('#rapor-lock');
  check(await lock.isVisible() && (await lock.textContent()).trim() === 'Kunci', `${label}: the page shows a Kunci button`);
  await Promise.all([b.waitForEvent('load'), lock.click()]);
  await b.locator('#rapor-passphrase').waitFor();
  check(await b.locator('#rapor-passphrase').isVisible(), `${label}: Kunci locks its own tab`);
  await a.locator('#rapor-passphrase').waitFor({ timeout: 5000 }).catch(() => {});
  check(await a.locator('#rapor-passphrase').isVisible(), `${label}: Kunci in one tab locks the other at once`);
  const after = await keptKeys(a);
  check((after.records || []).length === 0, `${label}: the keys are forgotten (${JSON.stringify(after)})`);
  await a.reload({ waitUntil: 'load' });
  await a.locator('#rapor-unlock button:not([disabled])').waitFor();
  check(await a.locator('#rapor-passphrase').isVisible(), `${label}: a reload asks again`);
  const errors = [...seenA, ...seenB, ...await violationsIn(a), ...await violationsIn(b)];
  check(errors.length === 0, `${label}: no CSP violation or page error${errors.length ? `: ${errors.slice(0, 5).join(' | ')}` : ''}`);
  await a.close();
  await b.close();
}

// Without protect.js the form must not navigate with the passphrase in it.
async function withoutScript(browser, label, url, how) {
  const context = await browser.newContext(how === 'javascript off' ? { javaScriptEnabled: false } : {});
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  if (how === 'protect.js blocked') await page.route(/protect-[0-9a-f]+\.js$/, (r) => r.abort());
  const urls = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) urls.push(f.url()); });
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  const secret = 'kata-sandi-yang-bocor-123';
  await page.locator('#rapor-passphrase').fill(secret);
  await page.locator('#rapor-passphrase').press('Enter');
  await page.locator('#rapor-unlock button').click({ force: true, timeout: 2000 }).catch(() => {});
  await page.waitForTimeout(300);
  const leaked = urls.filter((u) => u.includes(secret) || u.includes('passphrase='));
  check(leaked.length === 0 && !page.url().includes('?'),
    `${label}, ${how}: Enter and the button do not send the passphrase (${page.url()})`);
  await context.close();
}

// Main pages of the public site over HTTP: no policy violation.
async function publicPages(context, base) {
  console.log(`\nlock: public pages under ${base}`);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const seen = watch(page);
  const visited = [];
  for (const rel of ['index.html', 'trainings/index.html', 'stories/index.html', 'partners/index.html',
    'photos/index.html', 'impact/index.html', 'report/index.html', 'search/index.html?q=pelatihan']) {
    const response = await page.goto(base + rel, { waitUntil: 'load' });
    if (!response || response.status() !== 200) continue;
    visited.push(rel);
    // One page a level down from each list: a training, a story, a partner.
    const first = await page.locator('main a[href*="/"][href$="/"], main a[href$="index.html"]').first().getAttribute('href').catch(() => null);
    if (first && !rel.startsWith('index') && !rel.startsWith('search')) {
      const r = await page.goto(new URL(first, base + rel).href, { waitUntil: 'load' });
      if (r && r.status() === 200) visited.push(new URL(first, base + rel).pathname);
    }
    seen.push(...await violationsIn(page));
  }
  check(visited.length >= 8, `public: ${visited.length} main pages visited`);
  check(seen.length === 0, `public: no CSP violation on ${visited.length} pages${seen.length ? `: ${seen.slice(0, 5).join(' | ')}` : ''}`);
  // The watcher sees a violation when there is one: an inline script planted
  // now is refused and reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__planted = true;';
    document.head.appendChild(s);
  });
  await page.waitForTimeout(100);
  const planted = await violationsIn(page);
  check(planted.length > 0 && !(await page.evaluate(() => window.__planted)),
    `public: a planted inline script is refused and reported (${planted[0] || 'nothing seen'})`);
  await page.close();
}

// `rapor serve`'s pages (SERVE_URL): its header policy and the live-reload
// script, which must connect under it.
async function servedPages(context, base) {
  console.log(`\nlock: rapor serve at ${base}`);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const seen = watch(page);
  let connected = 0;
  const pages = ['', 'trainings/', 'stories/', 'impact/'];
  for (const rel of pages) {
    // The reload script's EventSource is open: the stream answered.
    const stream = page.waitForResponse((r) => r.url().endsWith('/__rapor/events') && r.status() === 200,
      { timeout: 10000 }).then(() => true, () => false);
    const response = await page.goto(base + rel, { waitUntil: 'load' });
    const csp = response ? response.headers()['content-security-policy'] || '' : '';
    check(/script-src 'self'/.test(csp) && /frame-ancestors 'none'/.test(csp), `serve /${rel}: the policy header`);
    const open = await stream;
    if (open) connected += 1;
    seen.push(...await violationsIn(page));
  }
  check(connected === pages.length, `serve: live reload connects on ${connected} of ${pages.length} pages`);
  check(seen.length === 0, `serve: no CSP violation${seen.length ? `: ${seen.slice(0, 5).join(' | ')}` : ''}`);
  await page.close();
}

async function main() {
  const [publicDir, internalDir] = process.argv.slice(2).map((d) => d && path.resolve(d));
  if (!publicDir || !internalDir || !PASSPHRASE || !PAGE) {
    console.error('usage: LOCK_PASSPHRASE=... LOCK_PAGE=... node lock.mjs PUBLIC_DIR INTERNAL_DIR');
    return 2;
  }
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'rapor-lock-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, locale: 'id-ID',
  });
  // A listener the page cannot remove: it is there before any of its scripts.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const internal = await serve(internalDir, '/sub/internal/');
  const pub = await serve(publicDir, '/sub/public/');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const fileUrl = pathToFileURL(path.join(internalDir, PAGE)).href;
    const httpUrl = `${internal.base}${PAGE}`;
    await keysAndLock(context, 'file://', fileUrl);
    await keysAndLock(context, 'http', httpUrl);
    console.log('\nlock: the unlock form without its script');
    // Requests from file:// cannot be intercepted: there, JavaScript is off.
    await withoutScript(browser, 'http', httpUrl, 'protect.js blocked');
    await withoutScript(browser, 'http', httpUrl, 'javascript off');
    await withoutScript(browser, 'file://', fileUrl, 'javascript off');
    await publicPages(context, pub.base);
    if (process.env.SERVE_URL) await servedPages(context, process.env.SERVE_URL);
  } finally {
    await browser.close();
    await context.close();
    await internal.close();
    await pub.close();
    await fsp.rm(profile, { recursive: true, force: true });
  }
  if (failures.length) {
    console.log(`\nlock: FAILED: ${failures.length} check(s)`);
    return 1;
  }
  console.log('\nlock: ok');
  return 0;
}

main().then((code) => process.exit(code), (e) => { console.error(`lock: error: ${e && e.stack ? e.stack : e}`); process.exit(1); });
