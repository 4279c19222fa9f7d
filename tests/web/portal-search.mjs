#!/usr/bin/env node
// The national portal's search page in headless Chromium, from disk
// (file://): a facility's name finds its page first, a province's name its
// province page, a skill's name its skill page, and each result's link
// names a file of the portal.
//
// Usage: node tests/web/portal-search.mjs PORTAL_PUBLIC_DIR
// Exits 1 listing every problem.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './lib.mjs';

const [dir] = process.argv.slice(2);
if (!dir || !fs.existsSync(path.join(dir, 'search/index.html'))) {
  console.error('usage: node tests/web/portal-search.mjs PORTAL_PUBLIC_DIR (a built portal with search/)');
  process.exit(2);
}

// The first page of a section, by folder name, and its <h1>.
function first(section) {
  const names = fs.readdirSync(path.join(dir, section)).sort();
  const html = fs.readFileSync(path.join(dir, section, names[0], 'index.html'), 'utf8');
  const h1 = html.match(/<h1[^>]*>([^<]+)<\/h1>/)[1].replace(/&#x27;/g, "'").replace(/&amp;/g, '&').trim();
  return { page: `${section}/${names[0]}/`, title: h1 };
}

const failures = [];
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.on('pageerror', (e) => failures.push(`uncaught exception: ${e.message}`));
  await page.goto(pathToFileURL(path.join(path.resolve(dir), 'search/index.html')).href);
  for (const section of ['facilities', 'regions', 'skills']) {
    const { page: expected, title } = first(section);
    await page.fill('#search-q', title);
    await page.press('#search-q', 'Enter');
    const listed = await page.waitForFunction(
      (q) => document.getElementById('search-status').textContent.includes(q)
        && !document.getElementById('search-results').hasAttribute('aria-busy'),
      title,
      { timeout: 10000 },
    ).then(() => true, () => false);
    if (!listed) { failures.push(`"${title}": no results announced`); continue; }
    const hrefs = await page.$$eval('#search-results li h2 a', (as) => as.map((a) => a.getAttribute('href')));
    if (!hrefs.length || !hrefs[0].endsWith(`${expected}index.html`)) {
      failures.push(`"${title}" lists ${hrefs[0]} first, not ${expected}`);
    }
    for (const h of hrefs) {
      if (!fs.existsSync(path.join(dir, 'search', h))) failures.push(`"${title}": ${h} is not a file of the portal`);
    }
    const kind = await page.$eval('#search-results li .search-kind', (p) => p.textContent).catch(() => '');
    if (!kind) failures.push(`"${title}": the first result names no kind`);
  }
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.error(`portal-search: FAILED: ${f}`);
  process.exit(1);
}
console.log('portal-search: ok: a facility, a province and a skill are each found first, from file://');
