import type { Cond } from './random-condition.js';

/*
 * A generated policy project as plain data, before it is written as YAML (render-project.ts).
 * Mutations (narrowing a grant, dropping an `extends`, injecting errors) edit this data and
 * re-render, so every variant is a well-formed project text.
 */

/** A scope of the catalog; `includes` only names earlier scopes (no cycles unless injected). */
export interface ScopeSpec {
  name: string;
  when?: Cond;
  includes: string[];
}

/** A permission of the catalog. */
export interface PermSpec {
  id: string;
  area: string;
  resource?: string;
  scopes: string[];
  requires: string[];
}

/** One item of a grant value: a scope, maybe with a condition. */
export interface GrantItem {
  scope: string;
  when?: Cond;
}

/** A grant entry: key (an id or a wildcard) and value; `form` picks one of the YAML spellings. */
export interface GrantSpec {
  key: string;
  value: 'none' | GrantItem[];
  form: number;
}

/** A permission set. */
export interface SetSpec {
  id: string;
  seat?: string;
  extends?: string;
  include: string[];
  restrict?: string;
  grants: GrantSpec[];
}

/** A fragment. */
export interface FragmentSpec {
  id: string;
  grants: GrantSpec[];
}

/** A whole project. `text` edits are raw text mutations applied after rendering (error mode). */
export interface ProjectSpec {
  scopes: ScopeSpec[];
  perms: PermSpec[];
  fragments: FragmentSpec[];
  sets: SetSpec[];
  textEdits: TextEdit[];
}

/** A raw edit of one rendered file: at `at` (a fraction of the length), delete `remove` chars, insert `insert`. */
export interface TextEdit {
  file: number;
  at: number;
  remove: number;
  insert: string;
}

/** Areas and the resource type of their permissions. */
export const AREAS: { id: string; resource?: string }[] = [
  { id: 'docs', resource: 'doc' },
  { id: 'notes', resource: 'note' },
  { id: 'misc' },
];

/** Permission names inside an area (dotted, so wildcards like `*.view` and `docs.files.*` match). */
export const PERM_NAMES = ['view', 'edit', 'files.view', 'files.delete', 'share'];

/** Wildcard keys, as the spec writes them. */
export const WILDCARDS = ['*', 'docs.*', 'notes.*', 'misc.*', '*.view', 'docs.files.*', '*.files.*'];

/** Whether `pattern` matches `id`: a `*` segment matches one or more whole segments. */
export function matches(pattern: string, id: string): boolean {
  const re = pattern
    .split('.')
    .map((s) => (s === '*' ? '[^.]+(?:\\.[^.]+)*' : s))
    .join('\\.');
  return new RegExp(`^${re}$`).test(id);
}
