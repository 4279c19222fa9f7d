#!/usr/bin/env node
// Nothing cut off: every table of every page, at 390 and 1280 px.
//
// Usage: node tests/web/tables.mjs SITE_DIR [SITE_DIR...]
//
// Each HTML page of each built site folder (opened from disk) is laid out
// in Chromium at a phone and a desktop width. Every table must either fit
// its container, or sit in a container that scrolls sideways (overflow-x
// auto or scroll) in which the last column can be scrolled to and the
// first column stays in view (position: sticky). The page itself never
// scrolls sideways. Exits 1 listing every table that fails.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './lib.mjs';

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node tests/web/tables.mjs SITE_DIR [SITE_DIR...]');
  process.exit(2);
}

function pages(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

let failures = 0;
let tables = 0;
const browser = await launch();
try {
  const page = await browser.newPage();
  for (const dir of dirs) {
    for (const file of pages(dir)) {
      const html = fs.readFileSync(file, 'utf8');
      if (!html.includes('<table')) continue;
      await page.goto(pathToFileURL(file).href);
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const found = await page.evaluate(() => {
          const problems = [];
          const doc = document.scrollingElement;
          if (doc.scrollWidth > window.innerWidth + 1) {
            problems.push(`the page scrolls sideways (${doc.scrollWidth} px in ${window.innerWidth})`);
          }
          const all = [...document.querySelectorAll('main table')];
          for (const [i, table] of all.entries()) {
            const name = table.querySelector('caption')?.textContent.trim() || `table ${i + 1}`;
            const box = table.parentElement;
            if (table.offsetWidth <= box.clientWidth + 1) continue;
            const style = getComputedStyle(box);
            if (!['auto', 'scroll'].includes(style.overflowX)) {
              problems.push(`${name}: ${table.offsetWidth} px in ${box.clientWidth} px and its container does not scroll`);
              continue;
            }
            box.scrollLeft = box.scrollWidth;
            const last = table.querySelector('tr > :last-child').getBoundingClientRect();
            const frame = box.getBoundingClientRect();
            if (last.right > frame.right + 1) problems.push(`${name}: the last column cannot be scrolled into view`);
            const first = table.querySelector('tbody tr > :first-child, tr > :first-child');
            const fr = first.getBoundingClientRect();
            if (fr.left < frame.left - 1 || getComputedStyle(first).position !== 'sticky') {
              problems.push(`${name}: the first column scrolls out of view`);
            }
            box.scrollLeft = 0;
          }
          return { problems, count: all.length };
        });
        tables += found.count;
        const where = `${path.relative(process.cwd(), file)} at ${width}px`;
        for (const p of found.problems) {
          failures += 1;
          console.error(`tables.mjs: FAILED: ${where}: ${p}`);
        }
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`tables.mjs: ${tables} table layouts checked, ${failures} problem(s)`);
process.exit(failures ? 1 : 0);
