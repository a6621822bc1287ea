import type { AttrType, AttributeEnv, CatalogIndex, Expr, PathExpr } from '@permset/compiler';
import { ScalarSourceMap, envForPermission, envForScope } from '@permset/compiler';
import type { ConditionRef } from './classify.js';

/** A cursor inside a condition: the condition's text, and the cursor as an index into it. */
export interface ConditionCursor {
  map: ScalarSourceMap;
  text: string;
  /** The cursor as an index into `text` (the scalar's value, not the file). */
  index: number;
}

/** Maps a file offset inside a condition scalar to an index into the condition's text. */
export function conditionCursor(fileText: string, ref: ConditionRef, offset: number): ConditionCursor {
  const map = ScalarSourceMap.of(fileText, ref.scalar);
  const text = map.text;
  // The last character that starts at or before the offset; the end when past every character.
  let index = 0;
  while (index < text.length && map.offsetAt(index) < offset) index++;
  return { map, text, index };
}

/**
 * The attributes a condition may read, as the check stage types it: a grant's condition against
 * its permission's resource type (a pattern's, the first permission it matches), a scope's
 * against every resource type.
 */
export function envOf(catalog: CatalogIndex, ref: ConditionRef): AttributeEnv {
  if (ref.permission === undefined) return envForScope(catalog);
  const permission = ref.permission.split('.').includes('*') ? catalog.matches(ref.permission)[0] : ref.permission;
  return permission ? envForPermission(catalog, permission) : envForScope(catalog);
}

// The attributes every request has whatever the catalog declares. The compiler's
// `attributesOf` (conditions/attribute-env.ts) holds the same table but is not exported yet.
const BUILT_IN: Record<string, ReadonlyMap<string, AttrType>> = {
  subject: new Map<string, AttrType>([
    ['id', 'string'],
    ['set', 'string'],
  ]),
  resource: new Map<string, AttrType>([['type', 'string']]),
  context: new Map<string, AttrType>(),
};

/** The attributes of a path root (`subject`, `resource`, `context`), built-ins included. */
export function attributesOfRoot(env: AttributeEnv, root: string): ReadonlyMap<string, AttrType> | undefined {
  if (root !== 'subject' && root !== 'resource' && root !== 'context') return undefined;
  const declared = env[root];
  if (!declared) return undefined;
  return new Map([...BUILT_IN[root]!, ...declared]);
}

/** The path expression whose text holds `index`, in a (possibly partial) condition AST. */
export function pathAt(expr: Expr | undefined, index: number): PathExpr | undefined {
  const stack: Expr[] = expr ? [expr] : [];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (index < e.span[0] || index > e.span[1]) continue;
    switch (e.kind) {
      case 'path':
        return e;
      case 'has':
        stack.push(e.path);
        break;
      case 'not':
        stack.push(e.operand);
        break;
      case 'compare':
      case 'and':
      case 'or':
        stack.push(e.left, e.right);
        break;
      case 'in':
        stack.push(e.element, e.list);
        break;
      default:
        break;
    }
  }
  return undefined;
}
