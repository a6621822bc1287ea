// The hand-written floor: what someone would write for the same policies with no safety at all
// (nested Maps or arrays of closures reading attributes directly). Shared by
// bench/evaluator-bench.mjs and bench/compare-engines.mjs, so both measure the same floor.
import { importSource } from './engine.mjs';

/**
 * The floor as source: per (set, permission), a closure over direct attribute reads. Conditions
 * are translated without any checks (`==` is `===`, `in` is `includes`); literal lists are
 * hoisted so the floor does not allocate either.
 *
 * @param {import('../../packages/compiler/dist/index.js').PolicyModel} model
 * @param {typeof import('../../packages/compiler/dist/index.js').parseCondition} parseCondition
 * @returns {string} an ES module exporting BY_ID, BY_HANDLE, GRANTED_BY_ID and GRANTED_BY_HANDLE
 */
export function floorSource(model, parseCondition) {
  const lines = [];
  const lists = [];
  const cond = (e) => {
    switch (e.kind) {
      case 'literal':
        return JSON.stringify(e.value);
      case 'path':
        return `${e.root[0]}[${JSON.stringify(e.segments[0])}]`;
      case 'has':
        return `(${e.path.root[0]}[${JSON.stringify(e.path.segments[0])}] != null)`;
      case 'not':
        return `!${cond(e.operand)}`;
      case 'and':
        return `(${cond(e.left)} && ${cond(e.right)})`;
      case 'or':
        return `(${cond(e.left)} || ${cond(e.right)})`;
      case 'compare':
        return `(${cond(e.left)} ${e.op === '==' ? '===' : e.op === '!=' ? '!==' : e.op} ${cond(e.right)})`;
      case 'in': {
        if (e.list.kind === 'list') {
          lists.push(`const L${lists.length} = ${JSON.stringify(e.list.items.map((i) => i.value))};`);
          return `L${lists.length - 1}.includes(${cond(e.element)})`;
        }
        return `${cond(e.list)}.includes(${cond(e.element)})`;
      }
    }
  };
  const scopes = new Map(model.scopes.map((s) => [s.name, s]));
  const scopeCond = (name) => {
    const s = scopes.get(name);
    const parts = [];
    for (const c of [s.name, ...s.covers.filter((x) => x !== s.name)]) {
      const when = scopes.get(c).when;
      if (when === undefined) return 'true';
      parts.push(cond(parseCondition(when).ast));
    }
    return parts.join(' || ');
  };
  const fns = new Map();
  const fnOf = (perm, grant) => {
    const alts = grant.scopes.map(
      (s) => `(${scopeCond(s.scope)})${s.when ? ` && ${cond(parseCondition(s.when).ast)}` : ''}`,
    );
    const body = `${perm.resourceType ? `r.type === ${JSON.stringify(perm.resourceType)} && ` : ''}(${alts.join(' || ')})`;
    if (!fns.has(body)) {
      fns.set(body, `f${fns.size}`);
      lines.push(`const f${fns.size - 1} = (s, r, c) => ${body};`);
    }
    return fns.get(body);
  };
  const perms = new Map(model.permissions.map((p) => [p.id, p]));
  const rows = model.sets.map((set) => {
    const row = new Map(set.grants.map((g) => [g.permission, fnOf(perms.get(g.permission), g)]));
    return row;
  });
  lines.push('const no = () => false;');
  lines.push(
    `export const BY_ID = new Map([${model.sets.map((s, i) => `[${JSON.stringify(s.id)}, new Map([${[...rows[i]].map(([p, f]) => `[${JSON.stringify(p)}, ${f}]`).join(', ')}])]`).join(',\n')}]);`,
  );
  const handleRow = (row) => `[${model.permissions.map((p) => row.get(p.id) ?? 'no').join(', ')}, no]`;
  lines.push(`export const BY_HANDLE = [${rows.map(handleRow).join(',\n')}, ${handleRow(new Map())}];`);
  lines.push(
    `export const GRANTED_BY_ID = new Map([${model.sets.map((s, i) => `[${JSON.stringify(s.id)}, new Map([${[...rows[i].keys()].map((p) => `[${JSON.stringify(p)}, true]`).join(', ')}])]`).join(',\n')}]);`,
  );
  const grantedRow = (row) => `[${model.permissions.map((p) => (row.has(p.id) ? 'true' : 'false')).join(', ')}, false]`;
  lines.push(`export const GRANTED_BY_HANDLE = [${rows.map(grantedRow).join(',\n')}, ${grantedRow(new Map())}];`);
  return [...lists, ...lines].join('\n') + '\n';
}

/**
 * The floor with string ids as an engine: `Map` (set) → `Map` (permission) → closure, exactly
 * the loop of bench/evaluator-bench.mjs.
 *
 * @param {{ model: import('../../packages/compiler/dist/index.js').PolicyModel, parseCondition: typeof import('../../packages/compiler/dist/index.js').parseCondition }} input
 * @returns {Promise<import('./engine.mjs').Engine>}
 */
export async function createFloorEngine({ model, parseCondition }) {
  const floor = await importSource(floorSource(model, parseCondition), 'floor.mjs');
  const byId = floor.BY_ID;
  return {
    name: 'hand-written floor (string ids)',
    detail: 'Map → Map → closure reading attributes directly, no checks (bench/engines/floor.mjs)',
    prepare: (q) => q,
    decide(q) {
      const row = byId.get(q.subject.set);
      const f = row === undefined ? undefined : row.get(q.permission);
      return f !== undefined && f(q.subject, q.resource, q.context);
    },
    run(requests, n) {
      let a = 0;
      let j = 0;
      const len = requests.length;
      for (let i = 0; i < n; i++) {
        const q = requests[j];
        const row = byId.get(q.subject.set);
        const f = row === undefined ? undefined : row.get(q.permission);
        if (f !== undefined && f(q.subject, q.resource, q.context)) a++;
        if (++j === len) j = 0;
      }
      return a;
    },
  };
}
