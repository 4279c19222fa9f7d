// rapor editor: saves without leaving the page, shows problems beside their
// fields, adds and removes list items, uploads photos, formats money, and
// warns while typing when a public text holds internal data. Every form
// still works without this script (it posts and the page comes back).
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="rapor-token"]');
  if (!meta) return;
  var token = meta.getAttribute('content');
  var base = '/' + token + '/';
  var lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  var T = {
    id: {
      saving: 'Menyimpan…', failed: 'Gagal menghubungi penyunting.',
      leak: 'Ini data internal (nama atau nomor peserta). Jangan ditulis di teks publik:',
      saveFirst: 'Simpan catatan ini dulu, lalu tambahkan foto.',
      uploading: 'Mengunggah…', importing: 'Membaca lembar kerja…'
    },
    en: {
      saving: 'Saving…', failed: 'Could not reach the editor.',
      leak: 'This is internal data (a participant\u2019s name or number). Never write it in public text:',
      saveFirst: 'Save this record first, then add photos.',
      uploading: 'Uploading…', importing: 'Reading the spreadsheet…'
    }
  }[lang];

  function domId(path) {
    var id = 'f-';
    for (var i = 0; i < path.length; i++) {
      var c = path[i];
      if (/[a-zA-Z0-9_]/.test(c)) id += c;
      else if (c === '-') id += '--';
      else if (id[id.length - 1] !== '-') id += '-';
    }
    return id.replace(/-+$/, '');
  }

  function post(url, body, type) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': type, 'X-Rapor-Token': token, 'Accept': 'application/json' },
      body: body,
      credentials: 'same-origin'
    }).then(function (r) {
      return r.json().then(function (j) { j.status = r.status; return j; });
    });
  }

  // ok: true (done), false (a problem) or null (under way).
  function say(text, ok) {
    var s = document.getElementById('status');
    if (!s) return;
    s.innerHTML = '';
    var p = document.createElement('p');
    p.className = ok === null ? 'progress' : ok ? 'ok' : 'err-head';
    p.textContent = text;
    s.appendChild(p);
  }

  function clearProblems(form) {
    form.querySelectorAll('.err').forEach(function (e) { e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
    var o = document.getElementById('others');
    if (o) o.innerHTML = '';
  }

  function showProblems(form, j) {
    var o = document.getElementById('others');
    var list = document.createElement('ul');
    list.className = 'errs';
    var first = null;
    Object.keys(j.fields || {}).forEach(function (path) {
      var id = domId(path);
      var err = document.getElementById(id + '-e');
      var control = document.getElementById(id);
      (j.fields[path] || []).forEach(function (m) {
        if (err) err.textContent += m + ' ';
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = '#' + id;
        a.textContent = m;
        li.appendChild(a);
        list.appendChild(li);
      });
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        if (!first) first = control;
      }
    });
    (j.others || []).forEach(function (m) {
      var li = document.createElement('li');
      li.textContent = m;
      list.appendChild(li);
    });
    if (o) {
      var h = document.createElement('p');
      h.className = 'err-head';
      h.textContent = lang === 'en' ? 'Not saved. First fix these problems:' : 'Belum disimpan. Perbaiki dulu masalah berikut:';
      o.appendChild(h);
      o.appendChild(list);
    }
    if (first) first.focus();
  }

  // The preview: the record's public page, or its internal one while an
  // internal field is being edited. `site` is 'public' or 'internal'.
  var pane = document.querySelector('.pane.preview');
  var site = pane && pane.getAttribute('data-public') ? 'public' : 'internal';

  function showSite(which, reload) {
    var f = document.getElementById('preview');
    if (!pane || !f) return;
    if (which === 'public' && !pane.getAttribute('data-public')) which = 'internal';
    var url = pane.getAttribute('data-' + which);
    var changed = which !== site;
    site = which;
    pane.querySelectorAll('[data-site]').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-site') === which));
    });
    var note = document.getElementById('pv-note');
    if (note && pane.getAttribute('data-public')) {
      note.textContent = which === 'internal' ? note.getAttribute('data-internal-note') : '';
    }
    var label = pane.querySelector('[data-site="' + which + '"]');
    var h = document.getElementById('pv-h');
    if (label && h) f.setAttribute('title', h.textContent + ' (' + label.textContent + ')');
    var open = document.getElementById('pv-open');
    if (open) open.setAttribute('href', url);
    if (changed || f.getAttribute('src') !== url) f.setAttribute('src', url);
    else if (reload) f.contentWindow.location.reload();
  }

  function refreshPreview(urls) {
    if (pane && urls) {
      pane.setAttribute('data-public', urls.public || '');
      pane.setAttribute('data-internal', urls.internal || '');
    }
    showSite(site, true);
  }

  if (pane) {
    pane.addEventListener('click', function (ev) {
      var b = ev.target instanceof Element && ev.target.closest('[data-site]');
      if (b) showSite(b.getAttribute('data-site'), false);
    });
    // Editing an internal field shows the internal page; a public field
    // the public one. Only a change of kind switches, so a choice made
    // with the buttons holds while the person stays in the same kind.
    var lastInternal = null;
    document.addEventListener('focusin', function (ev) {
      var t = ev.target;
      if (!(t instanceof Element) || !t.closest('form.record')) return;
      if (!t.matches('input,select,textarea')) return;
      var internal = !!t.closest('.internal');
      if (internal === lastInternal) return;
      lastInternal = internal;
      showSite(internal ? 'internal' : 'public', false);
    });
  }

  // Saving.
  document.querySelectorAll('form.record').forEach(function (form) {
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      formatMoney(form);
      var data = new URLSearchParams(new FormData(form));
      clearProblems(form);
      say(T.saving, null);
      post(form.getAttribute('action'), data.toString(), 'application/x-www-form-urlencoded')
        .then(function (j) {
          if (j.ok) {
            if (form.getAttribute('action').indexOf('/new/') >= 0) {
              location.href = j.location + '?n=saved';
              return;
            }
            say(j.message, true);
            var undo = document.querySelector('form.undo button');
            if (undo && typeof j.undo === 'number') {
              undo.disabled = j.undo === 0;
              undo.textContent = undo.textContent.replace(/\(\d+\)/, '(' + j.undo + ')');
            }
            refreshPreview(j.preview);
          } else {
            say('', false);
            document.getElementById('status').innerHTML = '';
            showProblems(form, j);
          }
        })
        .catch(function () { say(T.failed, false); });
    });
  });

  // Lists: add from the template, remove, and number the items again.
  // A list's items are its own children, or a table's rows (`data-items`).
  function holderOf(list) {
    return list.querySelector(':scope [data-items]') || list;
  }

  function itemsOf(list) {
    return holderOf(list).querySelectorAll(':scope > .item');
  }

  function renumber(list) {
    var path = list.getAttribute('data-path');
    var items = itemsOf(list);
    items.forEach(function (item, i) {
      var old = item.getAttribute('data-item-path');
      var now = path + '[' + i + ']';
      if (old === now) return;
      item.setAttribute('data-item-path', now);
      var oldId = domId(old), newId = domId(now);
      item.querySelectorAll('[name]').forEach(function (e) {
        e.name = e.name.split(old).join(now);
      });
      item.querySelectorAll('[id],[for],[aria-describedby],[data-path],[href]').forEach(function (e) {
        ['id', 'for', 'aria-describedby', 'data-path'].forEach(function (a) {
          var v = e.getAttribute(a);
          if (v) e.setAttribute(a, v.split(oldId).join(newId).split(old).join(now));
        });
      });
      var legend = item.querySelector(':scope > legend');
      if (legend) legend.textContent = legend.textContent.replace(/\d+$/, String(i + 1));
      var number = item.querySelector(':scope > [data-number]');
      if (number) number.textContent = String(i + 1);
      var rm = item.querySelector('[data-remove]');
      if (rm) rm.textContent = rm.textContent.replace(/\d+$/, String(i + 1));
    });
  }

  function addItem(list, values) {
    var tpl = holderOf(list).querySelector(':scope > template[data-item]');
    if (!tpl) return null;
    var n = itemsOf(list).length;
    var html = tpl.innerHTML.split('__i__').join(String(n)).split('__n__').join(String(n + 1));
    // A row parses only inside a table body.
    var holder = document.createElement(tpl.parentNode.tagName === 'TBODY' ? 'tbody' : 'div');
    holder.innerHTML = html;
    var item = holder.firstElementChild;
    tpl.parentNode.insertBefore(item, tpl);
    Object.keys(values || {}).forEach(function (k) {
      var e = item.querySelector('[name="' + list.getAttribute('data-path') + '[' + n + '].' + k + '"]:not([type=hidden])')
        || item.querySelector('[name="' + list.getAttribute('data-path') + '[' + n + '].' + k + '"]');
      if (e) e.value = values[k];
    });
    wire(item);
    return item;
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    if (t.matches('[data-add]')) {
      var list = t.closest('[data-list]');
      var item = addItem(list, {});
      var first = item && item.querySelector('input:not([type=hidden]),select,textarea');
      if (first) first.focus();
    } else if (t.matches('[data-remove]')) {
      var item2 = t.closest('.item');
      var list2 = item2.closest('[data-list]');
      item2.remove();
      renumber(list2);
      var next = list2.querySelector('button');
      if (next) next.focus();
    } else if (t.matches('[data-md]')) {
      markdown(t);
    }
  });

  // Photos: upload, then a new item with its file name; alt and consent
  // are for the person to fill in.
  function upload(drop, files) {
    var form = drop.closest('form');
    var action = form.getAttribute('action');
    var m = action.match(/\/record\/([a-z]+)\/([a-z0-9-]+)$/);
    if (!m) { say(T.saveFirst, false); return; }
    var list = drop.closest('[data-list]');
    var single = drop.getAttribute('data-single');
    if (single) files = Array.prototype.slice.call(files, 0, 1);
    Array.prototype.forEach.call(files, function (file) {
      say(T.uploading, null);
      var url = base + 'photo/' + m[1] + '/' + m[2] + '?name=' + encodeURIComponent(file.name);
      post(url, file, 'application/octet-stream').then(function (j) {
        if (!j.ok) { say(j.message, false); return; }
        say(file.name, true);
        if (single) {
          // One photo (a cover): its file name and picture, then its alt text.
          var group = drop.closest('fieldset');
          var src = form.querySelector('[name="' + single + '.src"]');
          if (src) src.value = j.src;
          var old = group.querySelector('img.thumb');
          if (old) old.remove();
          var pic = document.createElement('img');
          pic.className = 'thumb';
          pic.alt = '';
          pic.src = j.thumb;
          group.insertBefore(pic, group.querySelector('legend').nextSibling);
          var a = form.querySelector('[name="' + single + '.alt"]');
          if (a) a.focus();
          return;
        }
        var item = addItem(list, { src: j.src });
        if (item) {
          var img = document.createElement('img');
          img.className = 'thumb';
          img.alt = '';
          img.src = j.thumb;
          item.insertBefore(img, item.querySelector('legend').nextSibling);
          var alt = item.querySelector('[name$=".alt"]');
          if (alt) alt.focus();
        }
      }).catch(function () { say(T.failed, false); });
    });
  }

  // A roster from a spreadsheet.
  function importSheet(drop, files) {
    var training = drop.getAttribute('data-import');
    var file = files[0];
    if (!file || !training) return;
    say(T.importing, null);
    var url = base + 'import/' + training + '?name=' + encodeURIComponent(file.name);
    post(url, file, 'application/octet-stream').then(function (j) {
      if (j.ok) { location.href = j.location; return; }
      document.getElementById('status').innerHTML = '';
      showProblems(drop.closest('form') || document.body, j);
    }).catch(function () { say(T.failed, false); });
  }

  function wireDrop(drop, handler) {
    var input = drop.querySelector('input[type=file]');
    if (input) input.addEventListener('change', function () { handler(drop, input.files); input.value = ''; });
    drop.addEventListener('dragover', function (ev) { ev.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
    drop.addEventListener('drop', function (ev) {
      ev.preventDefault();
      drop.classList.remove('over');
      handler(drop, ev.dataTransfer.files);
    });
  }
  document.querySelectorAll('[data-drop]').forEach(function (d) { wireDrop(d, upload); });
  document.querySelectorAll('[data-import]').forEach(function (d) { wireDrop(d, importSheet); });

  // Money: whole rupiah with thousands shown as 12.500.000.
  function money(v) {
    var digits = v.replace(/[^0-9]/g, '');
    if (!digits) return v.trim();
    return digits.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  }
  function formatMoney(root) {
    root.querySelectorAll('[data-money]').forEach(function (e) {
      if (/^[\d.\s]*$/.test(e.value)) e.value = money(e.value);
    });
  }

  // The leak guard.
  var timers = new WeakMap();
  function guard(field) {
    var text = field.value;
    var holder = field.closest('.f');
    if (!holder) return;
    var warn = holder.querySelector('.leak');
    if (!text.trim()) { if (warn) warn.remove(); return; }
    post(base + 'guard', JSON.stringify({ text: text }), 'application/json').then(function (j) {
      var found = (j.found || []);
      if (!found.length) {
        if (warn) warn.remove();
        field.removeAttribute('data-leak');
        return;
      }
      if (!warn) {
        warn = document.createElement('p');
        warn.className = 'leak';
        warn.setAttribute('role', 'alert');
        warn.id = field.id + '-leak';
        field.insertAdjacentElement('afterend', warn);
        var by = field.getAttribute('aria-describedby') || '';
        if (by.indexOf(warn.id) < 0) field.setAttribute('aria-describedby', (by + ' ' + warn.id).trim());
      }
      warn.textContent = T.leak + ' ';
      found.forEach(function (f, i) {
        var mark = document.createElement('mark');
        mark.textContent = text.slice(f.start, f.end);
        if (i) warn.appendChild(document.createTextNode(', '));
        warn.appendChild(mark);
      });
      field.setAttribute('data-leak', 'true');
    }).catch(function () {});
  }

  function wire(root) {
    root.querySelectorAll('[data-guard]').forEach(function (f) {
      f.addEventListener('input', function () {
        clearTimeout(timers.get(f));
        timers.set(f, setTimeout(function () { guard(f); }, 300));
      });
      if (f.value) guard(f);
    });
    root.querySelectorAll('[data-money]').forEach(function (e) {
      e.addEventListener('blur', function () { formatMoney(e.parentNode); });
    });
  }
  wire(document);

  // The Markdown toolbar.
  function markdown(button) {
    var bar = button.closest('.toolbar');
    var area = document.getElementById(bar.getAttribute('data-for'));
    var what = button.getAttribute('data-md');
    if (what === 'preview') {
      var box = document.getElementById('md-preview');
      var on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      if (!on) { box.hidden = true; return; }
      post(base + 'markdown', JSON.stringify({ text: area.value }), 'application/json').then(function (j) {
        // The HTML is rapor's own rendering of the text, sanitised.
        box.innerHTML = j.html;
        box.hidden = false;
      });
      return;
    }
    var s = area.selectionStart, e = area.selectionEnd, v = area.value;
    var sel = v.slice(s, e);
    var lineStart = v.lastIndexOf('\n', s - 1) + 1;
    var out, cursor;
    if (what === 'bold') { out = v.slice(0, s) + '**' + (sel || 'teks') + '**' + v.slice(e); cursor = e + 4 + (sel ? 0 : 4); }
    else if (what === 'link') { out = v.slice(0, s) + '[' + (sel || 'teks') + '](https://)' + v.slice(e); cursor = s + (sel || 'teks').length + 3; }
    else {
      var prefix = what === 'heading' ? '## ' : '- ';
      out = v.slice(0, lineStart) + prefix + v.slice(lineStart);
      cursor = e + prefix.length;
    }
    area.value = out;
    area.focus();
    area.setSelectionRange(cursor, cursor);
    area.dispatchEvent(new Event('input'));
  }

  // A publish under way: ask how far it is until it is done, then show
  // the page with its outcome.
  var running = document.querySelector('[data-publish-job]');
  if (running) {
    var bar = document.getElementById('pub-bar');
    var said = document.getElementById('pub-text');
    var job = running.getAttribute('data-publish-job');
    var poll = function () {
      fetch(base + 'publish/status', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          if (String(j.job) !== job || j.step === 'done' || j.step === 'idle') {
            window.location.replace(base + 'publish');
            return;
          }
          if (j.bytes > 0) { bar.max = j.bytes; bar.value = j.bytes_done; }
          else if (j.files > 0) { bar.max = j.files; bar.value = j.files_done; }
          if (said.textContent !== j.text) said.textContent = j.text;
          window.setTimeout(poll, 400);
        }, function () { window.setTimeout(poll, 2000); });
    };
    window.setTimeout(poll, 300);
  }
})();
