import { renderCond } from './random-condition.js';
import { AREAS, type GrantSpec, type ProjectSpec } from './project-spec.js';
import { CONTEXT, RESOURCES, SUBJECT } from './random-condition.js';

/** A policy file as the compiler takes it. */
export interface PolicyFile {
  uri: string;
  text: string;
}

const key = (k: string) => (k.includes('*') ? JSON.stringify(k) : k);

/**
 * One grant entry in one of several spellings the spec allows: a bare scope, a flow list, a
 * flow object, a block list, a block object with `scope:` and `when:` (block scalars only in
 * block forms). Every spelling means the same thing.
 */
function renderGrant(g: GrantSpec): string {
  const k = key(g.key);
  if (g.value === 'none') return `  ${k}: none\n`;
  const items = g.value;
  const form = g.form % 4;
  if (items.length === 1 && !items[0]!.when && form < 2)
    return form === 0 ? `  ${k}: ${items[0]!.scope}\n` : `  ${k}: [${items[0]!.scope}]\n`;
  if (items.length === 1 && form === 2) {
    const it = items[0]!;
    return it.when
      ? `  ${k}:\n    scope: ${it.scope}\n    when: ${renderCond(it.when, 4)}\n`
      : `  ${k}: { scope: ${it.scope} }\n`;
  }
  if (form === 3) {
    return `  ${k}:\n${items.map((it) => (it.when ? `    - scope: ${it.scope}\n      when: ${renderCond(it.when, 6)}\n` : `    - ${it.scope}\n`)).join('')}`;
  }
  return `  ${k}: [${items.map((it) => (it.when ? `{ scope: ${it.scope}, when: ${renderCond(it.when, 0, true)} }` : it.scope)).join(', ')}]\n`;
}

function renderGrants(grants: GrantSpec[]): string {
  return grants.length ? `grants:\n${grants.map(renderGrant).join('')}` : 'grants: {}\n';
}

function renderCatalog(spec: ProjectSpec): string {
  const attrs = (a: Record<string, string>, pad: string) =>
    Object.entries(a)
      .map(([n, t]) => `${pad}${n}: ${JSON.stringify(t)}\n`)
      .join('');
  let out = `kind: Catalog\nsubject:\n  attributes:\n${attrs(SUBJECT, '    ')}context:\n  attributes:\n${attrs(CONTEXT, '    ')}resources:\n`;
  for (const [r, a] of Object.entries(RESOURCES))
    out += `  ${r}:\n    label: ${r}\n    attributes:\n${attrs(a, '      ')}`;
  out += 'scopes:\n';
  for (const s of spec.scopes) {
    out += `  ${s.name}:\n    label: Scope ${s.name}\n`;
    if (s.when) out += `    when: ${renderCond(s.when, 4)}\n`;
    if (s.includes.length) out += `    includes: [${s.includes.join(', ')}]\n`;
  }
  out += 'seats:\n  employee: { label: Employee, paid: true }\n  guest: { label: Guest, paid: false }\nareas:\n';
  for (const area of AREAS) {
    const perms = spec.perms.filter((p) => p.area === area.id);
    if (!perms.length) continue;
    out += `  ${area.id}:\n    label: Area ${area.id}\n${area.resource ? `    resource: ${area.resource}\n` : ''}    permissions:\n`;
    for (const p of perms) {
      out += `      ${p.id}:\n        label: Permission ${p.id}\n        scopes: [${p.scopes.join(', ')}]\n`;
      if (p.requires.length) out += `        requires: [${p.requires.join(', ')}]\n`;
    }
  }
  return out;
}

/**
 * The project's files: a catalog, one file per fragment and per set (two sets share a file as
 * two YAML documents when there are many, to exercise `---`). Raw text edits come last.
 */
export function renderProject(spec: ProjectSpec): PolicyFile[] {
  const files: PolicyFile[] = [{ uri: 'policies/catalog.yaml', text: renderCatalog(spec) }];
  for (const f of spec.fragments)
    files.push({
      uri: `policies/fragments/${f.id}.yaml`,
      text: `kind: Fragment\nid: ${f.id}\ndescription: Fragment ${f.id}\n${renderGrants(f.grants)}`,
    });
  spec.sets.forEach((s, i) => {
    let text = `kind: PermissionSet\nid: ${s.id}\nname: Set ${s.id}\n`;
    if (s.seat) text += `seat: ${s.seat}\n`;
    if (s.extends) text += `extends: ${s.extends}\n`;
    if (s.include.length) text += `include: [${s.include.join(', ')}]\n`;
    if (s.restrict) text += `restrict: ${s.restrict}\n`;
    text += renderGrants(s.grants);
    const last = files[files.length - 1]!;
    if (i % 5 === 4 && last.uri.startsWith('policies/sets/')) last.text += `---\n${text}`;
    else files.push({ uri: `policies/sets/${s.id}.yaml`, text });
  });
  for (const e of spec.textEdits) {
    const f = files[e.file % files.length]!;
    const at = Math.floor(e.at * f.text.length);
    f.text = f.text.slice(0, at) + e.insert + f.text.slice(at + e.remove);
  }
  return files;
}
