import type { LoadedFile } from '@permset/compiler';
import { patternMatcher } from '@permset/compiler';
import { classify, type ConditionRef, type SymbolKind, type SymbolRef } from './classify.js';
import type { PolicyWorkspace } from './policy-workspace.js';
import type { StateKey } from './workspace-state.js';
import { forEachScalar, kindOf, type PathSegment } from './yaml-location.js';

/** A name written somewhere in the workspace. */
export interface Occurrence {
  uri: string;
  ref: SymbolRef;
  /** The index of the YAML document in its file. */
  document: number;
  path: PathSegment[];
}

/** The names and conditions a file writes, in order. */
export interface FileSymbols {
  symbols: Omit<Occurrence, 'uri'>[];
  conditions: ConditionRef[];
}

// Keyed by the loaded file object, which the program replaces whenever the file changes.
const FILE_SYMBOLS: StateKey<WeakMap<LoadedFile, FileSymbols>> = { name: 'file symbols', create: () => new WeakMap() };

/** Every name and condition a loaded file of `ws` writes (memoised per version of the file, in the workspace's state). */
export function fileSymbols(ws: PolicyWorkspace, loaded: LoadedFile): FileSymbols {
  const perFile = ws.state.get(FILE_SYMBOLS);
  let found = perFile.get(loaded);
  if (found) return found;
  found = { symbols: [], conditions: [] };
  for (const doc of loaded.documents) {
    const kind = kindOf(doc.root);
    if (!kind) continue;
    forEachScalar(doc.root, (scalar, path, onKey) => {
      const c = classify(kind, path, onKey, scalar);
      if (!c) return;
      if (c.type === 'condition') found!.conditions.push(c);
      else found!.symbols.push({ ref: c, document: doc.index, path });
    });
  }
  perFile.set(loaded, found);
  return found;
}

/** Whether an occurrence names `name` of `kind` (a pattern names every permission it matches, when asked). */
export function refersTo(ref: SymbolRef, kind: SymbolKind, name: string, withPatterns: boolean): boolean {
  if (ref.kind !== kind) return false;
  if (ref.name === name) return true;
  return withPatterns && ref.pattern && kind === 'permission' && patternMatcher(ref.name)(name);
}

/**
 * Every occurrence of a name across the workspace's policy files (declarations and references),
 * in file order. A permission's references include the patterns that match it when
 * `withPatterns` is set (find references), never for rename.
 */
export function occurrencesOf(ws: PolicyWorkspace, kind: SymbolKind, name: string, withPatterns = false): Occurrence[] {
  const out: Occurrence[] = [];
  for (const uri of ws.policyFiles()) {
    const loaded = ws.loaded(uri);
    if (!loaded) continue;
    for (const s of fileSymbols(ws, loaded).symbols)
      if (refersTo(s.ref, kind, name, withPatterns)) out.push({ uri, ...s });
  }
  return out;
}

/** The declarations of a name, first (the one the compiler uses) first. */
export function declarationsOf(ws: PolicyWorkspace, kind: SymbolKind, name: string): Occurrence[] {
  return occurrencesOf(ws, kind, name).filter((o) => o.ref.declaration);
}

/** Every declaration in the workspace (for workspace symbols). */
export function allDeclarations(ws: PolicyWorkspace): Occurrence[] {
  const out: Occurrence[] = [];
  for (const uri of ws.policyFiles()) {
    const loaded = ws.loaded(uri);
    if (!loaded) continue;
    for (const s of fileSymbols(ws, loaded).symbols) if (s.ref.declaration) out.push({ uri, ...s });
  }
  return out;
}
