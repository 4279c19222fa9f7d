#!/usr/bin/env node
// The search page of a built public site opened straight from disk
// (file://), in headless Chromium: the index's parts load by <script>
// elements there, where fetch() is refused.
//
// Usage: node tests/web/shards.mjs PUBLIC_DIR
//
// Checks, at a phone width:
//   - the page loads none of the index's parts before a query;
//   - searching for a story's title (the first story of stories/) lists
//     that story, having loaded only shards and record files the manifest
//     names, each once; a second query loads no part twice;
//   - a one-word query (the longest word of that title) lists its first
//     4 results (or all, when fewer) and announces their count before it
//     asks for any record file: they come with the word's shard;
//   - on a copy of the site whose shards are missing, a query says so in
//     the page's language (the form's data-failed label), throws nothing,
//     and once the shards are back the same page finds the story (a part
//     that failed is asked for again);
//   - no uncaught exception, and no failed load but the missing shards.
// Exit status 1 lists every problem.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { launch } from './lib.mjs';

const [dir] = process.argv.slice(2);
if (!dir || !fs.existsSync(path.join(dir, 'search/index.html'))) {
  console.error('usage: node tests/web/shards.mjs PUBLIC_DIR (a built output/public with search/)');
  process.exit(2);
}

const decode = (s) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// The first story of the site: its folder name and its title.
function knownStory(root) {
  const ids = fs.readdirSync(path.join(root, 'stories'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, 'stories', e.name, 'index.html')) && !/^page/.test(e.name))
    .map((e) => e.name)
    .sort();
  if (!ids.length) return null;
  const html = fs.readFileSync(path.join(root, 'stories', ids[0], 'index.html'), 'utf8');
  const m = html.match(/<h1[^>]*>([^<]+)<\/h1>/);
  return m ? { id: ids[0], title: decode(m[1]).trim() } : null;
}

// The index's manifest, as the search page sees it.
function manifestOf(root) {
  const html = fs.readFileSync(path.join(root, 'search/index.html'), 'utf8');
  const src = (html.match(/<script src="\.\.\/(assets\/search-index-[0-9a-f]+\.js)"/) || [])[1];
  if (!src) return null;
  const text = fs.readFileSync(path.join(root, src), 'utf8');
  return JSON.parse(text.replace(/^window\.raporSearchIndex=/, '').replace(/;\s*$/, ''));
}

// The data of part `id` ("t3") on disk, as its script hands it to the page.
function partOf(root, manifest, id) {
  const text = fs.readFileSync(path.join(root, manifest.parts, `${id}.js`), 'utf8');
  return JSON.parse(text.slice(`raporSearchPart("${id}",`.length).replace(/\);\s*$/, ''));
}

// The parts a page loads: their ids ("t0", "d3"), in order, from its requests.
function watch(page, root, manifest, problems, missing = new Set()) {
  const folder = path.resolve(root, manifest.parts);
  const loaded = [];
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) return;
    const file = fileURLToPath(r.url());
    if (path.dirname(file) === folder) loaded.push(path.basename(file, '.js'));
  });
  page.on('requestfailed', (r) => {
    const id = r.url().startsWith('file:') ? path.basename(fileURLToPath(r.url()), '.js') : '';
    if (!missing.has(id)) problems.push(`request failed: ${r.url()}`);
  });
  return loaded;
}

async function search(page, query, expect) {
  await page.fill('#search-q', query);
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(
    (e) => document.getElementById('search-status').textContent.includes(e)
      && !document.getElementById('search-results').hasAttribute('aria-busy'),
    expect,
    { timeout: 10000 },
  ).catch(() => {});
  const status = await page.textContent('#search-status');
  const hrefs = await page.$$eval('#search-results li h2 a', (as) => as.map((a) => a.getAttribute('href')));
  return { status, hrefs };
}

const root = path.resolve(dir);
const story = knownStory(root);
const manifest = manifestOf(root);
const failures = [];
if (!story) failures.push('no story with a title under stories/');
if (!manifest) failures.push('the search page names no search-index script');

const browser = await launch();
try {
  if (story && manifest) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const shards = manifest.shards.length;
    const records = Math.ceil(manifest.n / manifest.per);
    const known = new Set([...Array(shards).keys()].map((i) => `t${i}`).concat([...Array(records).keys()].map((j) => `d${j}`)));

    // From disk: the story is found, with only the parts it needs.
    const problems = [];
    const page = await context.newPage();
    const loaded = watch(page, root, manifest, problems);
    const url = pathToFileURL(path.join(root, 'search/index.html')).href;
    await page.goto(url, { waitUntil: 'load' });
    if (loaded.length) problems.push(`parts loaded before any query: ${loaded.join(' ')}`);
    const found = await search(page, story.title, story.title);
    if (!found.hrefs.some((h) => h.includes(`stories/${story.id}/`))) {
      problems.push(`"${story.title}" does not list stories/${story.id}/: ${JSON.stringify(found)}`);
    }
    // Records come with the shards (each term's best documents), and from
    // record files for the rest.
    const held = new Set(loaded.filter((id) => /^t\d+$/.test(id)).flatMap((id) => Object.keys(partOf(root, manifest, id).records)));
    if (!loaded.some((id) => id.startsWith('t'))) problems.push(`the query loaded no shard: ${loaded.join(' ')}`);
    if (found.hrefs.length > held.size && !loaded.some((id) => id.startsWith('d'))) {
      problems.push(`${found.hrefs.length} results, ${held.size} records in the shards read, and no record file loaded: ${loaded.join(' ')}`);
    }
    const unknown = loaded.filter((id) => !known.has(id));
    if (unknown.length) problems.push(`parts the manifest does not name: ${unknown.join(' ')}`);
    const shown = Math.min(found.hrefs.length, 50);
    const recordFiles = loaded.filter((id) => id.startsWith('d')).length;
    if (recordFiles > shown) problems.push(`${recordFiles} record files for ${shown} results shown`);
    const before = loaded.length;
    await search(page, story.title + ' ', story.title);
    await page.close();

    // One word: its first results from its shard, before any record file.
    const word = story.title.split(/[^\p{L}\p{N}]+/u).reduce((a, w) => (w.length > a.length ? w : a), '');
    const p1 = await context.newPage();
    watch(p1, root, manifest, problems);
    await p1.goto(url, { waitUntil: 'load' });
    await p1.evaluate(() => {
      // Record files asked for, counted as their <script> elements are added.
      window.__records = 0;
      const append = HTMLHeadElement.prototype.appendChild;
      HTMLHeadElement.prototype.appendChild = function (node) {
        if (node.src && /\/d\d+\.js$/.test(node.src)) window.__records++;
        return append.call(this, node);
      };
      const status = document.getElementById('search-status');
      const list = document.getElementById('search-results');
      new MutationObserver(() => {
        if (status.textContent && !window.__counted) window.__counted = { records: window.__records, listed: list.children.length };
      }).observe(status, { childList: true, characterData: true, subtree: true });
    });
    const one = await search(p1, word, word);
    const counted = await p1.evaluate(() => window.__counted);
    const total = Number((one.status.match(/[\d.,]+/) || ['0'])[0].replace(/[.,]/g, ''));
    if (!counted || !total) {
      problems.push(`"${word}": no count announced: ${JSON.stringify({ counted, status: one.status })}`);
    } else {
      if (counted.records) problems.push(`"${word}": ${counted.records} record files asked for before the count`);
      if (counted.listed !== Math.min(4, total)) problems.push(`"${word}": ${counted.listed} results listed with the count of ${total}, not ${Math.min(4, total)}`);
    }
    await p1.close();
    const again = loaded.slice(before);
    const twice = again.filter((id) => loaded.slice(0, before).includes(id));
    if (twice.length) problems.push(`the same query again loaded parts again: ${twice.join(' ')}`);
    for (const p of problems) failures.push(`[file] ${p}`);

    // A copy without its shards: a plain message, then a retry that works.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'rapor-shards-'));
    try {
      fs.cpSync(root, copy, { recursive: true });
      const folder = path.join(copy, manifest.parts);
      const aside = path.join(copy, 'aside');
      fs.mkdirSync(aside);
      const moved = fs.readdirSync(folder).filter((f) => /^t\d+\.js$/.test(f));
      for (const f of moved) fs.renameSync(path.join(folder, f), path.join(aside, f));
      const broken = [];
      const p2 = await context.newPage();
      watch(p2, copy, manifest, broken, new Set(moved.map((f) => f.replace(/\.js$/, ''))));
      await p2.goto(pathToFileURL(path.join(copy, 'search/index.html')).href, { waitUntil: 'load' });
      const message = await p2.getAttribute('#search-form', 'data-failed');
      if (!message) broken.push('the search form has no data-failed message');
      const failed = await search(p2, story.title, message || '\u0000');
      if (!message || failed.status.trim() !== message) broken.push(`missing shards: the status says "${failed.status}", not "${message}"`);
      if (failed.hrefs.length) broken.push(`missing shards: ${failed.hrefs.length} results listed`);
      for (const f of moved) fs.renameSync(path.join(aside, f), path.join(folder, f));
      const retried = await search(p2, story.title + ' ', story.title);
      if (!retried.hrefs.some((h) => h.includes(`stories/${story.id}/`))) {
        broken.push(`after the shards came back, "${story.title}" still does not list the story: ${JSON.stringify(retried)}`);
      }
      await p2.close();
      for (const p of broken) failures.push(`[file, shards missing] ${p}`);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
    await context.close();
  }
} finally {
  await browser.close();
}

if (failures.length) {
  console.error(`shards: ${failures.length} problem(s):`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`shards: ok: from file://, "${story.title}" lists stories/${story.id}/ loading only the parts it needs; missing shards say so and a retry works`);
