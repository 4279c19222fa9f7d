// node bench/search-profile/trace.mjs PUBLIC_DIR QUERY OUT.json: a Chromium
// trace (devtools.timeline, v8, user timing, loading) of one query on the
// search page, CPU slowed 4x as in bench/search.mjs, from typing to the
// 'announced' mark (the page's search.js must be marks.mjs's copy). BASE=URL
// uses a server already running (the site's root) instead of one in this
// process, whose event loop Playwright shares. Then:
//   node bench/search-profile/timeline.mjs OUT.json
import fs from 'node:fs';
import { launch, serve } from '../../tests/web/lib.mjs';
const [dir, query, out] = process.argv.slice(2);
const server = process.env.BASE ? { base: process.env.BASE, close: async () => {} } : await serve(dir, '/');
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.goto(server.base + 'search/index.html', { waitUntil: 'load' });
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink.user_timing,loading,toplevel,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
await page.waitForFunction(() => true);
await page.fill('#search-q', query);
await page.press('#search-q', 'Enter');
await page.waitForFunction(() => performance.getEntriesByName('announced').length, null, { timeout: 60000 });
await page.waitForTimeout(100);
await cdp.send('Tracing.end');
await done;
fs.writeFileSync(out, JSON.stringify(events));
await browser.close(); await server.close();
