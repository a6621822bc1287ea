import type { Problem, SourceRef } from '../diagnostics/index.js';
import { makeProblem } from '../diagnostics/index.js';
import type { CatalogDef, Located, PermissionDef, ScopeDef } from '../entities/index.js';
import { patternMatcher } from './permission-pattern.js';

/**
 * The catalog prepared for resolution and checks: scope coverage closed transitively, pattern
 * matches cached, and each permission's resource type settled. Built once per compilation.
 */
export class CatalogIndex {
  /** Scope name to every scope it covers, itself included. */
  private readonly closure = new Map<string, ReadonlySet<string>>();
  private readonly matchCache = new Map<string, readonly string[]>();
  private readonly allowed = new Map<string, ReadonlySet<string>>();
  private readonly dependents = new Map<string, { permission: string; req: Located<string> }[]>();
  /** Scopes that are part of an `includes` cycle. */
  readonly cyclicScopes = new Set<string>();
  /** `from→to` edges already reported as part of a cycle: each is reported once. */
  private readonly reportedEdges = new Set<string>();

  constructor(
    readonly def: CatalogDef | undefined,
    problems: Problem[] = [],
  ) {
    if (!def) return;
    for (const name of def.scopes.keys()) this.closeScope(name, [], problems);
    for (const p of def.permissions.values()) {
      this.allowed.set(p.id, new Set(p.scopes.map((s) => s.value)));
      for (const req of p.requires) {
        const list = this.dependents.get(req.value) ?? [];
        list.push({ permission: p.id, req });
        this.dependents.set(req.value, list);
      }
    }
  }

  /** The permissions that list `permission` in their `requires`, with the entry that does. */
  requiredBy(permission: string): readonly { permission: string; req: Located<string> }[] {
    return this.dependents.get(permission) ?? [];
  }

  /** The permission, if declared. */
  permission(id: string): PermissionDef | undefined {
    return this.def?.permissions.get(id);
  }

  /** Every permission id in catalog order. */
  permissionIds(): IterableIterator<string> {
    return (this.def?.permissions ?? new Map<string, PermissionDef>()).keys();
  }

  /** The scope, if declared. */
  scope(name: string): ScopeDef | undefined {
    return this.def?.scopes.get(name);
  }

  /** Whether a permission may be granted in a scope. */
  allows(permission: string, scope: string): boolean {
    return this.allowed.get(permission)?.has(scope) ?? false;
  }

  /** Whether scope `a` covers scope `b` (equal, or `b` is reachable through `includes`). */
  covers(a: string, b: string): boolean {
    return a === b || (this.closure.get(a)?.has(b) ?? false);
  }

  /** Every scope `name` covers, itself included. */
  coverage(name: string): ReadonlySet<string> {
    return this.closure.get(name) ?? new Set([name]);
  }

  /** The permission ids a pattern (or plain id) matches, in catalog order; cached. */
  matches(pattern: string): readonly string[] {
    let found = this.matchCache.get(pattern);
    if (!found) {
      const m = patternMatcher(pattern);
      found = [...this.permissionIds()].filter(m);
      this.matchCache.set(pattern, found);
    }
    return found;
  }

  /** The resource type a permission is checked on (its own, else its area's). */
  resourceTypeOf(permission: string): string | undefined {
    const p = this.permission(permission);
    if (!p) return undefined;
    return p.resource?.value ?? this.def?.areas.get(p.area)?.resource?.value;
  }

  private closeScope(name: string, stack: string[], problems: Problem[]): ReadonlySet<string> {
    const done = this.closure.get(name);
    if (done) return done;
    const def = this.def!.scopes.get(name);
    const out = new Set<string>([name]);
    if (!def) return out;
    if (stack.includes(name)) {
      this.reportCycle(stack.slice(stack.indexOf(name)), problems);
      return out;
    }
    stack.push(name);
    for (const inc of def.includes) {
      if (inc.value === name) {
        this.reportCycle([name], problems);
        continue;
      }
      for (const s of this.closeScope(inc.value, stack, problems)) out.add(s);
    }
    stack.pop();
    // A scope inside a cycle keeps a partial closure; it is reported, and later lookups stay finite.
    this.closure.set(name, out);
    return out;
  }

  private reportCycle(cycle: string[], problems: Problem[]): void {
    const scopes = this.def!.scopes;
    const uri = this.def!.origin.uri;
    const edgeOf = (from: string, to: string): SourceRef | undefined => {
      const inc = scopes.get(from)?.includes.find((i) => i.value === to);
      return inc ? { uri, span: inc.span } : undefined;
    };
    const path = [...cycle, cycle[0]!].join(' → ');
    cycle.forEach((from, i) => {
      this.cyclicScopes.add(from);
      const to = cycle[(i + 1) % cycle.length]!;
      const at = edgeOf(from, to);
      if (!at || this.reportedEdges.has(`${from}→${to}`)) return;
      this.reportedEdges.add(`${from}→${to}`);
      const related = cycle
        .filter((other) => other !== from)
        .map((other) => ({ other, at: edgeOf(other, cycle[(cycle.indexOf(other) + 1) % cycle.length]!) }))
        .filter((x): x is { other: string; at: SourceRef } => x.at !== undefined)
        .map((x) => ({ at: x.at, message: `scope '${x.other}' continues the cycle here` }));
      problems.push(makeProblem('includes-cycle', `Scopes include each other in a cycle: ${path}.`, at, { related }));
    });
  }
}
