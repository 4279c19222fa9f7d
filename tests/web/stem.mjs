#!/usr/bin/env node
// The search page's script (themes/default/static/search.js) outside a
// browser, for tests/search.rs: loaded into a bare VM context (no document),
// where it only defines globalThis.raporSearch.
//
// Usage:
//   node tests/web/stem.mjs stem  < words   one folded word a line -> its stem a line
//   node tests/web/stem.mjs words < texts   one text a line -> its folded words, space-separated
//   node tests/web/stem.mjs search INDEX_JS QUERY...
//                                           per query a line: "kind/id kind/id ..." best first

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
} else if (mode === 'search') {
  const [indexFile, ...queries] = args;
  vm.runInContext(fs.readFileSync(indexFile, 'utf8'), context, { filename: indexFile });
  const index = context.raporSearchIndex;
  for (const q of queries) {
    const found = api.search(index, q).map((d) => `${index.docs[d][0]}/${index.docs[d][1]}`);
    process.stdout.write(found.join(' ') + '\n');
  }
} else {
  console.error('usage: node tests/web/stem.mjs stem|words|search ...');
  process.exit(2);
}
