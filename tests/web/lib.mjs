// Shared helpers of the browser checks: a static file server that can mount
// a site under a sub-path, and a headless Debian Chromium launcher.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// As root in a container, Chromium needs --no-sandbox; the rest stops it from
// calling home, which this machine's closed network refuses.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

// Serves `root` at `http://127.0.0.1:PORT<prefix>` (prefix like "/sub/").
// Anything outside the prefix is a 404, so a root-absolute link fails.
// Resolves to { origin, base, close }.
export function serve(root, prefix = '/') {
  const rootAbs = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    const send = (code, body, headers = {}) => {
      res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(body);
    };
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (!url.pathname.startsWith(prefix)) return send(404, 'outside the site');
      let rel;
      try { rel = decodeURIComponent(url.pathname.slice(prefix.length - 1)); } catch { return send(400, 'bad path'); }
      let file = path.resolve(rootAbs, '.' + path.posix.normalize(rel));
      if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) return send(403, 'forbidden');
      let st = await fsp.stat(file).catch(() => null);
      if (st && st.isDirectory()) {
        if (!url.pathname.endsWith('/')) return send(301, 'moved', { location: url.pathname + '/' });
        file = path.join(file, 'index.html');
        st = await fsp.stat(file).catch(() => null);
      }
      if (!st || !st.isFile()) return send(404, 'not found');
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': st.size });
      fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch (e) {
      send(500, String(e));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({ origin, base: origin + prefix, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
