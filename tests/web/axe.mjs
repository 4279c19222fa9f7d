#!/usr/bin/env node
// Accessibility check of rapor's generated sites with axe-core in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
//
// Usage: node tests/web/axe.mjs SITE_DIR [SITE_DIR...]
//
// Each SITE_DIR is served by a tiny static HTTP server on 127.0.0.1 (random
// free port). The main pages of each site are opened at a phone (375x812)
// and a desktop (1280x800) viewport; axe-core is injected and run with the
// WCAG 2.0/2.1 A+AA and best-practice rules. Any violation of impact
// "serious" or "critical" fails the run (exit 1). Minor/moderate violations
// are listed but do not fail.
//
// Pages checked: /, /trainings/, /partners/, /stories/, /impact/, /photos/,
// /report/, /search/ (public only), /data/, and the
// first (alphabetical) entry on disk under trainings/*/, partners/*/,
// stories/*/, programmes/*/. Missing pages are skipped with a notice; fewer
// than AXE_MIN_PAGES (default 3) checked pages for a site is a failure.
//
// Environment:
//   CHROMIUM_PATH         browser executable (default /usr/bin/chromium)
//   AXE_PAGE_TIMEOUT_MS   per page+viewport budget (default 45000)
//   AXE_TOTAL_TIMEOUT_MS  whole run budget (default 600000)
//   AXE_MIN_PAGES         minimum pages checked per site (default 3)
//   AXE_PASSPHRASE        if set, a page showing a password field is checked
//                         locked, then unlocked with this passphrase and
//                         checked again

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PAGE_TIMEOUT_MS = Number(process.env.AXE_PAGE_TIMEOUT_MS || 45000);
const TOTAL_TIMEOUT_MS = Number(process.env.AXE_TOTAL_TIMEOUT_MS || 600000);
const MIN_PAGES = Number(process.env.AXE_MIN_PAGES || 3);
const PASSPHRASE = process.env.AXE_PASSPHRASE || '';

const FIXED_PAGES = ['/', '/trainings/', '/partners/', '/stories/', '/impact/', '/photos/', '/report/', '/search/', '/data/'];
const COLLECTIONS = ['trainings', 'partners', 'stories', 'programmes'];
const VIEWPORTS = [
  { name: '375px', viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
  { name: '1280px', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
};

let browserRef = null;
let aborting = false; // set when the whole-run budget is spent

function log(...a) { console.log(...a); }
function warn(...a) { console.error(...a); }

// Rejects after ms with a labelled error, so nothing can wait forever.
function withTimeout(promise, ms, label) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${label}`)), ms);
  });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------
// Static server
// ---------------------------------------------------------------------------

function startServer(root, missing) {
  const rootAbs = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    const send = (code, body, headers = {}) => {
      res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
      const url = new URL(req.url, 'http://127.0.0.1');
      let rel;
      try { rel = decodeURIComponent(url.pathname); } catch { return send(400, 'bad path'); }
      if (rel.includes('\0')) return send(400, 'bad path');
      let file = path.resolve(rootAbs, '.' + path.posix.normalize(rel));
      if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) return send(403, 'forbidden');
      let st = await fsp.stat(file).catch(() => null);
      if (st && st.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          return send(301, 'moved', { location: url.pathname + '/' + url.search });
        }
        file = path.join(file, 'index.html');
        st = await fsp.stat(file).catch(() => null);
      }
      if (!st || !st.isFile()) {
        missing.push(url.pathname);
        return send(404, 'not found');
      }
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': st.size, 'cache-control': 'no-store' });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch (e) {
      send(500, String(e));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

// ---------------------------------------------------------------------------
// Page discovery
// ---------------------------------------------------------------------------

function exists(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}

function pagesFor(siteDir) {
  const pages = [];
  const skipped = [];
  for (const p of FIXED_PAGES) {
    if (exists(path.join(siteDir, p, 'index.html'))) pages.push(p);
    else skipped.push(`${p} (no ${path.posix.join(p.slice(1), 'index.html')})`);
  }
  for (const c of COLLECTIONS) {
    let entries = [];
    try {
      entries = fs.readdirSync(path.join(siteDir, c), { withFileTypes: true })
        .filter((d) => d.isDirectory() && exists(path.join(siteDir, c, d.name, 'index.html')))
        .map((d) => d.name)
        .sort();
    } catch { /* no such directory */ }
    if (entries.length > 0) pages.push(`/${c}/${encodeURIComponent(entries[0])}/`);
    else skipped.push(`/${c}/*/ (no entry with index.html)`);
  }
  return { pages, skipped };
}

// ---------------------------------------------------------------------------
// axe
// ---------------------------------------------------------------------------

async function runAxe(page) {
  await page.evaluate(() => document.fonts && document.fonts.ready.then(() => true));
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' '),
        impact: n.impact,
        summary: (n.failureSummary || '').split('\n').map((s) => s.trim()).filter(Boolean).slice(0, 3).join(' / '),
      })),
    }));
  }, AXE_TAGS);
}

// Returns [{state, violations}] for one page: normally one entry. When the
// page shows a password field and AXE_PASSPHRASE is set (an internal page
// that is unlocked in the browser), the locked page is checked, then the
// passphrase is entered and the unlocked page is checked as well.
async function checkPage(context, origin, pagePath, missing) {
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`console: ${m.text()}`); });
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
  const missingBefore = missing.length;
  try {
    const resp = await page.goto(origin + pagePath, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
    if (!resp) throw new Error('no response');
    if (resp.status() !== 200) throw new Error(`HTTP ${resp.status()} for ${pagePath}`);
    const states = [];
    const pw = page.locator('input[type="password"]:visible').first();
    if (PASSPHRASE && (await pw.count()) > 0) {
      states.push({ state: 'locked', violations: await runAxe(page) });
      await pw.fill(PASSPHRASE);
      await pw.press('Enter');
      try {
        await page.locator('input[type="password"]:visible').first().waitFor({ state: 'detached', timeout: 15000 });
      } catch {
        throw new Error('password field still shown 15 s after entering AXE_PASSPHRASE (page did not unlock)');
      }
      await page.waitForLoadState('load');
      states.push({ state: 'unlocked', violations: await runAxe(page) });
    } else {
      states.push({ state: '', violations: await runAxe(page) });
    }
    return { states, consoleErrors, missing: missing.slice(missingBefore) };
  } finally {
    await page.close().catch(() => {});
  }
}

function describe(v, maxNodes = 8) {
  const lines = [`    - ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})`,
    `      ${v.helpUrl}`];
  for (const n of v.nodes.slice(0, maxNodes)) {
    lines.push(`      target: ${n.target}`);
    if (n.summary) lines.push(`        ${n.summary}`);
  }
  if (v.nodes.length > maxNodes) lines.push(`      ... and ${v.nodes.length - maxNodes} more`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

async function main() {
  const sites = process.argv.slice(2);
  if (sites.length === 0) {
    warn('usage: node axe.mjs SITE_DIR [SITE_DIR...]');
    return 2;
  }
  for (const s of sites) {
    if (!fs.existsSync(s) || !fs.statSync(s).isDirectory()) {
      warn(`axe: error: not a directory: ${s}`);
      return 2;
    }
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    warn(`axe: error: Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
    return 2;
  }

  const axeVersion = require('axe-core/package.json').version;
  const t0 = Date.now();
  const browser = await withTimeout(
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 60000 }),
    90000, 'launching Chromium');
  browserRef = browser;
  log(`axe: axe-core ${axeVersion}, ${CHROMIUM_PATH} ${browser.version()}, tags ${AXE_TAGS.join(',')}`);

  let passed = 0;
  let failed = 0;
  const failures = [];
  try {
    for (const siteDir of sites) {
      const label = path.basename(path.resolve(siteDir));
      const { pages, skipped } = pagesFor(siteDir);
      for (const s of skipped) log(`skip ${label} ${s}`);
      if (pages.length < MIN_PAGES) {
        const msg = `${label}: only ${pages.length} page(s) found, need at least ${MIN_PAGES} (${siteDir})`;
        log(`FAIL ${msg}`);
        failures.push(msg);
        failed += 1;
        if (pages.length === 0) continue;
      }
      const missing = [];
      const { server, origin } = await startServer(siteDir, missing);
      try {
        for (const vp of VIEWPORTS) {
          const context = await browser.newContext({
            viewport: vp.viewport,
            isMobile: vp.isMobile,
            hasTouch: vp.hasTouch,
            deviceScaleFactor: 1,
            locale: 'id-ID',
            serviceWorkers: 'block',
            // axe-core is injected as an inline script, which the pages'
            // Content-Security-Policy rightly refuses; lock.mjs checks the
            // policy itself.
            bypassCSP: true,
          });
          // Only our own server is reachable; anything else is refused at
          // once instead of hanging on a network that is not there.
          await context.route('**/*', (route) => {
            const u = route.request().url();
            if (u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
            log(`  note: blocked external request ${u}`);
            return route.abort('blockedbyclient');
          });
          try {
            for (const p of pages) {
              const where = `${label} ${p} (${vp.name})`;
              const ts = Date.now();
              let res;
              try {
                res = await withTimeout(checkPage(context, origin, p, missing), PAGE_TIMEOUT_MS + 5000, where);
              } catch (e) {
                if (aborting) throw e;
                log(`FAIL ${where} error: ${e.message.split('\n')[0]}`);
                failures.push(`${where}: ${e.message.split('\n')[0]}`);
                failed += 1;
                continue;
              }
              const ms = Date.now() - ts;
              for (const { state, violations } of res.states) {
                const w = state ? `${label} ${p} (${vp.name}, ${state})` : where;
                const bad = violations.filter((v) => FAILING_IMPACTS.has(v.impact));
                const minor = violations.filter((v) => !FAILING_IMPACTS.has(v.impact));
                const minorIds = minor.length ? ` [${minor.map((v) => `${v.id}:${v.impact}`).join(', ')}]` : '';
                const status = bad.length ? 'FAIL' : 'ok  ';
                log(`${status} ${w} ${bad.length} serious/critical, ${minor.length} moderate/minor${minorIds} ${ms}ms`);
                for (const v of bad) log(describe(v));
                if (bad.length) {
                  failed += 1;
                  failures.push(`${w}: ${bad.map((v) => `${v.id} [${v.impact}]`).join(', ')}`);
                } else {
                  passed += 1;
                }
              }
              for (const m of res.missing) log(`  warning: ${where} requested missing file ${m} (404)`);
              for (const c of res.consoleErrors.slice(0, 5)) log(`  warning: ${where} ${c}`);
            }
          } finally {
            await context.close().catch(() => {});
          }
        }
      } finally {
        server.closeAllConnections?.();
        await new Promise((r) => server.close(() => r()));
      }
    }
  } finally {
    await withTimeout(browser.close(), 20000, 'closing Chromium').catch((e) => warn(`axe: ${e.message}`));
  }

  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (failures.length) {
    log(`\naxe: FAILED (${secs}s):`);
    for (const f of failures) log(`  - ${f}`);
  } else {
    log(`\naxe: ok: no serious/critical violation (${secs}s)`);
  }
  log(`axe: ${passed} passed, ${failed} failed`);
  return failures.length ? 1 : 0;
}

const overall = setTimeout(() => {
  aborting = true;
  warn(`axe: FAILED: whole run exceeded ${TOTAL_TIMEOUT_MS} ms`);
  const closing = browserRef ? browserRef.close().catch(() => {}) : Promise.resolve();
  withTimeout(closing, 5000, 'closing Chromium').catch(() => {}).finally(() => process.exit(1));
}, TOTAL_TIMEOUT_MS);
// Not unref()'d on purpose: the process must never end quietly (exit 0)
// with main() still pending; main() always ends with process.exit().

main().then(
  (code) => { if (!aborting) { clearTimeout(overall); process.exit(code); } },
  (e) => { if (!aborting) { warn(`axe: error: ${e && e.stack ? e.stack : e}`); process.exit(1); } },
);
