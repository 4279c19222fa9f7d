#!/usr/bin/env node
// The photo lightbox (lightbox.js) in Chromium, at 390 and 1280 px.
//
// Usage: node tests/web/lightbox.mjs SITE_DIR OUT_DIR
//
// SITE_DIR is a built public site with a photo gallery (its photos page).
// The page is opened from disk. The first photo link is clicked: a modal
// dialog must open with the photo's largest rendition loaded (the link's
// href, at least 1200 px wide) and the photo's alt text as its caption,
// fitting the screen; focus must be on the close button. Escape closes it
// and focus goes back to the link; the close button and a click beside the
// photo close it too. axe-core (serious or critical) runs on the open
// dialog. With JavaScript off, the link opens the rendition itself. A
// screenshot of the open dialog at each width goes to OUT_DIR. Exits 1 on a
// failure.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { launch } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const [dir, outDir] = process.argv.slice(2);
if (!dir || !outDir) {
  console.error('usage: node tests/web/lightbox.mjs SITE_DIR OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const gallery = pathToFileURL(path.resolve(dir, 'photos', 'index.html')).href;

const failures = [];
const fail = (width, what) => failures.push(`${width}px: ${what}`);
const browser = await launch();
try {
  for (const [width, height] of [[390, 844], [1280, 800]]) {
    const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(gallery);
    const link = page.locator('a.photo-open').first();
    if (!(await link.count())) {
      fail(width, 'no a.photo-open on the photos page');
      await context.close();
      continue;
    }
    const href = await link.evaluate((a) => a.href);
    const alt = await link.locator('img').getAttribute('alt');
    // WebP beside the JPEG: Chromium takes the picture's WebP source, and
    // the photo keeps the box the img alone had.
    await link.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const i = document.querySelector('a.photo-open img');
      return i && i.complete && i.naturalWidth > 0;
    }, null, { timeout: 10000 }).catch(() => {});
    const thumb = await link.locator('img').evaluate((i) => ({
      current: i.currentSrc,
      inPicture: i.parentElement.tagName === 'PICTURE',
      width: i.getBoundingClientRect().width,
      link: i.closest('a').getBoundingClientRect().width,
    }));
    if (!thumb.inPicture) fail(width, 'the photo is not in a <picture> with a WebP source');
    else if (!thumb.current.endsWith('.webp')) fail(width, `Chromium loaded ${thumb.current}, not the WebP`);
    if (thumb.width < 100 || Math.abs(thumb.width - thumb.link) > 2) {
      fail(width, `the photo is ${thumb.width} px wide in a ${thumb.link} px link`);
    }
    await link.click();
    const dialog = page.locator('dialog.lightbox');
    await dialog.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    if (!(await dialog.evaluate((d) => d.open).catch(() => false))) {
      fail(width, 'the dialog did not open');
      await context.close();
      continue;
    }
    const big = dialog.locator('img');
    await page.waitForFunction(() => {
      const i = document.querySelector('dialog.lightbox img');
      return i && i.complete && i.naturalWidth > 0;
    }, null, { timeout: 10000 }).catch(() => {});
    const shown = await big.evaluate((i) => {
      const r = i.getBoundingClientRect();
      return { src: i.src, natural: i.naturalWidth, alt: i.alt, right: r.right, bottom: r.bottom, left: r.left, top: r.top };
    });
    if (shown.src !== href) fail(width, `the dialog shows ${shown.src}, not the link's ${href}`);
    if (shown.natural < 1200) fail(width, `the photo is ${shown.natural} px wide, not the large rendition`);
    if (shown.alt !== alt) fail(width, `the large photo's alt is "${shown.alt}", not "${alt}"`);
    const caption = await dialog.locator('figcaption').textContent();
    if (alt && caption !== alt) fail(width, `the caption is "${caption}"`);
    if (shown.left < 0 || shown.top < 0 || shown.right > width + 1 || shown.bottom > height + 1) {
      fail(width, `the photo does not fit the screen: ${JSON.stringify(shown)}`);
    }
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.className);
    if (focused !== 'lightbox-close') fail(width, `focus is on "${focused}", not the close button`);
    const label = await dialog.getAttribute('aria-label');
    if (!label) fail(width, 'the dialog has no accessible name');
    const closeName = await dialog.locator('.lightbox-close').textContent();
    if (!closeName || !closeName.trim()) fail(width, 'the close button has no words');
    await page.screenshot({ path: path.join(outDir, `lightbox-${width}.png`) });

    await page.addScriptTag({ path: AXE_PATH });
    const violations = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document.querySelector('dialog.lightbox'), { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    if (violations.length) fail(width, `axe on the open dialog: ${violations.join(', ')}`);

    await page.keyboard.press('Escape');
    if (await dialog.evaluate((d) => d.open)) fail(width, 'Escape did not close the dialog');
    const back = await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('photo-open'));
    if (!back) fail(width, 'focus did not go back to the photo');

    await link.click();
    await dialog.locator('.lightbox-close').click();
    if (await dialog.evaluate((d) => d.open)) fail(width, 'the close button did not close the dialog');
    await link.click();
    // Beside the photo: the backdrop, which is the dialog element itself.
    await page.mouse.click(2, height - 2);
    if (await dialog.evaluate((d) => d.open)) fail(width, 'a click beside the photo did not close the dialog');
    if (errors.length) fail(width, `script errors: ${errors.join('; ')}`);
    await context.close();
  }

  // Without JavaScript the link is a plain link to the rendition.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(gallery);
  const link = page.locator('a.photo-open').first();
  const href = await link.evaluate((a) => a.href);
  await link.click();
  await page.waitForURL(href, { timeout: 5000 }).catch(() => {});
  if (page.url() !== href) failures.push(`no JavaScript: the link led to ${page.url()}, not ${href}`);
  await context.close();
} finally {
  await browser.close();
}

if (failures.length) {
  for (const f of failures) console.error(`lightbox: FAIL ${f}`);
  process.exit(1);
}
console.log(`lightbox: ok at 390 and 1280 px; screenshots in ${outDir}`);
