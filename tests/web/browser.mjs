#!/usr/bin/env node
// Real-browser checks of a built public site in headless Chromium.
//
// Usage: node tests/web/browser.mjs PUBLIC_DIR
//
// The site is opened twice: served over HTTP under a sub-path (/rapor/sub/,
// where a root-absolute link would 404) and straight from disk (file://).
// The home page, every training page with photos (at least one training
// page), the impact page and the report are loaded at a phone (390 px) and
// a desktop (1280 px) width. Each load must show:
//   - no console error, no uncaught exception, no failed request and no
//     HTTP error (a missing favicon counts);
//   - no broken image: every <img> decodes (naturalWidth > 0) once loaded;
//   - no sideways scrolling: the page is no wider than the window.
// Exit status 1 lists every problem; 0 prints what was checked.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, serve } from './lib.mjs';

const dir = process.argv[2];
if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
  console.error('usage: node tests/web/browser.mjs PUBLIC_DIR (a built output/public)');
  process.exit(2);
}

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, isMobile: true },
  { name: 'desktop', width: 1280, height: 800, isMobile: false },
];

function pages() {
  const out = ['index.html', 'impact/index.html', 'report/index.html'];
  const trainings = fs.readdirSync(path.join(dir, 'trainings'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `trainings/${d.name}/index.html`)
    .sort();
  const withPhotos = trainings.filter((p) => fs.readFileSync(path.join(dir, p), 'utf8').includes('<img'));
  out.push(...(withPhotos.length ? withPhotos : trainings.slice(0, 1)));
  return out;
}

async function check(context, url) {
  const problems = [];
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  // Lazy images load only near the viewport: load them all, then wait.
  const images = await page.evaluate(async () => {
    const imgs = [...document.images];
    for (const img of imgs) img.loading = 'eager';
    await Promise.all(imgs.map((img) => (img.complete ? null : new Promise((r) => {
      img.addEventListener('load', r, { once: true });
      img.addEventListener('error', r, { once: true });
      setTimeout(r, 10000);
    }))));
    return imgs.map((img) => ({ src: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0 }));
  });
  for (const img of images) if (!img.ok) problems.push(`broken image: ${img.src}`);
  const overflow = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= limit) return null;
    // Name the widest culprit, to make the failure actionable.
    let worst = null;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > limit + 1 && (!worst || r.right > worst.right)) {
        worst = { right: Math.round(r.right), tag: el.tagName.toLowerCase(), cls: el.className && String(el.className) };
      }
    }
    return { scroll: document.documentElement.scrollWidth, limit, worst };
  });
  if (overflow) problems.push(`sideways scroll: page is ${overflow.scroll}px wide in a ${overflow.limit}px window (widest: ${JSON.stringify(overflow.worst)})`);
  await page.close();
  return { problems, images: images.length };
}

const server = await serve(dir, '/rapor/sub/');
const browser = await launch();
const failures = [];
let loads = 0;
let imagesSeen = 0;
try {
  for (const vp of VIEWPORTS) {
    const context = await browser.newContext({
      viewport: { width: vp.width, height: vp.height },
      isMobile: vp.isMobile,
      hasTouch: vp.isMobile,
    });
    for (const p of pages()) {
      for (const [how, url] of [
        ['http sub-path', server.base + p],
        ['file', pathToFileURL(path.resolve(dir, p)).href],
      ]) {
        const r = await check(context, url);
        loads += 1;
        imagesSeen += r.images;
        for (const problem of r.problems) failures.push(`${p} [${vp.name}, ${how}]: ${problem}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

if (failures.length) {
  console.error(`browser: ${failures.length} problem(s):`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
if (imagesSeen === 0) {
  console.error('browser: no image was checked; the site under test has no photos');
  process.exit(1);
}
console.log(`browser: ok: ${loads} page loads (${pages().length} pages x 2 widths x http+file), ${imagesSeen} images decoded, no console error, no sideways scroll`);
