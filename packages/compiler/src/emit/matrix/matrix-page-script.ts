/**
 * The HTML report's script (plain ES2017, no imports). It renders the page from the access
 * matrix embedded as JSON in `<script type="application/json" id="permset-matrix-data">`, and
 * only ever writes policy text with `textContent`/attributes, never as markup. It also exposes:
 *
 * - `window.permsetRender(data)`: re-render with a new {@link AccessMatrix}, keeping the filters
 *   (an editor webview calls it when the policies change); returns false for data that is not a
 *   matrix, and shows why.
 * - `window.permsetOpenLocation(file, line, column)`: called, when defined, on a click on a cell
 *   (the grant's source), a set header (the set) or a permission (its catalog entry). Inside a VS
 *   Code webview (`acquireVsCodeApi` exists) and with no hook defined, the page defines one that
 *   posts `{ type: 'permset.openLocation', file, line, column }`, and it re-renders on a
 *   `{ type: 'permset.render', data }` message.
 *
 * It is a constant (the data lives in the JSON element), so the page's Content-Security-Policy
 * can allow exactly this script by its hash. Written with `String.raw`: what is below is what the
 * browser runs, backslashes included; it must contain no backtick, no `${` and no `</script`.
 */
export const MATRIX_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var doc = document;
  var INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  // Maps keyed by ids from the data have no prototype, so an id like __proto__ is just a key.
  function dict() { return Object.create(null); }
  var state = { text: '', area: '', hidden: dict(), diff: false, selected: null };
  var data = null;
  var cols = [];
  var rows = [];
  var scopeInfo = dict();
  var focused = null;

  function $(id) { return doc.getElementById(id); }
  function str(v) {
    return v === undefined || v === null ? '' : String(v).replace(INVISIBLE, function (c) { return '\\u{' + c.charCodeAt(0).toString(16) + '}'; });
  }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = str(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function plural(n, noun) { return n + ' ' + noun + (n === 1 ? '' : 's'); }
  function locText(at) { return at ? str(at.file) + ':' + str(at.line) + ':' + str(at.column) : ''; }
  function hook() { return typeof window.permsetOpenLocation === 'function' ? window.permsetOpenLocation : null; }
  function openAt(at) {
    var h = hook();
    if (!h || !at) return;
    try { h(String(at.file), Number(at.line), Number(at.column)); } catch (e) { /* the host reports its own errors */ }
  }
  function setLoc(node, at) {
    if (!at) return;
    node.setAttribute('data-file', String(at.file));
    node.setAttribute('data-line', String(at.line));
    node.setAttribute('data-column', String(at.column));
  }
  function locNode(at) {
    if (!hook()) return el('span', 'loc mono', locText(at));
    var b = el('button', 'loc mono', locText(at));
    b.type = 'button';
    b.title = 'Open ' + locText(at);
    b.addEventListener('click', function () { openAt(at); });
    return b;
  }

  // ---- rendering ------------------------------------------------------------------------------

  function render(input) {
    var ok = input !== null && typeof input === 'object' && Array.isArray(input.sets) && Array.isArray(input.areas);
    if (!ok) {
      showError('This is not an access matrix (expected an object with "sets" and "areas").');
      return false;
    }
    data = input;
    scopeInfo = dict();
    arr(data.scopes).forEach(function (s) { if (s && typeof s.name === 'string') scopeInfo[s.name] = s; });
    cols = data.sets.map(function (s, i) { return { set: s || {}, index: i }; });
    buildControls();
    buildLegend();
    buildTable();
    apply();
    restoreSelection();
    return true;
  }

  function showError(message) {
    var wrap = $('table-wrap');
    var err = $('matrix-error');
    if (!err) { err = el('p', 'error'); err.id = 'matrix-error'; err.setAttribute('role', 'alert'); wrap.insertBefore(err, wrap.firstChild); }
    err.textContent = message;
    err.hidden = false;
  }

  function buildControls() {
    var err = $('matrix-error');
    if (err) err.hidden = true;
    var area = $('filter-area');
    clear(area);
    area.appendChild(new Option('All areas', ''));
    var areaIds = dict();
    data.areas.forEach(function (a) {
      if (!a || !arr(a.rows).length) return;
      areaIds[String(a.id)] = true;
      area.appendChild(new Option(str(a.label) + ' (' + arr(a.rows).length + ')', String(a.id)));
    });
    if (!areaIds[state.area]) state.area = '';
    area.value = state.area;
    $('filter-text').value = state.text;
    $('filter-diff').checked = state.diff;

    var groups = { system: $('sets-system'), custom: $('sets-custom') };
    clear(groups.system); clear(groups.custom);
    groups.system.appendChild(el('legend', '', 'System sets'));
    groups.custom.appendChild(el('legend', '', 'Custom sets'));
    var known = dict();
    cols.forEach(function (c) {
      var id = String(c.set.id);
      known[id] = true;
      var label = el('label');
      var box = doc.createElement('input');
      box.type = 'checkbox';
      box.value = id;
      box.checked = !state.hidden[id];
      box.addEventListener('change', function () { state.hidden[id] = !box.checked; apply(); });
      label.appendChild(box);
      label.appendChild(el('span', '', c.set.name));
      label.appendChild(el('code', 'hint', id));
      (c.set.system ? groups.system : groups.custom).appendChild(label);
    });
    Object.keys(state.hidden).forEach(function (id) { if (!known[id]) delete state.hidden[id]; });
    groups.system.hidden = !cols.some(function (c) { return c.set.system; });
    groups.custom.hidden = !cols.some(function (c) { return !c.set.system; });
  }

  function buildLegend() {
    var legend = $('legend');
    clear(legend);
    legend.appendChild(doc.createTextNode('Scopes: '));
    arr(data.scopes).forEach(function (s, i) {
      if (!s) return;
      if (i) legend.appendChild(doc.createTextNode(' · '));
      var sw = el('span', 'swatch ' + levelClass([{ scope: s.name }]), s.name);
      sw.title = str(s.label) + (s.when ? ' (when ' + str(s.when) + ')' : '');
      legend.appendChild(sw);
      legend.appendChild(doc.createTextNode(' ' + str(s.label)));
    });
    legend.appendChild(doc.createTextNode('. '));
    // The sample of the mark is a scope these policies really grant with a condition: a fixed
    // word could be a scope the catalog lacks, or a set's name. No such cell, no explanation.
    var sample = conditionSample();
    if (sample) {
      legend.appendChild(el('span', 'swatch cond-mark ' + levelClass([{ scope: sample }]), sample + '†'));
      legend.appendChild(doc.createTextNode(' the grant adds a condition; '));
    }
    legend.appendChild(el('em', '', 'italic'));
    legend.appendChild(doc.createTextNode(': narrowed by restrict; blank: not granted. Hover a cell for where it comes from, click it for details.'));
  }

  function conditionSample() {
    var found = null;
    data.areas.some(function (a) {
      return a && arr(a.rows).some(function (row) {
        return row && arr(row.cells).some(function (cell) {
          var s = cell && cell.conditional && arr(cell.scopes).filter(function (x) { return x && x.when !== undefined; })[0];
          if (s) found = str(s.scope);
          return !!s;
        });
      });
    });
    return found;
  }

  function level(scopes) {
    var best = 0;
    arr(scopes).forEach(function (s) {
      var info = s && scopeInfo[s.scope];
      var l = !info ? 1 : info.when === undefined ? 3 : arr(info.covers).length > 1 ? 2 : 1;
      if (l > best) best = l;
    });
    return best;
  }
  function levelClass(scopes) { return ['', 'lvl-narrow', 'lvl-wide', 'lvl-all'][level(scopes)]; }
  function cellKey(cell) {
    return JSON.stringify(arr(cell && cell.scopes).map(function (s) { return [s.scope, s.when === undefined ? null : s.when]; }));
  }

  function cellTitle(col, row, cell) {
    var head = str(col.set.name) + ' · ' + str(row.label) + ' (' + str(row.permission) + ')';
    if (!cell || !cell.provenance) return head + '\nnot granted';
    var lines = [head];
    arr(cell.scopes).forEach(function (s) {
      lines.push(str(s.scope) + ': ' + str(s.label) + (s.when !== undefined ? '\n  only when ' + str(s.when) : ''));
    });
    lines.push(str(cell.provenance.text));
    return lines.join('\n');
  }

  function buildTable() {
    var table = $('matrix');
    table.hidden = false;
    Array.prototype.slice.call(table.tBodies).forEach(function (b) { table.removeChild(b); });
    var thead = table.tHead;
    clear(thead);
    var htr = thead.insertRow();
    var corner = el('th', 'corner');
    corner.scope = 'col';
    corner.appendChild(el('span', '', 'Permission'));
    htr.appendChild(corner);
    cols.forEach(function (c) {
      var s = c.set;
      var th = el('th', 'set-h');
      th.scope = 'col';
      th.setAttribute('data-set', String(s.id));
      setLoc(th, s.at);
      th.appendChild(el('span', 'set-name', s.name));
      th.appendChild(el('code', 'set-id', s.id));
      var badges = el('span', 'badges');
      var seat = [s.seat !== undefined ? str(s.seatLabel !== undefined ? s.seatLabel : s.seat) : '', s.paid === undefined ? '' : s.paid ? 'paid' : 'free'].filter(Boolean).join(' · ');
      if (seat) {
        // A long seat label wraps inside the column (the stylesheet); the title has it on one line.
        var badge = el('span', 'badge seat' + (s.paid === false ? ' free' : ''), seat);
        badge.title = 'Seat: ' + str(s.seatLabel !== undefined ? s.seatLabel : s.seat) + (s.paid === undefined ? '' : s.paid ? ' (paid)' : ' (free)');
        badges.appendChild(badge);
      }
      if (!s.system) badges.appendChild(el('span', 'badge custom', 'custom'));
      th.appendChild(badges);
      th.title = str(s.name) + ' (' + str(s.id) + ')' + (s.system ? ', system set' : ', custom set') +
        (s.seat !== undefined ? ', seat ' + str(s.seat) : '') + (s.paid !== undefined ? (s.paid ? ', paid' : ', free') : '') +
        (s.extends !== undefined ? '\nextends ' + str(s.extends) : '') + (arr(s.include).length ? '\nincludes ' + arr(s.include).map(str).join(', ') : '') +
        (s.restrict !== undefined ? '\nrestrict ' + str(s.restrict) : '') + (s.at ? '\n' + locText(s.at) : '');
      th.addEventListener('click', function () { select({ kind: 'set', set: String(s.id) }, true); });
      c.th = th;
      htr.appendChild(th);
    });

    rows = [];
    data.areas.forEach(function (a) {
      if (!a || !arr(a.rows).length) return;
      var body = table.createTBody();
      body.setAttribute('data-area', String(a.id));
      var atr = body.insertRow();
      atr.className = 'area-row';
      var ath = el('th');
      ath.scope = 'rowgroup';
      ath.appendChild(el('span', 'area-label', a.label));
      atr.appendChild(ath);
      var group = { body: body, th: ath, rows: [] };
      arr(a.rows).forEach(function (row) {
        if (!row) return;
        var tr = body.insertRow();
        tr.setAttribute('data-permission', String(row.permission));
        var rth = el('th');
        rth.scope = 'row';
        setLoc(rth, row.at);
        rth.appendChild(el('span', 'perm-label', row.label));
        if (row.sensitive) rth.appendChild(el('span', 'badge sensitive', 'sensitive'));
        rth.appendChild(el('code', 'perm-id', row.permission));
        rth.title = str(row.label) + ' (' + str(row.permission) + ')' + (row.description ? '\n' + str(row.description) : '') +
          '\nscopes: ' + arr(row.scopes).map(str).join(', ') + (row.at ? '\n' + locText(row.at) : '');
        rth.addEventListener('click', function () { select({ kind: 'permission', permission: String(row.permission) }, true); });
        tr.appendChild(rth);
        var info = { tr: tr, row: row, area: a, tds: [], keys: [], haystack: (str(row.permission) + ' ' + str(row.label)).toLowerCase() };
        cols.forEach(function (c, i) {
          var cell = arr(row.cells)[i];
          var td = doc.createElement('td');
          td.tabIndex = -1;
          td.setAttribute('data-set', String(c.set.id));
          td.setAttribute('data-permission', String(row.permission));
          var granted = !!(cell && cell.provenance);
          td.className = [granted ? levelClass(cell.scopes) : 'none', cell && cell.conditional ? 'cond' : '', cell && cell.provenance && cell.provenance.restricted ? 'restricted' : ''].filter(Boolean).join(' ');
          if (granted) setLoc(td, cell.provenance.source && cell.provenance.source.at);
          td.textContent = granted ? str(cell.text) : '';
          td.title = cellTitle(c, row, cell);
          if (!granted) td.appendChild(el('span', 'sr-only', 'not granted'));
          td.addEventListener('click', function () { focus(td); select({ kind: 'cell', permission: String(row.permission), set: String(c.set.id) }, true); });
          tr.appendChild(td);
          info.tds.push(td);
          info.keys.push(cellKey(cell));
        });
        group.rows.push(info);
        rows.push(info);
      });
      rows.push(group);
    });
    focused = null;
  }

  // ---- filters ----------------------------------------------------------------------------------

  function apply() {
    var shown = cols.filter(function (c) { return !state.hidden[String(c.set.id)]; });
    var canDiff = shown.length >= 2;
    var diffBox = $('filter-diff');
    diffBox.disabled = !canDiff;
    var diff = state.diff && canDiff;
    var terms = state.text.toLowerCase().split(/\s+/).filter(Boolean);
    var firstCustom = null;
    cols.forEach(function (c) {
      var hidden = !!state.hidden[String(c.set.id)];
      c.th.hidden = hidden;
      if (!hidden && !c.set.system && firstCustom === null) firstCustom = c.index;
    });
    var total = 0, visible = 0, differing = 0;
    rows.forEach(function (info) {
      if (!info.tr) {
        var any = info.rows.some(function (r) { return !r.tr.hidden; });
        info.body.hidden = !any;
        info.th.colSpan = 1 + shown.length;
        return;
      }
      total++;
      var show = (!state.area || String(info.area.id) === state.area) &&
        terms.every(function (t) { return info.haystack.indexOf(t) >= 0; });
      var differs = false;
      var first = null;
      cols.forEach(function (c, i) {
        var hidden = !!state.hidden[String(c.set.id)];
        var td = info.tds[i];
        td.hidden = hidden;
        td.classList.toggle('first-custom', c.index === firstCustom && shown.length > 1 && shown[0].index !== firstCustom);
        if (hidden) return;
        if (first === null) first = info.keys[i];
        else if (info.keys[i] !== first) differs = true;
      });
      if (show && differs) differing++;
      if (diff && !differs) show = false;
      info.tr.hidden = !show;
      if (show) visible++;
    });
    cols.forEach(function (c) { c.th.classList.toggle('first-custom', c.index === firstCustom && shown.length > 1 && shown[0].index !== firstCustom); });
    $('empty').hidden = visible > 0 || total === 0;
    $('sets-count').textContent = '(' + shown.length + ' of ' + cols.length + ')';
    var hint = $('diff-hint');
    hint.textContent = !canDiff ? 'Choose two or more sets to compare.' : diff ? plural(differing, 'permission') + ' differ' + (differing === 1 ? 's' : '') + ' between the chosen sets.' : '';
    var summary = (visible === total ? plural(total, 'permission') : 'Showing ' + visible + ' of ' + plural(total, 'permission')) +
      ' · ' + (shown.length === cols.length ? plural(cols.length, 'permission set') : shown.length + ' of ' + plural(cols.length, 'permission set')) +
      (diff ? ' · only differences' : '');
    $('summary').textContent = summary;
    $('caption').textContent = 'Access matrix: ' + summary + '. Rows are permissions grouped by area; columns are permission sets.';
    if (focused && (focused.hidden || focused.parentNode.hidden)) focused = null;
    if (!focused) { var td = firstVisibleCell(); if (td) focus(td, true); }
  }

  function visibleRows() { return rows.filter(function (r) { return r.tr && !r.tr.hidden; }); }
  function firstVisibleCell() {
    var r = visibleRows()[0];
    if (!r) return null;
    for (var i = 0; i < r.tds.length; i++) if (!r.tds[i].hidden) return r.tds[i];
    return null;
  }

  // ---- keyboard (one tab stop; arrows move inside the table) -------------------------------------

  function focus(td, quiet) {
    if (focused && focused !== td) focused.tabIndex = -1;
    focused = td;
    td.tabIndex = 0;
    if (!quiet) td.focus();
  }
  function onKey(ev) {
    var td = ev.target;
    if (!td || td.tagName !== 'TD') return;
    var tr = td.parentNode;
    var target = null;
    if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight' || ev.key === 'Home' || ev.key === 'End') {
      var tds = Array.prototype.filter.call(tr.cells, function (c) { return c.tagName === 'TD' && !c.hidden; });
      var i = tds.indexOf(td);
      target = ev.key === 'Home' ? tds[0] : ev.key === 'End' ? tds[tds.length - 1] : tds[i + (ev.key === 'ArrowRight' ? 1 : -1)];
    } else if (ev.key === 'ArrowUp' || ev.key === 'ArrowDown') {
      var list = visibleRows().map(function (r) { return r.tr; });
      var next = list[list.indexOf(tr) + (ev.key === 'ArrowDown' ? 1 : -1)];
      target = next ? next.cells[td.cellIndex] : null;
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      td.click();
      return;
    } else return;
    ev.preventDefault();
    if (target) { focus(target); target.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
  }

  // ---- selection and the details panel ---------------------------------------------------------

  function find(sel) {
    var colIndex = -1;
    cols.forEach(function (c, i) { if (String(c.set.id) === sel.set) colIndex = i; });
    var info = null;
    rows.forEach(function (r) { if (r.tr && String(r.row.permission) === sel.permission) info = r; });
    return { col: colIndex >= 0 ? cols[colIndex] : null, colIndex: colIndex, info: info };
  }

  function select(sel, open) {
    Array.prototype.forEach.call(doc.querySelectorAll('.matrix .selected'), function (n) { n.classList.remove('selected'); });
    state.selected = sel;
    var f = find(sel);
    var panel = $('details');
    var body = $('details-body');
    var title = $('details-title');
    clear(body);
    var dl = el('dl');
    function item(term, node) { dl.appendChild(el('dt', '', term)); var dd = el('dd'); dd.appendChild(node); dl.appendChild(dd); }
    function text(t) { return doc.createTextNode(str(t)); }
    function frag() { return doc.createDocumentFragment(); }
    var at = null;
    if (sel.kind === 'cell' && f.col && f.info) {
      var row = f.info.row, col = f.col, cell = arr(row.cells)[f.colIndex];
      var td = f.info.tds[f.colIndex];
      td.classList.add('selected');
      title.textContent = str(col.set.name) + ' · ' + str(row.label);
      var ids = frag(); ids.appendChild(el('code', '', col.set.id)); ids.appendChild(text(' · ')); ids.appendChild(el('code', '', row.permission));
      item('Cell', ids);
      if (!cell || !cell.provenance) {
        item('Access', text('not granted: no grant of this permission reaches this set.'));
      } else {
        var ul = el('ul');
        arr(cell.scopes).forEach(function (s) {
          var li = el('li');
          li.appendChild(el('strong', '', s.scope));
          li.appendChild(text(' — ' + str(s.label)));
          if (s.when !== undefined) { var w = el('div', 'when', 'only when '); w.appendChild(el('code', '', s.when)); li.appendChild(w); }
          ul.appendChild(li);
        });
        item('Access', ul);
        var p = cell.provenance;
        var src = frag();
        src.appendChild(locNode(p.source && p.source.at));
        if (p.source) src.appendChild(text(' — ' + (p.source.kind === 'fragment' ? 'fragment ' : 'set ') + str(p.source.id) + (p.source.key !== row.permission ? ', key ' + str(p.source.key) : '')));
        item('Granted at', src);
        if (arr(p.via).length) {
          var ol = el('ol');
          arr(p.via).forEach(function (v) {
            var li = el('li');
            li.appendChild(text(str(v.from) + ' ' + str(v.kind) + ' ' + str(v.to) + ' at '));
            li.appendChild(locNode(v.at));
            ol.appendChild(li);
          });
          item('Path', ol);
        }
        if (p.restricted) {
          var r = frag();
          r.appendChild(text('from ' + arr(p.restricted.from).map(function (s) { return str(s.scope); }).join(' + ') + ' to ' + str(p.restricted.scope) + ' by restrict of ' + str(p.restricted.set) + ' at '));
          r.appendChild(locNode(p.restricted.at));
          item('Narrowed', r);
        }
        item('Provenance', text(p.text));
        at = p.source && p.source.at;
      }
    } else if (sel.kind === 'set' && f.col) {
      var s = f.col.set;
      f.col.th.classList.add('selected');
      title.textContent = str(s.name);
      item('Set', el('code', '', s.id));
      item('Kind', text(s.system ? 'system set' : 'custom set'));
      if (s.seat !== undefined) item('Seat', text(str(s.seatLabel !== undefined ? s.seatLabel : s.seat) + (s.paid !== undefined ? (s.paid ? ' (paid)' : ' (free)') : '')));
      if (s.extends !== undefined) item('Extends', el('code', '', s.extends));
      if (arr(s.include).length) item('Includes', text(arr(s.include).map(str).join(', ')));
      if (s.restrict !== undefined) item('Restrict', el('code', '', s.restrict));
      var n = 0;
      rows.forEach(function (r) { if (r.tr && arr(r.row.cells)[f.colIndex] && r.row.cells[f.colIndex].provenance) n++; });
      item('Grants', text(plural(n, 'permission')));
      if (s.at) item('Defined at', locNode(s.at));
      at = s.at;
    } else if (sel.kind === 'permission' && f.info) {
      var pr = f.info.row;
      f.info.tr.cells[0].classList.add('selected');
      title.textContent = str(pr.label);
      item('Permission', el('code', '', pr.permission));
      item('Area', text(f.info.area.label));
      if (pr.description) item('Description', text(pr.description));
      item('Scopes', text(arr(pr.scopes).map(str).join(', ')));
      if (pr.sensitive) item('Sensitive', text('yes'));
      if (pr.at) item('Declared at', locNode(pr.at));
      at = pr.at;
    } else {
      panel.hidden = true;
      state.selected = null;
      return;
    }
    body.appendChild(dl);
    panel.hidden = false;
    // The panel takes room from the table: keep what was chosen in view.
    var chosen = doc.querySelector('.matrix .selected');
    if (chosen && chosen.scrollIntoView) chosen.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (open) openAt(at);
  }

  function restoreSelection() {
    if (state.selected) select(state.selected, false);
  }

  // ---- wiring ------------------------------------------------------------------------------------

  $('filter-text').addEventListener('input', function (ev) { state.text = ev.target.value; apply(); });
  $('filter-area').addEventListener('change', function (ev) { state.area = ev.target.value; apply(); });
  $('filter-diff').addEventListener('change', function (ev) { state.diff = ev.target.checked; apply(); });
  Array.prototype.forEach.call(doc.querySelectorAll('[data-pick]'), function (b) {
    b.addEventListener('click', function () {
      var pick = b.getAttribute('data-pick');
      cols.forEach(function (c) {
        var on = pick === 'all' || (pick === 'system' && c.set.system) || (pick === 'custom' && !c.set.system);
        state.hidden[String(c.set.id)] = !on;
      });
      Array.prototype.forEach.call(doc.querySelectorAll('#filter-sets input[type="checkbox"]'), function (box) { box.checked = !state.hidden[box.value]; });
      apply();
    });
  });
  $('matrix').addEventListener('keydown', onKey);
  $('details-close').addEventListener('click', function () {
    $('details').hidden = true;
    state.selected = null;
    Array.prototype.forEach.call(doc.querySelectorAll('.matrix .selected'), function (n) { n.classList.remove('selected'); });
    if (focused) focused.focus();
  });
  doc.addEventListener('keydown', function (ev) { if (ev.key === 'Escape' && !$('details').hidden) $('details-close').click(); });

  window.permsetRender = render;
  if (typeof window.acquireVsCodeApi === 'function' && !hook()) {
    var vscode = null;
    try { vscode = window.acquireVsCodeApi(); } catch (e) { vscode = null; }
    if (vscode) {
      window.permsetOpenLocation = function (file, line, column) { vscode.postMessage({ type: 'permset.openLocation', file: file, line: line, column: column }); };
      window.addEventListener('message', function (ev) { var m = ev.data; if (m && m.type === 'permset.render') render(m.data); });
    }
  }

  var initial = null;
  try { initial = JSON.parse($('permset-matrix-data').textContent); } catch (e) { initial = null; }
  render(initial);
})();
`;
