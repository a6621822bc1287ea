import type { SourceRef } from '../diagnostics/index.js';
import type { ModelLocation, ModelStep } from './policy-model-types.js';
import type { CompileResult } from '../program/index.js';
import type { GrantSource } from '../resolve/index.js';

/**
 * The line a change comes from, with how it reaches the set: the set's own line, a base set's
 * line (`inherited`, with the `extends` chain in `via`) or a fragment's (through an `include`).
 */
export interface Attribution {
  /** A grant entry, a `none` entry that removes the permission, or a `restrict`. */
  what: 'grant' | 'none' | 'restrict';
  at: ModelLocation;
  /** The entry's key when it is not the permission itself (a wildcard such as `invoices.*`). */
  key?: string;
  /** Who wrote the line. */
  owner: { kind: 'set' | 'fragment'; id: string };
  /** Whether the line belongs to another set or a fragment rather than the set itself. */
  inherited: boolean;
  /** From the set down to the owner: its `extends`/`include` steps (empty for its own line). */
  via: ModelStep[];
}

/**
 * Finds the `none` entry that removes `permission` from `set` (its own, an included fragment's or
 * a base's), or `undefined` when nothing removes it (it was simply never granted).
 */
export type RemovalLookup = (set: string, permission: string) => Attribution | undefined;

/**
 * A {@link RemovalLookup} over a compilation. The {@link PolicyModel} lists only what sets hold,
 * so a diff that wants to show "removed by `none` at …" for a lost cell asks the compilation.
 * Walks the layers in reverse of how the resolver applied them (own grants, fragments last to
 * first, then the base) and stops at the first layer that decides the permission. `fileName`
 * names files as the model does, and `locate` places what is not in a file, as the model's option.
 */
export function removalLookup(
  result: CompileResult,
  fileName: (uri: string) => string = (u) => u,
  locate?: (ref: SourceRef) => ModelLocation | undefined,
): RemovalLookup {
  const { resolution } = result.resolved;
  const loc = (ref: SourceRef): ModelLocation => {
    const own = locate?.(ref);
    if (own) return own;
    const pos = result.files.get(ref.uri)?.positionAt(ref.span[0]) ?? { line: 0, character: 0 };
    return { file: fileName(ref.uri), line: pos.line + 1, column: pos.character + 1 };
  };
  const removal = (setId: string, permission: string, source: GrantSource, via: ModelStep[]): Attribution => ({
    what: 'none',
    at: loc({ uri: source.entry.uri, span: source.entry.keySpan }),
    ...(source.entry.key === permission ? {} : { key: source.entry.key }),
    owner: { kind: source.ownerKind, id: source.ownerId },
    inherited: source.ownerKind === 'fragment' || source.ownerId !== setId || via.length > 0,
    via,
  });

  return (setId, permission) => {
    let set = resolution.sets.get(setId);
    if (!set || set.effective.has(permission)) return undefined;
    const via: ModelStep[] = [];
    // Bounded like `provenance`: a base chain is finite, but the guard costs nothing.
    for (let guard = 0; set && guard < 100_000; guard++) {
      const own = set.own.get(permission);
      if (own) return own.decision.kind === 'remove' ? removal(setId, permission, own.decision.source, via) : undefined;
      for (let i = set.fragments.length - 1; i >= 0; i--) {
        const fragment = set.fragments[i]!;
        const decision = resolution.fragmentLayers.get(fragment.id.value)?.get(permission);
        if (!decision) continue;
        if (decision.kind !== 'remove') return undefined;
        const inc = set.def.include.find((x) => x.value === fragment.id.value);
        const step: ModelStep[] = inc
          ? [
              {
                kind: 'include',
                from: set.id,
                to: fragment.id.value,
                at: loc({ uri: set.def.origin.uri, span: inc.span }),
              },
            ]
          : [];
        return removal(setId, permission, decision.source, [...via, ...step]);
      }
      if (!set.base || !set.def.extends) return undefined;
      via.push({
        kind: 'extends',
        from: set.id,
        to: set.base.id,
        at: loc({ uri: set.def.origin.uri, span: set.def.extends.span }),
      });
      set = set.base;
    }
    return undefined;
  };
}
