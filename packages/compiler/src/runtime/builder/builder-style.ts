/**
 * The element's style sheet (CSS, not code). A product restyles the element through the custom
 * properties below (set them on `permset-builder` or any ancestor) and through the `part`s
 * listed in docs/builder.md (`permset-builder::part(permission) { ... }`).
 */
export const BUILDER_STYLE = `
:host {
  --_fg: var(--permset-fg, #1f2328);
  --_bg: var(--permset-bg, #ffffff);
  --_surface: var(--permset-surface, #f6f8fa);
  --_muted: var(--permset-muted, #57606a);
  --_border: var(--permset-border, #d0d7de);
  --_accent: var(--permset-accent, #0b5cad);
  --_accent-fg: var(--permset-accent-fg, #ffffff);
  --_error: var(--permset-error, #b42318);
  --_warning: var(--permset-warning, #8a5300);
  --_sensitive: var(--permset-sensitive, #8c2f9e);
  --_changed: var(--permset-changed, #0b5cad);
  --_focus: var(--permset-focus, #0969da);
  --_radius: var(--permset-radius, 6px);
  display: block;
  font-family: var(--permset-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  font-size: var(--permset-font-size, 14px);
  line-height: 1.45;
  color: var(--_fg);
  background: var(--_bg);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.builder { display: flex; flex-direction: column; gap: 12px; padding: 12px 16px; }
h2 { font-size: 1.35em; margin: 0; font-weight: 600; }
h3 { font-size: 1.05em; margin: 0; font-weight: 600; }
.details { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px 16px; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 12px; }
.field { display: flex; flex-direction: column; gap: 4px; }
.field.wide { grid-column: 1 / -1; }
label, .label { font-weight: 600; }
.hint { color: var(--_muted); font-size: 0.9em; margin: 0; }
input[type=text], textarea, select {
  font: inherit; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border);
  border-radius: var(--_radius); padding: 4px 8px; min-height: 30px;
}
textarea { resize: vertical; min-height: 48px; }
[aria-invalid=true] { border-color: var(--_error); }
:focus-visible, summary:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
button {
  font: inherit; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 5px 12px;
  background: var(--_surface); color: var(--_fg); cursor: pointer; min-height: 30px;
}
button.primary { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
button[aria-disabled=true] { opacity: 0.75; cursor: not-allowed; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.toolbar .spacer { flex: 1; }
.badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 0.85em; border: 1px solid currentColor; white-space: nowrap; }
.badge.sensitive { color: var(--_sensitive); }
.badge.seat { color: var(--_muted); }
.problems { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 8px 12px; }
.problems.has-errors { border-color: var(--_error); }
.problems ul, .diagnostics { list-style: none; margin: 4px 0 0; padding: 0; }
.problems button.link { border: none; background: none; padding: 0; text-align: left; color: inherit; text-decoration: underline; min-height: 0; }
.diagnostic { margin: 2px 0; }
.diagnostic.error { color: var(--_error); }
.diagnostic.warning { color: var(--_warning); }
.diagnostic .code { font-family: var(--permset-mono, ui-monospace, monospace); font-size: 0.85em; }
.areas { display: flex; flex-direction: column; gap: 8px; }
details.area { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); }
/* Areas out of view are not laid out or painted until scrolled to: a catalog of hundreds of
   permissions renders in the time of the first screenful. */
details.area { content-visibility: auto; contain-intrinsic-size: auto 320px; }
details.area > summary { cursor: pointer; padding: 8px 12px; background: var(--_surface); border-radius: var(--_radius); display: flex; gap: 12px; align-items: baseline; }
details.area > summary .count { color: var(--_muted); font-size: 0.9em; margin-left: auto; }
ul.permissions { list-style: none; margin: 0; padding: 0; }
li.permission { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 2px 12px; padding: 8px 12px; border-top: 1px solid var(--_border); }
li.permission.changed { box-shadow: inset 3px 0 0 var(--_changed); }
li.permission.unavailable .toggle-label { color: var(--_muted); }
.toggle { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.toggle input { width: 18px; height: 18px; margin: 0; accent-color: var(--_accent); }
.toggle-label { font-weight: 500; }
.permission .description, .permission .note, .permission .diagnostics { grid-column: 1 / -1; margin: 0; }
.permission .description { color: var(--_muted); font-size: 0.9em; }
.permission .note { font-size: 0.9em; color: var(--_changed); }
.permission select { align-self: start; }
dialog { border: 1px solid var(--_border); border-radius: var(--_radius); color: var(--_fg); background: var(--_bg); max-width: min(760px, 92vw); max-height: 85vh; padding: 16px; }
dialog::backdrop { background: rgba(0, 0, 0, 0.35); }
dialog .dialog-head { display: flex; justify-content: space-between; gap: 12px; align-items: baseline; }
table { border-collapse: collapse; width: 100%; margin-top: 8px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--_border); vertical-align: top; }
td.none { color: var(--_muted); }
.preview-area { margin-top: 10px; }
.preview-area ul { margin: 4px 0; padding-left: 20px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
