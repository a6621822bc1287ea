import type { Span } from '../diagnostics/index.js';
import type { ParsedDocument, YNode } from '../load/index.js';
import { entryOf } from '../load/index.js';
import type { Kind } from '../validate/index.js';
import type { AttrType } from '../conditions/index.js';
import { toValue } from '../load/index.js';
import type {
  AttributeDef,
  CatalogDef,
  ConditionSource,
  EntityDef,
  GrantEntry,
  GrantOwnerDef,
  GrantValue,
  GuardDef,
  Origin,
  PermissionDef,
  ScopeGrantDef,
  TestCaseDef,
  TestFixtureDef,
  TestSuiteDef,
  TestValue,
  TestValueRef,
} from './entity-types.js';
import {
  entrySpan,
  readBoolean,
  readEntries,
  readString,
  readStringList,
  readStringScalar,
  stringOf,
} from './yaml-read.js';

const ATTR_TYPES = new Set(['string', 'number', 'boolean', 'string[]', 'number[]']);

/**
 * Builds the entity a validated document defines, leniently: whatever is well-formed is kept,
 * the rest is skipped (the schema already reported it).
 */
export function buildEntity(uri: string, doc: ParsedDocument, kind: Kind): EntityDef | undefined {
  const root = doc.root;
  if (!root || root.kind !== 'map') return undefined;
  const kindEntry = entryOf(root, 'kind')!;
  const origin: Origin = { uri, document: doc.index, span: doc.span, kindSpan: kindEntry.key.span };
  switch (kind) {
    case 'Catalog':
      return buildCatalog(uri, root, origin);
    case 'PermissionSet': {
      const owner = buildGrantOwner(uri, root, origin);
      if (!owner) return undefined;
      return {
        kind: 'PermissionSet',
        ...owner,
        name: readString(root, 'name'),
        system: readBoolean(root, 'system') ?? false,
        seat: readString(root, 'seat'),
        extends: readString(root, 'extends'),
        include: readStringList(root, 'include') ?? [],
        restrict: readString(root, 'restrict'),
      };
    }
    case 'Fragment': {
      const owner = buildGrantOwner(uri, root, origin);
      return owner ? { kind: 'Fragment', ...owner } : undefined;
    }
    case 'Guard':
      return buildGuard(root, origin);
    case 'TestSuite':
      return buildTestSuite(root, origin);
  }
}

function buildGrantOwner(uri: string, root: YNode, origin: Origin): GrantOwnerDef | undefined {
  const id = readString(root, 'id');
  if (!id) return undefined;
  const grantsEntry = entryOf(root, 'grants');
  const grants: GrantEntry[] = [];
  for (const e of readEntries(root, 'grants')) {
    const value = buildGrantValue(uri, e.value);
    if (!value) continue;
    grants.push({
      key: e.name,
      keySpan: e.key.span,
      entrySpan: entrySpan(e),
      isPattern: e.name.split('.').includes('*'),
      value,
      uri,
    });
  }
  return {
    origin,
    id,
    description: readString(root, 'description')?.value,
    grants,
    grantsKey: grantsEntry ? grantsLayout(grantsEntry.key.span, grantsEntry.value) : undefined,
  };
}

function grantsLayout(span: Span, node: YNode): NonNullable<GrantOwnerDef['grantsKey']> {
  if (node.kind !== 'map') return { span, block: undefined, flow: false };
  const first = node.entries[0];
  const last = node.entries[node.entries.length - 1];
  const block =
    !node.flow && first && last
      ? { firstKeyStart: first.key.span[0], lastEnd: Math.max(last.value.span[1], last.key.span[1]) }
      : undefined;
  // A flow mapping's span ends after its `}`: where a fix inserts a new entry.
  return node.flow ? { span, block, flow: true, flowEnd: node.span[1] } : { span, block, flow: node.flow };
}

function buildGrantValue(uri: string, node: YNode): GrantValue | undefined {
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string') return undefined;
    if (node.value === 'none') return { none: true, span: node.span };
    return { none: false, scopes: [{ scope: node.value, span: node.span, when: undefined }], span: node.span };
  }
  const scopes: ScopeGrantDef[] = [];
  const items = node.kind === 'seq' ? node.items : [node];
  for (const item of items) {
    if (item.kind === 'scalar' && typeof item.value === 'string') {
      scopes.push({ scope: item.value, span: item.span, when: undefined });
    } else if (item.kind === 'map') {
      const scalar = readStringScalar(item, 'when');
      const when: ConditionSource | undefined = scalar ? { text: scalar.value as string, scalar, uri } : undefined;
      for (const s of readStringList(item, 'scope') ?? []) scopes.push({ scope: s.value, span: s.span, when });
    }
  }
  return scopes.length ? { none: false, scopes, span: node.span } : undefined;
}

function buildCatalog(uri: string, root: YNode, origin: Origin): CatalogDef {
  const attributes = (node: YNode | undefined): Map<string, AttributeDef> => {
    const out = new Map<string, AttributeDef>();
    for (const e of readEntries(node, 'attributes')) {
      const t =
        e.value.kind === 'scalar' && typeof e.value.value === 'string' && ATTR_TYPES.has(e.value.value)
          ? (e.value.value as AttrType)
          : undefined;
      out.set(e.name, { name: e.name, type: t, span: e.key.span });
    }
    return out;
  };
  const catalog: CatalogDef = {
    kind: 'Catalog',
    origin,
    description: readString(root, 'description')?.value,
    subjectAttributes: attributes(entryOf(root, 'subject')?.value),
    contextAttributes: attributes(entryOf(root, 'context')?.value),
    resources: new Map(),
    scopes: new Map(),
    seats: new Map(),
    areas: new Map(),
    permissions: new Map(),
    duplicatePermissions: [],
  };
  for (const e of readEntries(root, 'resources')) {
    catalog.resources.set(e.name, {
      name: e.name,
      nameSpan: e.key.span,
      label: readString(e.value, 'label')?.value,
      description: readString(e.value, 'description')?.value,
      attributes: attributes(e.value),
    });
  }
  for (const e of readEntries(root, 'scopes')) {
    const scalar = readStringScalar(e.value, 'when');
    catalog.scopes.set(e.name, {
      name: e.name,
      nameSpan: e.key.span,
      label: readString(e.value, 'label')?.value ?? e.name,
      description: readString(e.value, 'description')?.value,
      when: scalar ? { text: scalar.value as string, scalar, uri } : undefined,
      includes: readStringList(e.value, 'includes') ?? [],
    });
  }
  for (const e of readEntries(root, 'seats')) {
    catalog.seats.set(e.name, {
      name: e.name,
      nameSpan: e.key.span,
      label: readString(e.value, 'label')?.value ?? e.name,
      description: readString(e.value, 'description')?.value,
      paid: readBoolean(e.value, 'paid') ?? true,
      customizable: readBoolean(e.value, 'customizable') ?? true,
      allows: readStringList(e.value, 'allows'),
    });
  }
  for (const a of readEntries(root, 'areas')) {
    const area = {
      id: a.name,
      idSpan: a.key.span,
      label: readString(a.value, 'label')?.value ?? a.name,
      description: readString(a.value, 'description')?.value,
      resource: readString(a.value, 'resource'),
      permissions: [] as string[],
    };
    catalog.areas.set(a.name, area);
    for (const p of readEntries(a.value, 'permissions')) {
      const perm: PermissionDef = {
        id: p.name,
        idSpan: p.key.span,
        entrySpan: entrySpan(p),
        area: a.name,
        label: readString(p.value, 'label')?.value ?? p.name,
        scopeLabels: new Map(
          readEntries(p.value, 'scope_labels').flatMap((e) => {
            const label = stringOf(e.value);
            return label ? [[e.name, { ...label, scopeSpan: e.key.span }] as const] : [];
          }),
        ),
        description: readString(p.value, 'description')?.value,
        scopes: readStringList(p.value, 'scopes') ?? [],
        requires: readStringList(p.value, 'requires') ?? [],
        sensitive: readBoolean(p.value, 'sensitive') ?? false,
        resource: readString(p.value, 'resource'),
        uri,
      };
      if (catalog.permissions.has(p.name)) {
        catalog.duplicatePermissions.push(perm);
        continue;
      }
      catalog.permissions.set(p.name, perm);
      area.permissions.push(p.name);
    }
  }
  return catalog;
}

function buildGuard(root: YNode, origin: Origin): GuardDef | undefined {
  const id = readString(root, 'id');
  if (!id) return undefined;
  const applies = entryOf(root, 'applies_to')?.value;
  const seat = readString(applies, 'seat');
  const sets = readStringList(applies, 'sets');
  const except = readStringList(applies, 'except');
  const maxScope: GuardDef['maxScope'] = [];
  for (const e of readEntries(root, 'max_scope')) {
    const scope = stringOf(e.value);
    if (scope) maxScope.push({ pattern: { value: e.name, span: e.key.span as Span }, scope });
  }
  return {
    kind: 'Guard',
    origin,
    id,
    description: readString(root, 'description')?.value,
    appliesTo: seat ? { seat } : sets ? { sets } : except ? { except } : undefined,
    never: readStringList(root, 'never') ?? [],
    exclusive: readStringList(root, 'exclusive') ?? [],
    maxScope,
  };
}

function testValue(node: YNode | undefined): TestValue | undefined {
  if (!node || node.kind !== 'map') return undefined;
  return { value: toValue(node) as Record<string, unknown>, node };
}

function testValueRef(node: YNode | undefined): TestValueRef | undefined {
  if (!node) return undefined;
  const fixture = stringOf(node);
  if (fixture) return { fixture };
  const inline = testValue(node);
  return inline ? { inline } : undefined;
}

function buildTestSuite(root: YNode, origin: Origin): TestSuiteDef {
  const fixturesNode = entryOf(root, 'fixtures')?.value;
  const fixtures = (name: string): Map<string, TestFixtureDef> => {
    const out = new Map<string, TestFixtureDef>();
    for (const e of readEntries(fixturesNode, name)) {
      const v = testValue(e.value);
      if (v) out.set(e.name, { ...v, name: e.name, nameSpan: e.key.span });
    }
    return out;
  };
  const cases: TestCaseDef[] = [];
  const casesNode = entryOf(root, 'cases')?.value;
  if (casesNode?.kind === 'seq') {
    casesNode.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      const checks: TestCaseDef['checks'] = [];
      const permission = readString(item, 'permission');
      const expect = readString(item, 'expect');
      if (permission && expect && (expect.value === 'allow' || expect.value === 'deny')) {
        checks.push({ permission, expect: expect as { value: 'allow' | 'deny'; span: Span } });
      }
      for (const e of readEntries(item, 'permissions')) {
        const d = stringOf(e.value);
        if (d && (d.value === 'allow' || d.value === 'deny'))
          checks.push({
            permission: { value: e.name, span: e.key.span },
            expect: d as { value: 'allow' | 'deny'; span: Span },
          });
      }
      cases.push({
        index,
        span: item.span,
        name: readString(item, 'name')?.value,
        subject: testValueRef(entryOf(item, 'subject')?.value),
        resource: testValueRef(entryOf(item, 'resource')?.value),
        context: testValue(entryOf(item, 'context')?.value),
        checks,
        only: readBoolean(item, 'only') ?? false,
        skip: readBoolean(item, 'skip') ?? false,
      });
    });
  }
  return {
    kind: 'TestSuite',
    origin,
    name: readString(root, 'name'),
    description: readString(root, 'description')?.value,
    subjects: fixtures('subjects'),
    resources: fixtures('resources'),
    context: testValue(entryOf(fixturesNode, 'context')?.value),
    cases,
  };
}
