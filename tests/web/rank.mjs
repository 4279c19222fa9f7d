#!/usr/bin/env node
// The ranking and the snippets of the search page of a built public site, in
// headless Chromium, over HTTP under a sub-path and straight from disk.
//
// Usage: node tests/web/rank.mjs PUBLIC_DIR [QUERY EXPECTED_PAGE]
//   (default: "kursi" and trainings/meubel-2025/, the example site's furniture
//   training, whose outcomes made chairs)
//
// Typing QUERY must list EXPECTED_PAGE first (a product of a training ranks
// it above the stories that mention the word in passing), and the first
// result must show the text around the match with the query's word in a
// <mark> element. Exit status 1 lists every problem.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, serve } from './lib.mjs';

const [dir, query = 'kursi', expected = 'trainings/meubel-2025/'] = process.argv.slice(2);
if (!dir || !fs.existsSync(path.join(dir, 'search/index.html'))) {
  console.error('usage: node tests/web/rank.mjs PUBLIC_DIR [QUERY EXPECTED_PAGE] (a built output/public with search/)');
  process.exit(2);
}

async function check(context, url, failures, how) {
  const problems = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.type('#search-q', query, { delay: 20 });
  await page.waitForFunction(
    (q) => document.getElementById('search-status').textContent.includes(q)
      && !document.getElementById('search-results').hasAttribute('aria-busy'),
    query,
    { timeout: 10000 },
  );
  const first = await page.$eval('#search-results li', (li) => ({
    href: li.querySelector('h2 a').getAttribute('href'),
    marks: Array.from(li.querySelectorAll('p mark')).map((m) => m.textContent),
    snippet: (li.querySelector('p.search-snippet') || { textContent: '' }).textContent,
  })).catch(() => null);
  if (!first) {
    problems.push(`"${query}" found nothing`);
  } else {
    if (!first.href.includes(expected)) problems.push(`"${query}": the first result is ${first.href}, not ${expected}`);
    const marked = first.marks.filter((m) => m.toLowerCase().includes(query.toLowerCase()));
    if (!marked.length) problems.push(`"${query}": no <mark> of the query in the first result (marks: ${JSON.stringify(first.marks)}, snippet "${first.snippet}")`);
    const words = first.snippet.trim().split(/\s+/).length;
    if (words > 24) problems.push(`"${query}": the snippet has ${words} words, not about 20: "${first.snippet}"`);
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
  console.error(`rank: ${failures.length} problem(s):`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`rank: ok: "${query}" lists ${expected} first, its word marked, over HTTP under a sub-path and from file://`);
