/* rapor: the search page of the public site.
 *
 * The index script (assets/search-index-<hash>.js, built by
 * src/view/search.rs) sets window.raporSearchIndex before this script runs:
 * a small manifest of the index's parts. A query loads only the shards of
 * terms it needs, and then only the records of the results it lists, each
 * part by a <script> element that hands its data to raporSearchPart: no
 * fetch(), so the page works from disk (file://) as well as from a server.
 * Loaded parts are kept for the next query; a part that fails to load says
 * so on the page (data-failed) and is tried again by the next query.
 *
 * The stemmer below is a copy of src/view/search/stem.rs: the same steps and
 * the same word lists, so a query is stemmed as the pages were when indexed.
 * tests/search.rs compares the two over a word list; change both together.
 *
 * Without a document (node, in that test) it only defines
 * globalThis.raporSearch.
 */
(function () {
  'use strict';

  var ROOTS = new Set([
    'ajar', 'aku', 'ampun', 'badan', 'bagi', 'bahan', 'baku', 'beli', 'beri', 'besi', 'bukan',
    'buku', 'bulan', 'capai', 'cari', 'didik', 'dinas', 'diri', 'entah', 'ganti', 'hari', 'hutan',
    'ikan', 'ilmu', 'jadi', 'jalan', 'jamu', 'jumlah', 'kalah', 'kali', 'kamu', 'kebun', 'kecil',
    'kelas', 'kelola', 'kelompok', 'keluarga', 'kembali', 'kembang', 'kenal', 'kepala', 'kerajinan',
    'keras', 'kerja', 'kirim', 'kopi', 'kuku', 'kumpul', 'kunjung', 'kurang', 'kursi', 'laku',
    'langkah', 'lari', 'main', 'makan', 'masak', 'masalah', 'masuk', 'masyarakat', 'mati', 'menang',
    'milik', 'minta', 'minum', 'mudi', 'mulai', 'nikah', 'nilai', 'nyanyi', 'olah', 'padi', 'pakai',
    'paku', 'pangan', 'patah', 'pemerintah', 'perintah', 'peserta', 'ramu', 'roti', 'rutan', 'saku',
    'salah', 'sampai', 'sehat', 'sekolah', 'selesai', 'semangat', 'sendiri', 'seni', 'siku', 'suku',
    'tahan', 'tali', 'taman', 'tamu', 'tangan', 'tari', 'telah', 'teman', 'temu', 'teori'
  ]);

  var STOPWORDS = new Set([
    'ada', 'adalah', 'agar', 'akan', 'an', 'and', 'antara', 'are', 'as', 'at', 'atau', 'bagi',
    'bahwa', 'be', 'by', 'dalam', 'dan', 'dapat', 'dari', 'dengan', 'di', 'dia', 'for', 'from',
    'hingga', 'ia', 'in', 'ini', 'is', 'it', 'itu', 'jika', 'juga', 'karena', 'ke', 'kepada',
    'maka', 'melalui', 'namun', 'of', 'oleh', 'on', 'or', 'pada', 'para', 'per', 'saat',
    'sebagai', 'secara', 'seperti', 'serta', 'tersebut', 'terhadap', 'that', 'the', 'this',
    'to', 'untuk', 'was', 'with', 'yaitu', 'yakni', 'yang'
  ]);

  var ACCENTED = 'àáâãäåāăąçćčďèéêëēĕėęěìíîïīĭįıñńňòóôõöøōŏőùúûüūŭůűųýÿśšşźžżŕřĺľłţťđ';
  var PLAIN = 'aaaaaaaaacccdeeeeeeeeeiiiiiiiinnnooooooooouuuuuuuuuyyssszzzrrlllttd';

  function foldChar(c) {
    var lower = c.toLowerCase();
    if (lower.length !== 1) lower = c;
    var i = ACCENTED.indexOf(lower);
    return i >= 0 ? PLAIN[i] : lower;
  }

  // The folded words of a text: runs of ASCII letters and digits.
  function words(text) {
    var out = [];
    var word = '';
    for (var ch of String(text)) {
      var c = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : foldChar(ch);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        word += c;
      } else if (word) {
        out.push(word);
        word = '';
      }
    }
    if (word) out.push(word);
    return out;
  }

  function isRoot(w) { return ROOTS.has(w); }
  function isVowel(c) { return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u'; }

  function hasPrefix(w) {
    return ['di', 'ke', 'se', 'me', 'be', 'pe', 'te'].some(function (p) { return w.startsWith(p); });
  }

  function stemLike(w) {
    if (w.length < 3 || !/[aeiou]/.test(w)) return false;
    var clustered = !isVowel(w[0]) && !isVowel(w[1]);
    return !clustered || 'rlywh'.indexOf(w[1]) >= 0;
  }

  function cutSuffix(w, suffixes, min) {
    for (var i = 0; i < suffixes.length; i++) {
      if (w.endsWith(suffixes[i])) {
        var rest = w.slice(0, w.length - suffixes[i].length);
        return rest.length >= min ? rest : null;
      }
    }
    return null;
  }

  function particle(w) { return cutSuffix(w, ['lah', 'kah', 'tah', 'pun'], 3); }

  function possessive(w) { return cutSuffix(w, ['nya', 'ku', 'mu'], hasPrefix(w) ? 3 : 4); }

  function derivational(w) {
    var prefixed = hasPrefix(w);
    if (w.endsWith('kan')) return prefixed ? cutSuffix(w, ['kan'], 3) : null;
    if (w.endsWith('an')) return cutSuffix(w, ['an'], prefixed ? 3 : 4);
    var loan = w.length >= 3 && w.endsWith('si') && isVowel(w[w.length - 3]);
    if (w.endsWith('i') && prefixed && !loan) return cutSuffix(w, ['i'], 3);
    return null;
  }

  function either(known, common) { return isRoot(known) ? known : common; }

  // One prefix off w: [kind, rest] or null.
  function stripPrefix(w, outermost) {
    var at = function (i) { return i < w.length ? w[i] : ''; };
    var vowel = function (i) { return isVowel(at(i)); };
    var from = function (i) { return w.slice(i); };
    var rest;
    if (outermost) {
      var outer = ['di', 'ke', 'se'];
      for (var i = 0; i < outer.length; i++) {
        if (w.startsWith(outer[i])) return [outer[i], from(2)];
      }
    }
    if (w.startsWith('me')) {
      if (w.startsWith('meng')) {
        if ('ghqk'.indexOf(at(4)) >= 0 && at(4)) rest = from(4);
        else if (vowel(4)) rest = either('k' + w.slice(4), from(4));
        else return null;
      } else if (w.startsWith('meny') && vowel(4)) {
        rest = either(from(2), 's' + w.slice(4));
      } else if (w.startsWith('mem')) {
        if ('bfvp'.indexOf(at(3)) >= 0 && at(3)) rest = from(3);
        else if (at(3) === 'r' && vowel(4)) rest = either(from(2), 'p' + w.slice(3));
        else if (vowel(3)) rest = either(from(2), 'p' + w.slice(3));
        else return null;
      } else if (w.startsWith('men')) {
        if ('cdjsz'.indexOf(at(3)) >= 0 && at(3)) rest = from(3);
        else if (vowel(3)) rest = either(from(2), 't' + w.slice(3));
        else return null;
      } else if ('lrwy'.indexOf(at(2)) >= 0 && at(2) && vowel(3)) {
        rest = from(2);
      } else {
        return null;
      }
      return ['me', rest];
    }
    if (w.startsWith('pe')) {
      if (w.startsWith('peng')) {
        if ('ghqk'.indexOf(at(4)) >= 0 && at(4)) rest = from(4);
        else if (vowel(4)) rest = either('k' + w.slice(4), from(4));
        else return null;
      } else if (w.startsWith('peny') && vowel(4)) {
        rest = either(from(2), 's' + w.slice(4));
      } else if (w.startsWith('pem')) {
        if ('bfv'.indexOf(at(3)) >= 0 && at(3)) rest = from(3);
        else if (at(3) === 'r' && vowel(4)) rest = either(from(2), 'p' + w.slice(3));
        else if (vowel(3)) rest = either(from(2), 'p' + w.slice(3));
        else return null;
      } else if (w.startsWith('pen')) {
        if ('cdjz'.indexOf(at(3)) >= 0 && at(3)) rest = from(3);
        else if (vowel(3)) rest = either(from(2), 't' + w.slice(3));
        else return null;
      } else if (w.startsWith('pelajar') || (w.startsWith('per') && at(3) !== 'r')) {
        rest = from(3);
      } else if ('lwy'.indexOf(at(2)) >= 0 && at(2) && vowel(3)) {
        rest = from(2);
      } else if (!('rwylmn'.indexOf(at(2)) >= 0 && at(2)) && !vowel(2)) {
        rest = from(2);
      } else {
        return null;
      }
      return ['pe', rest];
    }
    if (w.startsWith('be')) {
      if (w.startsWith('belajar') || (w.startsWith('ber') && at(3) !== 'r')) rest = from(3);
      else if (!vowel(2) && !('rl'.indexOf(at(2)) >= 0 && at(2)) && w.slice(3).startsWith('er')) rest = from(2);
      else return null;
      return ['be', rest];
    }
    if (w.startsWith('te')) {
      if (w.startsWith('ter') && at(3) !== 'r') rest = from(3);
      else if (!vowel(2) && at(2) !== 'r' && w.slice(3).startsWith('er')) rest = from(2);
      else return null;
      return ['te', rest];
    }
    return null;
  }

  // Up to three prefixes off w; [stem, whether it is a known root].
  function stripPrefixes(w) {
    var current = w;
    var used = [];
    for (var n = 0; n < 3; n++) {
      if (isRoot(current)) return [current, true];
      var r = stripPrefix(current, used.length === 0);
      if (r && used.indexOf(r[0]) < 0 && stemLike(r[1])) {
        used.push(r[0]);
        current = r[1];
      } else {
        break;
      }
    }
    return [current, isRoot(current)];
  }

  // The stem of one folded word (see stem.rs).
  function stem(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word) || isRoot(word)) return word;
    var forms = [word];
    var current = word;
    var cuts = [particle, possessive, derivational];
    for (var i = 0; i < cuts.length; i++) {
      var shorter = cuts[i](current);
      if (shorter !== null) {
        if (isRoot(shorter)) return shorter;
        forms.push(shorter);
        current = shorter;
      }
    }
    for (var j = forms.length - 1; j >= 0; j--) {
      var r = stripPrefixes(forms[j]);
      if (r[1]) return r[0];
    }
    return stripPrefixes(current)[0];
  }

  function searchable(w) { return w.length > 1 && !STOPWORDS.has(w); }

  // Postings: base-32 variable-length numbers, gap * 8 + level (see search.rs),
  // level = field * 2 + often; field 3 title, 2 products, 1 summary, 0 body.
  var DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var DIGIT = new Int8Array(128).fill(-1);
  for (var di = 0; di < DIGITS.length; di++) DIGIT[DIGITS.charCodeAt(di)] = di;

  // The postings `s` as [document, level] pairs (search() below decodes
  // them the same way as it scores them).
  function decode(s) {
    var out = [];
    var v = 0;
    var doc = -1;
    for (var i = 0; i < s.length; i++) {
      var code = s.charCodeAt(i);
      var d = code < 128 ? DIGIT[code] : -1;
      v = v * 32 + (d % 32);
      if (d < 32) {
        doc += Math.floor(v / 8);
        out.push([doc, v % 8]);
        v = 0;
      }
    }
    return out;
  }

  var MAX_EXPANSIONS = 40;

  // What a match is worth by where it is (title > products > summary > body),
  // and half as much again when the word appears often in the document.
  var FIELD_WEIGHT = [1, 2, 4, 8];
  function weight(level) {
    return FIELD_WEIGHT[level >> 1] * (level & 1 ? 1.5 : 1);
  }
  var WEIGHTS = [0, 1, 2, 3, 4, 5, 6, 7].map(weight);

  // The number of postings in `s`: each ends with a digit below 32.
  function postingsIn(s) {
    var m = 0;
    for (var i = 0; i < s.length; i++) {
      var code = s.charCodeAt(i);
      if (code < 128 && DIGIT[code] < 32) m++;
    }
    return m;
  }

  // Scores the documents of postings `text` into `matched`, each f times
  // the weight of its place, keeping a document's best; returns the number
  // of postings (postingsIn). Decoded (as in decode) as it is scored, in one
  // loop and with no pair made a posting.
  function score(text, f, matched) {
    var v = 0;
    var doc = -1;
    var m = 0;
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      var d = code < 128 ? DIGIT[code] : -1;
      v = v * 32 + (d % 32);
      if (d < 32) {
        doc += Math.floor(v / 8);
        var w = f * WEIGHTS[v % 8];
        if (!(matched[doc] >= w)) matched[doc] = w;
        v = 0;
        m++;
      }
    }
    return m;
  }

  // Multiplies every score by f; returns how many are more than 0.
  function scale(scores, f) {
    var left = 0;
    for (var d = 0; d < scores.length; d++) {
      if (scores[d]) {
        scores[d] *= f;
        left++;
      }
    }
    return left;
  }

  // Adds f times the scores of `matched` into `scores` for the documents
  // that both have, and makes the others 0; returns how many are left.
  function both(scores, matched, f) {
    var left = 0;
    for (var d = 0; d < scores.length; d++) {
      var v = scores[d] && matched[d] ? scores[d] + f * matched[d] : 0;
      scores[d] = v;
      if (v) left++;
    }
    return left;
  }

  // The k best documents of `scores` (0: none), best first, and equally
  // good ones in document order, in one pass.
  function best(scores, k) {
    var docs = [];
    var worth = [];
    for (var d = 0; d < scores.length; d++) {
      var v = scores[d];
      if (!v || (docs.length === k && v <= worth[k - 1])) continue;
      var at = docs.length;
      while (at > 0 && worth[at - 1] < v) at--;
      docs.splice(at, 0, d);
      worth.splice(at, 0, v);
      if (docs.length > k) { docs.pop(); worth.pop(); }
    }
    return docs;
  }

  // Runs the loops that rank a query once on made-up postings (20,000
  // digits) while the page waits for one, so that the engine has compiled
  // them when the first query needs them: a story's 10-word title at
  // 10,000 stories ranked in 39 ms rather than 84 when score() and both()
  // were warmed so (medians of 8, Chromium, CPU slowed 4x). With the
  // count and the first results picked by loops that are warmed too, and
  // no pass over the postings to count them, it ranks in 17 ms rather
  // than 50 (medians of 8, marks of bench/search-profile, load 4-7).
  function warm() {
    var text = '8fw8'.repeat(5000);
    var a = new Float64Array(15001);
    var b = new Float64Array(15001);
    postingsIn(text);
    score(text, 1, a);
    score(text, 1, b);
    scale(a, 2);
    both(a, b, 3);
    best(a, 4);
  }

  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  // The words of a query that are searched for: [folded word, stem], and the
  // one being typed (the last, unless a space follows it), which also
  // matches longer terms it begins.
  function parse(query) {
    var qs = words(query).filter(searchable);
    return qs.map(function (w, i) {
      return { w: w, s: stem(w), typing: i === qs.length - 1 && !/\s$/.test(query) && w.length >= 3 };
    });
  }

  // The index of a manifest (window.raporSearchIndex, see search.rs), whose
  // parts are loaded as queries need them and kept: `fetchPart(id)` gives a
  // promise of the data of part `id` ("t3" a shard of terms, "d12" a file
  // of records). A part that fails is asked for again by the next query.
  function open(manifest, fetchPart) {
    var firsts = manifest.shards || [];
    var per = manifest.per || 1;
    // Documents whose records a shard holds for each of its terms: its best.
    var top = manifest.top || 0;
    var asked = new Map();
    var shards = [];
    var records = [];
    // Records that came with the shards, by document.
    var held = new Map();

    function part(id) {
      var p = asked.get(id);
      if (!p) {
        p = Promise.resolve().then(function () { return fetchPart(id); }).then(function (data) {
          if (data === undefined || data === null) throw new Error('search part ' + id + ' is empty');
          return data;
        });
        p.catch(function () { asked.delete(id); });
        asked.set(id, p);
      }
      return p;
    }

    // The shard that holds `term` if any does: the last whose first term is
    // not after it.
    function shardOf(term) {
      var lo = 0;
      var hi = firsts.length - 1;
      if (hi < 0) return -1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
      }
      return lo;
    }

    // Shard i: its terms' postings, their sorted keys, and each term's best
    // documents (doc * 8 + level, best first), whose records it holds.
    function shard(i) {
      return part('t' + i).then(function (data) {
        if (!shards[i]) {
          shards[i] = { terms: data.terms, keys: Object.keys(data.terms).sort(), top: data.top };
          Object.keys(data.records).forEach(function (d) { held.set(Number(d), data.records[d]); });
        }
        return shards[i];
      });
    }

    // Loads the shards from the one of `prefix` on until they hold
    // MAX_EXPANSIONS terms that begin it (besides `except`), or no later
    // shard can hold one: the terms that the search below expands it to.
    function expansions(prefix, except, i, found) {
      return shard(i).then(function (sh) {
        sh.keys.forEach(function (k) { if (k !== except && k.startsWith(prefix)) found++; });
        var next = i + 1;
        if (found < MAX_EXPANSIONS && next < firsts.length && firsts[next].startsWith(prefix)) {
          return expansions(prefix, except, next, found);
        }
      });
    }

    // Loads every shard the query needs; rejects when one fails to load.
    function prepare(query) {
      var jobs = [];
      parse(query).forEach(function (q) {
        var i = shardOf(q.s);
        if (i >= 0) jobs.push(shard(i));
        if (q.typing) {
          [q.s, q.w].forEach(function (p, n) {
            if (n === 1 && p === q.s) return;
            var j = shardOf(p);
            if (j >= 0) jobs.push(expansions(p, q.s, j, 0));
          });
        }
      });
      return Promise.all(jobs);
    }

    function postings(term) {
      var sh = shards[shardOf(term)];
      return sh && has(sh.terms, term) ? sh.terms[term] : undefined;
    }

    // Document numbers matching every word of the query that some page
    // holds, best first, from the shards loaded (prepare(query) first).
    // The last word, while it is being typed, also matches longer terms it
    // begins: the first MAX_EXPANSIONS of them in sorted order.
    //
    // Scores are kept in an array by document (0 for none: a match is worth
    // more than 0) rather than a Map, and ordered by bucketing the documents,
    // in document order, by score rather than by sorting them: "pelatihan"
    // (10,288 results) ranks in 15 ms rather than 21 the first time (node,
    // not throttled) and in 1.8 rather than 6 once compiled.
    function search(query) {
      var r = rank(query);
      return r.all();
    }

    // The results of a query: their number, the first k of them, and all,
    // in the order of search(query). The first k take one pass over the
    // scores, so a page lists its first results before it orders the rest;
    // of a one-word query they come from its terms' best in the shards
    // (firstFromShards), and no score is reckoned until all() is asked for.
    function rank(query) {
      var words = parse(query).map(termsOf);
      // A word that no page holds (a typo, or a word the site never uses)
      // is left out of a query of several, so that it does not hide what
      // the others find; alone, or with only such words, it finds nothing.
      var known = words.filter(function (terms) { return terms.length; });
      if (known.length) words = known;
      var scored = null;
      var one = words.length === 1;
      var count = 0;
      if (one && words[0].length === 1) {
        count = sizeOf(words[0][0][0]);
      } else if (words.length) {
        scored = scoresOf(words);
        count = scored.count;
      }
      var all = null;
      return {
        count: count,
        first: function (k) {
          if (one && k <= top) return firstFromShards(words[0], k);
          if (!scored) scored = scoresOf(words);
          return scored ? best(scored.scores, k) : [];
        },
        all: function () {
          if (!all && words.length) {
            if (!scored) scored = scoresOf(words);
            all = order(scored.scores);
          }
          return all || [];
        }
      };
    }

    // What a match of `term` is worth before its place in the document
    // (WEIGHTS): the rarer the term on the site, the more; `factor` 0.5 for
    // a term that the word being typed begins.
    function termWeight(term, factor) {
      return Math.log(1 + manifest.n / sizeOf(term)) * factor;
    }

    // The number of documents that hold `term`, counted once.
    var sizes = new Map();
    function sizeOf(term) {
      var m = sizes.get(term);
      if (m === undefined) {
        m = postingsIn(postings(term));
        sizes.set(term, m);
      }
      return m;
    }

    // The terms a parsed query word matches, each [term, factor]: its stem,
    // and while it is being typed the first MAX_EXPANSIONS longer terms it
    // begins, in sorted order, of the shards loaded.
    function termsOf(q) {
      var s = q.s;
      var terms = [];
      if (postings(s) !== undefined) terms.push([s, 1]);
      if (q.typing) {
        var expanded = 0;
        for (var i = 0; i < shards.length && expanded < MAX_EXPANSIONS; i++) {
          var keys = shards[i] ? shards[i].keys : [];
          for (var k = 0; k < keys.length && expanded < MAX_EXPANSIONS; k++) {
            var term = keys[k];
            if (term !== s && (term.startsWith(s) || term.startsWith(q.w))) {
              terms.push([term, 0.5]);
              expanded++;
            }
          }
        }
      }
      return terms;
    }

    // The first k results of a one-word query, whose terms are `terms`
    // (termsOf), from the best documents of each that the shards hold
    // (k <= top): the same as the first k of its scores. A document's score
    // is the best of its terms' (term weight times place weight), and a
    // term's best documents are the first by place, then in document order:
    // each of the query's first k is among the first k of the term that
    // gives its score, where it has that score. The others held score no
    // more than they do in all, so they come after.
    function firstFromShards(terms, k) {
      var docs = [];
      var worth = [];
      terms.forEach(function (t) {
        var list = shards[shardOf(t[0])].top[t[0]] || [];
        var f = termWeight(t[0], t[1]);
        for (var i = 0; i < list.length; i++) {
          var d = Math.floor(list[i] / 8);
          var w = f * WEIGHTS[list[i] % 8];
          var was = docs.indexOf(d);
          if (was >= 0) {
            if (worth[was] >= w) continue;
            docs.splice(was, 1);
            worth.splice(was, 1);
          }
          // Best first, and equally good ones in document order.
          var at = 0;
          while (at < docs.length && (worth[at] > w || (worth[at] === w && docs[at] < d))) at++;
          docs.splice(at, 0, d);
          worth.splice(at, 0, w);
        }
      });
      return docs.slice(0, k);
    }

    // The scores of every document for a query's words (each its terms,
    // termsOf; 0: not a result) and how many score more than 0, or null
    // for no words. Each word's scores are reckoned in one array, kept for
    // the next, so that a query of ten words does not make ten.
    function scoresOf(words) {
      if (!words.length) return null;
      var n = manifest.n;
      var scores = new Float64Array(n);
      var count = 0;
      words.forEach(function (terms, i) {
        var matched = scores;
        if (i > 0) {
          if (!scratch) scratch = new Float64Array(n);
          matched = scratch.fill(0);
        }
        var f = 1;
        if (terms.length === 1) {
          // Scored by place alone and then times the term's weight, which
          // needs the number of its postings: the scoring counts them.
          var term = terms[0][0];
          sizes.set(term, score(postings(term), 1, matched));
          f = termWeight(term, terms[0][1]);
        } else {
          terms.forEach(function (t) { score(postings(t[0]), termWeight(t[0], t[1]), matched); });
        }
        count = i === 0 ? scale(scores, f) : both(scores, matched, f);
      });
      return { scores: scores, count: count };
    }
    var scratch = null;

    // The documents scoring more than 0, best first, and equally good ones
    // in document order.
    function order(scores) {
      var n = scores.length;
      // (Neighbours often score the same: the last bucket is tried first.)
      var buckets = new Map();
      var lastScore = 0;
      var last = null;
      for (var d = 0; d < n; d++) {
        var v = scores[d];
        if (!v) continue;
        if (v !== lastScore) {
          last = buckets.get(v);
          if (!last) { last = []; buckets.set(v, last); }
          lastScore = v;
        }
        last.push(d);
      }
      var out = [];
      Array.from(buckets.keys()).sort(function (a, b) { return b - a; }).forEach(function (v) {
        var b = buckets.get(v);
        for (var i = 0; i < b.length; i++) out.push(b[i]);
      });
      return out;
    }

    // A promise of document d's record: [kind, id, title, snippet, products?],
    // from the shards when one holds it.
    function record(d) {
      if (held.has(d)) return Promise.resolve(held.get(d));
      var j = Math.floor(d / per);
      var file = records[j] ? Promise.resolve(records[j]) : part('d' + j);
      return file.then(function (list) {
        records[j] = list;
        var r = list[d - j * per];
        if (!Array.isArray(r)) throw new Error('no record of document ' + d);
        return r;
      });
    }

    return { prepare: prepare, search: search, rank: rank, record: record };
  }

  // Whether a folded word matches the query: the same stem as one of its
  // words, or, for the word being typed, a longer word it begins.
  // The matcher of the last query asked for is kept, with the words it
  // has seen: a page of results asks the same query about the same words.
  var lastMatcher = null;
  function matcher(query) {
    if (lastMatcher && lastMatcher.query === query) return lastMatcher.match;
    var qs = words(query).filter(searchable);
    var stems = new Set(qs.map(stem));
    var typing = qs.length && !/\s$/.test(query) ? qs[qs.length - 1] : '';
    var seen = new Map();
    var match = function (w) {
      var r = seen.get(w);
      if (r === undefined) {
        r = searchable(w) && (stems.has(stem(w)) || (typing.length >= 3 && w.startsWith(typing)));
        seen.set(w, r);
      }
      return r;
    };
    lastMatcher = { query: query, match: match };
    return match;
  }

  var SNIPPET_WORDS = 20;

  // The text shown under a result: about 20 words of the snippet (or of the
  // products, when only they match) around the first match, as a list of
  // [text, marked] pieces. Pieces are text; the page makes them text nodes.
  function snippet(doc, query) {
    var match = matcher(query);
    var texts = [doc[3] || '', doc[4] || ''];
    var best = null;
    for (var t = 0; t < texts.length && best === null; t++) {
      var tokens = texts[t].split(/(\s+)/);
      for (var i = 0; i < tokens.length; i++) {
        if (words(tokens[i]).some(match)) { best = [tokens, i]; break; }
      }
    }
    if (best === null) best = [texts[0].split(/(\s+)/), 0];
    var tokens = best[0];
    // Tokens alternate word, space, word: a word's index is even.
    var at = best[1] - (best[1] % 2);
    var start = Math.max(0, at - 2 * 6);
    var end = Math.min(tokens.length, start + 2 * SNIPPET_WORDS - 1);
    var pieces = [];
    if (start > 0) pieces.push(['… ', false]);
    for (var k = start; k < end; k++) {
      var marked = k % 2 === 0 && words(tokens[k]).some(match);
      var last = pieces[pieces.length - 1];
      if (last && !last[1] && !marked) last[0] += tokens[k];
      else pieces.push([tokens[k], marked]);
    }
    if (end < tokens.length) pieces.push([' …', false]);
    return pieces.filter(function (p) { return p[0] !== ''; });
  }

  // A portal's pages too: facilities, provinces and skills.
  var URLS = { s: 'stories/', t: 'trainings/', p: 'partners/', f: 'facilities/', r: 'regions/', k: 'skills/' };

  var api = { words: words, stem: stem, decode: decode, open: open, snippet: snippet };
  globalThis.raporSearch = api;

  if (typeof document === 'undefined') return;
  var form = document.getElementById('search-form');
  var manifest = window.raporSearchIndex;
  if (!form || !manifest) return;
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var root = form.getAttribute('data-root') || '';
  var PAGE = 50;
  // Results listed before the count is announced and the rest of the page
  // asked for: more than a phone's first screen holds (2 or 3 at 390 x 844),
  // and each may need a record file of its own.
  var FIRST = 4;
  // Record files asked for in one task: each <script> inserted costs a
  // throttled phone's main thread 3-7 ms, so fifty at once held it 300 ms.
  var ASK = 8;
  // The current query's results: `ranked` (see rank() in open), their
  // number, and those ordered so far (the first FIRST, then all).
  var ranked = null;
  var total = 0;
  var results = [];
  var query = '';
  var shown = 0;
  var timer = 0;
  // Each search's number: what an older one finds after a newer began is dropped.
  var current = 0;

  // A part loads by a <script> element, which works from file:// too: the
  // part's script calls raporSearchPart(id, data) as it runs, before the
  // element's load event.
  var arrived = {};
  window.raporSearchPart = function (id, data) { arrived[id] = data; };
  function fetchPart(id) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = root + manifest.parts + id + '.js';
      s.onload = function () {
        s.remove();
        var data = arrived[id];
        delete arrived[id];
        if (data === undefined) reject(new Error('search part ' + id + ' did not run'));
        else resolve(data);
      };
      s.onerror = function () {
        s.remove();
        reject(new Error('search part ' + id + ' did not load'));
      };
      document.head.appendChild(s);
    });
  }
  var index = open(manifest, fetchPart);

  // A whole number as the site writes it (i18n::number in Rust): "10.288"
  // in Indonesian, "10,288" in English. Not toLocaleString: its first call
  // with a locale loads that locale's data, 90-220 ms on a phone (Chromium,
  // CPU slowed 4x), which was the largest part of a first query's time.
  function number(n) {
    var sep = /^en\b/i.test(document.documentElement.lang || '') ? ',' : '.';
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }

  function label(key, q, count) {
    return (form.getAttribute('data-' + key) || '').replace('{q}', q).replace('{n}', number(count));
  }

  function item(doc) {
    var li = document.createElement('li');
    var h = document.createElement('h2');
    var a = document.createElement('a');
    a.href = root + URLS[doc[0]] + doc[1] + '/index.html';
    a.textContent = doc[2];
    h.appendChild(a);
    var kind = document.createElement('p');
    kind.className = 'search-kind';
    kind.textContent = form.getAttribute('data-kind-' + doc[0]) || '';
    li.appendChild(h);
    li.appendChild(kind);
    var pieces = snippet(doc, query);
    if (pieces.length) {
      var p = document.createElement('p');
      p.className = 'search-snippet';
      pieces.forEach(function (piece) {
        var node = document.createTextNode(piece[0]);
        if (piece[1]) {
          var mark = document.createElement('mark');
          mark.appendChild(node);
          node = mark;
        }
        p.appendChild(node);
      });
      li.appendChild(p);
    }
    return li;
  }

  function failed(run) {
    if (run !== current) return;
    status.textContent = form.getAttribute('data-failed') || '';
    more.hidden = true;
  }

  // Lists results from..end in order, each as soon as it and those before
  // it have their records; resolves when all are listed. Their records are
  // asked for ASK at a time, each batch in a task of its own, so the page
  // stays responsive (and paints) while the files load.
  function listRange(run, from, end) {
    var ids = results.slice(from, end);
    var ready = [];
    var pending = ids.map(function (d, i) {
      return new Promise(function (resolve) { ready[i] = resolve; });
    });
    (function ask(k) {
      var stop = Math.min(ids.length, k + ASK);
      for (var i = k; i < stop; i++) ready[i](run === current ? index.record(ids[i]) : null);
      if (stop < ids.length) setTimeout(function () { ask(stop); }, 0);
    })(0);
    return pending.reduce(function (done, rec) {
      return done.then(function () { return rec; }).then(function (doc) {
        if (doc && run === current) list.appendChild(item(doc));
      });
    }, Promise.resolve());
  }

  // Resolves once the browser has had a frame to paint what is listed (or
  // after 200 ms, in a hidden tab that paints no frames).
  function painted() {
    return new Promise(function (resolve) {
      if (window.requestAnimationFrame) window.requestAnimationFrame(function () { setTimeout(resolve, 0); });
      setTimeout(resolve, 200);
    });
  }

  // Lists the next PAGE results. The first FIRST of a search come before
  // the rest are even asked for, and are painted first: a phone loads a
  // few record files first, not fifty at once. `first` resolves when those
  // are listed, `all` when the whole page is.
  function showMore(run) {
    var from = shown;
    var end = Math.min(total, shown + PAGE);
    var head = from === 0 ? Math.min(end, FIRST) : end;
    if (from > 0 && results.length < end) results = ranked.all();
    shown = end;
    more.hidden = true;
    // Busy until the whole page is listed (tests and assistive technology
    // can tell a list still growing from a finished one).
    list.setAttribute('aria-busy', 'true');
    var first = listRange(run, from, head);
    // The rest once the first are on the screen.
    var rest = head < end ? first.then(painted) : first;
    var all = rest.then(function () {
      if (results.length < end) results = ranked.all();
      return listRange(run, head, end);
    }).then(function () {
      if (run !== current) return;
      more.hidden = shown >= total;
      list.removeAttribute('aria-busy');
    }, function (e) {
      if (run === current) list.removeAttribute('aria-busy');
      throw e;
    });
    return { first: first, all: all };
  }

  function announce(q) {
    if (!q) {
      status.textContent = '';
    } else if (!total) {
      status.textContent = label('none', q, 0);
    } else {
      status.textContent = label(total === 1 ? 'one' : 'many', q, total);
    }
  }

  // The address names the query, so a search can be linked and reloaded.
  // Changed once the first results are listed (or the search failed), not
  // before: replaceState took 25-50 ms of a throttled phone's main thread.
  function remember(q) {
    try {
      var url = new URL(window.location.href);
      if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
      window.history.replaceState(null, '', url.href);
    } catch (e) { /* some browsers refuse this on file:// */ }
  }

  function run() {
    var q = input.value.trim();
    var run = ++current;
    query = input.value;
    index.prepare(q ? query : '').then(function () {
      if (run !== current) return;
      // The first results are listed before the others are ordered.
      ranked = q ? index.rank(query) : null;
      total = ranked ? ranked.count : 0;
      results = ranked ? ranked.first(FIRST) : [];
      shown = 0;
      list.textContent = '';
      // The count is announced once the first results are listed.
      var page = showMore(run);
      page.all.catch(function () { failed(run); });
      return page.first.then(function () { if (run === current) announce(q); });
    }).catch(function () { failed(run); }).then(function () {
      if (run === current) remember(q);
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  more.addEventListener('click', function () {
    var run = current;
    showMore(run).all.catch(function () { failed(run); });
  });

  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    run();
  } else {
    if (window.requestIdleCallback) window.requestIdleCallback(warm); else setTimeout(warm, 0);
  }
})();
