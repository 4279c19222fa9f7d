// rapor: opens the pages of the protected internal site in the browser.
//
// A locked page holds its real page sealed (AES-256-GCM) in
// <script type="application/json" id="rapor-locked">. The keys come from the
// passphrase through PBKDF2-HMAC-SHA256 (WebCrypto). They exist only as
// non-extractable CryptoKeys: no script can read their bytes, only use them.
// They are kept in IndexedDB (which stores a CryptoKey as it is), so other
// pages and tabs open without asking again, until the Kunci (lock) button is
// pressed in any tab, which forgets them and locks every open tab, or until
// IDLE_MS pass without an internal page being opened. Photos and data files
// are sealed too, each in sealed/<name>.js, loaded with a <script> element
// because fetch() cannot read files when the site is opened from disk
// (file://). The format is
// described in rapor's src/protect.rs. No words here: every text comes from
// the page (data-* attributes), in the site's language.
(() => {
  'use strict';

  const holder = document.getElementById('rapor-locked');
  const form = document.getElementById('rapor-unlock');
  if (!holder || !form) return;
  const locked = JSON.parse(holder.textContent);
  const input = document.getElementById('rapor-passphrase');
  const button = form.querySelector('button');
  const status = document.getElementById('rapor-unlock-status');
  const error = document.getElementById('rapor-unlock-error');
  const encoder = new TextEncoder();
  // One record per site (salt): two internal sites never share keys.
  const recordId = `keys:${locked.salt}`;
  const IDLE_MS = 2 * 60 * 60 * 1000;
  // The site's root: this page's path has as many folders as "../" to climb.
  const depth = locked.path.split('/').length - 1;
  const root = new URL(depth ? '../'.repeat(depth) : './', location.href);

  const fromBase64 = (text) => {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
    return out;
  };
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

  // --- Keys kept between pages: IndexedDB, CryptoKeys only -------------

  const DB_NAME = 'rapor-internal';
  const STORE = 'keys';
  function database() {
    return new Promise((resolve, reject) => {
      if (!window.indexedDB) { reject(new Error('no IndexedDB')); return; }
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  async function transaction(mode, use) {
    const db = await database();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = use(tx.objectStore(STORE));
      tx.oncomplete = () => { db.close(); resolve(request.result); };
      tx.onerror = () => { db.close(); reject(tx.error); };
      tx.onabort = () => { db.close(); reject(tx.error); };
    });
  }
  const remembered = () => transaction('readonly', (s) => s.get(recordId)).catch(() => undefined);
  const remember = (keys) => transaction('readwrite',
    (s) => s.put({ aes: keys.aes, names: keys.names, until: Date.now() + IDLE_MS }, recordId))
    .catch(() => { /* storage off: ask on every page */ });
  const forget = () => transaction('readwrite', (s) => s.delete(recordId)).catch(() => { /* nothing kept */ });
  const forgetAll = () => transaction('readwrite', (s) => s.clear()).catch(() => { /* nothing kept */ });
  // Raw key bytes that an older protect.js kept in sessionStorage.
  try { sessionStorage.removeItem(`rapor-internal-key:${locked.salt}`); } catch { /* storage off */ }

  // --- Locking every tab ----------------------------------------------------

  let unlocked = false;
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('rapor-internal') : null;
  const LOCK_SIGNAL = 'rapor-internal-lock';
  // Another tab locked: an open page goes back to its locked shell.
  // The BroadcastChannel message and the storage event both arrive: reload
  // once.
  let reloading = false;
  const lockedElsewhere = () => {
    if (!unlocked || reloading) return;
    reloading = true;
    location.reload();
  };
  if (channel) channel.onmessage = (event) => { if (event.data === 'lock') lockedElsewhere(); };
  // The storage event reaches the tabs a BroadcastChannel does not (older
  // browsers); it carries a time, never a key.
  window.addEventListener('storage', (event) => { if (event.key === LOCK_SIGNAL) lockedElsewhere(); });

  async function lockEverywhere() {
    await forgetAll();
    if (channel) channel.postMessage('lock');
    try { localStorage.setItem(LOCK_SIGNAL, String(Date.now())); } catch { /* storage off */ }
    location.reload();
  }

  const subtle = window.crypto && window.crypto.subtle;

  // PBKDF2-HMAC-SHA256 of the passphrase is the master key, an HMAC key
  // that never leaves WebCrypto; the subkeys are HMAC(master, label). Their
  // bytes pass through this script once, to be imported as non-extractable
  // keys, and are then overwritten.
  async function derive(passphrase) {
    const base = await subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
    const master = await subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(locked.salt), iterations: locked.iterations },
      base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
    const [aes, names] = await Promise.all([
      subkey(master, 'rapor/v1/aes-256-gcm', 'AES-GCM', ['decrypt']),
      subkey(master, 'rapor/v1/names', { name: 'HMAC', hash: 'SHA-256' }, ['sign']),
    ]);
    return { aes, names };
  }

  async function subkey(master, label, algorithm, usages) {
    const bytes = new Uint8Array(await subtle.sign('HMAC', master, encoder.encode(label)));
    try {
      return await subtle.importKey('raw', bytes, algorithm, false, usages);
    } finally {
      bytes.fill(0);
    }
  }

  // nonce (12 bytes) ‖ ciphertext ‖ tag, bound to the file's path in the site.
  async function open(keys, path, sealed) {
    const plain = await subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.subarray(0, 12), additionalData: encoder.encode(path) },
      keys.aes, sealed.subarray(12));
    return new Uint8Array(plain);
  }

  // --- Sealed files, loaded as scripts that hand over their bytes ---------

  const waiting = new Map(); // name -> resolve
  window.raporSealed = (name, data) => {
    const resolve = waiting.get(name);
    if (resolve) {
      waiting.delete(name);
      resolve(data);
    }
  };
  const loading = new Map(); // path -> Promise<Uint8Array>

  function loadScript(name) {
    return new Promise((resolve, reject) => {
      waiting.set(name, resolve);
      const s = document.createElement('script');
      s.src = new URL(`sealed/${name}.js`, root).href;
      s.onload = () => {
        s.remove();
        if (waiting.delete(name)) reject(new Error(`sealed/${name}.js did not register`));
      };
      s.onerror = () => {
        s.remove();
        waiting.delete(name);
        reject(new Error(`cannot load sealed/${name}.js`));
      };
      document.head.appendChild(s);
    });
  }

  // The bytes of the file at `path` (relative to the site root).
  function load(keys, path) {
    if (!loading.has(path)) {
      loading.set(path, (async () => {
        const mac = new Uint8Array(await subtle.sign('HMAC', keys.names, encoder.encode(path)));
        const data = await loadScript(hex(mac.subarray(0, 16)));
        return open(keys, path, fromBase64(data));
      })());
    }
    return loading.get(path);
  }

  const TYPES = {
    jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', svg: 'image/svg+xml',
    json: 'application/json', csv: 'text/csv', txt: 'text/plain', xml: 'application/xml',
  };
  const typeOf = (path) => TYPES[path.split('.').pop().toLowerCase()] || 'application/octet-stream';

  const blobs = new Map(); // path -> Promise<object URL>
  function blobUrl(keys, path) {
    if (!blobs.has(path)) {
      blobs.set(path, load(keys, path).then((bytes) => URL.createObjectURL(new Blob([bytes], { type: typeOf(path) }))));
    }
    return blobs.get(path);
  }

  // The path in the site of a URL written in a page, or null when it leads
  // elsewhere.
  function sitePath(url) {
    let u;
    try { u = new URL(url, location.href); } catch { return null; }
    if (u.protocol !== root.protocol || u.host !== root.host || !u.pathname.startsWith(root.pathname)) return null;
    try { return decodeURIComponent(u.pathname.slice(root.pathname.length)); } catch { return null; }
  }
  // Pages (folders and .html) and the theme's files are not sealed files.
  const isSealed = (path) => path !== null && path !== '' && !path.endsWith('/')
    && !path.endsWith('.html') && !path.startsWith('assets/') && path !== 'robots.txt';

  // --- Showing the unlocked page ------------------------------------------

  // The sealed files of a srcset, with their widths when it gives them.
  function sealedOf(srcset) {
    const list = [];
    for (const part of (srcset || '').split(',')) {
      const [url, size] = part.trim().split(/\s+/);
      const path = url ? sitePath(url) : null;
      if (isSealed(path)) list.push({ path, width: size && size.endsWith('w') ? parseInt(size, 10) : 0 });
    }
    return list;
  }

  // Every rendition an <img> names, with its width when srcset gives one.
  // In a <picture> with a WebP source, the WebP renditions (smaller, so
  // less to fetch and decrypt); the img's own src stays the fallback.
  function candidates(img) {
    const webp = img.parentElement && img.parentElement.tagName === 'PICTURE'
      ? sealedOf((img.parentElement.querySelector('source[type="image/webp"]') || { getAttribute: () => '' }).getAttribute('srcset'))
      : [];
    const list = webp.length ? webp : sealedOf(img.getAttribute('srcset'));
    const src = sitePath(img.getAttribute('src') || '');
    const fallback = isSealed(src) ? { path: src, width: 0 } : null;
    return { list: list.sort((a, b) => a.width - b.width), fallback };
  }

  // srcset chooses among files the browser fetches itself, which sealed files
  // are not: the one rendition this <img> needs at its laid-out width is
  // chosen here, decrypted, and shown from a Blob.
  function choose(img, { list, fallback }) {
    const need = img.getBoundingClientRect().width * (window.devicePixelRatio || 1);
    if (!need || list.length === 0) return fallback || list[list.length - 1];
    return list.find((c) => c.width >= need) || list[list.length - 1];
  }

  function showImages(keys, images) {
    const reveal = (img) => {
      const pick = choose(img, images.get(img));
      if (!pick) return;
      blobUrl(keys, pick.path).then((url) => { img.src = url; }, () => { img.classList.add('sealed-missing'); });
    };
    if (!('IntersectionObserver' in window)) {
      images.forEach((_, img) => reveal(img));
      return;
    }
    // As loading="lazy" would: only photos near the screen are decrypted.
    const observer = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) {
          observer.unobserve(e.target);
          reveal(e.target);
        }
      }
    }, { rootMargin: '400px 0px' });
    images.forEach((_, img) => observer.observe(img));
  }

  // Links to sealed files (data/stats.json, CSV exports) download the
  // decrypted file.
  function wireDownloads(keys, links) {
    for (const [a, path] of links) {
      a.addEventListener('click', (event) => {
        event.preventDefault();
        blobUrl(keys, path).then((url) => {
          const tmp = document.createElement('a');
          tmp.href = url;
          tmp.download = path.split('/').pop();
          document.body.appendChild(tmp);
          tmp.click();
          tmp.remove();
        });
      });
    }
  }

  function show(keys, html, byHand) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    // Plain paths of sealed files do not exist: take them out before the
    // page goes live, so the browser never asks for them.
    const images = new Map();
    for (const img of doc.querySelectorAll('img')) {
      const found = candidates(img);
      if (!found.fallback && found.list.length === 0) continue;
      images.set(img, found);
      const w = img.getAttribute('width');
      const h = img.getAttribute('height');
      img.removeAttribute('srcset');
      img.removeAttribute('sizes');
      // Nor may a <source> name them: the browser would fetch it first.
      if (img.parentElement && img.parentElement.tagName === 'PICTURE') {
        for (const source of img.parentElement.querySelectorAll('source')) source.remove();
      }
      // A blank image of the right shape holds the place: no layout jumps.
      img.setAttribute('src', w && h
        ? `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"/>`)}`
        : 'data:,');
    }
    const links = [];
    for (const a of doc.querySelectorAll('a[href]')) {
      const path = sitePath(a.getAttribute('href'));
      if (isSealed(path)) links.push([a, path]);
    }
    document.title = doc.title;
    document.documentElement.lang = doc.documentElement.lang || document.documentElement.lang;
    const description = doc.querySelector('meta[name="description"]');
    if (description) document.head.appendChild(document.importNode(description, true));
    document.body.replaceWith(document.adoptNode(doc.body));
    document.documentElement.classList.remove('unlocking');
    showImages(keys, images);
    wireDownloads(keys, links);
    window.raporInternal = { load: (path) => load(keys, path) };
    unlocked = true;
    const lock = document.getElementById('rapor-lock');
    if (lock) {
      lock.hidden = false;
      lock.addEventListener('click', () => { lock.disabled = true; lockEverywhere(); });
    }
    document.dispatchEvent(new CustomEvent('rapor:unlocked'));
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.scrollIntoView();
    } else if (byHand) {
      // After typing the passphrase, continue at the page's content.
      const main = document.getElementById('main');
      if (main) {
        main.setAttribute('tabindex', '-1');
        main.focus({ preventScroll: true });
      }
    }
  }

  // Opens the page with `keys`; false when they are not the right keys.
  async function unlock(keys, byHand) {
    let html;
    try {
      html = new TextDecoder().decode(await open(keys, locked.path, fromBase64(locked.sealed)));
    } catch {
      return false;
    }
    // Kept (again) from now: the two idle hours start over.
    await remember(keys);
    show(keys, html, byHand);
    return true;
  }

  const say = (element, text) => { element.textContent = text || ''; };

  if (!subtle) {
    // WebCrypto exists only in secure contexts: https://, localhost, file://.
    say(error, form.dataset.unsupported);
    input.disabled = true;
    button.disabled = true;
    return;
  }

  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || !input.value) return;
    busy = true;
    button.disabled = true;
    say(error, '');
    say(status, form.dataset.working);
    try {
      if (await unlock(await derive(input.value), true)) return;
      say(status, '');
      say(error, form.dataset.wrong);
      input.setAttribute('aria-invalid', 'true');
      input.select();
      input.focus();
    } catch {
      say(status, '');
      say(error, form.dataset.failed);
    } finally {
      busy = false;
      button.disabled = false;
    }
  });
  // The form works from now on; without this script it cannot be sent.
  button.disabled = false;

  // Keys kept by an earlier page, unless they have been idle too long or
  // belong to another passphrase or salt.
  document.documentElement.classList.add('unlocking');
  const askInstead = () => {
    document.documentElement.classList.remove('unlocking');
    input.focus();
  };
  remembered().then(async (kept) => {
    if (!kept || !(kept.until > Date.now()) || !kept.aes || !kept.names) {
      if (kept) await forget();
      askInstead();
      return;
    }
    if (!(await unlock({ aes: kept.aes, names: kept.names }, false))) {
      await forget();
      askInstead();
    }
  }).catch(askInstead);
})();
