// node bench/search-profile/marks.mjs SEARCH_JS OUT: a copy of search.js
// with performance marks (run, prepared, ranked, load <part>, listed,
// announced) that timeline.mjs lists. To profile a built site, overwrite its
// assets/search-<hash>.js with OUT (keep the original to put back).
import fs from 'node:fs';
let s = fs.readFileSync(process.argv[2], 'utf8');
const rep = (a, b) => { if (!s.includes(a)) throw new Error('missing: ' + a); s = s.replace(a, b); };
rep("var run = ++current;", "var run = ++current; performance.mark('run');");
rep("ranked = q ? index.rank(query) : null;", "performance.mark('prepared'); ranked = q ? index.rank(query) : null;");
rep("results = ranked ? ranked.first(FIRST) : [];", "results = ranked ? ranked.first(FIRST) : []; performance.mark('ranked');");
rep("s.onload = function () {", "s.onload = function () { performance.mark('load ' + id);");
rep("if (doc && run === current) list.appendChild(item(doc));", "if (doc && run === current) { list.appendChild(item(doc)); performance.mark('listed'); }");
rep("return page.first.then(function () { if (run === current) announce(q); });", "return page.first.then(function () { if (run === current) { announce(q); performance.mark('announced'); } });");
fs.writeFileSync(process.argv[3], s);
