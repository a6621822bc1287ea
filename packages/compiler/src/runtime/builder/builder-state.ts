import type { BuilderData, BuilderPermission, BuilderSet } from '../builder-data.js';
import { isPattern, patternMatcher } from '../../resolve/permission-pattern.js';
import type { CustomSetDefinition, DefinitionGrant } from './custom-set-definition.js';

/** Whether a permission is on in the set being built, and in which scopes. */
export interface PermissionChoice {
  on: boolean;
  scopes: string[];
}

/** Why the builder changed a permission the admin did not touch (shown beside it). */
export interface ChangeNote {
  kind: 'turned-on' | 'turned-off' | 'widened' | 'narrowed';
  /** The permission whose change caused this one. */
  by: string;
}

/** The ids of the fields of a definition other than its grants (for diagnostics). */
export type DefinitionField = 'id' | 'name' | 'description' | 'extends';

/**
 * The state of the set being built, with no DOM: the base, the admin's choices per permission,
 * and the dependency handling of the seeds (turning on a permission turns on what it
 * `requires`; turning off a requirement turns off what depends on it). It emits the
 * {@link CustomSetDefinition} of the choices: only the grants that differ from the base.
 *
 * It judges nothing: validity is `withCustomSets`'s (the compiler's rules). The only rules it
 * knows are the ones it needs to offer choices (a permission's scopes, a seat's `allows`, which
 * sets are bases) and to keep `requires` satisfied while the admin clicks.
 */
export class BuilderState {
  readonly permissions: ReadonlyMap<string, BuilderPermission>;
  readonly sets: ReadonlyMap<string, BuilderSet>;
  /** Permissions that require each permission (the reverse of `requires`). */
  private readonly dependents = new Map<string, string[]>();
  private readonly covers = new Map<string, ReadonlySet<string>>();
  private readonly seatAllows = new Map<string, (id: string) => boolean>();

  id = '';
  name = '';
  description = '';
  baseId = '';
  /** Choices of the permissions that differ from the base or were touched. */
  private readonly choices = new Map<string, PermissionChoice>();
  /** Notes of the last change, by permission. */
  readonly notes = new Map<string, ChangeNote>();
  /** Grant keys of a loaded definition the catalog does not know, kept as written. */
  readonly extraGrants = new Map<string, unknown>();
  /** Keys of a loaded definition the builder does not edit (`include`, `restrict`, ...), kept. */
  private extraFields: Record<string, unknown> = {};

  constructor(readonly data: BuilderData) {
    this.permissions = new Map(data.permissions.map((p) => [p.id, p]));
    this.sets = new Map(data.sets.map((s) => [s.id, s]));
    for (const p of data.permissions) {
      for (const r of p.requires) {
        const list = this.dependents.get(r) ?? [];
        list.push(p.id);
        this.dependents.set(r, list);
      }
    }
    for (const s of data.scopes) this.covers.set(s.name, new Set(s.covers));
    for (const seat of data.seats) {
      if (!seat.allows) continue;
      const matchers = seat.allows.map(patternMatcher);
      this.seatAllows.set(seat.name, (id) => matchers.some((m) => m(id)));
    }
  }

  /** The sets offered as bases: the customizable ones first, in the order of the policies. */
  bases(): BuilderSet[] {
    return this.data.sets.filter((s) => s.system);
  }

  base(): BuilderSet | undefined {
    return this.sets.get(this.baseId);
  }

  /** Sets the id, name or description as the admin typed it (a value of another type that was loaded goes). */
  setField(field: 'id' | 'name' | 'description', value: string): void {
    this[field] = value;
    delete this.extraFields[field];
  }

  /** Chooses another base: the admin's choices are kept where they still differ from it. */
  setBase(id: string): void {
    this.baseId = id;
    delete this.extraFields['extends'];
    for (const [p, c] of [...this.choices]) if (sameChoice(c, this.baseChoice(p))) this.choices.delete(p);
    this.notes.clear();
  }

  /** Whether the base's seat lets a set grant the permission. */
  allowedBySeat(permission: string): boolean {
    const seat = this.base()?.seat;
    const allows = seat ? this.seatAllows.get(seat) : undefined;
    return allows ? allows(permission) : true;
  }

  /** What the base grants on a permission. */
  baseChoice(permission: string): PermissionChoice {
    const scopes = this.base()?.grants[permission];
    return scopes ? { on: true, scopes: scopes.map((s) => s.scope) } : { on: false, scopes: [] };
  }

  /** Whether the base's grant of a permission carries a condition (kept while unchanged). */
  baseConditional(permission: string): boolean {
    return this.base()?.grants[permission]?.some((s) => s.conditional) ?? false;
  }

  choice(permission: string): PermissionChoice {
    return this.choices.get(permission) ?? this.baseChoice(permission);
  }

  /** Whether the set differs from its base on a permission. */
  changed(permission: string): boolean {
    const c = this.choices.get(permission);
    return c !== undefined && !sameChoice(c, this.baseChoice(permission));
  }

  /**
   * The scope choices a permission offers: each scope it allows, plus the current combination
   * when it holds several (`own` and `member` from a base). Empty when the seat disallows it.
   */
  scopeOptions(permission: string): string[][] {
    const p = this.permissions.get(permission);
    if (!p || !this.allowedBySeat(permission)) return [];
    const options = p.scopes.map((s) => [s]);
    const current = this.choice(permission).scopes;
    if (current.length > 1) options.push(current);
    return options;
  }

  /** Turns a permission on (in its current scopes, or its narrowest) or off, with the seeds' dependency handling. */
  toggle(permission: string, on: boolean): void {
    this.notes.clear();
    const p = this.permissions.get(permission);
    if (!p) return;
    if (on) {
      const current = this.choice(permission);
      this.set(permission, { on: true, scopes: current.scopes.length ? current.scopes : [this.narrowest(p.scopes)] });
      this.satisfyRequirements(permission, new Set([permission]));
    } else {
      this.set(permission, { on: false, scopes: [] });
      this.dropDependents(permission, new Set([permission]));
    }
  }

  /** Grants a permission in other scopes (it is turned on if it was off). */
  setScopes(permission: string, scopes: readonly string[]): void {
    this.notes.clear();
    const p = this.permissions.get(permission);
    if (!p) return;
    const valid = scopes.filter((s) => p.scopes.includes(s));
    if (!valid.length) return;
    this.set(permission, { on: true, scopes: [...new Set(valid)] });
    this.satisfyRequirements(permission, new Set([permission]));
    this.dropDependents(permission, new Set([permission]));
  }

  /** The definition of the set as it stands. */
  definition(): CustomSetDefinition {
    const grants: Record<string, DefinitionGrant> = {};
    for (const p of this.data.permissions) {
      if (!this.changed(p.id)) continue;
      const c = this.choice(p.id);
      grants[p.id] = !c.on ? 'none' : c.scopes.length === 1 ? c.scopes[0]! : [...c.scopes];
    }
    for (const [key, value] of this.extraGrants) setOwn(grants, key, value);
    const out: CustomSetDefinition = { id: this.id, name: this.name, extends: this.baseId };
    if (this.description) out.description = this.description;
    for (const [key, desc] of ownProperties(this.extraFields)) Object.defineProperty(out, key, { ...desc, enumerable: true, configurable: true });
    if (Object.keys(grants).length) out.grants = grants;
    return out;
  }

  /**
   * Starts from an existing definition (anything: it comes from a product's database). Grants
   * on catalog permissions become choices (a wildcard is spelled out into the permissions it
   * names that allow its scope; an explicit key beats a wildcard, as in the language); anything
   * else is kept as written so `withCustomSets` reports it.
   */
  load(definition: unknown): void {
    this.choices.clear();
    this.notes.clear();
    this.extraGrants.clear();
    this.extraFields = {};
    // Read without calling a getter: a definition from a product's database may be anything.
    const props = ownProperties(definition);
    const valueOf = (key: string) => {
      const desc = props.get(key);
      return desc && 'value' in desc ? (desc.value as unknown) : undefined;
    };
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    this.id = text(valueOf('id'));
    this.name = text(valueOf('name'));
    this.description = text(valueOf('description'));
    this.baseId = text(valueOf('extends'));
    const grants = valueOf('grants');
    const grantsEdited = typeof grants === 'object' && grants !== null && !Array.isArray(grants);
    for (const [key, desc] of props) {
      // A field of the wrong type (or an accessor) is kept as loaded (the fields show it empty)
      // until the admin sets it, so withCustomSets reports what the product stored.
      const kept = ['id', 'name', 'description', 'extends'].includes(key) ? !('value' in desc) || typeof desc.value !== 'string' : key === 'grants' ? !grantsEdited : true;
      if (kept && !('value' in desc && desc.value === undefined)) Object.defineProperty(this.extraFields, key, { ...desc, enumerable: true, configurable: true });
    }
    if (!grantsEdited) return;
    const entries = [...ownProperties(grants)].map(([key, desc]): [string, unknown] => [key, 'value' in desc ? desc.value : undefined]);
    const apply = (id: string, value: unknown, wildcard: boolean): boolean => {
      const p = this.permissions.get(id);
      if (!p) return false;
      if (value === 'none') {
        this.choices.set(id, { on: false, scopes: [] });
        return true;
      }
      const list = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
      if (!list || list.length === 0) return false;
      const allowed = list.filter((s) => p.scopes.includes(s));
      // A wildcard reaches only the permissions that allow its scope; an explicit key with a
      // scope the permission lacks stays as written, for the diagnostic.
      if (allowed.length !== list.length) return wildcard ? allowed.length > 0 && (this.choices.set(id, { on: true, scopes: allowed }), true) : false;
      this.choices.set(id, { on: true, scopes: [...new Set(list)] });
      return true;
    };
    const explicit = new Set(entries.filter(([k]) => !isPattern(k)).map(([k]) => k));
    for (const [key, value] of entries) {
      if (isPattern(key)) {
        const matches = patternMatcher(key);
        let any = false;
        for (const p of this.data.permissions) if (!explicit.has(p.id) && matches(p.id)) any = apply(p.id, value, true) || any;
        if (!any) this.extraGrants.set(key, value);
      } else if (!apply(key, value, false)) this.extraGrants.set(key, value);
    }
  }

  /** Removes a grant key of a loaded definition that the catalog does not know. */
  dropExtraGrant(key: string): void {
    this.extraGrants.delete(key);
  }

  private set(permission: string, choice: PermissionChoice): void {
    this.choices.set(permission, choice);
  }

  /** The scope that covers the fewest others: where a newly turned-on permission starts. */
  private narrowest(scopes: readonly string[]): string {
    let best = scopes[0] ?? '';
    for (const s of scopes) if ((this.covers.get(s)?.size ?? 0) < (this.covers.get(best)?.size ?? 0)) best = s;
    return best;
  }

  private coveredBy(scopes: readonly string[], scope: string): boolean {
    return scopes.some((s) => s === scope || this.covers.get(s)?.has(scope));
  }

  /**
   * The language's `requires` rule, applied forwards: for each scope granted on `permission`,
   * a required permission that allows that scope gets a scope covering it; one that does not
   * is turned on at all.
   */
  private satisfyRequirements(permission: string, seen: Set<string>): void {
    const p = this.permissions.get(permission);
    const c = this.choice(permission);
    if (!p || !c.on) return;
    for (const r of p.requires) {
      const q = this.permissions.get(r);
      if (!q || seen.has(r) || !this.allowedBySeat(r)) continue;
      const qc = this.choice(r);
      const missing = c.scopes.filter((s) => q.scopes.includes(s) && !(qc.on && this.coveredBy(qc.scopes, s)));
      if (qc.on && missing.length === 0) continue;
      const scopes = qc.on ? this.normalize([...qc.scopes, ...missing]) : missing.length ? this.normalize(missing) : [this.narrowest(q.scopes)];
      this.set(r, { on: true, scopes });
      this.notes.set(r, { kind: qc.on ? 'widened' : 'turned-on', by: permission });
      seen.add(r);
      this.satisfyRequirements(r, seen);
    }
  }

  /** After a requirement was turned off or narrowed, its dependents keep only what it still covers. */
  private dropDependents(permission: string, seen: Set<string>): void {
    const c = this.choice(permission);
    for (const d of this.dependents.get(permission) ?? []) {
      if (seen.has(d)) continue;
      const dc = this.choice(d);
      if (!dc.on) continue;
      const q = this.permissions.get(permission)!;
      const dp = this.permissions.get(d)!;
      const ok = (s: string) => !q.scopes.includes(s) || this.coveredBy(c.scopes, s);
      // A scope the requirement no longer covers gives way to the narrower scopes of the
      // dependent that it still covers (`all` becomes `member`), else it goes.
      const kept = c.on ? this.normalize(dc.scopes.flatMap((s) => (ok(s) ? [s] : dp.scopes.filter((n) => n !== s && this.covers.get(s)?.has(n) && ok(n))))) : [];
      if (kept.length === dc.scopes.length && kept.every((s) => dc.scopes.includes(s))) continue;
      seen.add(d);
      if (kept.length) {
        this.set(d, { on: true, scopes: kept });
        this.notes.set(d, { kind: 'narrowed', by: permission });
      } else {
        this.set(d, { on: false, scopes: [] });
        this.notes.set(d, { kind: 'turned-off', by: permission });
      }
      this.dropDependents(d, seen);
    }
  }

  /** Drops scopes another listed scope covers (`[own, all]` is `all`). */
  private normalize(scopes: readonly string[]): string[] {
    const unique = [...new Set(scopes)];
    return unique.filter((s) => !unique.some((o) => o !== s && this.covers.get(o)?.has(s)));
  }
}

function sameChoice(a: PermissionChoice, b: PermissionChoice): boolean {
  if (a.on !== b.on) return false;
  if (!a.on) return true;
  return a.scopes.length === b.scopes.length && a.scopes.every((s) => b.scopes.includes(s));
}

/**
 * Sets an own, enumerable property, whatever its name: a definition from a product's database may
 * hold a `__proto__` key, which a plain assignment would take as the object's prototype (losing
 * the key, so `withCustomSets` could not report it, and changing what the object inherits).
 */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The own enumerable properties of a value, by name, read without calling a getter (none for a non-object, or a proxy that throws). */
function ownProperties(value: unknown): Map<string, PropertyDescriptor> {
  if (typeof value !== 'object' || value === null) return new Map();
  try {
    return new Map(Object.entries(Object.getOwnPropertyDescriptors(value)).filter(([, d]) => d.enumerable));
  } catch {
    return new Map();
  }
}
