import type { Kind, Span, YScalar } from '@permset/compiler';
import type { PathSegment } from './yaml-location.js';

/** The kinds of named things policy files declare and refer to. */
export type SymbolKind = 'permission' | 'set' | 'fragment' | 'guard' | 'scope' | 'seat' | 'resource-type';

/** A name written in a policy file: a declaration of a thing, or a reference to one. */
export interface SymbolRef {
  type: 'symbol';
  kind: SymbolKind;
  name: string;
  /** The scalar's span (quotes included). */
  span: Span;
  declaration: boolean;
  /** A permission pattern (`invoices.*`): it refers to every permission it matches. */
  pattern: boolean;
  /** For a scope granted on a permission: that permission (or pattern). */
  permission?: string;
}

/** A condition (`when:`), with what gives it its attributes: a grant's permission or a scope. */
export interface ConditionRef {
  type: 'condition';
  scalar: YScalar;
  /** The permission (or pattern) the grant is on; undefined for a scope's condition. */
  permission?: string;
  /** The scope whose condition it is (catalog `scopes.x.when`). */
  scope?: string;
}

/** Where a name or condition is in a document, by kind and path. */
export type Classified = SymbolRef | ConditionRef;

const num = (s: PathSegment | undefined): s is number => typeof s === 'number';
const str = (s: PathSegment | undefined): s is string => typeof s === 'string';

/**
 * What a scalar at `path` of a document of `kind` means: the table of every place a policy file
 * names a permission, set, fragment, guard, scope, seat or resource type, or holds a condition.
 * Hover, completion, definition, references and rename all read positions through this one
 * table, so they agree on what a name is.
 */
export function classify(
  kind: Kind | undefined,
  path: readonly PathSegment[],
  onKey: boolean,
  scalar: YScalar,
): Classified | undefined {
  if (!kind) return undefined;
  const value = scalar.value;
  const name = typeof value === 'string' ? value : value === null ? '' : String(value);
  const sym = (k: SymbolKind, declaration: boolean, permission?: string): SymbolRef => {
    const ref: SymbolRef = {
      type: 'symbol',
      kind: k,
      name,
      span: scalar.span,
      declaration,
      pattern: k === 'permission' && name.split('.').includes('*'),
    };
    if (permission !== undefined) ref.permission = permission;
    return ref;
  };
  const [a, b, c, d, e, f] = path;
  const n = path.length;
  switch (kind) {
    case 'PermissionSet':
    case 'Fragment': {
      if (onKey) {
        if (n === 2 && a === 'grants') return sym('permission', false);
        return undefined;
      }
      if (n === 1 && a === 'id') return sym(kind === 'Fragment' ? 'fragment' : 'set', true);
      if (kind === 'PermissionSet') {
        if (n === 1 && a === 'extends') return sym('set', false);
        if (a === 'include' && (n === 1 || (n === 2 && num(b)))) return sym('fragment', false);
        if (n === 1 && a === 'seat') return sym('seat', false);
        if (n === 1 && a === 'restrict') return sym('scope', false);
      }
      if (a !== 'grants' || !str(b)) return undefined;
      // grants.K: scope | [scope | {scope, when}] | {scope, when}
      const rest = path.slice(2);
      if (
        rest.length > 0 &&
        rest[rest.length - 1] === 'when' &&
        (rest.length === 1 || (rest.length === 2 && num(rest[0])))
      ) {
        return { type: 'condition', scalar, permission: b };
      }
      const isScope =
        rest.length === 0 ||
        (rest.length === 1 && (num(rest[0]) || rest[0] === 'scope')) ||
        (rest.length === 2 && ((num(rest[0]) && rest[1] === 'scope') || (rest[0] === 'scope' && num(rest[1])))) ||
        (rest.length === 3 && num(rest[0]) && rest[1] === 'scope' && num(rest[2]));
      if (isScope && name !== 'none' && name !== '') return sym('scope', false, b);
      return undefined;
    }
    case 'Catalog': {
      if (a === 'areas' && str(b)) {
        if (n === 3 && c === 'resource' && !onKey) return sym('resource-type', false);
        if (c !== 'permissions' || !str(d)) return undefined;
        if (n === 4 && onKey) return sym('permission', true);
        if (onKey) return n === 6 && e === 'scope_labels' ? sym('scope', false, d) : undefined;
        if (n === 6 && e === 'requires' && num(f)) return sym('permission', false);
        if (n === 6 && e === 'scopes' && num(f)) return sym('scope', false, d);
        if (n === 5 && e === 'resource') return sym('resource-type', false);
        return undefined;
      }
      if (a === 'scopes' && str(b)) {
        if (n === 2 && onKey) return sym('scope', true);
        if (!onKey && n === 4 && c === 'includes' && num(d)) return sym('scope', false);
        if (!onKey && n === 3 && c === 'when') return { type: 'condition', scalar, scope: b };
        return undefined;
      }
      if (a === 'seats' && str(b)) {
        if (n === 2 && onKey) return sym('seat', true);
        if (!onKey && n === 4 && c === 'allows' && num(d)) return sym('permission', false);
        return undefined;
      }
      if (a === 'resources' && str(b) && n === 2 && onKey) return sym('resource-type', true);
      return undefined;
    }
    case 'Guard': {
      if (!onKey && n === 1 && a === 'id') return sym('guard', true);
      if (!onKey && n === 2 && a === 'applies_to' && b === 'seat') return sym('seat', false);
      if (!onKey && n === 3 && a === 'applies_to' && (b === 'sets' || b === 'except') && num(c))
        return sym('set', false);
      if (!onKey && n === 2 && (a === 'never' || a === 'exclusive') && num(b)) return sym('permission', false);
      if (n === 2 && a === 'max_scope' && str(b)) return onKey ? sym('permission', false) : sym('scope', false, b);
      return undefined;
    }
    case 'TestSuite': {
      if (!onKey && n === 4 && a === 'cases' && num(b) && c === 'subject' && d === 'set') return sym('set', false);
      if (!onKey && n === 4 && a === 'fixtures' && b === 'subjects' && str(c) && d === 'set') return sym('set', false);
      if (!onKey && n === 3 && a === 'cases' && num(b) && c === 'permission') return sym('permission', false);
      if (onKey && n === 4 && a === 'cases' && num(b) && c === 'permissions') return sym('permission', false);
      if (!onKey && n === 4 && a === 'cases' && num(b) && c === 'resource' && d === 'type')
        return sym('resource-type', false);
      if (!onKey && n === 4 && a === 'fixtures' && b === 'resources' && str(c) && d === 'type')
        return sym('resource-type', false);
      return undefined;
    }
  }
}
