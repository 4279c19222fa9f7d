#!/usr/bin/env node
// The printed report, as Chromium's print engine lays it out on A4.
//
// Usage: node tests/web/print.mjs OUT_DIR REPORT_HTML [REPORT_HTML...]
//
// Each report page (a file of a built site, opened from disk) is printed
// to OUT_DIR/<n>.pdf with the page's own @page rules, then read back with
// poppler's pdftotext and pdfinfo (the Debian package poppler-utils):
//   - every page says "Halaman N dari M" (or "Page N of M") with the right
//     N and M;
//   - the first page carries the letterhead (the facility's name), the
//     last one the signature block ("Mengetahui," and the head's name when
//     site.yaml names one);
//   - no page holds only its page number, and no page ends with a heading
//     (the heading went with what follows it);
//   - each chart's title is printed;
//   - a roster table (internal report) prints on a landscape page with
//     every column header.
// A screenshot of each report at 390 and 1280 px lands in OUT_DIR too.
// Exits 1 listing every problem.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { launch } from './lib.mjs';

const [outDir, ...reports] = process.argv.slice(2);
if (!outDir || reports.length === 0) {
  console.error('usage: node tests/web/print.mjs OUT_DIR REPORT_HTML [REPORT_HTML...]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
for (const tool of ['pdftotext', 'pdfinfo']) {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
  } catch {
    console.error(`print.mjs: ${tool} is missing: install the Debian package poppler-utils`);
    process.exit(2);
  }
}

let failures = 0;
function check(ok, what) {
  if (ok) console.log(`print.mjs: ok: ${what}`);
  else { failures += 1; console.error(`print.mjs: FAILED: ${what}`); }
}
const squash = (s) => s.replace(/\s+/g, ' ').trim();

const browser = await launch();
try {
  for (const [i, file] of reports.entries()) {
    const name = `report-${i + 1}`;
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.resolve(file)).href);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(outDir, `${name}-${width}.png`), fullPage: true });
    }
    const dom = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      facility: document.querySelector('.letterhead-name')?.textContent || '',
      head: document.querySelector('.signature-name')?.textContent || '',
      headings: [...document.querySelectorAll('main h2:not(.visually-hidden), main h3')].map((h) => h.textContent),
      // A table's header row, its first two cells as -layout prints them.
      theads: [...document.querySelectorAll('main thead tr')].map((tr) => [...tr.querySelectorAll('th')].slice(0, 2).map((th) => th.textContent.trim().split(/\s+/)[0])),
      charts: [...document.querySelectorAll('.chart-title')].map((c) => c.textContent),
      rosterHeads: [...document.querySelectorAll('.report-rosters thead th')].map((th) => th.textContent),
    }));
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(outDir, `${name}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await page.close();

    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
    const count = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    // -layout keeps each line as printed (the foot of a page); the plain
    // reading order keeps a cell's or a caption's words together.
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').slice(0, count);
    const flowing = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, count);
    check(count >= 1, `${file}: printed on ${count} A4 page(s)`);
    const number = (n) => (dom.lang === 'en' ? `Page ${n} of ${count}` : `Halaman ${n} dari ${count}`);
    const unnumbered = pages.map((p, k) => [p, k + 1]).filter(([p, n]) => !squash(p).includes(number(n)));
    check(unnumbered.length === 0, `${file}: every page says "${number('N')}"${unnumbered.length ? ` (not: ${unnumbered.map(([, n]) => n).join(', ')})` : ''}`);
    const body = pages.map((p, k) => squash(p).replace(number(k + 1), '').trim());
    const bare = body.map((b, k) => [b, k + 1]).filter(([b]) => b.length < 40);
    check(bare.length === 0, `${file}: no page holds only its number or a line${bare.length ? ` (pages ${bare.map(([, n]) => n).join(', ')}: ${bare.map(([b]) => JSON.stringify(b)).join(', ')})` : ''}`);
    check(dom.facility && squash(pages[0]).toUpperCase().includes(squash(dom.facility).toUpperCase()), `${file}: the letterhead is on page 1`);
    const last = squash(pages[count - 1]);
    const signed = /Mengetahui,|Acknowledged by,/.test(last) && (!dom.head || last.includes(squash(dom.head)));
    check(signed, `${file}: the signature block is on the last page`);
    // The last text line above the page number must not be a heading.
    const orphans = [];
    pages.forEach((p, k) => {
      const lines = p.split('\n').map(squash).filter((l) => l && l !== number(k + 1));
      const end = lines[lines.length - 1] || '';
      for (const h of dom.headings) {
        if (squash(h) && end === squash(h)) orphans.push(`page ${k + 1}: "${end}"`);
      }
      for (const cells of dom.theads) {
        const at = (w) => end.indexOf(w);
        if (cells.length === 2 && at(cells[0]) === 0 && at(cells[1]) > 0) orphans.push(`page ${k + 1}: a table's header row "${end}"`);
      }
    });
    check(orphans.length === 0, `${file}: no heading at the foot of a page${orphans.length ? ` (${orphans.join('; ')})` : ''}`);
    const all = squash(flowing.join(' '));
    // Words of a caption or a header cell may be laid out apart: each word
    // must be there.
    const printed = (where, s) => squash(s).split(' ').every((w) => where.includes(w));
    for (const c of dom.charts) check(printed(all, c), `${file}: the chart title "${squash(c)}" is printed`);
    if (dom.rosterHeads.length) {
      const wide = flowing.map((p, k) => [squash(p), k]).filter(([p]) => dom.rosterHeads.every((h) => printed(p, h)));
      check(wide.length > 0, `${file}: a page shows every roster column (${dom.rosterHeads.map(squash).join(', ')})`);
      const landscape = wide.some(([, k]) => sizes[k] && sizes[k][0] > sizes[k][1]);
      check(landscape, `${file}: the roster table prints on a landscape page`);
    }
  }
} catch (e) {
  check(false, `the run finished (${e.stack || e})`);
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
