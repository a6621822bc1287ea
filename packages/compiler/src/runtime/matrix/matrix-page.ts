/**
 * The access matrix page (matrix.html): draws the table, filters and details panel from the
 * access matrix embedded as JSON in `<script type="application/json" id="permset-matrix-data">`,
 * and only ever writes policy text with `textContent`/attributes, never as markup. It also
 * exposes:
 *
 * - `window.permsetRender(data)`: re-render with a new access matrix, keeping the filters (an
 *   editor webview calls it when the policies change); returns false for data that is not a
 *   matrix, and shows why.
 * - `window.permsetOpenLocation(file, line, column)`: called, when defined, on a click on a cell
 *   (the grant's source), a set header (the set) or a permission (its catalog entry). Inside a VS
 *   Code webview (`acquireVsCodeApi` exists) and with no hook defined, the page defines one that
 *   posts `{ type: 'permset.openLocation', file, line, column }`, and it re-renders on a
 *   `{ type: 'permset.render', data }` message.
 *
 * Checked with the DOM lib by this folder's tsconfig; `npm run generate` erases its types into
 * runtime/generated/matrix-text.ts, emitted after matrix-text.ts inside one function (so nothing
 * leaks into the page's globals) by emit/matrix/matrix-page-script.ts. The text is a constant (the
 * data lives in the JSON element), so the page's Content-Security-Policy allows it by its hash.
 * It runs the moment the page's script element is parsed, after the elements it draws into.
 *
 * @module
 */
import {
  arr,
  cellKey,
  cellTitle,
  conditionSample,
  dict,
  diffHint,
  haystack,
  isMatrix,
  levelClass,
  locText,
  matchesTerms,
  plural,
  rowTitle,
  scopesByName,
  searchTerms,
  seatBadge,
  seatTitle,
  setTitle,
  str,
  summaryText,
  type PageArea,
  type PageColumn,
  type PageLocation,
  type PageMatrix,
  type PageRow,
  type ScopeInfo,
} from './matrix-text.js';

/** What the page adds to `window`, and what a VS Code webview offers it. */
declare global {
  interface Window {
    permsetRender?: (input: unknown) => boolean;
    permsetOpenLocation?: (file: string, line: number, column: number) => void;
    acquireVsCodeApi?: () => { postMessage(message: unknown): void };
  }
}

/** A drawn column: its header cell is set by `buildTable`. */
interface Column extends PageColumn {
  th?: HTMLTableCellElement;
}
/** A drawn permission row, with what the filters compare. */
interface RowEntry {
  tr: HTMLTableRowElement;
  row: PageRow;
  area: PageArea;
  tds: HTMLTableCellElement[];
  keys: string[];
  haystack: string;
}
/** A drawn area: its body is hidden when none of its rows is shown. */
interface GroupEntry {
  tr?: undefined;
  body: HTMLTableSectionElement;
  th: HTMLTableCellElement;
  rows: RowEntry[];
}
/** What the details panel shows. */
interface Selection {
  kind: 'cell' | 'set' | 'permission';
  set?: string;
  permission?: string;
}

var doc = document;
var state = { text: '', area: '', hidden: dict<boolean>(), diff: false, selected: null as Selection | null };
var data: PageMatrix = { sets: [], areas: [] };
var cols: Column[] = [];
var rows: (RowEntry | GroupEntry)[] = [];
var scopeInfo: ScopeInfo = dict();
var focused: HTMLTableCellElement | null = null;

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  return doc.getElementById(id) as T;
}
function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: unknown): HTMLElementTagNameMap[K] {
  var e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = str(text);
  return e;
}
function clear(node: Node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}
function hook() {
  return typeof window.permsetOpenLocation === 'function' ? window.permsetOpenLocation : null;
}
function openAt(at: PageLocation | null | undefined) {
  var h = hook();
  if (!h || !at) return;
  try {
    h(String(at.file), Number(at.line), Number(at.column));
  } catch (e) {
    /* the host reports its own errors */
  }
}
function setLoc(node: Element, at: PageLocation | undefined) {
  if (!at) return;
  node.setAttribute('data-file', String(at.file));
  node.setAttribute('data-line', String(at.line));
  node.setAttribute('data-column', String(at.column));
}
function locNode(at: PageLocation | undefined) {
  if (!hook()) return el('span', 'loc mono', locText(at));
  var b = el('button', 'loc mono', locText(at));
  b.type = 'button';
  b.title = 'Open ' + locText(at);
  b.addEventListener('click', function () {
    openAt(at);
  });
  return b;
}

// ---- rendering ------------------------------------------------------------------------------

function render(input: unknown): boolean {
  if (!isMatrix(input)) {
    showError('This is not an access matrix (expected an object with "sets" and "areas").');
    return false;
  }
  data = input;
  scopeInfo = scopesByName(data);
  cols = data.sets.map(function (s, i) {
    return { set: s || {}, index: i };
  });
  buildControls();
  buildLegend();
  buildTable();
  apply();
  restoreSelection();
  return true;
}

function showError(message: string) {
  var wrap = $('table-wrap');
  var err = $('matrix-error');
  if (!err) {
    err = el('p', 'error');
    err.id = 'matrix-error';
    err.setAttribute('role', 'alert');
    wrap.insertBefore(err, wrap.firstChild);
  }
  err.textContent = message;
  err.hidden = false;
}

function buildControls() {
  var err = $('matrix-error');
  if (err) err.hidden = true;
  var area = $<HTMLSelectElement>('filter-area');
  clear(area);
  area.appendChild(new Option('All areas', ''));
  var areaIds = dict<boolean>();
  data.areas.forEach(function (a) {
    if (!a || !arr(a.rows).length) return;
    areaIds[String(a.id)] = true;
    area.appendChild(new Option(str(a.label) + ' (' + arr(a.rows).length + ')', String(a.id)));
  });
  if (!areaIds[state.area]) state.area = '';
  area.value = state.area;
  $<HTMLInputElement>('filter-text').value = state.text;
  $<HTMLInputElement>('filter-diff').checked = state.diff;

  var groups = { system: $('sets-system'), custom: $('sets-custom') };
  clear(groups.system);
  clear(groups.custom);
  groups.system.appendChild(el('legend', '', 'System sets'));
  groups.custom.appendChild(el('legend', '', 'Custom sets'));
  var known = dict<boolean>();
  cols.forEach(function (c) {
    var id = String(c.set.id);
    known[id] = true;
    var label = el('label');
    var box = doc.createElement('input');
    box.type = 'checkbox';
    box.value = id;
    box.checked = !state.hidden[id];
    box.addEventListener('change', function () {
      state.hidden[id] = !box.checked;
      apply();
    });
    label.appendChild(box);
    label.appendChild(el('span', '', c.set.name));
    label.appendChild(el('code', 'hint', id));
    (c.set.system ? groups.system : groups.custom).appendChild(label);
  });
  Object.keys(state.hidden).forEach(function (id) {
    if (!known[id]) delete state.hidden[id];
  });
  groups.system.hidden = !cols.some(function (c) {
    return c.set.system;
  });
  groups.custom.hidden = !cols.some(function (c) {
    return !c.set.system;
  });
}

function buildLegend() {
  var legend = $('legend');
  clear(legend);
  legend.appendChild(doc.createTextNode('Scopes: '));
  arr(data.scopes).forEach(function (s, i) {
    if (!s) return;
    if (i) legend.appendChild(doc.createTextNode(' · '));
    var sw = el('span', 'swatch ' + levelClass(scopeInfo, [{ scope: s.name }]), s.name);
    sw.title = str(s.label) + (s.when ? ' (when ' + str(s.when) + ')' : '');
    legend.appendChild(sw);
    legend.appendChild(doc.createTextNode(' ' + str(s.label)));
  });
  legend.appendChild(doc.createTextNode('. '));
  // No cell with a condition, no explanation of the mark.
  var sample = conditionSample(data);
  if (sample) {
    legend.appendChild(el('span', 'swatch cond-mark ' + levelClass(scopeInfo, [{ scope: sample }]), sample + '†'));
    legend.appendChild(doc.createTextNode(' the grant adds a condition; '));
  }
  legend.appendChild(el('em', '', 'italic'));
  legend.appendChild(
    doc.createTextNode(
      ': narrowed by restrict; blank: not granted. Hover a cell for where it comes from, click it for details.',
    ),
  );
}

function buildTable() {
  var table = $<HTMLTableElement>('matrix');
  table.hidden = false;
  Array.prototype.slice.call(table.tBodies).forEach(function (b) {
    table.removeChild(b);
  });
  var thead = table.tHead!;
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
    var seat = seatBadge(s);
    if (seat) {
      // A long seat label wraps inside the column (the stylesheet); the title has it on one line.
      var badge = el('span', 'badge seat' + (s.paid === false ? ' free' : ''), seat);
      badge.title = seatTitle(s);
      badges.appendChild(badge);
    }
    if (!s.system) badges.appendChild(el('span', 'badge custom', 'custom'));
    th.appendChild(badges);
    th.title = setTitle(s);
    th.addEventListener('click', function () {
      select({ kind: 'set', set: String(s.id) }, true);
    });
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
    var group: GroupEntry = { body: body, th: ath, rows: [] };
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
      rth.title = rowTitle(row);
      rth.addEventListener('click', function () {
        select({ kind: 'permission', permission: String(row.permission) }, true);
      });
      tr.appendChild(rth);
      var info: RowEntry = { tr: tr, row: row, area: a, tds: [], keys: [], haystack: haystack(row) };
      cols.forEach(function (c, i) {
        var cell = arr(row.cells)[i];
        var td = doc.createElement('td');
        td.tabIndex = -1;
        td.setAttribute('data-set', String(c.set.id));
        td.setAttribute('data-permission', String(row.permission));
        var granted = !!(cell && cell.provenance);
        td.className = [
          granted ? levelClass(scopeInfo, cell!.scopes) : 'none',
          cell && cell.conditional ? 'cond' : '',
          cell && cell.provenance && cell.provenance.restricted ? 'restricted' : '',
        ]
          .filter(Boolean)
          .join(' ');
        if (granted) setLoc(td, cell!.provenance!.source && cell!.provenance!.source.at);
        td.textContent = granted ? str(cell!.text) : '';
        td.title = cellTitle(c, row, cell);
        if (!granted) td.appendChild(el('span', 'sr-only', 'not granted'));
        td.addEventListener('click', function () {
          focus(td);
          select({ kind: 'cell', permission: String(row.permission), set: String(c.set.id) }, true);
        });
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
  var shown = cols.filter(function (c) {
    return !state.hidden[String(c.set.id)];
  });
  var canDiff = shown.length >= 2;
  var diffBox = $<HTMLInputElement>('filter-diff');
  diffBox.disabled = !canDiff;
  var diff = state.diff && canDiff;
  var terms = searchTerms(state.text);
  var firstCustom: number | null = null;
  cols.forEach(function (c) {
    var hidden = !!state.hidden[String(c.set.id)];
    c.th!.hidden = hidden;
    if (!hidden && !c.set.system && firstCustom === null) firstCustom = c.index;
  });
  var total = 0,
    visible = 0,
    differing = 0;
  rows.forEach(function (info) {
    if (!info.tr) {
      var any = info.rows.some(function (r) {
        return !r.tr.hidden;
      });
      info.body.hidden = !any;
      info.th.colSpan = 1 + shown.length;
      return;
    }
    total++;
    var show = (!state.area || String(info.area.id) === state.area) && matchesTerms(info.haystack, terms);
    var differs = false;
    var first: string | null = null;
    cols.forEach(function (c, i) {
      var hidden = !!state.hidden[String(c.set.id)];
      var td = info.tds[i]!;
      td.hidden = hidden;
      td.classList.toggle(
        'first-custom',
        c.index === firstCustom && shown.length > 1 && shown[0]!.index !== firstCustom,
      );
      if (hidden) return;
      if (first === null) first = info.keys[i]!;
      else if (info.keys[i] !== first) differs = true;
    });
    if (show && differs) differing++;
    if (diff && !differs) show = false;
    info.tr.hidden = !show;
    if (show) visible++;
  });
  cols.forEach(function (c) {
    c.th!.classList.toggle(
      'first-custom',
      c.index === firstCustom && shown.length > 1 && shown[0]!.index !== firstCustom,
    );
  });
  $('empty').hidden = visible > 0 || total === 0;
  $('sets-count').textContent = '(' + shown.length + ' of ' + cols.length + ')';
  $('diff-hint').textContent = diffHint(canDiff, diff, differing);
  var summary = summaryText(visible, total, shown.length, cols.length, diff);
  $('summary').textContent = summary;
  $('caption').textContent =
    'Access matrix: ' + summary + '. Rows are permissions grouped by area; columns are permission sets.';
  if (focused && (focused.hidden || (focused.parentNode as HTMLElement).hidden)) focused = null;
  if (!focused) {
    var td = firstVisibleCell();
    if (td) focus(td, true);
  }
}

function visibleRows() {
  return rows.filter(function (r): r is RowEntry {
    return !!r.tr && !r.tr.hidden;
  });
}
function firstVisibleCell() {
  var r = visibleRows()[0];
  if (!r) return null;
  for (var i = 0; i < r.tds.length; i++) if (!r.tds[i]!.hidden) return r.tds[i]!;
  return null;
}

// ---- keyboard (one tab stop; arrows move inside the table) -------------------------------------

function focus(td: HTMLTableCellElement, quiet?: boolean) {
  if (focused && focused !== td) focused.tabIndex = -1;
  focused = td;
  td.tabIndex = 0;
  if (!quiet) td.focus();
}
function onKey(ev: KeyboardEvent) {
  var td = ev.target as HTMLTableCellElement | null;
  if (!td || td.tagName !== 'TD') return;
  var tr = td.parentNode as HTMLTableRowElement;
  var target: HTMLTableCellElement | null | undefined = null;
  if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight' || ev.key === 'Home' || ev.key === 'End') {
    var tds = Array.prototype.filter.call(tr.cells, function (c: HTMLTableCellElement) {
      return c.tagName === 'TD' && !c.hidden;
    }) as HTMLTableCellElement[];
    var i = tds.indexOf(td);
    target =
      ev.key === 'Home' ? tds[0] : ev.key === 'End' ? tds[tds.length - 1] : tds[i + (ev.key === 'ArrowRight' ? 1 : -1)];
  } else if (ev.key === 'ArrowUp' || ev.key === 'ArrowDown') {
    var list = visibleRows().map(function (r) {
      return r.tr;
    });
    var next = list[list.indexOf(tr) + (ev.key === 'ArrowDown' ? 1 : -1)];
    target = next ? next.cells[td.cellIndex] : null;
  } else if (ev.key === 'Enter' || ev.key === ' ') {
    ev.preventDefault();
    td.click();
    return;
  } else return;
  ev.preventDefault();
  if (target) {
    focus(target);
    target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

// ---- selection and the details panel ---------------------------------------------------------

function find(sel: Selection) {
  var colIndex = -1;
  cols.forEach(function (c, i) {
    if (String(c.set.id) === sel.set) colIndex = i;
  });
  var info: RowEntry | null = null;
  rows.forEach(function (r) {
    if (r.tr && String(r.row.permission) === sel.permission) info = r;
  });
  return { col: colIndex >= 0 ? cols[colIndex] : null, colIndex: colIndex, info: info as RowEntry | null };
}

function select(sel: Selection, open: boolean) {
  Array.prototype.forEach.call(doc.querySelectorAll('.matrix .selected'), function (n: Element) {
    n.classList.remove('selected');
  });
  state.selected = sel;
  var f = find(sel);
  var panel = $('details');
  var body = $('details-body');
  var title = $('details-title');
  clear(body);
  var dl = el('dl');
  function item(term: string, node: Node) {
    dl.appendChild(el('dt', '', term));
    var dd = el('dd');
    dd.appendChild(node);
    dl.appendChild(dd);
  }
  function text(t: unknown) {
    return doc.createTextNode(str(t));
  }
  function frag() {
    return doc.createDocumentFragment();
  }
  var at: PageLocation | undefined = undefined;
  if (sel.kind === 'cell' && f.col && f.info) {
    var row = f.info.row,
      col = f.col,
      cell = arr(row.cells)[f.colIndex];
    var td = f.info.tds[f.colIndex]!;
    td.classList.add('selected');
    title.textContent = str(col.set.name) + ' · ' + str(row.label);
    var ids = frag();
    ids.appendChild(el('code', '', col.set.id));
    ids.appendChild(text(' · '));
    ids.appendChild(el('code', '', row.permission));
    item('Cell', ids);
    if (!cell || !cell.provenance) {
      item('Access', text('not granted: no grant of this permission reaches this set.'));
    } else {
      var ul = el('ul');
      arr(cell.scopes).forEach(function (s) {
        var li = el('li');
        li.appendChild(el('strong', '', s.scope));
        li.appendChild(text(' — ' + str(s.label)));
        if (s.when !== undefined) {
          var w = el('div', 'when', 'only when ');
          w.appendChild(el('code', '', s.when));
          li.appendChild(w);
        }
        ul.appendChild(li);
      });
      item('Access', ul);
      var p = cell.provenance;
      var src = frag();
      src.appendChild(locNode(p.source && p.source.at));
      if (p.source)
        src.appendChild(
          text(
            ' — ' +
              (p.source.kind === 'fragment' ? 'fragment ' : 'set ') +
              str(p.source.id) +
              (p.source.key !== row.permission ? ', key ' + str(p.source.key) : ''),
          ),
        );
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
        r.appendChild(
          text(
            'from ' +
              arr(p.restricted.from)
                .map(function (s) {
                  return str(s.scope);
                })
                .join(' + ') +
              ' to ' +
              str(p.restricted.scope) +
              ' by restrict of ' +
              str(p.restricted.set) +
              ' at ',
          ),
        );
        r.appendChild(locNode(p.restricted.at));
        item('Narrowed', r);
      }
      item('Provenance', text(p.text));
      at = p.source && p.source.at;
    }
  } else if (sel.kind === 'set' && f.col) {
    var s = f.col.set;
    f.col.th!.classList.add('selected');
    title.textContent = str(s.name);
    item('Set', el('code', '', s.id));
    item('Kind', text(s.system ? 'system set' : 'custom set'));
    if (s.seat !== undefined)
      item(
        'Seat',
        text(
          str(s.seatLabel !== undefined ? s.seatLabel : s.seat) +
            (s.paid !== undefined ? (s.paid ? ' (paid)' : ' (free)') : ''),
        ),
      );
    if (s.extends !== undefined) item('Extends', el('code', '', s.extends));
    if (arr(s.include).length) item('Includes', text(arr(s.include).map(str).join(', ')));
    if (s.restrict !== undefined) item('Restrict', el('code', '', s.restrict));
    var n = 0;
    rows.forEach(function (r) {
      if (r.tr && arr(r.row.cells)[f.colIndex] && r.row.cells![f.colIndex]!.provenance) n++;
    });
    item('Grants', text(plural(n, 'permission')));
    if (s.at) item('Defined at', locNode(s.at));
    at = s.at;
  } else if (sel.kind === 'permission' && f.info) {
    var pr = f.info.row;
    f.info.tr.cells[0]!.classList.add('selected');
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

$('filter-text').addEventListener('input', function (ev) {
  state.text = (ev.target as HTMLInputElement).value;
  apply();
});
$('filter-area').addEventListener('change', function (ev) {
  state.area = (ev.target as HTMLSelectElement).value;
  apply();
});
$('filter-diff').addEventListener('change', function (ev) {
  state.diff = (ev.target as HTMLInputElement).checked;
  apply();
});
Array.prototype.forEach.call(doc.querySelectorAll('[data-pick]'), function (b: Element) {
  b.addEventListener('click', function () {
    var pick = b.getAttribute('data-pick');
    cols.forEach(function (c) {
      var on = pick === 'all' || (pick === 'system' && c.set.system) || (pick === 'custom' && !c.set.system);
      state.hidden[String(c.set.id)] = !on;
    });
    Array.prototype.forEach.call(
      doc.querySelectorAll('#filter-sets input[type="checkbox"]'),
      function (box: HTMLInputElement) {
        box.checked = !state.hidden[box.value];
      },
    );
    apply();
  });
});
$('matrix').addEventListener('keydown', onKey);
$('details-close').addEventListener('click', function () {
  $('details').hidden = true;
  state.selected = null;
  Array.prototype.forEach.call(doc.querySelectorAll('.matrix .selected'), function (n: Element) {
    n.classList.remove('selected');
  });
  if (focused) focused.focus();
});
doc.addEventListener('keydown', function (ev) {
  if (ev.key === 'Escape' && !$('details').hidden) $('details-close').click();
});

window.permsetRender = render;
if (typeof window.acquireVsCodeApi === 'function' && !hook()) {
  var vscode: { postMessage(message: unknown): void } | null = null;
  try {
    vscode = window.acquireVsCodeApi();
  } catch (e) {
    vscode = null;
  }
  if (vscode) {
    window.permsetOpenLocation = function (file, line, column) {
      vscode!.postMessage({ type: 'permset.openLocation', file: file, line: line, column: column });
    };
    window.addEventListener('message', function (ev) {
      var m = ev.data;
      if (m && m.type === 'permset.render') render(m.data);
    });
  }
}

var initial: unknown = null;
try {
  initial = JSON.parse($('permset-matrix-data').textContent!);
} catch (e) {
  initial = null;
}
render(initial);
