#!/usr/bin/env node
// The home page's first screen: the hero at 390 and 1280 px.
//
// Usage: node tests/web/hero.mjs SITE_DIR OUT_DIR
//
// SITE_DIR/index.html (a built public site with a story that has a cover)
// is opened from disk in Chromium at a phone and a desktop width. In the
// first screen there must be: the facility's name, the site's title (the
// page's only h1), the hero photo loaded and at least partly in view, and
// the link to the newest story, which must open that story's page. The
// page never scrolls sideways. A screenshot of each width is written to
// OUT_DIR/home-<width>.png for a person to look at. Exits 1 on a failure.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './lib.mjs';

const [dir, outDir] = process.argv.slice(2);
if (!dir || !outDir) {
  console.error('usage: node tests/web/hero.mjs SITE_DIR OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const home = pathToFileURL(path.resolve(dir, 'index.html')).href;

const failures = [];
const browser = await launch();
try {
  for (const [width, height] of [[390, 844], [1280, 800]]) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(home, { waitUntil: 'load' });
    await page.waitForFunction(() => {
      const img = document.querySelector('.hero-img');
      return img && img.complete;
    }, null, { timeout: 10000 }).catch(() => {});
    const seen = await page.evaluate(() => {
      const inFirstScreen = (el) => {
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.top < innerHeight && r.bottom > 0;
      };
      const img = document.querySelector('.hero-img');
      const action = document.querySelector('.hero-actions a.button');
      return {
        facility: inFirstScreen(document.querySelector('.hero-facility')),
        h1: document.querySelectorAll('h1').length === 1 && inFirstScreen(document.querySelector('h1')),
        photo: inFirstScreen(img),
        loaded: !!img && img.complete && img.naturalWidth > 0,
        // A phone needs no larger file than twice its width.
        chosen: img ? img.currentSrc : '',
        action: inFirstScreen(action),
        href: action ? action.href : '',
        sideways: document.documentElement.scrollWidth > innerWidth,
      };
    });
    await page.screenshot({ path: path.join(outDir, `home-${width}.png`) });
    const fail = (what) => failures.push(`${width}px: ${what}`);
    if (!seen.facility) fail('the facility name is not in the first screen');
    if (!seen.h1) fail('the title (one h1) is not in the first screen');
    if (!seen.photo) fail('the hero photo is not in the first screen');
    if (!seen.loaded) fail('the hero photo did not load');
    if (!seen.action) fail('the link to the newest story is not in the first screen');
    if (seen.sideways) fail('the page scrolls sideways');
    if (seen.href) {
      await page.goto(seen.href, { waitUntil: 'load' });
      const kind = await page.evaluate(() => document.querySelector('main article, main') !== null
        && /stories\//.test(location.href));
      if (!kind) fail(`the news link ${seen.href} does not open a story`);
    }
    console.log(`hero.mjs: ${width}px photo ${seen.chosen.split('/').pop()}`);
    await page.close();
  }
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.error(`hero.mjs: FAILED: ${f}`);
  process.exit(1);
}
console.log(`hero.mjs: first screen fine at 390 and 1280 px; screenshots in ${outDir}`);
