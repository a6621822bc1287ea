import type { Span } from '../diagnostics/index.js';
import type { YNode, YScalar } from '../load/index.js';
import type { AttrType } from '../conditions/index.js';

/** A value with the span it was written at. */
export interface Located<T> {
  value: T;
  span: Span;
}

/** Where an entity is defined: file, document and the document's span. */
export interface Origin {
  uri: string;
  /** 0-based index of the YAML document in its file. */
  document: number;
  /** The whole document. */
  span: Span;
  /** The `kind` key's span: where file-level problems about the entity point. */
  kindSpan: Span;
}

/** A condition as written: its text and the scalar it came from (for exact diagnostics). */
export interface ConditionSource {
  text: string;
  scalar: YScalar;
  uri: string;
}

/** A declared attribute of the subject, the context or a resource type. */
export interface AttributeDef {
  name: string;
  /** Undefined when the written type is not one of the allowed ones (the schema reported it). */
  type: AttrType | undefined;
  span: Span;
}

/** A resource type of the catalog. */
export interface ResourceTypeDef {
  name: string;
  nameSpan: Span;
  label: string | undefined;
  description: string | undefined;
  attributes: Map<string, AttributeDef>;
}

/** A named scope of the catalog. */
export interface ScopeDef {
  name: string;
  nameSpan: Span;
  label: string;
  description: string | undefined;
  when: ConditionSource | undefined;
  includes: Located<string>[];
}

/** A seat type of the catalog. */
export interface SeatDef {
  name: string;
  nameSpan: Span;
  label: string;
  description: string | undefined;
  paid: boolean;
  customizable: boolean;
  /** `undefined`: every permission is allowed. */
  allows: Located<string>[] | undefined;
}

/** A product area of the catalog. */
export interface AreaDef {
  id: string;
  idSpan: Span;
  label: string;
  description: string | undefined;
  resource: Located<string> | undefined;
  /** Permission ids in written order. */
  permissions: string[];
}

/** A permission of the catalog. */
export interface PermissionDef {
  id: string;
  idSpan: Span;
  /** The whole `id: {...}` entry, from the key to the end of the value. */
  entrySpan: Span;
  area: string;
  label: string;
  /** The product's label per scope (`all: View all budgets`), where it has one toggle per scope. */
  scopeLabels: Map<string, Located<string> & { scopeSpan: Span }>;
  description: string | undefined;
  scopes: Located<string>[];
  requires: Located<string>[];
  sensitive: boolean;
  /** The permission's own `resource`, if it overrides the area's. */
  resource: Located<string> | undefined;
  uri: string;
}

/** The catalog (exactly one per project). */
export interface CatalogDef {
  kind: 'Catalog';
  origin: Origin;
  description: string | undefined;
  subjectAttributes: Map<string, AttributeDef>;
  contextAttributes: Map<string, AttributeDef>;
  resources: Map<string, ResourceTypeDef>;
  scopes: Map<string, ScopeDef>;
  seats: Map<string, SeatDef>;
  areas: Map<string, AreaDef>;
  /** Every permission in written order; the first definition of a duplicated id wins. */
  permissions: Map<string, PermissionDef>;
  /** Later definitions of an id already in `permissions` (reported as duplicates). */
  duplicatePermissions: PermissionDef[];
}

/** One scope granted by a grant entry. */
export interface ScopeGrantDef {
  scope: string;
  span: Span;
  when: ConditionSource | undefined;
}

/** The value of a grant entry: `none`, or one or more scopes. */
export type GrantValue = { none: true; span: Span } | { none: false; scopes: ScopeGrantDef[]; span: Span };

/** One entry of a `grants` mapping. */
export interface GrantEntry {
  /** The permission id or pattern as written. */
  key: string;
  keySpan: Span;
  /** From the key to the end of the value: what a "remove this grant" fix deletes. */
  entrySpan: Span;
  isPattern: boolean;
  value: GrantValue;
  uri: string;
}

/** The common part of sets and fragments: an id and grants. */
export interface GrantOwnerDef {
  origin: Origin;
  id: Located<string>;
  description: string | undefined;
  grants: GrantEntry[];
  /**
   * The `grants` key and the layout of its mapping, where "add a grant" fixes insert: a block
   * mapping's first key (for its indentation) and the end of its last entry. Kept as offsets,
   * not nodes, so a compiled project does not retain every file's YAML tree.
   */
  grantsKey:
    | { span: Span; block: { firstKeyStart: number; lastEnd: number } | undefined; flow: boolean; flowEnd?: number }
    | undefined;
}

/** A permission set as written. */
export interface PermissionSetDef extends GrantOwnerDef {
  kind: 'PermissionSet';
  name: Located<string> | undefined;
  system: boolean;
  seat: Located<string> | undefined;
  extends: Located<string> | undefined;
  include: Located<string>[];
  restrict: Located<string> | undefined;
}

/** A fragment as written. */
export interface FragmentDef extends GrantOwnerDef {
  kind: 'Fragment';
}

/** A guard as written (semantics are the `guards` check's). */
export interface GuardDef {
  kind: 'Guard';
  origin: Origin;
  id: Located<string>;
  description: string | undefined;
  appliesTo:
    | { seat: Located<string>; sets?: undefined; except?: undefined }
    | { sets: Located<string>[]; seat?: undefined; except?: undefined }
    | { except: Located<string>[]; seat?: undefined; sets?: undefined }
    | undefined;
  never: Located<string>[];
  exclusive: Located<string>[];
  maxScope: { pattern: Located<string>; scope: Located<string> }[];
}

/** A JSON value written in a test (a subject, resource or context), with its tree for positions. */
export interface TestValue {
  value: Record<string, unknown>;
  node: YNode;
}

/** A subject or resource of a test case: inline, or the name of a fixture. */
export type TestValueRef =
  { fixture: Located<string>; inline?: undefined } | { inline: TestValue; fixture?: undefined };

/** One expectation of a test case: a permission and the decision expected. */
export interface TestCheckDef {
  permission: Located<string>;
  expect: Located<'allow' | 'deny'>;
}

/** One test case (a single check, or the table form with several). */
export interface TestCaseDef {
  /** 0-based position in `cases`. */
  index: number;
  span: Span;
  name: string | undefined;
  subject: TestValueRef | undefined;
  resource: TestValueRef | undefined;
  context: TestValue | undefined;
  checks: TestCheckDef[];
  only: boolean;
  skip: boolean;
}

/** A named fixture of a test suite. */
export interface TestFixtureDef extends TestValue {
  name: string;
  nameSpan: Span;
}

/** A test suite as written. */
export interface TestSuiteDef {
  kind: 'TestSuite';
  origin: Origin;
  name: Located<string> | undefined;
  description: string | undefined;
  subjects: Map<string, TestFixtureDef>;
  resources: Map<string, TestFixtureDef>;
  /** The default context of every case. */
  context: TestValue | undefined;
  cases: TestCaseDef[];
}

/** Any entity a document defines. */
export type EntityDef = CatalogDef | PermissionSetDef | FragmentDef | GuardDef | TestSuiteDef;
