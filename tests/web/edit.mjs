#!/usr/bin/env node
// The editor in Chromium, as a records officer uses it, and as another
// site's page would attack it.
//
// Usage: node tests/web/edit.mjs RAPOR_BINARY SITE_DIR PAGES_OUT_DIR
//
// SITE_DIR is a copy of a site that this script may change. It starts
// `rapor edit --no-open --port 0 --lang id`, and then:
//   1. creates a training with a partner through the form only;
//   2. adds a photo by choosing a file, fills its alt text, ticks consent,
//      saves, and finds the photo in the public preview;
//   3. makes a mistake (a word in a number field), sees it beside its field,
//      and checks on disk that nothing was written; fixes it and saves;
//   4. undoes the last save and checks the file is back;
//   5. types a roster name into a story and sees the leak warning;
//   5b. publishes to a folder from the "Terbitkan" page (a dry run, then
//      the real one) and watches its progress and outcome;
//   6. sends requests without the token, from another origin and naming a
//      path, and checks that each is refused and nothing changed;
//   7. runs axe-core (serious or critical violations fail) on the editor's
//      pages at 390 and 1280 px, and saves their HTML in PAGES_OUT_DIR for
//      the Nu Html Checker (run.sh runs it).
// Exits 1 on any failure.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { createRequire } from 'node:module';
import { launch } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const [rapor, site, outDir] = process.argv.slice(2);
if (!rapor || !site || !outDir) {
  console.error('usage: node edit.mjs RAPOR_BINARY SITE_DIR PAGES_OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

let failures = 0;
function check(ok, what) {
  if (ok) console.log(`edit.mjs: ok: ${what}`);
  else { failures += 1; console.error(`edit.mjs: FAILED: ${what}`); }
}
const read = (rel) => fs.readFileSync(path.join(site, rel), 'utf8');

// Two publish targets, so that the publish page shows a form with and one
// without a password box (the FTP target's variable is not set).
if (!/^publish:/m.test(read('content/site.yaml'))) {
  fs.appendFileSync(path.join(site, 'content/site.yaml'),
    'publish:\n  - name: usb\n    kind: folder\n    path: ../usb\n' +
    '  - name: hosting\n    kind: ftp\n    host: files.example.id\n    user: rutan\n' +
    '    password_env: RAPOR_EDIT_MJS_UNSET\n');
}

// The editor, and its printed address.
const child = spawn(rapor, ['edit', '--no-open', '--port', '0', '--lang', 'id', '--site', site], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error('the editor did not start')), 120000);
  child.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{64}\/)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  child.on('exit', (c) => reject(new Error(`the editor exited with ${c}`)));
});
const origin = new URL(url).origin;
const token = new URL(url).pathname.split('/')[1];
console.log(`edit.mjs: editor at ${origin}/<token>/`);

// A raw request, for the attacks a browser would not let a page make.
function raw(method, pathname, headers, body = '') {
  return new Promise((resolve) => {
    const u = new URL(origin);
    const req = http.request({ host: u.hostname, port: u.port, method, path: pathname, headers }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}

const browser = await launch();
const pages = [];
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => check(false, `no script error (${e.message})`));

  // 1. A new training with a partner.
  await page.goto(url);
  pages.push(['index', await page.content()]);
  await page.locator('a[href$="/new/training"]').click();
  await page.waitForURL(/\/new\/training$/);
  pages.push(['new-training', await page.content()]);
  await page.fill('[name="id"]', 'menjahit-2026');
  await page.fill('[name="title"]', 'Pelatihan Menjahit');
  await page.selectOption('[name="skill"]', { index: 1 });
  await page.fill('[name="cycle"]', '2026-1');
  await page.fill('[name="start"]', '2026-03-02');
  await page.fill('[name="end"]', '2026-04-30');
  // Completed: the public page shows its photos (a planned one does not).
  await page.selectOption('[name="status"]', 'completed');
  await page.fill('[name="participants"]', '10');
  await page.locator('input[name="partners"][value="skb-randong"]').check();
  // rapor new starts a record as a draft; this one is ready.
  await page.locator('input[type=checkbox][name="draft"]').uncheck();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.waitForURL(/\/record\/training\/menjahit-2026/);
  const file = 'content/trainings/menjahit-2026.md';
  check(fs.existsSync(path.join(site, file)), 'the new training is written');
  const written = fs.existsSync(path.join(site, file)) ? read(file) : '';
  check(/skb-randong/.test(written) && /Pelatihan Menjahit/.test(written), 'it names its partner and title');
  check(/#/.test(written), 'it keeps the comments of rapor new');
  check(await page.locator('#status').innerText().then((t) => /Tersimpan/.test(t)), 'the page says it is saved');

  // 2. A photo, its alt text and consent; then in the public preview.
  // A photo no other record has (the check refuses one picture with two
  // different consents), drawn by the browser.
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 320; c.height = 240;
    const g = c.getContext('2d');
    const grad = g.createLinearGradient(0, 0, 320, 240);
    grad.addColorStop(0, '#2a6'); grad.addColorStop(1, '#fc3');
    g.fillStyle = grad; g.fillRect(0, 0, 320, 240);
    return c.toDataURL('image/jpeg', 0.9);
  });
  const photoFile = path.join(outDir, 'Mesin Jahit.jpg');
  fs.writeFileSync(photoFile, Buffer.from(dataUrl.split(',')[1], 'base64'));
  await page.setInputFiles('input[data-upload]', photoFile);
  const alt = page.locator('[name="photos[0].alt"]');
  await alt.waitFor({ timeout: 60000 });
  check(await page.locator('fieldset.item img.thumb').count() === 1, 'the photo shows as it will be published');
  await alt.fill('Mesin jahit di atas meja latihan');
  const consent = page.locator('input[type=checkbox][name="photos[0].public"]');
  check(!(await consent.isChecked()), 'a new photo starts without consent');
  const consentLabel = await page.locator(`label[for="${await consent.getAttribute('id')}"]`).innerText();
  check(/semua orang di foto sudah setuju/.test(consentLabel), 'the consent box says what it means');
  await consent.check();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.locator('#status .ok', { hasText: /Tersimpan/ }).waitFor();
  check(/public: true/.test(read(file)), 'consent is written');
  const preview = page.frameLocator('#preview');
  const frame = page.locator('#preview');
  if (await frame.count()) {
    await page.waitForTimeout(500);
    const src = await frame.getAttribute('src');
    check(/\/preview\/public\//.test(src || ''), 'the preview is the public page');
    const img = preview.locator('img[alt="Mesin jahit di atas meja latihan"]');
    await img.first().waitFor({ timeout: 30000 }).catch(() => {});
    check(await img.count() > 0, 'the public preview shows the consented photo');
  } else {
    check(false, 'a preview beside the form');
  }
  pages.push(['training', await page.content()]);

  // 3. A mistake beside its field, nothing written; then fixed.
  const before = read(file);
  await page.fill('[name="hours"]', 'empat puluh');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.locator('#f-hours-e').filter({ hasText: /bilangan bulat/ }).waitFor();
  check(await page.locator('#f-hours').getAttribute('aria-invalid') === 'true', 'the field is marked invalid');
  check(read(file) === before, 'nothing is written while a problem remains');
  await page.fill('[name="hours"]', '40');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.locator('#status .ok', { hasText: /Tersimpan/ }).waitFor();
  check(/hours: 40/.test(read(file)), 'the fixed value is written');

  // 4. Undo.
  await page.locator('form.undo button').click();
  await page.waitForURL(/n=undone/, { timeout: 15000 }).catch(async () => {
    console.error('edit.mjs: after undo:', page.url(), (await page.content()).slice(0, 300));
  });
  check(read(file) === before, 'undo puts the file back');

  // 5. The leak guard.
  const roster = fs.readdirSync(path.join(site, 'content/internal/rosters')).find((f) => f.endsWith('.yaml'));
  const name = read(`content/internal/rosters/${roster}`).match(/^\s*name:\s*(.+)$/m)[1].trim();
  await page.goto(`${url}new/story`);
  pages.push(['new-story', await page.content()]);
  await page.fill('[name="body"]', `Hari ini ${name.toUpperCase()} belajar menjahit.`);
  await page.locator('.leak mark').first().waitFor({ timeout: 10000 }).catch(() => {});
  check(await page.locator('.leak mark').count() > 0, 'a roster name typed into a story is flagged before saving');

  // The Markdown toolbar and its preview.
  await page.fill('[name="body"]', 'Kelas menjahit');
  await page.locator('#f-body').evaluate((a) => a.setSelectionRange(0, 5));
  await page.locator('button[data-md="bold"]').click();
  check((await page.inputValue('[name="body"]')).startsWith('**Kelas**'), 'the toolbar makes bold text');
  await page.locator('button[data-md="preview"]').click();
  await page.locator('#md-preview strong').waitFor({ timeout: 10000 }).catch(() => {});
  check(await page.locator('#md-preview strong').count() === 1, 'the Markdown preview shows it');

  // The keyboard alone reaches every control and the save button.
  await page.locator('[name="id"]').focus();
  let reached = false;
  for (let i = 0; i < 200 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.textContent === 'Simpan');
  }
  check(reached, 'Tab reaches Simpan');

  // The story itself, then its cover photo, through the forms only.
  await page.fill('[name="id"]', 'kelas-menjahit-dibuka');
  await page.fill('[name="title"]', 'Kelas menjahit dibuka');
  await page.fill('[name="body"]', 'Dua belas warga binaan mulai belajar menjahit.');
  const draftBox = page.locator('input[type=checkbox][name="draft"]');
  if (await draftBox.count()) await draftBox.uncheck();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.waitForURL(/\/record\/story\/kelas-menjahit-dibuka/);
  await page.setInputFiles('input[data-upload]', photoFile);
  await page.locator('fieldset img.thumb').waitFor({ timeout: 60000 });
  await page.fill('[name="cover.alt"]', 'Mesin jahit di atas meja latihan');
  await page.locator('input[type=checkbox][name="cover.public"]').check();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.locator('#status .ok', { hasText: /Tersimpan/ }).waitFor();
  const story = read('content/stories/kelas-menjahit-dibuka.md');
  check(/cover:/.test(story) && /public: true/.test(story), 'the story names its cover, with consent');
  const cover = page.frameLocator('#preview').locator('img[alt="Mesin jahit di atas meja latihan"]');
  await cover.first().waitFor({ timeout: 30000 }).catch(() => {});
  check(await cover.count() > 0, 'the story preview shows its cover');

  // A roster page carries the internal banner.
  await page.goto(`${url}record/roster/${roster.replace(/\.yaml$/, '')}`);
  check(await page.locator('.banner').count() === 1, 'a roster page carries the internal banner');
  pages.push(['roster', await page.content()]);
  // It is typed in a table: a row per participant, a named cell per field.
  const rosterFile = `content/internal/rosters/${roster}`;
  const rosterBefore = read(rosterFile);
  const rows = page.locator('table.grid tbody > tr.item');
  const n = await rows.count();
  check(n === (rosterBefore.match(/^\s*- id:/gm) || []).length, `the table has a row per participant (${n})`);
  check(await page.locator('[data-site="public"]').count() === 0, 'a roster has no public preview');
  // An added row makes the roster disagree with its training: refused.
  await page.getByRole('button', { name: /^Tambah Peserta/ }).click();
  check(await rows.count() === n + 1, 'a row is added');
  await page.getByLabel('Nomor registrasi').last().fill('WBP-2026-0999');
  await page.getByLabel('Nama').last().fill('Peserta Tambahan');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.locator('#others .err-head').waitFor();
  check(read(rosterFile) === rosterBefore, 'a roster longer than its training is not written');
  // Removing it again and changing one cell saves that cell only.
  await page.getByRole('button', { name: `Hapus Peserta ${n + 1}` }).click();
  check(await rows.count() === n, 'the row is removed');
  const cell = page.locator('[name="participants[0].attendance"]');
  const was = await cell.inputValue();
  const now = String(Number(was) === 24 ? 23 : Number(was) + 1);
  await cell.fill(now);
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.locator('#status .ok').waitFor();
  const rosterAfter = read(rosterFile);
  check(rosterAfter === rosterBefore.replace(`attendance: ${was}`, `attendance: ${now}`), 'one cell changed, one value written');

  // On a training, an internal field shows the internal preview.
  await page.goto(`${url}record/training/barbershop-2025`);
  await page.locator('[name="internal.notes"]').focus();
  await page.waitForFunction(() => /\/preview\/internal\//.test(document.getElementById('preview').getAttribute('src')));
  check(true, 'an internal field shows the internal preview');
  await page.locator('[name="title"]').focus();
  await page.waitForFunction(() => /\/preview\/public\//.test(document.getElementById('preview').getAttribute('src')));
  check(true, 'a public field shows the public preview again');
  await page.goto(`${url}record/site/site`);
  pages.push(['site', await page.content()]);
  await page.goto(`${url}publish`);
  pages.push(['publish', await page.content()]);
  check(await page.locator('input[type=password][name=password]').count() === 1, 'the publish page asks for the FTP password only');
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(outDir, `publish-${width}.png`), fullPage: true });
  }
  // A dry run, then a publish, to the USB folder: the bar while it runs,
  // then the outcome, without touching the page.
  const usb = path.join(path.dirname(site), 'usb');
  await page.locator('section:has(#t-usb) button[name=dry_run]').click();
  await page.waitForSelector('#pub-bar', { timeout: 20000 });
  pages.push(['publish-running', await page.content()]);
  await page.screenshot({ path: path.join(outDir, 'publish-running-1280.png') });
  await page.waitForSelector('#r-h', { timeout: 90000 });
  const dry = await page.locator('section[aria-labelledby=r-h]').innerText();
  check(/uji coba/.test(dry) && /\+ index\.html/.test(dry), `the dry run says what it would send (${dry.slice(0, 80)}…)`);
  check(!fs.existsSync(usb), 'the dry run changed nothing');
  await page.locator('section:has(#t-usb) button:not([name])').click();
  await page.waitForSelector('#r-h', { timeout: 90000 });
  const sent = await page.locator('section[aria-labelledby=r-h]').innerText();
  check(/terkirim/.test(sent) && fs.existsSync(path.join(usb, 'index.html')), `the publish sent the site (${sent.slice(0, 80)}…)`);
  pages.push(['publish-done', await page.content()]);

  // 6. Attacks.
  const partner = 'content/partners/skb-randong.yaml';
  const partnerBefore = read(partner);
  const body = 'name=Diretas';
  const form = { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) };
  const host = new URL(origin).host;
  const attempts = [
    ['no token', `/${token}/record/partner/skb-randong`, { ...form, Host: host, Origin: origin }],
    ['another origin', `/${token}/record/partner/skb-randong`, { ...form, Host: host, Origin: 'http://evil.example', 'X-Rapor-Token': token }],
    ['another host', `/${token}/record/partner/skb-randong`, { ...form, Host: 'evil.example', Origin: 'http://evil.example', 'X-Rapor-Token': token }],
    ['a path', `/${token}/record/partner/..%2f..%2fsite`, { ...form, Host: host, Origin: origin, 'X-Rapor-Token': token }],
  ];
  for (const [what, p, headers] of attempts) {
    const r = await raw('POST', p, headers, body);
    check([403, 404, 421].includes(r.status), `a request with ${what} is refused (${r.status})`);
  }
  // From a page of another origin, in the browser itself.
  const evil = await context.newPage();
  await evil.goto('about:blank');
  const status = await evil.evaluate(async (target) => {
    try {
      const r = await fetch(target, { method: 'POST', mode: 'no-cors', body: 'name=Diretas',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      return r.type;
    } catch (e) { return 'blocked'; }
  }, `${url}record/partner/skb-randong`);
  check(['opaque', 'blocked'].includes(status), 'a foreign page gets nothing back');
  check(read(partner) === partnerBefore, 'no attack changed a file');

  // 7. axe-core on the editor's pages, phone and desktop.
  const axeContext = await browser.newContext({ bypassCSP: true });
  for (const width of [390, 1280]) {
    for (const p of ['', 'record/training/barbershop-2025', 'new/story', `record/roster/${roster.replace(/\.yaml$/, '')}`, 'record/site/site', 'publish']) {
      const pg = await axeContext.newPage();
      await pg.setViewportSize({ width, height: 900 });
      await pg.goto(url + p);
      await pg.addScriptTag({ path: AXE_PATH });
      const violations = await pg.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      });
      check(violations.length === 0, `axe at ${width}px on /${p}: ${violations.join('; ') || 'no serious violation'}`);
      if (width === 390) await pg.screenshot({ path: path.join(outDir, `${(p || 'index').replace(/\//g, '_')}-390.png`) });
      else await pg.screenshot({ path: path.join(outDir, `${(p || 'index').replace(/\//g, '_')}-1280.png`) });
      await pg.close();
    }
  }
} catch (e) {
  check(false, `the run finished (${e.stack || e})`);
} finally {
  for (const [n, html] of pages) fs.writeFileSync(path.join(outDir, `${n}.html`), html);
  await browser.close();
  child.kill();
}
process.exit(failures ? 1 : 0);
