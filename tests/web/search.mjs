#!/usr/bin/env node
// The search page of a built public site, in headless Chromium.
//
// Usage: node tests/web/search.mjs PUBLIC_DIR [CONTENT_DIR]
//
// The site is opened over HTTP under a sub-path (/rapor/sub/, where a
// root-absolute link would 404) and straight from disk (file://), at a phone
// width (390 px). On each:
//   - typing "kursi" lists the furniture training (a training page showing
//     "kursi"), and every result links to a page that exists;
//   - typing "melatih" lists pages that show "pelatihan" (the same stem);
//   - the result count is announced in the aria-live region;
//   - search/index.html?q=kursi searches on load (a search can be linked);
//   - following a result opens that page;
//   - no console error, no failed request, no sideways scroll.
// With CONTENT_DIR, the titles of draft stories and trainings are searched
// for and must never appear.
// Exit status 1 lists every problem.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { launch, serve } from './lib.mjs';

const [dir, content] = process.argv.slice(2);
if (!dir || !fs.existsSync(path.join(dir, 'search/index.html'))) {
  console.error('usage: node tests/web/search.mjs PUBLIC_DIR [CONTENT_DIR] (a built output/public with search/)');
  process.exit(2);
}

// Titles of records marked `draft: true` (front matter of stories and trainings).
function draftTitles() {
  if (!content) return [];
  const titles = [];
  for (const kind of ['stories', 'trainings']) {
    const base = path.join(content, kind);
    if (!fs.existsSync(base)) continue;
    for (const entry of fs.readdirSync(base, { withFileTypes: true })) {
      const file = entry.isDirectory() ? path.join(base, entry.name, 'index.md') : path.join(base, entry.name);
      if (!file.endsWith('.md') || !fs.existsSync(file)) continue;
      const front = fs.readFileSync(file, 'utf8').split(/^---\s*$/m)[1] || '';
      if (!/^draft:\s*true\s*$/m.test(front)) continue;
      const m = front.match(/^title:\s*(.+)$/m);
      if (m) titles.push(m[1].trim().replace(/^["']|["']$/g, ''));
    }
  }
  return titles;
}

const drafts = draftTitles();
if (content && drafts.length === 0) {
  console.error(`search: no draft story or training in ${content}; the draft check would prove nothing`);
  process.exit(1);
}

// The text of a result's page on disk, from its link on the search page.
function pageText(searchPageUrl, href) {
  const url = new URL(href, searchPageUrl);
  let rel;
  if (url.protocol === 'file:') {
    rel = path.relative(path.resolve(dir), fileURLToPath(url));
  } else {
    rel = decodeURIComponent(url.pathname.replace(/^\/rapor\/sub\//, ''));
  }
  const file = path.join(dir, rel);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

async function results(page, query) {
  await page.fill('#search-q', '');
  await page.type('#search-q', query, { delay: 20 });
  await page.waitForFunction(
    (q) => document.getElementById('search-status').textContent.includes(q)
      && !document.getElementById('search-results').hasAttribute('aria-busy'),
    query,
    { timeout: 10000 },
  );
  return page.$$eval('#search-results li', (items) => items.map((li) => ({
    title: li.querySelector('h2 a').textContent,
    href: li.querySelector('h2 a').getAttribute('href'),
    kind: li.querySelector('.search-kind').textContent,
  })));
}

async function check(context, url, failures, how) {
  const problems = [];
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });

  const kursi = await results(page, 'kursi');
  if (!kursi.length) problems.push('"kursi" found nothing');
  for (const r of kursi) {
    const text = pageText(page.url(), r.href);
    if (text === null) problems.push(`"kursi": result ${r.href} is not a file of the site`);
  }
  const furniture = kursi.filter((r) => r.href.includes('trainings/') && /kursi/i.test(pageText(page.url(), r.href) || ''));
  if (!furniture.length) problems.push(`"kursi" did not list the furniture training: ${JSON.stringify(kursi)}`);
  const status = await page.textContent('#search-status');
  const live = await page.getAttribute('#search-status', 'aria-live');
  if (live !== 'polite' || !status.includes(String(kursi.length))) {
    problems.push(`the count is not announced: aria-live=${live}, "${status}" for ${kursi.length} results`);
  }

  const melatih = await results(page, 'melatih');
  const withPelatihan = melatih.filter((r) => /pelatihan/i.test(pageText(page.url(), r.href) || ''));
  if (!withPelatihan.length) problems.push(`"melatih" found no page showing "pelatihan": ${JSON.stringify(melatih)}`);

  for (const title of drafts) {
    const found = await results(page, title);
    const shown = found.filter((r) => r.title === title);
    if (shown.length) problems.push(`the draft "${title}" is listed`);
    const listed = await page.textContent('#search-results');
    if (listed.includes(title)) problems.push(`the draft title "${title}" is in the results`);
  }

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`sideways scroll: ${overflow}px too wide`);

  // A linked search runs on load.
  const linked = new URL(url);
  linked.search = '?q=kursi';
  await page.goto(linked.href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0, null, { timeout: 10000 })
    .catch(() => problems.push('search/index.html?q=kursi showed no results'));
  if ((await page.inputValue('#search-q')) !== 'kursi') problems.push('?q=kursi did not fill the search box');

  // Following a result opens the page.
  const first = await page.$('#search-results li h2 a');
  if (first) {
    const title = await first.textContent();
    await Promise.all([page.waitForEvent('load'), first.click()]);
    const h1 = await page.textContent('h1').catch(() => '');
    if (!h1.includes(title.trim())) problems.push(`following "${title}" opened a page titled "${h1}"`);
  }

  await page.close();
  for (const p of problems) failures.push(`[${how}] ${p}`);
}

const server = await serve(dir, '/rapor/sub/');
const browser = await launch();
const failures = [];
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await check(context, server.base + 'search/index.html', failures, 'http sub-path');
  await check(context, pathToFileURL(path.resolve(dir, 'search/index.html')).href, failures, 'file');
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

if (failures.length) {
  console.error(`search: ${failures.length} problem(s):`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`search: ok: "kursi" and "melatih" found their pages over HTTP under a sub-path and from file://; ${drafts.length} draft title(s) never listed`);
