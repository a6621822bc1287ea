import type { Problem } from '../diagnostics/index.js';
import { makeProblem } from '../diagnostics/index.js';
import type { YEntry, YMap, YNode } from '../load/index.js';
import type { DefinitionTree } from './definition-tree.js';

/**
 * What a definition made at run time may not say, reported as `custom-set-forbidden` and removed
 * before the compiler's stages read it (so it is reported once, not again as a seat mismatch or a
 * condition error): `when` (conditions are the vendor's code), `system: true` (only the built
 * policies have system sets), `seat` (a custom set takes its base's) and a `kind` other than
 * `PermissionSet`. Then adds `kind: PermissionSet`, which the definitions leave out.
 */
export function stripForbidden(uri: string, tree: DefinitionTree, problems: Problem[]): void {
  const root = tree.doc.root;
  if (!root || root.kind !== 'map') return;
  const forbid = (map: YMap, entry: YEntry, message: string) => {
    problems.push(makeProblem('custom-set-forbidden', message, { uri, span: entry.key.span }, { fixes: [] }));
    map.entries = map.entries.filter((e) => e !== entry);
  };
  for (const entry of [...root.entries]) {
    if (entry.name === 'system' && !(entry.value.kind === 'scalar' && entry.value.value === false)) {
      forbid(
        root,
        entry,
        'A custom set cannot be a system set: only the built policies define system sets (leave out `system`).',
      );
    } else if (entry.name === 'seat') {
      forbid(
        root,
        entry,
        "A custom set cannot choose its seat: it takes its base's (leave out `seat` and pick the base with `extends`).",
      );
    } else if (entry.name === 'kind') {
      if (entry.value.kind === 'scalar' && entry.value.value === 'PermissionSet')
        root.entries = root.entries.filter((e) => e !== entry);
      else
        forbid(root, entry, "A custom set definition is a permission set: leave out `kind` (or give 'PermissionSet').");
    }
  }
  const grants = root.entries.find((e) => e.name === 'grants')?.value;
  if (grants?.kind === 'map') {
    for (const g of grants.entries)
      for (const scope of scopeMaps(g.value)) {
        const when = scope.entries.find((e) => e.name === 'when');
        if (when)
          forbid(
            scope,
            when,
            `A custom set cannot carry conditions (\`when\`): conditions are the vendor's code, written in the built policies. Grant '${g.name}' in a scope instead.`,
          );
      }
  }
  // `kind: PermissionSet` at new offsets after the definition's, pointing at the definition itself.
  let pos = tree.doc.span[1];
  const key = { kind: 'scalar' as const, value: 'kind', style: 'plain' as const, span: [pos, pos + 1] as const };
  const value = {
    kind: 'scalar' as const,
    value: 'PermissionSet',
    style: 'plain' as const,
    span: [pos + 2, pos + 3] as const,
  };
  tree.pointers.set(pos, []);
  tree.pointers.set(pos + 2, []);
  pos += 4;
  tree.doc = { ...tree.doc, span: [0, pos] };
  root.entries.unshift({ key, name: 'kind', value });
}

/** The object-form scopes of a grant value: `{ scope, when }` alone or in a list. */
function scopeMaps(value: YNode): YMap[] {
  if (value.kind === 'map') return [value];
  if (value.kind === 'seq') return value.items.filter((i): i is YMap => i.kind === 'map');
  return [];
}
