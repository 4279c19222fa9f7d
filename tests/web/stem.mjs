#!/usr/bin/env node
// The search page's script (themes/default/static/search.js) outside a
// browser, for tests/search.rs: loaded into a bare VM context (no document),
// where it only defines globalThis.raporSearch.
//
// Usage:
//   node tests/web/stem.mjs stem  < words   one folded word a line -> its stem a line
//   node tests/web/stem.mjs words < texts   one text a line -> its folded words, space-separated
//   node tests/web/stem.mjs search INDEX_JS QUERY...
//                                           per query a line: "kind/id kind/id ..." best first,
//                                           INDEX_JS the site's assets/search-index-<hash>.js;
//                                           its parts are read from the site as the page loads them,
//                                           and the last line lists the parts read ("t0 d3 ...")
//   node tests/web/stem.mjs first INDEX_JS QUERY...
//                                           per query a line: "kind/id ... | kind/id ... | n": the
//                                           first 4 results as the page lists them first, the
//                                           first 4 of all results in order, and the record files
//                                           read to show the first 4

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.join(here, '../../themes/default/static/search.js');

const context = vm.createContext({});
context.window = context;
vm.runInContext(fs.readFileSync(script, 'utf8'), context, { filename: script });
const api = context.raporSearch;

const [mode, ...args] = process.argv.slice(2);
const lines = () => fs.readFileSync(0, 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');

if (mode === 'stem') {
  process.stdout.write(lines().map((w) => api.stem(w)).join('\n') + '\n');
} else if (mode === 'words') {
  process.stdout.write(lines().map((t) => api.words(t).join(' ')).join('\n') + '\n');
} else if (mode === 'search' || mode === 'first') {
  const [indexFile, ...queries] = args;
  vm.runInContext(fs.readFileSync(indexFile, 'utf8'), context, { filename: indexFile });
  const manifest = context.raporSearchIndex;
  // The index script is at <site>/assets/; its parts' folder is named from the site root.
  const site = path.dirname(path.dirname(path.resolve(indexFile)));
  const arrived = {};
  const read = [];
  context.raporSearchPart = (id, data) => { arrived[id] = data; };
  const fetchPart = (id) => {
    const file = path.join(site, manifest.parts, `${id}.js`);
    read.push(id);
    vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
    return arrived[id];
  };
  const index = api.open(manifest, fetchPart);
  const names = (docs) => docs.map((d) => `${d[0]}/${d[1]}`).join(' ');
  for (const q of queries) {
    await index.prepare(q);
    if (mode === 'first') {
      const ranked = index.rank(q);
      const before = read.length;
      const first = await Promise.all(ranked.first(4).map(index.record));
      const files = read.slice(before).filter((id) => id.startsWith('d')).length;
      const all = await Promise.all(ranked.all().slice(0, 4).map(index.record));
      process.stdout.write(`${names(first)} | ${names(all)} | ${files}\n`);
      continue;
    }
    const docs = await Promise.all(index.search(q).map(index.record));
    process.stdout.write(names(docs) + '\n');
  }
  process.stdout.write(read.join(' ') + '\n');
} else {
  console.error('usage: node tests/web/stem.mjs stem|words|search ...');
  process.exit(2);
}
